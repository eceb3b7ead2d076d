package io.he4j.federated;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.He4jException;
import io.he4j.ckks.Multiparty;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.PublicKey;
import io.he4j.ckks.SecretShare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Threshold mode, one institution's side: its own secret shares (one per chunk of a key group,
 * {@link UpdateLayout#KEY_GROUP}; they never leave the process: they have no serialization), its public-key
 * shares for the collective keys, encryption of its updates under the collective keys (the chunks of a group
 * share one c1; only the group's carrier travels as a full ciphertext, the others as switched c0s), and its
 * decryption shares of an aggregate (smudged: alone they reveal nothing). The coordinator's side (collective
 * keys, combination) is in {@link Aggregator}. Not thread-safe.
 */
public final class ThresholdKey implements AutoCloseable {
    private final CkksContext context = CkksContext.create(KeyMode.THRESHOLD.preset());
    private final List<SecretShare> shares = new ArrayList<>(UpdateLayout.KEY_GROUP);
    private final Encoder encoder = new Encoder(context);
    private final List<PublicKey> collective = new ArrayList<>(UpdateLayout.KEY_GROUP);

    private ThresholdKey() {
        try {
            for (int j = 0; j < UpdateLayout.KEY_GROUP; j++) {
                shares.add(SecretShare.generate(context));
            }
        } catch (RuntimeException e) {
            shares.forEach(SecretShare::close);
            context.close();
            throw e;
        }
    }

    /** Fresh shares (every institution makes its own). */
    public static ThresholdKey generate() {
        return new ThresholdKey();
    }

    /**
     * This institution's public-key shares from the federation's common seed (public bytes): one per secret
     * share, all with the same common reference polynomial, framed by {@link Chunks}.
     */
    public byte[] publicKeyShare(byte[] commonSeed) {
        List<byte[]> out = new ArrayList<>(shares.size());
        for (SecretShare s : shares) {
            try (PublicKey p = s.publicKeyShare(commonSeed)) {
                out.add(p.toBytes());
            }
        }
        return Chunks.encode(out);
    }

    /** Installs the collective public keys published by the coordinator ({@link Aggregator#collectiveKey}). */
    public void useCollectiveKey(byte[] collectiveKey) {
        List<byte[]> keys = Chunks.decode(collectiveKey);
        if (keys.size() != UpdateLayout.KEY_GROUP) {
            throw new FederationException("the collective key holds " + keys.size() + " public keys; expected "
                    + UpdateLayout.KEY_GROUP);
        }
        List<PublicKey> loaded = new ArrayList<>(keys.size());
        try {
            for (byte[] k : keys) {
                loaded.add(PublicKey.fromBytes(context, k));
            }
        } catch (He4jException e) {
            loaded.forEach(PublicKey::close);
            throw new FederationException("the collective public key is malformed: " + e.getMessage());
        }
        collective.forEach(PublicKey::close);
        collective.clear();
        collective.addAll(loaded);
    }

    /**
     * {@code values} (exactly layout.parameters()) encrypted under the collective keys, N coefficients per chunk:
     * per group of {@link UpdateLayout#KEY_GROUP} chunks one shared c1; the carrier chunk as a full ciphertext,
     * the others as their c0 switched to {@link UpdateLayout#shareBits} bits.
     */
    public List<byte[]> encrypt(UpdateLayout layout, double[] values) {
        requireThreshold(layout);
        if (collective.isEmpty()) {
            throw new FederationException("no collective public key yet: every institution must have joined");
        }
        if (values.length != layout.parameters()) {
            throw new FederationException("the layout has " + layout.parameters() + " parameters, got "
                    + values.length);
        }
        int n = layout.ringDegree();
        List<byte[]> out = new ArrayList<>(layout.chunks());
        for (int first = 0; first < layout.chunks(); first += UpdateLayout.KEY_GROUP) {
            int count = Math.min(UpdateLayout.KEY_GROUP, layout.chunks() - first);
            List<Plaintext> pts = new ArrayList<>(count);
            List<Ciphertext> cts = new ArrayList<>(count);
            try {
                for (int j = 0; j < count; j++) {
                    int c = first + j;
                    double[] chunk = Arrays.copyOfRange(values, c * n, Math.min(values.length, (c + 1) * n));
                    pts.add(new Plaintext(context));
                    cts.add(new Ciphertext(context));
                    encoder.encodeCoefficients(chunk, layout.scale(), layout.level(), pts.getLast());
                }
                Multiparty.encryptSharedC1(context, collective.subList(0, count), pts, cts);
                out.add(cts.getFirst().toBytes());
                for (int j = 1; j < count; j++) {
                    out.add(Multiparty.compactC0(context, cts.get(j), layout.shareBits()));
                }
            } finally {
                pts.forEach(Plaintext::close);
                cts.forEach(Ciphertext::close);
            }
        }
        return out;
    }

    /**
     * This institution's compact decryption share ({@link UpdateLayout#shareBits} bits per coefficient) of each
     * chunk of {@code aggregate}: of its carrier's c1 (validated first) under the chunk's secret share.
     */
    public List<byte[]> decryptionShares(UpdateLayout layout, List<byte[]> aggregate) {
        requireThreshold(layout);
        if (aggregate.size() != layout.chunks()) {
            throw new FederationException("expected " + layout.chunks() + " ciphertexts, got " + aggregate.size());
        }
        List<byte[]> out = new ArrayList<>(aggregate.size());
        for (int first = 0; first < aggregate.size(); first += UpdateLayout.KEY_GROUP) {
            try (Ciphertext ct = Aggregator.load(context, layout, aggregate.get(first), "aggregate", first)) {
                for (int c = first; c < Math.min(aggregate.size(), first + UpdateLayout.KEY_GROUP); c++) {
                    out.add(shares.get(c - first).compactDecryptionShare(ct, layout.smudgingBits(),
                            layout.shareBits()));
                }
            }
        }
        return out;
    }

    private static void requireThreshold(UpdateLayout layout) {
        if (layout.mode() != KeyMode.THRESHOLD) {
            throw new FederationException("a threshold key works only with threshold layouts, got " + layout.mode());
        }
    }

    @Override
    public void close() {
        collective.forEach(PublicKey::close);
        shares.forEach(SecretShare::close);
        context.close();
    }

    @Override
    public String toString() {
        return "ThresholdKey[" + shares.size() + " shares, redacted]";
    }
}

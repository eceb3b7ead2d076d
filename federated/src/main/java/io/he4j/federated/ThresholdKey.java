package io.he4j.federated;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Encryptor;
import io.he4j.ckks.He4jException;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.PublicKey;
import io.he4j.ckks.SecretShare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Threshold mode, one institution's side: its own secret share (never leaves the process: it has no
 * serialization), its public-key share for the collective key, encryption of its updates under the collective
 * public key, and its decryption shares of an aggregate (smudged: alone they reveal nothing). The coordinator's
 * side (collective key, combination) is in {@link Aggregator}. Not thread-safe.
 */
public final class ThresholdKey implements AutoCloseable {
    private final CkksContext context = CkksContext.create(KeyMode.THRESHOLD.preset());
    private final SecretShare share;
    private final Encoder encoder = new Encoder(context);
    private PublicKey collective;

    private ThresholdKey() {
        try {
            share = SecretShare.generate(context);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** A fresh share (every institution makes its own). */
    public static ThresholdKey generate() {
        return new ThresholdKey();
    }

    /** This institution's public-key share from the federation's common seed (public bytes). */
    public byte[] publicKeyShare(byte[] commonSeed) {
        try (PublicKey p = share.publicKeyShare(commonSeed)) {
            return p.toBytes();
        }
    }

    /** Installs the collective public key published by the coordinator ({@link Aggregator#collectiveKey}). */
    public void useCollectiveKey(byte[] collectiveKey) {
        PublicKey pk;
        try {
            pk = PublicKey.fromBytes(context, collectiveKey);
        } catch (He4jException e) {
            throw new FederationException("the collective public key is malformed: " + e.getMessage());
        }
        if (collective != null) {
            collective.close();
        }
        collective = pk;
    }

    /** {@code values} (exactly layout.parameters()) encrypted under the collective key, N coefficients each. */
    public List<byte[]> encrypt(UpdateLayout layout, double[] values) {
        requireThreshold(layout);
        if (collective == null) {
            throw new FederationException("no collective public key yet: every institution must have joined");
        }
        if (values.length != layout.parameters()) {
            throw new FederationException("the layout has " + layout.parameters() + " parameters, got "
                    + values.length);
        }
        int n = layout.ringDegree();
        Encryptor encryptor = new Encryptor(context, collective);
        List<byte[]> out = new ArrayList<>(layout.chunks());
        try (Plaintext pt = new Plaintext(context); Ciphertext ct = new Ciphertext(context)) {
            for (int c = 0; c < layout.chunks(); c++) {
                double[] chunk = Arrays.copyOfRange(values, c * n, Math.min(values.length, (c + 1) * n));
                encoder.encodeCoefficients(chunk, layout.scale(), layout.level(), pt);
                out.add(encryptor.encrypt(pt, ct).toBytes());
            }
        }
        return out;
    }

    /**
     * This institution's compact decryption share ({@link UpdateLayout#shareBits} bits per coefficient) of each
     * chunk of {@code aggregate} (validated first).
     */
    public List<byte[]> decryptionShares(UpdateLayout layout, List<byte[]> aggregate) {
        requireThreshold(layout);
        if (aggregate.size() != layout.chunks()) {
            throw new FederationException("expected " + layout.chunks() + " ciphertexts, got " + aggregate.size());
        }
        List<byte[]> out = new ArrayList<>(aggregate.size());
        for (int c = 0; c < aggregate.size(); c++) {
            try (Ciphertext ct = Aggregator.load(context, layout, aggregate.get(c), "aggregate", c)) {
                out.add(share.compactDecryptionShare(ct, layout.smudgingBits(), layout.shareBits()));
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
        if (collective != null) {
            collective.close();
        }
        share.close();
        context.close();
    }

    @Override
    public String toString() {
        return "ThresholdKey[" + share + "]";
    }
}

package io.he4j.federated;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.He4jException;
import io.he4j.ckks.Multiparty;
import io.he4j.ckks.PublicKey;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The coordinator's part, without any key (it cannot decrypt): sums the institutions' encrypted updates chunk
 * by chunk; in threshold mode also aggregates the public-key shares into the collective keys and combines every
 * institution's decryption shares of an aggregate into its values. Every ciphertext is loaded (full validation
 * by the engine) and checked against the layout (level, components, scale) before it is used. Thread-safe.
 */
public final class Aggregator implements AutoCloseable {
    private final Map<KeyMode, CkksContext> contexts = new EnumMap<>(KeyMode.class);

    public Aggregator() {
        for (KeyMode m : KeyMode.values()) {
            contexts.put(m, CkksContext.create(m.preset()));
        }
    }

    /**
     * The sum of {@code updates} (each one institution's chunks, in order): full ciphertexts summed by the
     * evaluator, threshold mode's compact c0s summed mod 2^shareBits (each validated against the layout). Sums
     * of sums are sums: partial aggregates can be summed again.
     */
    public List<byte[]> sum(UpdateLayout layout, List<List<byte[]>> updates) {
        if (updates.isEmpty()) {
            throw new FederationException("nothing to aggregate");
        }
        CkksContext context = contexts.get(layout.mode());
        Evaluator evaluator = new Evaluator(context);
        List<byte[]> out = new ArrayList<>(layout.chunks());
        for (int c = 0; c < layout.chunks(); c++) {
            if (!layout.carrier(c)) {
                List<byte[]> pieces = new ArrayList<>(updates.size());
                for (int u = 0; u < updates.size(); u++) {
                    pieces.add(chunk(layout, updates.get(u), u, c));
                }
                out.add(sumCompact(context, layout, pieces, c));
                continue;
            }
            try (Ciphertext acc = load(context, layout, chunk(layout, updates.getFirst(), 0, c), "update 0", c)) {
                for (int u = 1; u < updates.size(); u++) {
                    try (Ciphertext next = load(context, layout, chunk(layout, updates.get(u), u, c), "update " + u,
                            c)) {
                        evaluator.add(acc, next, acc);
                    }
                }
                out.add(acc.toBytes());
            }
        }
        return out;
    }

    /** The sum of compact c0s of chunk {@code c}; on a defect, names the first update that has it. */
    private static byte[] sumCompact(CkksContext context, UpdateLayout layout, List<byte[]> pieces, int c) {
        try {
            return Multiparty.sumCompact(context, pieces, layout.level(), layout.shareBits(), layout.scale());
        } catch (He4jException e) {
            for (int u = 0; u < pieces.size(); u++) {
                try {
                    Multiparty.sumCompact(context, List.of(pieces.get(u)), layout.level(), layout.shareBits(),
                            layout.scale());
                } catch (He4jException single) {
                    throw new FederationException("update " + u + ", ciphertext " + c + " (a compact c0 at "
                            + layout.shareBits() + " bits, level " + layout.level() + ", scale " + layout.scale()
                            + "): " + single.getMessage());
                }
            }
            throw new FederationException("ciphertext " + c + ": " + e.getMessage());
        }
    }

    /**
     * Threshold mode: the collective public keys from every institution's public-key shares
     * ({@link ThresholdKey#publicKeyShare}: {@link UpdateLayout#KEY_GROUP} keys of the same seed each), framed by
     * {@link Chunks}.
     */
    public byte[] collectiveKey(List<byte[]> publicKeyShares) {
        CkksContext context = contexts.get(KeyMode.THRESHOLD);
        List<List<byte[]>> members = new ArrayList<>(publicKeyShares.size());
        for (int i = 0; i < publicKeyShares.size(); i++) {
            List<byte[]> keys;
            try {
                keys = Chunks.decode(publicKeyShares.get(i));
            } catch (FederationException e) {
                throw new FederationException("public-key share " + i + " is malformed: " + e.getMessage());
            }
            if (keys.size() != UpdateLayout.KEY_GROUP) {
                throw new FederationException("public-key share " + i + " holds " + keys.size() + " keys; expected "
                        + UpdateLayout.KEY_GROUP);
            }
            members.add(keys);
        }
        List<byte[]> out = new ArrayList<>(UpdateLayout.KEY_GROUP);
        for (int j = 0; j < UpdateLayout.KEY_GROUP; j++) {
            List<PublicKey> keys = new ArrayList<>();
            try {
                for (int i = 0; i < members.size(); i++) {
                    try {
                        keys.add(PublicKey.fromBytes(context, members.get(i).get(j)));
                    } catch (He4jException e) {
                        throw new FederationException("public-key share " + i + ", key " + j + " is malformed: "
                                + e.getMessage());
                    }
                }
                try (PublicKey collective = Multiparty.aggregatePublicKey(context, keys)) {
                    out.add(collective.toBytes());
                } catch (He4jException e) {
                    throw new FederationException("cannot aggregate the public-key shares: " + e.getMessage());
                }
            } finally {
                keys.forEach(PublicKey::close);
            }
        }
        // one c1 per group needs one common reference polynomial for all keys (checked again when encrypting)
        return Chunks.encode(out);
    }

    /**
     * Threshold mode: the values of {@code aggregate} from the decryption shares of EVERY institution
     * ({@code shares.get(i)}: institution i's share of each chunk). With a share missing the result is noise
     * of the modulus' size, not the aggregate.
     */
    public double[] combine(UpdateLayout layout, List<byte[]> aggregate, List<List<byte[]>> shares) {
        if (layout.mode() != KeyMode.THRESHOLD) {
            throw new FederationException("decryption shares exist only in threshold mode");
        }
        if (aggregate.size() != layout.chunks() || shares.isEmpty()) {
            throw new FederationException("expected " + layout.chunks() + " aggregate ciphertexts and >= 1 share");
        }
        CkksContext context = contexts.get(KeyMode.THRESHOLD);
        int n = layout.ringDegree();
        double[] out = new double[layout.parameters()];
        for (int c = 0; c < layout.chunks(); c++) {
            List<byte[]> d = new ArrayList<>();
            for (int i = 0; i < shares.size(); i++) {
                d.add(chunk(layout, shares.get(i), i, c));
            }
            int count = Math.min(n, out.length - c * n);
            double[] values;
            if (layout.carrier(c)) {
                try (Ciphertext ct = load(context, layout, aggregate.get(c), "aggregate", c)) {
                    values = Multiparty.combineCompact(context, ct, d, layout.shareBits(), count);
                } catch (He4jException e) {
                    throw new FederationException("decryption shares of chunk " + c + ": " + e.getMessage());
                }
            } else {
                d.addFirst(aggregate.get(c));
                try {
                    values = Multiparty.combineCompactPieces(context, d, layout.shareBits(), count);
                } catch (He4jException e) {
                    throw new FederationException("decryption shares of chunk " + c + ": " + e.getMessage());
                }
            }
            System.arraycopy(values, 0, out, c * n, count);
        }
        return out;
    }

    /**
     * Threshold mode: validates one institution's compact decryption shares of {@code aggregate} (format, level,
     * width; each share is of its chunk's carrier) without combining anything.
     */
    public void checkShares(UpdateLayout layout, List<byte[]> aggregate, List<byte[]> shares) {
        if (layout.mode() != KeyMode.THRESHOLD) {
            throw new FederationException("decryption shares exist only in threshold mode");
        }
        CkksContext context = contexts.get(KeyMode.THRESHOLD);
        for (int first = 0; first < layout.chunks(); first += UpdateLayout.KEY_GROUP) {
            try (Ciphertext ct = load(context, layout, aggregate.get(first), "aggregate", first)) {
                for (int c = first; c < Math.min(layout.chunks(), first + UpdateLayout.KEY_GROUP); c++) {
                    byte[] bytes = chunk(layout, shares, 0, c);
                    try {
                        Multiparty.combineCompact(context, ct, List.of(bytes), layout.shareBits(), 0);
                    } catch (He4jException e) {
                        throw new FederationException("decryption share " + c + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    private static byte[] chunk(UpdateLayout layout, List<byte[]> update, int index, int chunk) {
        if (update.size() != layout.chunks()) {
            throw new FederationException("update " + index + " has " + update.size() + " ciphertexts; the layout "
                    + "of " + layout.parameters() + " parameters has " + layout.chunks());
        }
        return update.get(chunk);
    }

    /** Loads one ciphertext and checks it against the layout. */
    static Ciphertext load(CkksContext context, UpdateLayout layout, byte[] bytes, String what, int chunk) {
        Ciphertext ct;
        try {
            ct = Ciphertext.fromBytes(context, bytes);
        } catch (He4jException e) {
            throw new FederationException(what + ", ciphertext " + chunk + ": " + e.getMessage());
        }
        if (ct.level() != layout.level() || ct.size() != 2
                || Math.abs(ct.scale() - layout.scale()) > 1e-9 * layout.scale()) {
            String got = "level " + ct.level() + ", " + ct.size() + " components, scale " + ct.scale();
            ct.close();
            throw new FederationException(what + ", ciphertext " + chunk + ": " + got + "; the round expects level "
                    + layout.level() + ", 2 components, scale " + layout.scale());
        }
        return ct;
    }

    @Override
    public void close() {
        contexts.values().forEach(CkksContext::close);
    }
}

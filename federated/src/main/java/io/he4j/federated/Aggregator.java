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
 * by chunk; in threshold mode also aggregates the public-key shares into the collective key and combines every
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

    /** The sum of {@code updates} (each one institution's chunks, in order). */
    public List<byte[]> sum(UpdateLayout layout, List<List<byte[]>> updates) {
        if (updates.isEmpty()) {
            throw new FederationException("nothing to aggregate");
        }
        CkksContext context = contexts.get(layout.mode());
        Evaluator evaluator = new Evaluator(context);
        List<byte[]> out = new ArrayList<>(layout.chunks());
        for (int c = 0; c < layout.chunks(); c++) {
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

    /** Threshold mode: the collective public key from every institution's public-key share (same seed). */
    public byte[] collectiveKey(List<byte[]> publicKeyShares) {
        CkksContext context = contexts.get(KeyMode.THRESHOLD);
        List<PublicKey> keys = new ArrayList<>();
        try {
            for (int i = 0; i < publicKeyShares.size(); i++) {
                try {
                    keys.add(PublicKey.fromBytes(context, publicKeyShares.get(i)));
                } catch (He4jException e) {
                    throw new FederationException("public-key share " + i + " is malformed: " + e.getMessage());
                }
            }
            try (PublicKey collective = Multiparty.aggregatePublicKey(context, keys)) {
                return collective.toBytes();
            } catch (He4jException e) {
                throw new FederationException("cannot aggregate the public-key shares: " + e.getMessage());
            }
        } finally {
            keys.forEach(PublicKey::close);
        }
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
            try (Ciphertext ct = load(context, layout, aggregate.get(c), "aggregate", c)) {
                int count = Math.min(n, out.length - c * n);
                double[] values = Multiparty.combineCompact(context, ct, d, layout.shareBits(), count);
                System.arraycopy(values, 0, out, c * n, count);
            } catch (He4jException e) {
                throw new FederationException("decryption shares of chunk " + c + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * Threshold mode: validates one institution's compact decryption shares of {@code aggregate} (format, level,
     * width) without combining anything.
     */
    public void checkShares(UpdateLayout layout, List<byte[]> aggregate, List<byte[]> shares) {
        if (layout.mode() != KeyMode.THRESHOLD) {
            throw new FederationException("decryption shares exist only in threshold mode");
        }
        CkksContext context = contexts.get(KeyMode.THRESHOLD);
        for (int c = 0; c < layout.chunks(); c++) {
            byte[] bytes = chunk(layout, shares, 0, c);
            try (Ciphertext ct = load(context, layout, aggregate.get(c), "aggregate", c)) {
                Multiparty.combineCompact(context, ct, List.of(bytes), layout.shareBits(), 0);
            } catch (He4jException e) {
                throw new FederationException("decryption share " + c + ": " + e.getMessage());
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

package io.he4j.federated;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.He4jException;

import java.util.ArrayList;
import java.util.List;

/**
 * The coordinator's part: sums the institutions' encrypted updates chunk by chunk, without any key (it
 * cannot decrypt). Every ciphertext is loaded (full validation by the engine) and checked against the
 * layout (level 0, scale) before it is added. Thread-safe.
 */
public final class Aggregator implements AutoCloseable {
    private final CkksContext context = CkksContext.create(UpdateLayout.PRESET);
    private final Evaluator evaluator = new Evaluator(context);

    /** The sum of {@code updates} (each one institution's chunks, in order). */
    public List<byte[]> sum(UpdateLayout layout, List<List<byte[]>> updates) {
        if (updates.isEmpty()) {
            throw new FederationException("nothing to aggregate");
        }
        List<byte[]> out = new ArrayList<>(layout.chunks());
        for (int c = 0; c < layout.chunks(); c++) {
            try (Ciphertext acc = load(layout, updates.getFirst(), 0, c)) {
                for (int u = 1; u < updates.size(); u++) {
                    try (Ciphertext next = load(layout, updates.get(u), u, c)) {
                        evaluator.add(acc, next, acc);
                    }
                }
                out.add(acc.toBytes());
            }
        }
        return out;
    }

    private Ciphertext load(UpdateLayout layout, List<byte[]> update, int index, int chunk) {
        if (update.size() != layout.chunks()) {
            throw new FederationException("update " + index + " has " + update.size() + " ciphertexts; the layout "
                    + "of " + layout.parameters() + " parameters has " + layout.chunks());
        }
        Ciphertext ct;
        try {
            ct = Ciphertext.fromBytes(context, update.get(chunk));
        } catch (He4jException e) {
            throw new FederationException("update " + index + ", ciphertext " + chunk + ": " + e.getMessage());
        }
        if (ct.level() != 0 || ct.size() != 2 || Math.abs(ct.scale() - layout.scale()) > 1e-9 * layout.scale()) {
            String got = "level " + ct.level() + ", " + ct.size() + " components, scale " + ct.scale();
            ct.close();
            throw new FederationException("update " + index + ", ciphertext " + chunk + ": " + got
                    + "; the round expects level 0, 2 components, scale " + layout.scale());
        }
        return ct;
    }

    @Override
    public void close() {
        context.close();
    }
}

package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.He4jException;
import io.he4j.ckks.IncompatibleOperandsException;
import io.he4j.ckks.InvalidParametersException;
import io.he4j.ckks.ObjectHeader;
import io.he4j.ml.he.QueryRejectedException.Reason;
import io.he4j.protocol.QueryLayout;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** Loads a query's ciphertexts on the server side, refusing anything that does not match the layout. */
final class QueryInput {
    private QueryInput() {
    }

    /** Exactly {@code count} ciphertexts, each at the layout's parameters, level and scale; the caller closes them. */
    static List<Ciphertext> load(CkksContext context, QueryLayout layout, List<MemorySegment> parts, int count) {
        if (parts.size() != count) {
            throw new QueryRejectedException(Reason.WRONG_SHAPE, "the model expects " + count + " ciphertext"
                    + (count == 1 ? "" : "s") + " per query, got " + parts.size());
        }
        List<Ciphertext> out = new ArrayList<>(count);
        try {
            for (MemorySegment b : parts) {
                out.add(load(context, layout, b));
            }
            return out;
        } catch (RuntimeException e) {
            out.forEach(Ciphertext::close);
            throw e;
        }
    }

    static Ciphertext load(CkksContext context, QueryLayout layout, MemorySegment bytes) {
        Ciphertext ct;
        try {
            long id = ObjectHeader.read(bytes, "query ciphertext").parameterId();
            if (id != context.parameterId()) {
                throw new QueryRejectedException(Reason.WRONG_PARAMETERS, "query ciphertext made for parameters "
                        + Long.toHexString(id) + "; the model runs under " + layout.preset() + " ("
                        + Long.toHexString(context.parameterId()) + ")");
            }
            ct = Ciphertext.fromBytes(context, bytes);
        } catch (IncompatibleOperandsException | InvalidParametersException e) {
            throw new QueryRejectedException(Reason.WRONG_PARAMETERS, "query ciphertext: " + e.getMessage()
                    + " (the model runs under " + layout.preset() + ")");
        } catch (He4jException e) {
            throw new QueryRejectedException(Reason.MALFORMED, "query ciphertext: " + e.getMessage());
        }
        if (ct.size() != 2) {
            int size = ct.size();
            ct.close();
            throw new QueryRejectedException(Reason.MALFORMED, "query ciphertext has " + size
                    + " components; a fresh query has 2");
        }
        if (ct.level() != layout.level() || !sameScale(ct.scale(), layout.inputScale())) {
            String got = "level " + ct.level() + ", scale 2^" + log2(ct.scale());
            ct.close();
            throw new QueryRejectedException(Reason.WRONG_LEVEL, "query ciphertext at " + got + "; the model expects "
                    + "level " + layout.level() + ", scale 2^" + log2(layout.inputScale()));
        }
        return ct;
    }

    private static boolean sameScale(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * b;
    }

    private static String log2(double s) {
        return String.format("%.2f", Math.log(s) / Math.log(2));
    }
}

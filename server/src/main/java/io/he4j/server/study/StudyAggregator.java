package io.he4j.server.study;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.GaloisKeys;
import io.he4j.ckks.He4jException;
import io.he4j.ckks.InvalidParametersException;
import io.he4j.ckks.MalformedInputException;
import io.he4j.ckks.ObjectHeader;
import io.he4j.ckks.PublicContext;
import io.he4j.federated.Chunks;
import io.he4j.federated.FederationException;
import io.he4j.protocol.StudyUploadLayout;
import io.he4j.server.model.QueryRejection;

import java.util.ArrayList;
import java.util.List;

/**
 * The study's arithmetic on ciphertexts, with the research authority's public context only (no decryption is
 * possible here). Uploads ({@link StudyUploadLayout}) are summed slot-wise; squares are accumulated
 * unrelinearized (size 3: adds are cheap, key switching is not), then relinearized and rescaled once per feature.
 * Each total is then summed across slots ({@link Evaluator#rotateSum}: every slot holds the total, so the
 * authority learns totals, not per-slot sums of patients). From the totals, with public constants only:
 * mean = sum x (1/n) with n the declared rows, standardized sum = sum x (1/sigma) - count x (mu/sigma) = the sum
 * over rows of (x - mu)/sigma. Depth 1: every result is at level maxLevel - 1.
 * Not thread-safe: one aggregation per instance.
 */
final class StudyAggregator implements AutoCloseable {
    private final PublicContext keys;
    private final CkksContext ctx;
    private final Evaluator eval;
    private final int features;
    private final Ciphertext[] sum;
    private final Ciphertext[] squares;
    private Ciphertext count;
    private long rows;

    StudyAggregator(PublicContext keys, int features) {
        this.keys = keys;
        this.ctx = keys.context();
        this.eval = keys.evaluator();
        this.features = features;
        this.sum = new Ciphertext[features];
        this.squares = new Ciphertext[features];
    }

    /** The encrypted results, each a serialized ciphertext; {@code scaledSum} empty without constants. */
    record Result(byte[] count, List<byte[]> sum, List<byte[]> mean, List<byte[]> sumOfSquares,
                  List<byte[]> scaledSum) {
    }

    /**
     * Refuses a public context the study cannot aggregate with: it needs relinearization keys (squares), Galois
     * keys for every rotateSum step over all slots, and a level to spend (means and scaled sums).
     */
    static void checkKey(PublicContext pc) {
        CkksContext c = pc.context();
        if (c.maxLevel() < 1) {
            throw new InvalidParametersException("a study's parameters need depth >= 1 (one rescale for means and "
                    + "scaled sums), these have " + c.maxLevel() + " (use e.g. preset P8K)");
        }
        if (!pc.hasEvaluationKeys()) {
            throw new MalformedInputException("a study's public context needs its relinearization and Galois keys");
        }
        GaloisKeys gk = pc.evaluationKeys().galoisKeys().orElseThrow(() -> new MalformedInputException(
                "a study's public context needs Galois keys for rotateSum over " + c.slotCount() + " slots"));
        for (int step : Evaluator.rotateSumSteps(c.slotCount())) {
            if (!gk.canRotate(step)) {
                throw new MalformedInputException("the Galois keys lack rotation by " + step + " (rotateSum over "
                        + c.slotCount() + " slots needs steps 1, 2, 4, ..., " + c.slotCount() / 2 + ")");
            }
        }
    }

    /**
     * Checks an upload with the engine's loader: the framing, the count, and every ciphertext (header, parameters,
     * every coefficient) fresh from encryption (size 2, top level, the default scale), so that they add up.
     *
     * @throws QueryRejection malformed (400), wrong shape (400) or wrong parameters / level (422)
     */
    static void checkUpload(PublicContext pc, StudyUploadLayout layout, byte[] body) {
        List<byte[]> cts;
        try {
            cts = Chunks.decode(body);
        } catch (FederationException e) {
            throw new QueryRejection(QueryRejection.Reason.MALFORMED, "not a ciphertext list: " + e.getMessage());
        }
        if (cts.size() != layout.ciphertexts()) {
            throw new QueryRejection(QueryRejection.Reason.WRONG_SHAPE, layout.rows() + " rows of " + layout.features()
                    + " features are " + layout.blocks() + " block(s) of " + layout.perBlock() + " ciphertexts = "
                    + layout.ciphertexts() + ", the upload has " + cts.size());
        }
        CkksContext c = pc.context();
        for (int i = 0; i < cts.size(); i++) {
            byte[] b = cts.get(i);
            ObjectHeader h;
            try {
                h = ObjectHeader.read(b, "study upload");
            } catch (He4jException e) {
                throw new QueryRejection(QueryRejection.Reason.MALFORMED, "ciphertext " + i + ": " + e.getMessage());
            }
            if (h.parameterId() != c.parameterId()) {
                throw new QueryRejection(QueryRejection.Reason.WRONG_PARAMETERS, "ciphertext " + i + " is under "
                        + "other parameters than the study's key (parameter id " + Long.toHexString(h.parameterId())
                        + ", expected " + Long.toHexString(c.parameterId()) + "): encrypt with the study's public key");
            }
            try (Ciphertext ct = Ciphertext.fromBytes(c, b)) {
                if (ct.size() != 2 || ct.level() != c.maxLevel()
                        || Math.abs(ct.scale() / c.defaultScale() - 1) > 1e-9) {
                    throw new QueryRejection(QueryRejection.Reason.WRONG_LEVEL, "ciphertext " + i + " is not fresh "
                            + "(size " + ct.size() + ", level " + ct.level() + ", scale 2^"
                            + Math.log(ct.scale()) / Math.log(2) + "); expected size 2, level " + c.maxLevel()
                            + ", the default scale");
                }
            } catch (MalformedInputException e) {
                throw new QueryRejection(QueryRejection.Reason.MALFORMED, "ciphertext " + i + ": " + e.getMessage());
            }
        }
    }

    /** Adds one (already checked) upload slot-wise. */
    void add(StudyUploadLayout layout, byte[] body) {
        List<byte[]> cts = Chunks.decode(body);
        for (int b = 0; b < layout.blocks(); b++) {
            for (int f = 0; f < features; f++) {
                try (Ciphertext x = Ciphertext.fromBytes(ctx, cts.get(layout.featureIndex(b, f)))) {
                    // size 3 at scale delta^2: relinearized and rescaled once per feature at the end
                    Ciphertext sq = eval.mul(x, x);
                    squares[f] = accumulate(squares[f], sq);
                    sum[f] = accumulate(sum[f], x.copy());
                }
            }
            count = accumulate(count, Ciphertext.fromBytes(ctx, cts.get(layout.indicatorIndex(b))));
        }
        rows += layout.rows();
    }

    private Ciphertext accumulate(Ciphertext acc, Ciphertext term) {
        if (acc == null) {
            return term;
        }
        try (term) {
            eval.add(acc, term, acc);
        }
        return acc;
    }

    /** The totals; {@code mu} and {@code sigma} (public standardization constants) may be null. */
    Result finish(double[] mu, double[] sigma) {
        if (count == null) {
            throw new IllegalStateException("no upload to aggregate");
        }
        int slots = ctx.slotCount();
        int low = ctx.maxLevel() - 1;
        double scale = ctx.defaultScale();
        List<AutoCloseable> temps = new ArrayList<>();
        try {
            Ciphertext n = track(temps, eval.rotateSum(count, slots));
            List<byte[]> sums = new ArrayList<>();
            List<byte[]> means = new ArrayList<>();
            List<byte[]> sq = new ArrayList<>();
            List<byte[]> scaled = new ArrayList<>();
            for (int f = 0; f < features; f++) {
                Ciphertext s = track(temps, eval.rotateSum(sum[f], slots));
                means.add(bytes(temps, eval.rescale(track(temps, eval.mulScalar(s, 1.0 / rows, scale)))));
                Ciphertext q = track(temps, eval.rescale(track(temps, eval.relinearize(squares[f]))));
                sq.add(bytes(temps, eval.rotateSum(q, slots)));
                if (mu != null) {
                    Ciphertext a = track(temps, eval.mulScalar(s, 1.0 / sigma[f], scale));
                    Ciphertext b = track(temps, eval.mulScalar(n, mu[f] / sigma[f], scale));
                    scaled.add(bytes(temps, eval.rescale(track(temps, eval.sub(a, b)))));
                }
                sums.add(bytes(temps, eval.modSwitchTo(s, low)));
            }
            return new Result(bytes(temps, eval.modSwitchTo(n, low)), sums, means, sq, scaled);
        } finally {
            closeAll(temps);
        }
    }

    /** Declared rows of the uploads added. */
    long rows() {
        return rows;
    }

    private static Ciphertext track(List<AutoCloseable> temps, Ciphertext c) {
        temps.add(c);
        return c;
    }

    private static byte[] bytes(List<AutoCloseable> temps, Ciphertext c) {
        return track(temps, c).toBytes();
    }

    private static void closeAll(List<AutoCloseable> xs) {
        for (AutoCloseable x : xs) {
            try {
                x.close();
            } catch (Exception ignored) {
                // native frees do not fail
            }
        }
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>();
        for (Ciphertext c : sum) {
            if (c != null) {
                all.add(c);
            }
        }
        for (Ciphertext c : squares) {
            if (c != null) {
                all.add(c);
            }
        }
        if (count != null) {
            all.add(count);
        }
        closeAll(all);
    }
}

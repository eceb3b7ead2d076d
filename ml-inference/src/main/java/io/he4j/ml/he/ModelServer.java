package io.he4j.ml.he;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.EvaluationKeys;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.GaloisKeys;
import io.he4j.ckks.He4jException;
import io.he4j.ckks.PublicContext;
import io.he4j.ml.MlException;
import io.he4j.ml.he.QueryRejectedException.Reason;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.KeyRequirements;
import io.he4j.protocol.MessageKind;
import io.he4j.protocol.ModelManifest;
import io.he4j.protocol.ProtocolException;
import io.he4j.protocol.QueryLayout;

import java.util.List;
import java.util.Optional;

/**
 * The server's side of a deployed model: built from a {@link CompiledModel} (the plan and the weights) and,
 * per query, the client's registered public material; it never sees a secret key and has no way to decrypt.
 * Thread-safe: one instance serves any number of threads and clients; no per-query state is kept in fields.
 * Every query is validated (envelope, ciphertext header and coefficients, parameters, level, scale, shape)
 * before anything is computed; a refusal is a {@link QueryRejectedException} with its reason.
 */
public final class ModelServer implements AutoCloseable {
    private final CompiledModel model;
    private final CkksContext singleContext;
    private final CkksContext batchContext;
    private final ProtocolServer single;
    private final ProtocolServer batch;

    private ModelServer(CompiledModel model) {
        this.model = model;
        ModelManifest m = model.manifest();
        SquareNetwork net = model.network();
        this.singleContext = CkksContext.create(m.single().preset());
        CkksContext bc = null;
        ProtocolServer s = null;
        try {
            s = switch (m.single().kind()) {
                case COEFFICIENT -> new CoefficientServer(singleContext, m.single(), net.layers().getFirst(),
                        model.weightScale());
                case QUADRATIC_FORM -> new CoefficientServer(singleContext, m.single(), QuadraticForm.expand(net),
                        model.weightScale());
                case SLOT -> new SlotServer(singleContext, m.single(), net);
                case FOLDED_OUTPUT -> new FoldedOutputServer(singleContext, m.single(), net);
                default -> throw new MlException("not a single-query kind: " + m.single().kind());
            };
            checkParameters(singleContext, m.single());
            bc = CkksContext.create(m.batch().preset());
            checkParameters(bc, m.batch());
            this.batch = switch (m.batch().kind()) {
                case FEATURE_MAJOR_BATCH -> new FeatureMajorServer(bc, m.batch(), net);
                case ENCRYPTED_SIGMOID_BATCH -> new EncryptedSigmoidServer(bc, m.batch(), net, model.sigmoidRadius());
                default -> throw new MlException("not a batch kind: " + m.batch().kind());
            };
        } catch (RuntimeException e) {
            if (s != null) {
                s.close();
            }
            singleContext.close();
            if (bc != null) {
                bc.close();
            }
            throw e;
        }
        this.single = s;
        this.batchContext = bc;
    }

    private static void checkParameters(CkksContext ctx, QueryLayout layout) {
        if (ctx.parameterId() != layout.parameterId()) {
            throw new MlException("compiled model: " + layout.preset() + " has parameter id "
                    + Long.toHexString(ctx.parameterId()) + " in this engine, the plan says "
                    + Long.toHexString(layout.parameterId()));
        }
    }

    /** Builds the server side; compiles the model's plaintexts once. */
    public static ModelServer create(CompiledModel model) {
        return new ModelServer(model);
    }

    /** Builds the server side from {@link CompiledModel#toBytes()}. */
    public static ModelServer fromBytes(byte[] compiledModel) {
        return new ModelServer(CompiledModel.fromBytes(compiledModel));
    }

    public ModelManifest manifest() {
        return model.manifest();
    }

    /** Whether single queries need the client's registered key set. */
    public boolean needsKeySet() {
        return model.manifest().single().keys().any();
    }

    /** Whether batch queries need the client's registered key set. */
    public boolean batchNeedsKeySet() {
        return model.manifest().batch().keys().any();
    }

    /**
     * One patient's query: an envelope ({@link MessageKind#QUERY}) answered by an envelope
     * ({@link MessageKind#REPLY}), or the ciphertext's bytes alone answered by the reply ciphertext's bytes.
     */
    public byte[] predict(byte[] query, Optional<PublicContext> keys) {
        if (Envelope.looksLikeEnvelope(query)) {
            List<byte[]> parts = parts(query, MessageKind.QUERY);
            return Envelope.of(MessageKind.REPLY, evaluate(false, parts, keys).parts().getFirst()).toBytes();
        }
        return evaluate(false, List.of(query), keys).parts().getFirst();
    }

    /** A feature-major query: one ciphertext per feature in, one per score out. */
    public List<byte[]> predictBatch(List<byte[]> columns, Optional<PublicContext> keys) {
        return evaluate(true, columns, keys).parts();
    }

    /** The homomorphic evaluation behind {@link #predict} and {@link #predictBatch}, with its compute time. */
    public ServerReply evaluate(boolean batchQuery, List<byte[]> ciphertexts, Optional<PublicContext> keys) {
        ProtocolServer p = batchQuery ? batch : single;
        CkksContext ctx = batchQuery ? batchContext : singleContext;
        return p.evaluate(ciphertexts, evaluator(ctx, p.layout(), keys));
    }

    /**
     * Checks a query's ciphertexts exactly as {@link #evaluate} does before computing (count, parameters,
     * every coefficient, level, scale) without computing: for a service that stores queries to score later.
     */
    public void validate(boolean batchQuery, List<byte[]> ciphertexts) {
        ProtocolServer p = batchQuery ? batch : single;
        int count = batchQuery ? model.network().inputs() : 1;
        QueryInput.load(batchQuery ? batchContext : singleContext, p.layout(), ciphertexts, count)
                .forEach(io.he4j.ckks.Ciphertext::close);
    }

    private static List<byte[]> parts(byte[] envelope, MessageKind kind) {
        try {
            return Envelope.fromBytes(envelope).partsOf(kind);
        } catch (ProtocolException e) {
            throw new QueryRejectedException(Reason.MALFORMED, e.getMessage());
        }
    }

    /** The evaluator for one query, bound to the client's keys when the protocol needs them. */
    private static Evaluator evaluator(CkksContext ctx, QueryLayout layout, Optional<PublicContext> keys) {
        KeyRequirements needs = layout.keys();
        if (!needs.relinearization()) {
            return new Evaluator(ctx);
        }
        PublicContext pc = keys.orElseThrow(() -> new QueryRejectedException(Reason.KEY_SET_REQUIRED,
                "this model needs the client's key set (" + needs + "); register one and name it in the query"));
        if (pc.context().parameterId() != ctx.parameterId() || !pc.hasEvaluationKeys()) {
            throw new QueryRejectedException(Reason.KEY_SET_REQUIRED, "the key set is for other parameters or has "
                    + "no evaluation keys; this model needs " + needs + " under " + layout.preset());
        }
        EvaluationKeys evk = pc.evaluationKeys();
        for (int step : needs.galoisSteps()) {
            if (!evk.galoisKeys().map(g -> canRotate(g, step)).orElse(false)) {
                throw new QueryRejectedException(Reason.KEY_SET_REQUIRED, "the key set has no Galois key for "
                        + "rotation step " + step + "; this model needs " + needs);
            }
        }
        return new Evaluator(ctx, evk);
    }

    private static boolean canRotate(GaloisKeys g, int step) {
        try {
            return g.canRotate(step);
        } catch (He4jException e) {
            return false;
        }
    }

    /** Scores of the same model in plaintext (missing features imputed), for a side-by-side plaintext endpoint. */
    public double[] predictPlain(double[] features) {
        double[] imputation = model.manifest().imputation();
        if (features.length != imputation.length) {
            throw new QueryRejectedException(Reason.WRONG_SHAPE, "the model expects " + imputation.length
                    + " features, got " + features.length);
        }
        double[] x = features.clone();
        for (int j = 0; j < x.length; j++) {
            if (Double.isNaN(x[j])) {
                x[j] = imputation[j];
            } else if (Double.isInfinite(x[j])) {
                throw new QueryRejectedException(Reason.MALFORMED, "feature " + j + " is infinite");
            }
        }
        return model.network().scores(x);
    }

    /** One line per query form: encoding, parameters and what a query costs. */
    public String description(boolean batchQuery) {
        return (batchQuery ? batch : single).description();
    }

    @Override
    public void close() {
        single.close();
        batch.close();
        singleContext.close();
        batchContext.close();
    }
}

package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
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

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The server's side of a deployed model: built from a {@link CompiledModel} (the plan and the weights) and,
 * per query, the client's registered public material; it never sees a secret key and has no way to decrypt.
 * Thread-safe: one instance serves any number of threads and clients; no per-query state is kept in fields.
 * Every query is validated (envelope, ciphertext header and coefficients, parameters, level, scale, shape)
 * before anything is computed; a refusal is a {@link QueryRejectedException} with its reason.
 *
 * <p>Model privacy is on by default: every reply is re-randomized with a fresh encryption of zero under the
 * client's registered public key and its score noise flooded ({@link ReplyMasks}), so a reply tells the client
 * the scores and nothing else about the weights (ml-inference/README.md, "Security model", says per protocol
 * how far that goes). Masks are made ahead per key set by one background thread, which takes them off an
 * interactive query's latency; a batch job that keeps every core busy makes them on its own threads instead
 * ({@link #forBatchJobs}), so that its throughput scales with its threads and nothing runs beside them.
 * {@link #withoutModelPrivacy(CompiledModel)} turns that off for a client trusted with the weights.
 */
public final class ModelServer implements AutoCloseable {
    private final CompiledModel model;
    private final CkksContext singleContext;
    private final CkksContext batchContext;
    private final ProtocolServer single;
    private final ProtocolServer batch;
    private final boolean modelPrivacy;
    private final ExecutorService maskRefill;
    private final ReplyMasks singleMasks;
    private final ReplyMasks batchMasks;
    /** False for a {@link #forBatchJobs()} view: the contexts and compiled plaintexts belong to another. */
    private final boolean ownsPlaintexts;

    private ModelServer(CompiledModel model, boolean modelPrivacy, boolean masksAhead) {
        this.ownsPlaintexts = true;
        this.model = model;
        this.modelPrivacy = modelPrivacy;
        ModelManifest m = model.manifest();
        SquareNetwork net = model.network();
        this.singleContext = CkksContext.create(m.single().preset());
        CkksContext bc = null;
        ProtocolServer s = null;
        try {
            s = switch (m.single().kind()) {
                case COEFFICIENT -> new CoefficientServer(singleContext, m.single(), net.layers().getFirst(),
                        model.weightScale());
                case QUADRATIC_FORM, QUARTIC_FORM -> new CoefficientServer(singleContext, m.single(),
                        PolynomialForm.expand(net), model.weightScale());
                case SLOT -> new SlotServer(singleContext, m.single(), net);
                case FOLDED_OUTPUT -> new FoldedOutputServer(singleContext, m.single(), net);
                default -> throw new MlException("not a single-query kind: " + m.single().kind());
            };
            checkParameters(singleContext, m.single());
            bc = CkksContext.create(m.batch().preset());
            checkParameters(bc, m.batch());
            this.batch = switch (m.batch().kind()) {
                case FEATURE_MAJOR_BATCH, QUADRATIC_FORM_BATCH -> new FeatureMajorServer(bc, m.batch(), net);
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
        this.maskRefill = masksAhead ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "he4j-reply-masks");
            t.setDaemon(true);
            return t;
        }) : null;
        this.singleMasks = new ReplyMasks(singleContext, single.maskRecipe(), maskRefill);
        this.batchMasks = new ReplyMasks(batchContext, batch.maskRecipe(), maskRefill);
    }

    private static void checkParameters(CkksContext ctx, QueryLayout layout) {
        if (ctx.parameterId() != layout.parameterId()) {
            throw new MlException("compiled model: " + layout.preset() + " has parameter id "
                    + Long.toHexString(ctx.parameterId()) + " in this engine, the plan says "
                    + Long.toHexString(layout.parameterId()));
        }
    }

    /** Builds the server side, with model privacy; compiles the model's plaintexts once. */
    public static ModelServer create(CompiledModel model) {
        return new ModelServer(model, true, true);
    }

    /** Builds the server side, with model privacy, from {@link CompiledModel#toBytes()}. */
    public static ModelServer fromBytes(byte[] compiledModel) {
        return new ModelServer(CompiledModel.fromBytes(compiledModel), true, true);
    }

    /**
     * Builds the server side, with model privacy, for batch jobs (Spark tasks, the record store's scoring): each
     * reply's mask is made on the thread that computes the reply, with no background thread. Same replies,
     * same privacy; a job's CPU use is then exactly its threads'.
     */
    public static ModelServer forBatchJobs(CompiledModel model) {
        return new ModelServer(model, true, false);
    }

    /**
     * A weaker server side for a client trusted with the weights: replies are not re-randomized nor flooded,
     * so the client can read the model from one reply (c1 = a W). Saves the mask (one ciphertext addition
     * online, an encryption of zero off line) and the public key.
     */
    public static ModelServer withoutModelPrivacy(CompiledModel model) {
        return new ModelServer(model, false, false);
    }

    /** Whether replies are re-randomized and flooded (true unless built {@link #withoutModelPrivacy}). */
    public boolean modelPrivacy() {
        return modelPrivacy;
    }

    public ModelManifest manifest() {
        return model.manifest();
    }

    /** Whether single queries need the client's registered key set. */
    public boolean needsKeySet() {
        return needsKeys(model.manifest().single().keys());
    }

    /** Whether batch queries need the client's registered key set. */
    public boolean batchNeedsKeySet() {
        return needsKeys(model.manifest().batch().keys());
    }

    private boolean needsKeys(KeyRequirements k) {
        return k.relinearization() || (modelPrivacy && k.publicKey());
    }

    /**
     * One patient's query: an envelope ({@link MessageKind#QUERY}) answered by an envelope
     * ({@link MessageKind#REPLY}), or the ciphertext's bytes alone answered by the reply ciphertext's bytes; a
     * reply of several ciphertexts (a coefficient kind with several products) always comes as an envelope.
     */
    public byte[] predict(byte[] query, Optional<PublicContext> keys) {
        if (Envelope.looksLikeEnvelope(query)) {
            List<MemorySegment> parts = parts(query, MessageKind.QUERY);
            return new Envelope(MessageKind.REPLY, evaluateInPlace(false, parts, keys).parts()).toBytes();
        }
        return evaluateInPlace(false, List.of(MemorySegment.ofArray(query)), keys).singleReply();
    }

    /** A feature-major query: one ciphertext per feature (per monomial: quadratic-form batch) in, one per score out. */
    public List<byte[]> predictBatch(List<byte[]> columns, Optional<PublicContext> keys) {
        return evaluate(true, columns, keys).parts();
    }

    /**
     * The same as one message, as a service receives and answers it: a {@link MessageKind#BATCH_QUERY} envelope in,
     * its ciphertexts loaded where they lie in it (not copied out first), a {@link MessageKind#BATCH_REPLY} out.
     */
    public byte[] predictBatch(byte[] batchQuery, Optional<PublicContext> keys) {
        List<MemorySegment> columns = parts(batchQuery, MessageKind.BATCH_QUERY);
        return new Envelope(MessageKind.BATCH_REPLY, evaluateInPlace(true, columns, keys).parts()).toBytes();
    }

    /** The homomorphic evaluation behind {@link #predict} and {@link #predictBatch}, with its compute time. */
    public ServerReply evaluate(boolean batchQuery, List<byte[]> ciphertexts, Optional<PublicContext> keys) {
        return evaluateInPlace(batchQuery, segments(ciphertexts), keys);
    }

    private ServerReply evaluateInPlace(boolean batchQuery, List<MemorySegment> ciphertexts,
                                        Optional<PublicContext> keys) {
        ProtocolServer p = batchQuery ? batch : single;
        CkksContext ctx = batchQuery ? batchContext : singleContext;
        Evaluator ev = evaluator(ctx, p.layout(), keys);
        ReplyPrivacy privacy = privacy(batchQuery, ctx, p.layout(), keys);
        ServerReply reply = p.evaluate(ciphertexts, ev, privacy);
        privacy.settle();
        return reply;
    }

    /**
     * The reply privacy for one query: the masks of the client's key set, or none when disabled. The key set is
     * checked when the first reply ciphertext is protected, i.e. after the query itself was validated, so a
     * malformed query is refused as such whether or not it names a key set.
     */
    private ReplyPrivacy privacy(boolean batchQuery, CkksContext ctx, QueryLayout layout,
                                 Optional<PublicContext> keys) {
        if (!modelPrivacy) {
            return ReplyPrivacy.NONE;
        }
        return new ReplyPrivacy() {     // one per query, used by its thread only
            private ReplyMasks.Pools pools;

            @Override
            public void protect(Ciphertext reply) {
                if (pools == null) {
                    PublicContext pc = keys.orElseThrow(() -> new QueryRejectedException(Reason.KEY_SET_REQUIRED,
                            "this server re-randomizes replies under the client's public key; register the key set "
                                    + "the manifest asks for (" + layout.keys() + ") and name it in the query"));
                    if (pc.context().parameterId() != ctx.parameterId()) {
                        throw new QueryRejectedException(Reason.KEY_SET_REQUIRED, "the key set is for other "
                                + "parameters; this model's " + (batchQuery ? "batch" : "single") + " queries use "
                                + layout.preset());
                    }
                    pools = (batchQuery ? batchMasks : singleMasks).forKeys(pc);
                }
                pools.protect(reply);
            }

            @Override
            public void settle() {
                if (pools != null) {
                    pools.settle();
                }
            }
        };
    }

    /** Masks ready in the pool for single replies under {@code keys} (0 before the first reply, or privacy off). */
    public int readySingleMasks(PublicContext keys) {
        return modelPrivacy ? singleMasks.forKeys(keys).ready() : 0;
    }

    /**
     * Nanoseconds to make one mask for a single reply under {@code keys}, on the caller's thread: the off-line
     * part of model privacy that the background pool takes off the query's path (benchmarks report online and
     * full cost with it). -1 if no single query under these keys was answered yet, or privacy is off.
     */
    public long singleMaskNanos(PublicContext keys) {
        return modelPrivacy ? singleMasks.forKeys(keys).makeOneNanos() : -1;
    }

    /** How single replies are protected: one line (the statistical parameter for coefficient kinds). */
    public String privacyDescription(boolean batchQuery) {
        if (!modelPrivacy) {
            return "model privacy disabled for a trusted client: replies reveal the weights";
        }
        return (batchQuery ? batch : single).maskRecipe().describe();
    }

    /**
     * Whether replies to single (or batch) queries carry model privacy's statistical bound (2^-30 or less per
     * reply, {@link #privacyDescription}); false without model privacy and for the multiplicative kinds whose
     * flood is only as wide as the precision allows. A service may refuse those ({@code
     * model-privacy.allow-replies-without-statistical-bound}, docs/server.md).
     */
    public boolean statisticallyPrivate(boolean batchQuery) {
        return modelPrivacy && (batchQuery ? batch : single).maskRecipe().statistical();
    }

    /**
     * Checks a query's ciphertexts exactly as {@link #evaluate} does before computing (count, parameters,
     * every coefficient, level, scale) without computing: for a service that stores queries to score later.
     */
    public void validate(boolean batchQuery, List<byte[]> ciphertexts) {
        validateInPlace(batchQuery, segments(ciphertexts));
    }

    /** The same for a {@link MessageKind#BATCH_QUERY} envelope, its ciphertexts checked where they lie in it. */
    public void validateBatch(byte[] batchQuery) {
        validateInPlace(true, parts(batchQuery, MessageKind.BATCH_QUERY));
    }

    private void validateInPlace(boolean batchQuery, List<MemorySegment> ciphertexts) {
        ProtocolServer p = batchQuery ? batch : single;
        int count = batchQuery ? PolynomialForm.batchCiphertexts(p.layout()) : 1;
        QueryInput.load(batchQuery ? batchContext : singleContext, p.layout(), ciphertexts, count)
                .forEach(io.he4j.ckks.Ciphertext::close);
    }

    private static List<MemorySegment> segments(List<byte[]> ciphertexts) {
        return ciphertexts.stream().map(MemorySegment::ofArray).toList();
    }

    /** The envelope's parts where they lie in it. */
    private static List<MemorySegment> parts(byte[] envelope, MessageKind kind) {
        try {
            return Envelope.partViews(envelope, kind);
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

    /** A view of {@code shared}'s compiled plaintexts with its own masks, made on the calling thread. */
    private ModelServer(ModelServer shared) {
        this.ownsPlaintexts = false;
        this.model = shared.model;
        this.modelPrivacy = shared.modelPrivacy;
        this.singleContext = shared.singleContext;
        this.batchContext = shared.batchContext;
        this.single = shared.single;
        this.batch = shared.batch;
        this.maskRefill = null;
        this.singleMasks = new ReplyMasks(singleContext, single.maskRecipe(), null);
        this.batchMasks = new ReplyMasks(batchContext, batch.maskRecipe(), null);
    }

    /**
     * This server side for batch jobs ({@link #forBatchJobs(CompiledModel)}: masks made on the calling thread),
     * sharing this one's compiled plaintexts instead of compiling them again. Close it before this one.
     */
    public ModelServer forBatchJobs() {
        return new ModelServer(this);
    }

    /** One line per query form: encoding, parameters and what a query costs. */
    public String description(boolean batchQuery) {
        return (batchQuery ? batch : single).description();
    }

    @Override
    public void close() {
        if (maskRefill != null) {
            maskRefill.shutdownNow();
        }
        singleMasks.close();
        batchMasks.close();
        if (!ownsPlaintexts) {
            return;
        }
        single.close();
        batch.close();
        singleContext.close();
        batchContext.close();
    }
}

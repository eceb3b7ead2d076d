package io.he4j.server.model;

import io.he4j.ckks.PublicContext;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelPrivacy;
import io.he4j.ml.he.ModelServer;
import io.he4j.ml.he.QueryRejectedException;
import io.he4j.ml.model.TrainedModel;
import io.he4j.paillier.PaillierException;
import io.he4j.paillier.io.PaillierJson;
import io.he4j.paillier.ml.EncryptedData;
import io.he4j.paillier.ml.PaillierLinearModel;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.KeySetId;
import io.he4j.protocol.MessageKind;
import io.he4j.protocol.ModelManifest;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One compiled model as the service sees it: its public manifest and the server side of its protocols
 * ({@link ModelServer}, built from the compiled plan only: no secret key exists here). This is the only class
 * that calls the ML layer's protocol API, and the one place where its refusals become {@link QueryRejection}s.
 * Thread-safe (ModelServer keeps no per-query state).
 */
public final class DeployedModel implements AutoCloseable {
    private final ModelServer server;
    /** Scoring jobs' server side: masks made on the job's own threads ({@link ModelServer#forBatchJobs}). */
    private final ModelServer jobServer;
    private final ModelPrivacy privacy;
    private final String manifestJson;
    /** The same model over Paillier (linear models only: Paillier is additively homomorphic). */
    private final Optional<PaillierLinearModel> paillier;

    private DeployedModel(ModelServer server, ModelServer jobServer, ModelPrivacy privacy,
                          Optional<PaillierLinearModel> paillier) {
        this.server = server;
        this.jobServer = jobServer;
        this.privacy = privacy;
        this.manifestJson = server.manifest().toJson();
        this.paillier = paillier;
    }

    /** Compiles the model once, with model privacy; {@code version} identifies this build (content hash). */
    public static DeployedModel deploy(TrainedModel model, String id, String version) {
        return deploy(model, id, version, ModelPrivacy.STATISTICAL);
    }

    /** @param privacy DISABLED builds the weaker server for trusted clients ({@link ModelServer#withoutModelPrivacy}) */
    public static DeployedModel deploy(TrainedModel model, String id, String version, ModelPrivacy privacy) {
        Optional<PaillierLinearModel> p = model.network().layers().size() == 1
                ? Optional.of(new PaillierLinearModel(model)) : Optional.empty();
        CompiledModel compiled = CompiledModel.compile(model, id, version);
        if (privacy == ModelPrivacy.DISABLED) {
            ModelServer trusted = ModelServer.withoutModelPrivacy(compiled);
            return new DeployedModel(trusted, trusted, privacy, p);
        }
        ModelServer online = ModelServer.create(compiled);
        return new DeployedModel(online, online.forBatchJobs(), privacy, p);   // one copy of the compiled plaintexts
    }

    /**
     * Whether this service answers single (or batch) queries of this model: always, unless model privacy is on
     * and the form's replies have no statistical bound ({@link ModelPrivacy#STATISTICAL}).
     */
    public boolean serves(boolean batch) {
        return privacy.answers(server.statisticallyPrivate(batch));
    }

    /** Refuses a query (or a record to store) of a form this service does not answer ({@link #serves}). */
    private void requireServed(boolean batch) {
        if (!serves(batch)) {
            throw new QueryRejection(QueryRejection.Reason.NO_STATISTICAL_PRIVACY, "this model's "
                    + (batch ? "batch" : "single-query") + " form (" + (batch ? manifest().batch() : manifest()
                    .single()).kind() + ") cannot flood its replies within a statistical bound (its circuit "
                    + "multiplies ciphertexts; ml-inference/README.md, Security model), and this service answers "
                    + "only replies that reveal nothing but the scores"
                    + (batch ? "; send single queries" : "") + ". An operator may accept precision-limited "
                    + "replies with model-privacy.allow-replies-without-statistical-bound=true (a weakening)");
        }
    }

    public String id() {
        return server.manifest().modelId();
    }

    public String version() {
        return server.manifest().version();
    }

    public ModelManifest manifest() {
        return server.manifest();
    }

    /** The public manifest as JSON (features, classes, layouts, parameters, keys needed; no secret). */
    public String manifestJson() {
        return manifestJson;
    }

    /** Whether single (or batch) queries need the client's registered key set. */
    public boolean needsKeySet(boolean batch) {
        return batch ? server.batchNeedsKeySet() : server.needsKeySet();
    }

    /** The content-derived id a key set is stored and named by. */
    public static String keySetId(byte[] publicContextBytes) {
        return KeySetId.of(publicContextBytes);
    }

    /** Whether a client-supplied id has the form of a key-set id (checked before any lookup). */
    public static boolean isKeySetId(String id) {
        return KeySetId.isWellFormed(id);
    }

    /** Encrypted scores for one query (a protocol envelope, or one ciphertext's bytes). */
    public byte[] predict(byte[] query, Optional<PublicContext> keys) {
        requireServed(false);
        return rejectingBadInput(() -> server.predict(query, keys));
    }

    /** A feature-major batch: a BATCH_QUERY envelope in, a BATCH_REPLY envelope out. */
    public byte[] predictBatch(byte[] envelope, Optional<PublicContext> keys) {
        requireServed(true);
        return rejectingBadInput(() -> server.predictBatch(envelope, keys));
    }

    /**
     * A query to store and score later, checked by the engine's loader as a prediction would be (envelope,
     * count, parameters, every coefficient, level, scale). Returns the bytes to store: for a single-query
     * record the ciphertext (sent alone or in a QUERY envelope), for a batch record its BATCH_QUERY envelope.
     */
    public byte[] checkStoredQuery(boolean batch, byte[] body) {
        requireServed(batch);
        return rejectingBadInput(() -> {
            if (batch) {
                server.validateBatch(body);
                return body;
            }
            byte[] ct = Envelope.looksLikeEnvelope(body)
                    ? single(Envelope.fromBytes(body).partsOf(MessageKind.QUERY)) : body;
            server.validate(false, List.of(ct));
            return ct;
        });
    }

    private static byte[] single(List<byte[]> parts) {
        if (parts.size() != 1) {
            throw new QueryRejection(QueryRejection.Reason.WRONG_SHAPE, "a query envelope holds one ciphertext, "
                    + "this one " + parts.size());
        }
        return parts.getFirst();
    }

    /**
     * The encrypted scores of a stored query ({@link #checkStoredQuery}'s bytes), for a scoring job: as
     * {@link #predict} or {@link #predictBatch}, with each reply's mask made on the calling thread (a job keeps
     * the cores busy; masks made ahead serve interactive queries' latency).
     */
    public byte[] scoreStored(boolean batch, byte[] stored, Optional<PublicContext> keys) {
        requireServed(batch);
        return rejectingBadInput(() -> {
            if (!batch) {
                return jobServer.predict(stored, keys);
            }
            return jobServer.predictBatch(stored, keys);
        });
    }

    /** Patients one batch query holds. */
    public int batchCapacity() {
        return server.manifest().batch().capacity();
    }

    /**
     * Paillier scores: the client's data.json (its public key and encrypted rows) in, answer.json out, every
     * score re-randomized before it leaves (docs/paillier.md). Linear models only.
     */
    public String predictPaillier(String dataJson) {
        PaillierLinearModel model = paillier.orElseThrow(() -> new QueryRejection(QueryRejection.Reason
                .WRONG_PARAMETERS, "Paillier serves linear models only (additive homomorphism); this model has "
                + "hidden layers: use /predict"));
        try {
            EncryptedData data = PaillierJson.readData(dataJson, "data.json");
            if (!data.featureNames().equals(model.featureNames())) {
                throw new QueryRejection(QueryRejection.Reason.WRONG_SHAPE, "the model takes features "
                        + model.featureNames() + ", data.json has " + data.featureNames());
            }
            return PaillierJson.answer(model.evaluate(data), true);
        } catch (PaillierException e) {
            throw new QueryRejection(QueryRejection.Reason.MALFORMED, e.getMessage());
        }
    }

    /** Plaintext scores (the side-by-side endpoint). */
    public double[] predictPlain(double[] features) {
        return rejectingBadInput(() -> server.predictPlain(features));
    }

    /**
     * The model's refusals keep their reason; the engine's and the envelope's refusals of input that slipped
     * past the model's own checks are mapped too, so bad input never becomes a server fault.
     */
    private static <T> T rejectingBadInput(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            QueryRejectedException r = QueryRejectedException.of(e).orElseThrow(() -> e); // engine fault: a 500
            throw new QueryRejection(QueryRejection.Reason.valueOf(r.reason().name()), r.getMessage());
        }
    }

    @Override
    public void close() {
        if (jobServer != server) {
            jobServer.close();   // a view of server's plaintexts: first
        }
        server.close();
    }
}

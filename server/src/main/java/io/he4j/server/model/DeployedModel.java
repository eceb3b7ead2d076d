package io.he4j.server.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.ckks.IncompatibleOperandsException;
import io.he4j.ckks.InvalidArgumentException;
import io.he4j.ckks.MalformedInputException;
import io.he4j.ckks.PublicContext;
import io.he4j.ml.MlException;
import io.he4j.ml.he.BatchProtocol;
import io.he4j.ml.he.HeCompiler;
import io.he4j.ml.he.SingleQueryProtocol;
import io.he4j.ml.model.TrainedModel;
import io.he4j.server.auth.Tokens;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One compiled model as the service sees it: its public manifest and the server side of its protocols. This
 * is the only class that calls the ML layer's protocol API, so that a change there changes only this file.
 * <p>
 * INTERIM: until the ML layer's client/server split (io.he4j.ml.he.ModelServer) lands, this wraps the
 * combined {@link SingleQueryProtocol} and {@link BatchProtocol}: they hold their own keys and are not
 * thread-safe, so calls are serialized; nothing in them needs a key set from the client.
 * Thread-safe.
 */
public final class DeployedModel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final String version;
    private final TrainedModel model;
    private final SingleQueryProtocol single;
    private final BatchProtocol batch;
    private final String manifestJson;

    private DeployedModel(String id, String version, TrainedModel model) {
        this.id = id;
        this.version = version;
        this.model = model;
        this.single = HeCompiler.singleQuery(model);
        this.batch = HeCompiler.batch(model);
        this.manifestJson = buildManifest();
    }

    /** Compiles the model once; {@code version} identifies this build of it (content hash of the file). */
    public static DeployedModel deploy(TrainedModel model, String id, String version) {
        return new DeployedModel(id, version, model);
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    /** The public manifest as JSON (no secret: features, classes, protocol, parameters). */
    public String manifestJson() {
        return manifestJson;
    }

    public boolean needsKeySet() {
        return false;
    }

    /** The key-set id the service stores and names a key set by: hex SHA-256 of its bytes. */
    public static String keySetId(byte[] publicContextBytes) {
        return Tokens.sha256Hex(publicContextBytes);
    }

    /** Encrypted scores for one query. */
    public byte[] predict(byte[] query, Optional<PublicContext> keys) {
        return rejectingBadInput(() -> {
            synchronized (single) {
                return single.evaluate(query);
            }
        });
    }

    /** Encrypted scores for one feature-major batch (one ciphertext per feature). */
    public List<byte[]> predictBatch(List<byte[]> columns, Optional<PublicContext> keys) {
        return rejectingBadInput(() -> {
            synchronized (batch) {
                return batch.evaluate(columns);
            }
        });
    }

    /** Plaintext scores (the side-by-side endpoint). */
    public double[] predictPlain(double[] features) {
        if (features.length != model.features()) {
            throw new QueryRejection(QueryRejection.Reason.WRONG_SHAPE, "the model takes " + model.features()
                    + " features, got " + features.length);
        }
        return model.scores(features);
    }

    /** Maps the engine's and the ML layer's refusals of input to reasons; anything else is a server fault. */
    private static <T> T rejectingBadInput(Supplier<T> call) {
        try {
            return call.get();
        } catch (MalformedInputException e) {
            throw new QueryRejection(QueryRejection.Reason.MALFORMED, e.getMessage());
        } catch (IncompatibleOperandsException e) {
            throw new QueryRejection(QueryRejection.Reason.WRONG_PARAMETERS, e.getMessage());
        } catch (InvalidArgumentException | MlException e) {
            throw new QueryRejection(QueryRejection.Reason.WRONG_SHAPE, e.getMessage());
        }
    }

    private String buildManifest() {
        ObjectNode m = JSON.createObjectNode();
        m.put("model_id", id);
        m.put("version", version);
        m.put("model_type", model.type().jsonName());
        model.featureNames().forEach(m.putArray("feature_names")::add);
        model.classNames().forEach(m.putArray("class_names")::add);
        m.put("protocol", single.description());
        m.put("parameters", single.params().toString());
        m.put("batch_protocol", batch.description());
        m.put("batch_capacity", batch.capacity());
        m.put("needs_key_set", needsKeySet());
        return m.toString();
    }

    @Override
    public void close() {
        synchronized (single) {
            single.close();
        }
        synchronized (batch) {
            batch.close();
        }
    }
}

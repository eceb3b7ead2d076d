package io.he4j.ml.he;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.he4j.ml.MlException;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.TrainedModel;
import io.he4j.protocol.ModelManifest;
import io.he4j.protocol.ProtocolException;
import io.he4j.protocol.ProtocolKind;

import java.util.List;
import java.util.Optional;

/**
 * A model compiled to CKKS: the plan both sides are built from. It holds the WEIGHTS (the folded
 * {@link SquareNetwork}), so it belongs to the server; the client gets only {@link #manifest()}. Serializable
 * ({@link #toBytes()}), so a server side can be built in another process from bytes alone.
 *
 * @param manifest      the public part: identity, features, layouts, keys
 * @param network       the folded network on raw (imputed) features
 * @param weightScale   scale of the weight polynomial for a coefficient-encoded single query, else 0
 * @param sigmoidRadius for an encrypted-sigmoid batch, the sigmoid fit's range [-R, R], else 0
 */
public record CompiledModel(ModelManifest manifest, SquareNetwork network, double weightScale,
                            double sigmoidRadius) {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public CompiledModel {
        if (manifest == null || network == null) {
            throw new MlException("compiled model: manifest and network are required");
        }
        if (network.inputs() != manifest.featureNames().size() || network.outputs() != manifest.single().outputs()) {
            throw new MlException("compiled model: the network maps " + network.inputs() + " inputs to "
                    + network.outputs() + " scores, the manifest says " + manifest.featureNames().size() + " and "
                    + manifest.single().outputs());
        }
        ProtocolKind single = manifest.single().kind();
        boolean coefficients = single.encoding() == ProtocolKind.Encoding.COEFFICIENTS;
        if (coefficients != weightScale > 1 || Double.isInfinite(weightScale)) {
            throw new MlException("compiled model: a weight scale > 1 is required exactly for coefficient kinds, got "
                    + weightScale + " for " + single);
        }
        boolean sigmoid = manifest.batch().kind() == ProtocolKind.ENCRYPTED_SIGMOID_BATCH;
        if (sigmoid != sigmoidRadius > 0 || Double.isInfinite(sigmoidRadius)) {
            throw new MlException("compiled model: a sigmoid radius > 0 is required exactly for the encrypted "
                    + "sigmoid, got " + sigmoidRadius);
        }
    }

    /** Compiles with the default query forms (see {@link HeCompiler}). */
    public static CompiledModel compile(TrainedModel model, String modelId, String version) {
        return HeCompiler.compile(model, modelId, version, 0);
    }

    /** Compiles with an encrypted-sigmoid batch form: probabilities, the sigmoid fitted on [-radius, radius]. */
    public static CompiledModel compileWithEncryptedSigmoid(TrainedModel model, String modelId, String version,
                                                            double radius) {
        return HeCompiler.compile(model, modelId, version, radius);
    }

    /** For an encrypted-sigmoid batch form: the cubic that replaces the sigmoid, its range and error. */
    public Optional<ActivationFit> sigmoidFit() {
        return sigmoidRadius > 0 ? Optional.of(EncryptedSigmoidServer.fit(sigmoidRadius)) : Optional.empty();
    }

    /** Serialized form (JSON, UTF-8): the manifest, the folded network and the two tuning numbers. */
    public byte[] toBytes() {
        List<Wire.Layer> layers = network.layers().stream().map(d -> new Wire.Layer(d.weights(), d.bias())).toList();
        Wire w = new Wire(FORMAT, manifest, new Wire.Network(network.output(), layers), weightScale, sigmoidRadius);
        try {
            return JSON.writeValueAsBytes(w);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("compiled model serialization", e);
        }
    }

    /** Parses and validates a compiled model written by {@link #toBytes()}. */
    public static CompiledModel fromBytes(byte[] bytes) {
        Wire w;
        try {
            w = JSON.readValue(bytes, Wire.class);
        } catch (java.io.IOException e) {
            if (e.getCause() instanceof ProtocolException p) {
                throw p;
            }
            throw new MlException("compiled model: not valid JSON for this format: " + e.getMessage());
        }
        if (w.format() != FORMAT || w.manifest() == null || w.network() == null || w.network().layers() == null
                || w.network().output() == null) {
            throw new MlException("compiled model: format " + FORMAT + " with manifest and network required");
        }
        List<Dense> layers = w.network().layers().stream().map(l -> {
            if (l.weights() == null || l.bias() == null) {
                throw new MlException("compiled model: a layer needs weights and bias");
            }
            return new Dense(l.weights(), l.bias());
        }).toList();
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).in() != layers.get(i - 1).out()) {
                throw new MlException("compiled model: layer " + i + " takes " + layers.get(i).in() + " inputs, "
                        + "layer " + (i - 1) + " gives " + layers.get(i - 1).out());
            }
        }
        return new CompiledModel(w.manifest(), new SquareNetwork(layers, w.network().output()), w.weightScale(),
                w.sigmoidRadius());
    }

    /** The JSON shape of {@link #toBytes()}. */
    record Wire(int format, ModelManifest manifest, Network network, double weightScale, double sigmoidRadius) {
        record Network(OutputLink output, List<Layer> layers) {
        }

        record Layer(double[][] weights, double[] bias) {
        }
    }
}

package io.he4j.ml.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.ml.MlException;
import io.he4j.ml.data.MeanImputer;
import io.he4j.ml.data.StandardScaler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned JSON model file:
 * <pre>{@code
 * { "format": "he4j-model", "format_version": 1, "model_type": "logistic_regression",
 *   "feature_names": [...], "class_names": [...], "imputer": {"mean": [...]},
 *   "scaler": {"mean": [...], "scale": [...]}, "output": "sigmoid",
 *   "layers": [{"weights": [[...]], "bias": [...]}, ...],
 *   "activations": [{"function": "gelu", "coefficients": [c0, c1, c2], "range": [lo, hi],
 *                    "max_abs_error": e, "rms_error": r}, ...],
 *   "training": {"l2": ..., "seed": ...} }
 * }</pre>
 * Reading checks the format name and version and every shape; errors name the offending field.
 */
public final class ModelFile {
    public static final String FORMAT = "he4j-model";
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFile() {
    }

    /** A deployed model's id: the model file's name without {@code .json} (the service and the Spark jobs). */
    public static String deployedId(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    /** A deployed model's version: the first 16 hex digits of the SHA-256 of the model file's bytes. */
    public static String deployedVersion(byte[] fileBytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(fileBytes)).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    public static void write(TrainedModel m, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model file " + file + ": " + e.getMessage(), e);
        }
    }

    public static TrainedModel read(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new MlException("model file " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    public static String toJson(TrainedModel m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", VERSION);
        root.put("model_type", m.type().jsonName());
        strings(root.putArray("feature_names"), m.featureNames());
        strings(root.putArray("class_names"), m.classNames());
        numbers(root.putObject("imputer").putArray("mean"), m.imputer().means());
        ObjectNode scaler = root.putObject("scaler");
        numbers(scaler.putArray("mean"), m.scaler().mean());
        numbers(scaler.putArray("scale"), m.scaler().scale());
        root.put("output", m.network().output().name().toLowerCase());
        ArrayNode layers = root.putArray("layers");
        for (Dense d : m.network().layers()) {
            ObjectNode l = layers.addObject();
            ArrayNode w = l.putArray("weights");
            for (double[] row : d.weights()) {
                numbers(w.addArray(), row);
            }
            numbers(l.putArray("bias"), d.bias());
        }
        ArrayNode acts = root.putArray("activations");
        for (ActivationFit f : m.activationFits()) {
            ObjectNode a = acts.addObject();
            a.put("function", f.function());
            numbers(a.putArray("coefficients"), f.polynomial().coefficients());
            numbers(a.putArray("range"), new double[]{f.lo(), f.hi()});
            a.put("max_abs_error", f.maxAbsError());
            a.put("rms_error", f.rmsError());
        }
        ObjectNode training = root.putObject("training");
        training.put("l2", m.l2());
        training.put("seed", m.seed());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new MlException("cannot serialize model: " + e.getMessage(), e);
        }
    }

    public static TrainedModel fromJson(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MlException(source + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MlException(source + ": expected a JSON object");
        }
        String format = text(root, "format", source);
        if (!FORMAT.equals(format)) {
            throw new MlException(source + ": not an he4j model file (format '" + format + "', expected '" + FORMAT + "')");
        }
        int version = field(root, "format_version", source).asInt(-1);
        if (version != VERSION) {
            throw new MlException(source + ": model format version " + version + " is not supported (this he4j reads "
                    + VERSION + ")");
        }
        ModelType type = ModelType.fromJson(text(root, "model_type", source));
        List<String> features = stringList(field(root, "feature_names", source), source + ": feature_names");
        List<String> classes = stringList(field(root, "class_names", source), source + ": class_names");
        double[] impMean = doubles(field(field(root, "imputer", source), "mean", source), source + ": imputer.mean");
        JsonNode sc = field(root, "scaler", source);
        double[] mean = doubles(field(sc, "mean", source), source + ": scaler.mean");
        double[] scale = doubles(field(sc, "scale", source), source + ": scaler.scale");
        OutputLink out;
        try {
            out = OutputLink.valueOf(text(root, "output", source).toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new MlException(source + ": output must be sigmoid, softmax or identity");
        }
        List<Dense> layers = new ArrayList<>();
        JsonNode ls = field(root, "layers", source);
        for (int i = 0; i < ls.size(); i++) {
            JsonNode l = ls.get(i);
            String where = source + ": layers[" + i + "]";
            JsonNode w = field(l, "weights", where);
            double[][] weights = new double[w.size()][];
            for (int r = 0; r < weights.length; r++) {
                weights[r] = doubles(w.get(r), where + ".weights[" + r + "]");
            }
            try {
                layers.add(new Dense(weights, doubles(field(l, "bias", where), where + ".bias")));
            } catch (MlException e) {
                throw new MlException(where + ": " + e.getMessage());
            }
        }
        List<ActivationFit> fits = new ArrayList<>();
        JsonNode as = field(root, "activations", source);
        for (int i = 0; i < as.size(); i++) {
            JsonNode a = as.get(i);
            String where = source + ": activations[" + i + "]";
            double[] range = doubles(field(a, "range", where), where + ".range");
            if (range.length != 2) {
                throw new MlException(where + ".range must be [lo, hi]");
            }
            fits.add(new ActivationFit(text(a, "function", where),
                    new Polynomial(doubles(field(a, "coefficients", where), where + ".coefficients")), range[0],
                    range[1], a.path("max_abs_error").asDouble(0), a.path("rms_error").asDouble(0)));
        }
        JsonNode training = root.path("training");
        try {
            Network net = new Network(layers, fits.stream().map(ActivationFit::polynomial).toList(), out);
            return new TrainedModel(type, features, classes, new MeanImputer(impMean), new StandardScaler(mean, scale),
                    net, fits, training.path("l2").asDouble(0), training.path("seed").asLong(0));
        } catch (MlException e) {
            throw new MlException(source + ": inconsistent model: " + e.getMessage());
        }
    }

    private static JsonNode field(JsonNode n, String name, String where) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new MlException(where + ": missing field '" + name + "'");
        }
        return v;
    }

    private static String text(JsonNode n, String name, String where) {
        JsonNode v = field(n, name, where);
        if (!v.isTextual()) {
            throw new MlException(where + ": field '" + name + "' must be a string");
        }
        return v.asText();
    }

    private static double[] doubles(JsonNode n, String where) {
        if (n == null || !n.isArray()) {
            throw new MlException(where + " must be an array of numbers");
        }
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isNumber()) {
                throw new MlException(where + "[" + i + "] is not a number: " + n.get(i));
            }
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    private static List<String> stringList(JsonNode n, String where) {
        if (!n.isArray()) {
            throw new MlException(where + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : n) {
            out.add(s.asText());
        }
        return out;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static void numbers(ArrayNode a, double[] values) {
        for (double v : values) {
            a.add(v);
        }
    }
}

package io.he4j.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a client needs to use a deployed model, and nothing more (no weights): the model's identity, its
 * features in order with the values that replace missing ones, its classes, how scores become a prediction,
 * and one {@link QueryLayout} per query form. Served as JSON ({@link #toJson()}); specified in docs/protocol.md.
 *
 * @param format       manifest format version ({@link #FORMAT})
 * @param modelId      the model's id (file name of the trained model, without ".json")
 * @param version      the deployed version (content-derived: changes whenever the weights do)
 * @param featureNames the features in the order queries carry them
 * @param imputation   per feature, the value the client substitutes for a missing one (training means)
 * @param classNames   class names (empty for regression)
 * @param outputLink   how the client turns scores into a prediction: "sigmoid", "softmax" or "identity"
 * @param single       the one-patient query
 * @param batch        the feature-major many-patient query
 */
public record ModelManifest(int format, String modelId, String version, List<String> featureNames,
                            double[] imputation, List<String> classNames, String outputLink, QueryLayout single,
                            QueryLayout batch) {
    public static final int FORMAT = 1;
    static final Set<String> LINKS = Set.of("sigmoid", "softmax", "identity");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public ModelManifest {
        if (format != FORMAT) {
            throw new ProtocolException("manifest format " + format + " is not supported; this version reads "
                    + FORMAT);
        }
        if (modelId == null || modelId.isBlank() || version == null || version.isBlank() || featureNames == null
                || imputation == null || classNames == null || outputLink == null || single == null || batch == null) {
            throw new ProtocolException("manifest: every field is required (modelId, version, featureNames, "
                    + "imputation, classNames, outputLink, single, batch)");
        }
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        imputation = imputation.clone();
        int d = featureNames.size();
        if (imputation.length != d || single.inputs() != d || batch.inputs() != d) {
            throw new ProtocolException("manifest: " + d + " feature names but " + imputation.length
                    + " imputation values, single query of " + single.inputs() + " and batch of " + batch.inputs()
                    + " inputs");
        }
        if (!LINKS.contains(outputLink)) {
            throw new ProtocolException("manifest: output link must be one of " + LINKS + ", got " + outputLink);
        }
        if (single.kind().batch() || !batch.kind().batch()) {
            throw new ProtocolException("manifest: single must be a single-query kind and batch a batch kind, got "
                    + single.kind() + " and " + batch.kind());
        }
    }

    /** The manifest of a model without format bookkeeping. */
    public static ModelManifest of(String modelId, String version, List<String> featureNames, double[] imputation,
                                   List<String> classNames, String outputLink, QueryLayout single,
                                   QueryLayout batch) {
        return new ModelManifest(FORMAT, modelId, version, featureNames, imputation, classNames, outputLink, single,
                batch);
    }

    @Override
    public double[] imputation() {
        return imputation.clone();
    }

    /** The layout of the given query form. */
    public QueryLayout layout(boolean batchQuery) {
        return batchQuery ? batch : single;
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest serialization", e);
        }
    }

    /** Parses and validates a manifest. */
    public static ModelManifest fromJson(String json) {
        try {
            ModelManifest m = JSON.readValue(json, ModelManifest.class);
            if (m == null) {
                throw new ProtocolException("manifest: expected a JSON object, got null");
            }
            return m;
        } catch (JsonProcessingException e) {
            Throwable c = e.getCause();
            if (c instanceof ProtocolException p) {
                throw p;
            }
            throw new ProtocolException("manifest: not valid JSON for this format: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelManifest m && m.format == format && m.modelId.equals(modelId)
                && m.version.equals(version) && m.featureNames.equals(featureNames)
                && Arrays.equals(m.imputation, imputation) && m.classNames.equals(classNames)
                && m.outputLink.equals(outputLink) && m.single.equals(single) && m.batch.equals(batch);
    }

    @Override
    public int hashCode() {
        return (modelId.hashCode() * 31 + version.hashCode()) * 31 + single.hashCode();
    }
}

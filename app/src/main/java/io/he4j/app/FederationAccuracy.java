package io.he4j.app;

import io.he4j.federated.GlobalPreprocessing;
import io.he4j.federated.ModelShape;
import io.he4j.ml.metrics.ClassificationMetrics;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.TrainedModel;
import io.he4j.web.PageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A labelled file held at the hospital, and each round of one federation measured on it: the round's global model
 * is rebuilt here from the round's decrypted average with the federated module's parameter layout
 * ({@link ModelShape}, the layers the members train) and the pooled preprocessing of the federation's statistics
 * round ({@link GlobalPreprocessing}, round 0 of {@code ./he4j fl simulate}), then applied to every row. Lives in
 * the user's session (app memory) only: the rows are never sent anywhere. Thread-safe.
 *
 * @param federationId the federation measured
 * @param filename     the file's name as uploaded
 * @param targetName   its label column
 * @param shape        the model layout the federation's parameters have
 * @param pre          the pooled imputer and scaler
 * @param statisticsId the federation whose decrypted total gave {@code pre}
 * @param featureBound the public feature bound those statistics were divided by
 * @param rows         raw feature rows (NaN = missing, imputed by the rebuilt model)
 * @param labels       class indices
 * @param scores       per round measured so far (a round's average never changes once decrypted)
 */
record FederationAccuracy(String federationId, String filename, String targetName, ModelShape shape,
                          GlobalPreprocessing pre, String statisticsId, double featureBound, double[][] rows,
                          int[] labels, Map<Integer, Score> scores) {
    /** Hidden layers a form may name (the federated trainers' MLPs have 1 or 2). */
    static final int MAX_HIDDEN_LAYERS = 2;
    static final int MAX_WIDTH = 4096;

    /** One round on the file: correct predictions of {@code rows}, accuracy, ROC-AUC (NaN with one class only). */
    record Score(int correct, int rows, double accuracy, double rocAuc) {
    }

    /** Where a session keeps the measurement of one federation. */
    static String sessionKey(String federationId) {
        return "federation-accuracy:" + federationId;
    }

    static FederationAccuracy of(String federationId, String filename, CsvRows.Labelled file, ModelShape shape,
                                 GlobalPreprocessing pre, String statisticsId, double featureBound) {
        return new FederationAccuracy(federationId, filename, file.rows().targetName(), shape, pre, statisticsId,
                featureBound, file.rows().features(), labels(file.rows().target(), shape.classNames().size()),
                new ConcurrentHashMap<>());
    }

    /** The round's model measured on the file (computed once per round). */
    Score score(int round, double[] average) {
        return scores.computeIfAbsent(round, r -> {
            if (average.length != shape.parameters()) {
                throw new PageException(409, "round " + r + " has " + average.length + " values, the layout "
                        + shape.parameters());
            }
            TrainedModel m = shape.model(average, pre);
            double[][] p = new double[rows.length][];
            for (int i = 0; i < p.length; i++) {
                p[i] = m.probabilities(rows[i]);
            }
            ClassificationMetrics c = ClassificationMetrics.of(labels, p);
            int correct = 0;
            for (int k = 0; k < c.confusion().length; k++) {
                correct += c.confusion()[k][k];
            }
            return new Score(correct, rows.length, c.accuracy(), c.rocAuc());
        });
    }

    /**
     * The layout of a federation of {@code parameters} values over these features and hidden widths, with the
     * square activation: one output (logistic, two classes) or k >= 3 (softmax), as {@code ModelShape.of} makes
     * it. The output count is solved from ModelShape's own count (affine in the outputs), so the layout has one
     * definition.
     */
    static ModelShape shape(int parameters, List<String> featureNames, List<Integer> hidden) {
        int d = featureNames.size();
        int one = layout(featureNames, hidden, 1).parameters();
        int perOutput = layout(featureNames, hidden, 2).parameters() - one;
        int outputs = (parameters - one) % perOutput == 0 ? 1 + (parameters - one) / perOutput : 0;
        if (outputs < 1 || outputs == 2) {
            throw new PageException(400, "the federation has " + parameters + " parameters, which is no "
                    + describe(d, hidden) + ": that has " + one + " (two classes) or " + (one + 2 * perOutput)
                    + ", " + (one + 3 * perOutput) + ", ... (3, 4, ... classes). Check the file's feature columns ("
                    + d + ") and the hidden layers");
        }
        return layout(featureNames, hidden, outputs);
    }

    /** "logistic regression on 13 features", "MLP 13-4-1 (square activation)". */
    static String describe(ModelShape s) {
        int[] sizes = s.sizes();
        if (sizes.length == 2) {
            return (s.link() == OutputLink.SIGMOID ? "logistic" : "softmax") + " regression on " + sizes[0]
                    + " features";
        }
        StringBuilder b = new StringBuilder("MLP ");
        for (int i = 0; i < sizes.length; i++) {
            b.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        return b.append(" (square activation)").toString();
    }

    private static String describe(int d, List<Integer> hidden) {
        return hidden.isEmpty() ? "linear model of " + d + " features" : "MLP of " + d + " features and hidden layers "
                + hidden;
    }

    private static ModelShape layout(List<String> featureNames, List<Integer> hidden, int outputs) {
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = featureNames.size();
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = outputs;
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < Math.max(2, outputs); k++) {
            classes.add(Integer.toString(k));
        }
        return new ModelShape(sizes, outputs == 1 ? OutputLink.SIGMOID : OutputLink.SOFTMAX, 0, featureNames, classes,
                0, "square", List.of());
    }

    /** Hidden widths from a form: blank (a linear model) or up to two comma-separated widths. */
    static List<Integer> hidden(String spec) {
        List<Integer> out = new ArrayList<>();
        if (spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",", -1)) {
            String w = part.strip();
            if (!w.matches("\\d{1,4}") || Integer.parseInt(w) < 1 || Integer.parseInt(w) > MAX_WIDTH) {
                throw new PageException(400, "hidden layers: blank for a linear model, or widths 1.." + MAX_WIDTH
                        + " separated by commas (e.g. 4 or 8,4)");
            }
            out.add(Integer.parseInt(w));
        }
        if (out.size() > MAX_HIDDEN_LAYERS) {
            throw new PageException(400, "at most " + MAX_HIDDEN_LAYERS + " hidden layers, as the federated trainers");
        }
        return out;
    }

    /** Labels as class indices 0..k-1. */
    private static int[] labels(double[] raw, int classes) {
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double v = raw[i];
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new PageException(400, "row " + (i + 1) + ": label " + v + " is not a class index 0.."
                        + (classes - 1) + " (the federation's model has " + classes + " classes)");
            }
            out[i] = (int) v;
        }
        return out;
    }
}

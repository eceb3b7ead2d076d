package io.he4j.federated;

import io.he4j.ml.data.Dataset;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.ModelType;
import io.he4j.ml.model.Network;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.Polynomial;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.metrics.ClassificationMetrics;
import io.he4j.ml.model.Dense;
import io.he4j.ml.train.Activation;
import io.he4j.ml.train.NetworkObjective;
import io.he4j.ml.train.PolynomialFit;
import io.he4j.ml.train.TrainOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The model every institution trains: a linear model (logistic, softmax) or an MLP on the pooled standardization.
 * MLP activations: {@code square} (exact under encryption, no fit), or relu / gelu / sigmoid, trained exactly at
 * first and then, as the central trainer does, replaced layer by layer by the least-squares quadratic over the
 * layer's pre-activation range ({@link #fitRange}; the range comes from the pooled, encrypted mean and variance
 * of the pre-activations: no institution's minimum or maximum is disclosed), and fine-tuned with it.
 *
 * @param sizes        layer widths, inputs first
 * @param link         output link
 * @param l2           L2 penalty
 * @param featureNames feature names
 * @param classNames   class names
 * @param seed         seeds the common initialization
 * @param activation   hidden activation: square, relu, gelu or sigmoid
 * @param fits         the quadratic fits of the first fits.size() hidden layers (non-square activations)
 */
public record ModelShape(int[] sizes, OutputLink link, double l2, List<String> featureNames, List<String> classNames,
                         long seed, String activation, List<ActivationFit> fits) {
    /** Public bound on |pre-activation| used to normalize the activation statistics (values beyond are clipped). */
    public static final double PRE_ACTIVATION_BOUND = 1e3;
    /** Half-width of the fitting range in standard deviations of the pooled pre-activations. */
    public static final double RANGE_SIGMAS = 4;

    public ModelShape {
        sizes = sizes.clone();
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        fits = List.copyOf(fits);
        Activation.of(activation);  // validates the name
    }

    public static ModelShape of(Dataset schema, TrainOptions o) {
        if (!schema.isClassification()) {
            throw new FederationException("federated training supports classification (logistic, softmax, MLP)");
        }
        OutputLink link = schema.classCount() == 2 ? OutputLink.SIGMOID : OutputLink.SOFTMAX;
        int[] sizes = new int[o.hidden().size() + 2];
        sizes[0] = schema.features();
        for (int i = 0; i < o.hidden().size(); i++) {
            sizes[i + 1] = o.hidden().get(i);
        }
        sizes[sizes.length - 1] = link == OutputLink.SOFTMAX ? schema.classCount() : 1;
        String activation = o.kind() == TrainOptions.Kind.MLP ? o.activation() : "square";
        try {
            Activation.of(activation);
        } catch (RuntimeException e) {
            throw new FederationException(e.getMessage());
        }
        return new ModelShape(sizes, link, o.l2(), schema.featureNames(), schema.classNames(), o.seed(), activation,
                List.of());
    }

    private int hiddenLayers() {
        return sizes.length - 2;
    }

    /** Whether a hidden layer still trains with an exact activation that needs a quadratic fit. */
    public boolean needsFit() {
        return !activation.equals("square") && fits.size() < hiddenLayers();
    }

    /** The hidden layer the next fit is for ({@code fits.size()}). */
    public int nextFitLayer() {
        return fits.size();
    }

    /** This shape with the next hidden layer's activation replaced by {@code fit}. */
    public ModelShape withFit(ActivationFit fit) {
        if (!needsFit()) {
            throw new FederationException("every hidden layer already has its activation");
        }
        List<ActivationFit> more = new ArrayList<>(fits);
        more.add(fit);
        return new ModelShape(sizes, link, l2, featureNames, classNames, seed, activation, more);
    }

    /**
     * The quadratic fit of the activation over mean +- {@link #RANGE_SIGMAS} standard deviations of the next
     * layer's pooled pre-activations, from their pooled count, sum and sum of squares (normalized by
     * {@link #PRE_ACTIVATION_BOUND}: {@link #activationStatistics}, summed over the institutions).
     */
    public ActivationFit fitRange(double[] pooled) {
        if (pooled.length != 3 || !(pooled[0] > 0)) {
            throw new FederationException("activation statistics are (count, sum, sum of squares) with count > 0");
        }
        double b = PRE_ACTIVATION_BOUND;
        double mean = pooled[1] * b / pooled[0];
        double var = Math.max(0, pooled[2] * b * b / pooled[0] - mean * mean);
        double half = Math.max(1e-3, RANGE_SIGMAS * Math.sqrt(var));
        return PolynomialFit.fit(Activation.of(activation), mean - half, mean + half, 2);
    }

    /**
     * One institution's statistics of the next fitted layer's pre-activations over its standardized rows
     * {@code z} (every neuron of the layer): count (in rows x neurons / neurons = rows), sum / B and sum of
     * squares / B^2 per row averaged over the neurons, each value clipped to [-B, B] (B = PRE_ACTIVATION_BOUND),
     * so every row adds at most 1 to each: the sums fit a layout for sums up to the pooled row count.
     */
    double[] activationStatistics(double[][] z, double[] theta) {
        int layer = nextFitLayer();
        List<Dense> ls = objective(new double[0][], new double[0]).layers(theta);
        List<Activation> acts = activations();
        double b = PRE_ACTIVATION_BOUND;
        double[] out = new double[3];
        for (double[] row : z) {
            double[] h = row;
            for (int l = 0; l <= layer; l++) {
                h = ls.get(l).apply(h);
                if (l < layer) {
                    for (int i = 0; i < h.length; i++) {
                        h[i] = acts.get(l).apply(h[i]);
                    }
                }
            }
            double s = 0;
            double sq = 0;
            for (double v : h) {
                double c = Math.max(-b, Math.min(b, v)) / b;
                s += c;
                sq += c * c;
            }
            out[0] += 1;
            out[1] += s / h.length;
            out[2] += sq / h.length;
        }
        return out;
    }

    /** Per hidden layer: its fitted quadratic, else the exact activation (square is its own polynomial). */
    private List<Activation> activations() {
        List<Activation> out = new ArrayList<>();
        for (int l = 0; l < hiddenLayers(); l++) {
            out.add(l < fits.size() ? Activation.polynomial(activation, fits.get(l).polynomial())
                    : Activation.of(activation));
        }
        return out;
    }

    NetworkObjective objective(double[][] x, double[] y) {
        return new NetworkObjective(sizes, activations(), link, l2, x, y);
    }

    /** The common starting point: zeros for a linear model, the seeded initialization for an MLP. */
    public double[] initialParameters() {
        NetworkObjective f = objective(new double[0][], new double[0]);
        return sizes.length == 2 ? new double[f.dimension()] : f.initialParameters(seed);
    }

    public int parameters() {
        return objective(new double[0][], new double[0]).dimension();
    }

    /**
     * The global model for given parameters, usable like any trained model (predict, serve, evaluate).
     *
     * @throws FederationException while a hidden layer still has an exact non-polynomial activation
     */
    public TrainedModel model(double[] theta, GlobalPreprocessing pre) {
        if (needsFit()) {
            throw new FederationException("hidden layer " + nextFitLayer() + " still trains with the exact "
                    + activation + "; its quadratic fit comes first (a model must be evaluable under encryption)");
        }
        NetworkObjective f = objective(new double[0][], new double[0]);
        List<ActivationFit> all = new ArrayList<>();
        List<Polynomial> polys = new ArrayList<>();
        for (int l = 0; l + 2 < sizes.length; l++) {
            // square is exact: no fit, no error (range 0..0: the coordinator never sees pre-activations)
            ActivationFit fit = activation.equals("square") ? new ActivationFit("square", Polynomial.square(), 0, 0,
                    0, 0) : fits.get(l);
            all.add(fit);
            polys.add(fit.polynomial());
        }
        ModelType type = sizes.length > 2 ? ModelType.MLP
                : link == OutputLink.SIGMOID ? ModelType.LOGISTIC_REGRESSION : ModelType.SOFTMAX_REGRESSION;
        return new TrainedModel(type, featureNames, classNames, pre.imputer(), pre.scaler(),
                new Network(f.layers(theta), polys, link), all, l2, seed);
    }

    /**
     * Accuracy of the global parameters on raw {@code test} rows: through {@link #model} once every activation is
     * a polynomial, before that with the exact activations (the network the institutions are training).
     */
    public double accuracy(double[] theta, GlobalPreprocessing pre, Dataset test) {
        if (!needsFit()) {
            return FederatedSimulation.accuracy(model(theta, pre), test);
        }
        Dataset z = pre.scaler().transform(pre.imputer().apply(test));
        List<Dense> ls = objective(new double[0][], new double[0]).layers(theta);
        List<Activation> acts = activations();
        double[][] p = new double[z.rows()][];
        for (int i = 0; i < p.length; i++) {
            double[] h = z.x()[i];
            for (int l = 0; l < ls.size(); l++) {
                h = ls.get(l).apply(h);
                if (l < acts.size()) {
                    for (int k = 0; k < h.length; k++) {
                        h[k] = acts.get(l).apply(h[k]);
                    }
                }
            }
            p[i] = link.probabilities(h);
        }
        return ClassificationMetrics.of(test.labels(), p).accuracy();
    }
}

package io.he4j.ml.train;

import io.he4j.ml.MlException;
import io.he4j.ml.Progress;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.MeanImputer;
import io.he4j.ml.data.StandardScaler;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.ModelType;
import io.he4j.ml.model.Network;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.Polynomial;
import io.he4j.ml.model.TrainedModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains models on a training split: imputes missing values with the training means, fits the standard
 * scaler on the training split, then
 * <ul>
 *   <li>linear classification: L2 logistic regression (2 classes) or softmax regression (K classes) by L-BFGS;</li>
 *   <li>linear regression: ridge, closed form;</li>
 *   <li>MLP: 1–2 hidden layers with an HE-friendly degree-2 polynomial activation (see {@link TrainOptions}).</li>
 * </ul>
 * Deterministic: same data, same options, same model.
 */
public final class Trainer {
    private Trainer() {
    }

    public static TrainedModel train(Dataset train, TrainOptions o) {
        return train(train, o, Progress.none());
    }

    /** As {@link #train(Dataset, TrainOptions)}, reporting optimizer iterations to {@code progress}. */
    public static TrainedModel train(Dataset train, TrainOptions o, Progress progress) {
        if (train.rows() < 2) {
            throw new MlException(train.name() + ": need at least 2 training rows, got " + train.rows());
        }
        MeanImputer imputer = MeanImputer.fit(train);
        Dataset imputed = imputer.apply(train);
        StandardScaler scaler = StandardScaler.fit(imputed);
        Dataset z = scaler.transform(imputed);
        OutputLink link = !train.isClassification() ? OutputLink.IDENTITY
                : train.classCount() == 2 ? OutputLink.SIGMOID : OutputLink.SOFTMAX;
        int outs = link == OutputLink.SOFTMAX ? train.classCount() : 1;
        // regression targets are standardized for training and the scaling is folded back into the last layer
        double yMean = 0;
        double yScale = 1;
        double[] y = z.y();
        if (link == OutputLink.IDENTITY) {
            for (double v : y) {
                yMean += v;
            }
            yMean /= y.length;
            double var = 0;
            for (double v : y) {
                var += (v - yMean) * (v - yMean);
            }
            yScale = Math.sqrt(var / y.length);
            if (!(yScale > 0)) {
                yScale = 1;
            }
            double[] ys = new double[y.length];
            for (int i = 0; i < ys.length; i++) {
                ys[i] = (y[i] - yMean) / yScale;
            }
            y = ys;
        }
        List<Dense> layers;
        List<ActivationFit> fits = new ArrayList<>();
        ModelType type;
        if (o.kind() == TrainOptions.Kind.LINEAR) {
            if (link == OutputLink.IDENTITY) {
                layers = List.of(Ridge.fit(z.x(), y, o.l2()));
                type = ModelType.LINEAR_REGRESSION;
            } else {
                NetworkObjective f = new NetworkObjective(new int[]{train.features(), outs}, List.of(), link, o.l2(),
                        z.x(), y);
                Lbfgs.Result r = Lbfgs.minimize(f, new double[f.dimension()], Lbfgs.Options.defaults(o.maxIterations()),
                        progress, "training");
                layers = f.layers(r.theta());
                type = link == OutputLink.SIGMOID ? ModelType.LOGISTIC_REGRESSION : ModelType.SOFTMAX_REGRESSION;
            }
        } else {
            type = ModelType.MLP;
            int[] sizes = new int[o.hidden().size() + 2];
            sizes[0] = train.features();
            for (int i = 0; i < o.hidden().size(); i++) {
                sizes[i + 1] = o.hidden().get(i);
            }
            sizes[sizes.length - 1] = outs;
            Activation exact = Activation.of(o.activation());
            List<Activation> acts = new ArrayList<>();
            for (int i = 0; i < o.hidden().size(); i++) {
                acts.add(exact);
            }
            NetworkObjective f = new NetworkObjective(sizes, acts, link, o.l2(), z.x(), y);
            double[] theta = f.initialParameters(o.seed());
            if (o.activation().equals("square")) {
                // train directly with x^2; a smaller init keeps the squares from exploding early on
                for (int i = 0; i < theta.length; i++) {
                    theta[i] *= 0.5;
                }
                theta = Lbfgs.minimize(f, theta, Lbfgs.Options.defaults(o.maxIterations()), progress, "training")
                        .theta();
                for (int l = 0; l < acts.size(); l++) {
                    double[] range = f.preActivationRange(theta, l);
                    fits.add(new ActivationFit("square", Polynomial.square(), range[0], range[1], 0, 0));
                }
            } else {
                theta = Lbfgs.minimize(f, theta, Lbfgs.Options.defaults(o.maxIterations()), progress,
                        "training (exact)").theta();
                // replace each activation, layer by layer, by its least-squares quadratic over the observed range
                List<Activation> polys = new ArrayList<>(acts);
                for (int l = 0; l < acts.size(); l++) {
                    NetworkObjective current = new NetworkObjective(sizes, polys, link, o.l2(), z.x(), y);
                    double[] range = current.preActivationRange(theta, l);
                    double lo = range[0];
                    double hi = range[1];
                    if (!(hi - lo > 1e-6)) {
                        lo -= 1;
                        hi += 1;
                    }
                    ActivationFit fit = PolynomialFit.fit(exact, lo, hi, 2);
                    fits.add(fit);
                    polys.set(l, Activation.polynomial(o.activation(), fit.polynomial()));
                }
                NetworkObjective tuned = new NetworkObjective(sizes, polys, link, o.l2(), z.x(), y);
                theta = Lbfgs.minimize(tuned, theta, Lbfgs.Options.defaults(Math.max(1, o.maxIterations() / 2)),
                        progress, "fine-tuning (poly)").theta();
            }
            layers = f.layers(theta);
        }
        if (link == OutputLink.IDENTITY) {
            Dense last = layers.getLast();
            double[][] w = new double[1][];
            w[0] = last.weights()[0].clone();
            for (int i = 0; i < w[0].length; i++) {
                w[0][i] *= yScale;
            }
            List<Dense> adjusted = new ArrayList<>(layers.subList(0, layers.size() - 1));
            adjusted.add(new Dense(w, new double[]{last.bias()[0] * yScale + yMean}));
            layers = adjusted;
        }
        Network net = new Network(layers, fits.stream().map(ActivationFit::polynomial).toList(), link);
        return new TrainedModel(type, train.featureNames(), train.classNames(), imputer, scaler, net, fits, o.l2(),
                o.seed());
    }
}

package io.he4j.federated;

import io.he4j.ml.data.Dataset;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.ModelType;
import io.he4j.ml.model.Network;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.Polynomial;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.Activation;
import io.he4j.ml.train.NetworkObjective;
import io.he4j.ml.train.TrainOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Collections;

/**
 * The model every institution trains: a linear model (logistic, softmax) or an MLP with square activations
 * (the HE-friendly form, no polynomial fit needed), on the pooled standardization.
 *
 * @param sizes        layer widths, inputs first
 * @param link         output link
 * @param l2           L2 penalty
 * @param featureNames feature names
 * @param classNames   class names
 * @param seed         seeds the common initialization
 */
public record ModelShape(int[] sizes, OutputLink link, double l2, List<String> featureNames, List<String> classNames,
                         long seed) {
    public ModelShape {
        sizes = sizes.clone();
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
    }

    public static ModelShape of(Dataset schema, TrainOptions o) {
        if (!schema.isClassification()) {
            throw new FederationException("federated training supports classification (logistic, softmax, MLP)");
        }
        if (o.kind() == TrainOptions.Kind.MLP && !o.activation().equals("square")) {
            throw new FederationException("federated MLPs use the square activation; got " + o.activation());
        }
        OutputLink link = schema.classCount() == 2 ? OutputLink.SIGMOID : OutputLink.SOFTMAX;
        int[] sizes = new int[o.hidden().size() + 2];
        sizes[0] = schema.features();
        for (int i = 0; i < o.hidden().size(); i++) {
            sizes[i + 1] = o.hidden().get(i);
        }
        sizes[sizes.length - 1] = link == OutputLink.SOFTMAX ? schema.classCount() : 1;
        return new ModelShape(sizes, link, o.l2(), schema.featureNames(), schema.classNames(), o.seed());
    }

    private List<Activation> activations() {
        return Collections.nCopies(sizes.length - 2, Activation.of("square"));
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

    /** The global model for given parameters, usable like any trained model (predict, serve, evaluate). */
    public TrainedModel model(double[] theta, GlobalPreprocessing pre) {
        NetworkObjective f = objective(new double[0][], new double[0]);
        List<ActivationFit> fits = new ArrayList<>();
        List<Polynomial> polys = new ArrayList<>();
        for (int l = 0; l + 2 < sizes.length; l++) {
            // square is exact: no fit, no error (range 0..0: the coordinator never sees pre-activations)
            fits.add(new ActivationFit("square", Polynomial.square(), 0, 0, 0, 0));
            polys.add(Polynomial.square());
        }
        ModelType type = sizes.length > 2 ? ModelType.MLP
                : link == OutputLink.SIGMOID ? ModelType.LOGISTIC_REGRESSION : ModelType.SOFTMAX_REGRESSION;
        return new TrainedModel(type, featureNames, classNames, pre.imputer(), pre.scaler(),
                new Network(f.layers(theta), polys, link), fits, l2, seed);
    }
}

package io.he4j.ml.model;

import io.he4j.ml.MlException;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.MeanImputer;
import io.he4j.ml.data.StandardScaler;

import java.util.List;

/**
 * A trained model with everything needed to apply it to raw rows: missing-value imputer (training means),
 * standard scaler (fitted on training data), the network (on standardized inputs), feature and class names.
 *
 * @param type           model family
 * @param featureNames   input columns, in order
 * @param classNames     class names (empty for regression)
 * @param imputer        training-split means used for missing inputs
 * @param scaler         standardization fitted on the training split
 * @param network        layers on standardized inputs
 * @param activationFits one per hidden layer (empty for linear models)
 * @param l2             L2 regularization strength used in training
 * @param seed           training seed
 */
public record TrainedModel(ModelType type, List<String> featureNames, List<String> classNames, MeanImputer imputer,
                           StandardScaler scaler, Network network, List<ActivationFit> activationFits, double l2,
                           long seed) {
    public TrainedModel {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        activationFits = List.copyOf(activationFits);
        int d = featureNames.size();
        if (scaler.features() != d || imputer.means().length != d || network.inputs() != d) {
            throw new MlException("model parts disagree on the number of features: names " + d + ", scaler "
                    + scaler.features() + ", imputer " + imputer.means().length + ", network " + network.inputs());
        }
        if (activationFits.size() != network.activations().size()) {
            throw new MlException("one activation fit per hidden layer expected: " + activationFits.size() + " vs "
                    + network.activations().size());
        }
        boolean classification = network.output() != OutputLink.IDENTITY;
        if (classification) {
            int k = network.output() == OutputLink.SIGMOID ? 2 : network.outputs();
            if (classNames.size() != k) {
                throw new MlException("the network predicts " + k + " classes but " + classNames.size()
                        + " class names are given");
            }
        } else if (!classNames.isEmpty()) {
            throw new MlException("a regression model has no class names");
        }
    }

    public boolean isClassification() {
        return network.output() != OutputLink.IDENTITY;
    }

    public int features() {
        return featureNames.size();
    }

    /** Impute, then standardize. */
    public double[] preprocess(double[] raw) {
        return scaler.transform(imputer.apply(raw));
    }

    public double[] scores(double[] raw) {
        return network.scores(preprocess(raw));
    }

    public int predictLabel(double[] raw) {
        return network.output().label(scores(raw));
    }

    /** Class probabilities (classification) or the single regression value. */
    public double[] probabilities(double[] raw) {
        return network.output().probabilities(scores(raw));
    }

    /** Checks that a dataset has the columns this model was trained on (same count; same names if named). */
    public void checkCompatible(Dataset d) {
        if (d.features() != features()) {
            throw new MlException("the model '" + type.jsonName() + "' was trained on " + features()
                    + " features " + featureNames + " but the data '" + d.name() + "' has " + d.features() + " "
                    + d.featureNames());
        }
    }
}

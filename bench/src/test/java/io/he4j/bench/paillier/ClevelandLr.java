package io.he4j.bench.paillier;

import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;

import java.nio.file.Path;

/**
 * The benchmark's 13-feature model: logistic regression on UCI heart disease (Cleveland), trained as
 * {@code ./he4j bench} trains it (75/25 split, seed 42), and the test split's imputed rows as queries. The
 * folded weights W' = W / scale and b' = b - W' mean are what both libraries multiply the raw features by.
 */
final class ClevelandLr {
    final TrainedModel model;
    final double[][] queries;
    final double[] weights;
    final double bias;

    ClevelandLr() {
        Path data = Path.of(System.getProperty("he4j.data.dir", "../shared/data"));
        Dataset d = Datasets.heartDisease(data, Datasets.Institution.CLEVELAND, MissingValues.Policy.IMPUTE_TRAIN_MEAN);
        Split s = Splits.trainTest(d, 0.25, 42);
        model = Trainer.train(s.train(), TrainOptions.linear(42));
        queries = new double[s.test().rows()][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = model.imputer().apply(s.test().x()[i]);
        }
        Dense layer = model.network().layers().getFirst();
        double[] mean = model.scaler().mean();
        double[] scale = model.scaler().scale();
        weights = new double[model.features()];
        double b = layer.bias()[0];
        for (int j = 0; j < weights.length; j++) {
            weights[j] = layer.weights()[0][j] / scale[j];
            b -= weights[j] * mean[j];
        }
        bias = b;
        if (weights.length != 13) {
            throw new IllegalStateException("expected 13 features, got " + weights.length);
        }
    }
}

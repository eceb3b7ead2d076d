package io.he4j.bench.jmh;

import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The models the ML benchmarks time: trained once by the runner (deterministic, seed 42, 25% test split as
 * {@code ./he4j evaluate}) and saved as model files, so JMH forks only load them. The test split's rows
 * (imputed with the training mean) are the queries.
 */
public final class MlWorkload {
    /** System property naming the directory of saved models (set by the runner for the forks). */
    public static final String MODELS_PROPERTY = "he4j.bench.models";
    /** System property naming ../shared/data (set by the runner for the forks). */
    public static final String DATA_PROPERTY = "he4j.data.dir";
    public static final long SEED = 42;

    /** Benchmarked cases: id, dataset, model. */
    public enum Case {
        CLEVELAND_LR("cleveland_lr"), CLEVELAND_MLP("cleveland_mlp"), DIGITS_MLP("digits_mlp");

        public final String id;

        Case(String id) {
            this.id = id;
        }

        public static Case of(String id) {
            for (Case c : values()) {
                if (c.id.equals(id)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown ML case " + id + "; allowed: cleveland_lr, cleveland_mlp, "
                    + "digits_mlp");
        }

        Dataset load(Path dataDir) {
            return switch (this) {
                case CLEVELAND_LR, CLEVELAND_MLP -> Datasets.heartDisease(dataDir, Datasets.Institution.CLEVELAND,
                        MissingValues.Policy.IMPUTE_TRAIN_MEAN);
                case DIGITS_MLP -> Datasets.digits(dataDir);
            };
        }

        TrainOptions options() {
            return this == CLEVELAND_LR ? TrainOptions.linear(SEED) : TrainOptions.mlp(List.of(16), "gelu", SEED);
        }
    }

    public final TrainedModel model;
    public final double[][] queries;

    private MlWorkload(TrainedModel model, double[][] queries) {
        this.model = model;
        this.queries = queries;
    }

    /** Trains the case's model and saves it as {@code <dir>/<id>.json}. */
    public static Path trainAndSave(Case c, Path dataDir, Path dir) throws java.io.IOException {
        Split s = Splits.trainTest(c.load(dataDir), 0.25, SEED);
        TrainedModel m = Trainer.train(s.train(), c.options());
        Files.createDirectories(dir);
        Path file = dir.resolve(c.id + ".json");
        ModelFile.write(m, file);
        return file;
    }

    /** In a fork: the saved model and the test split's imputed rows. */
    public static MlWorkload load(Case c) {
        String models = System.getProperty(MODELS_PROPERTY);
        String data = System.getProperty(DATA_PROPERTY);
        if (models == null || data == null) {
            throw new IllegalStateException("the ML benchmarks need -D" + MODELS_PROPERTY + " and -D" + DATA_PROPERTY
                    + " (the runner sets both)");
        }
        TrainedModel m = ModelFile.read(Path.of(models, c.id + ".json"));
        Dataset test = Splits.trainTest(c.load(Path.of(data)), 0.25, SEED).test();
        double[][] q = new double[test.rows()][];
        for (int i = 0; i < q.length; i++) {
            q[i] = m.imputer().apply(test.x()[i]);
        }
        return new MlWorkload(m, q);
    }
}

package io.he4j.bench.jmh;

import io.he4j.bench.ml.MlCase;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The models the ML benchmarks time, from the one case list ({@link MlCase}): trained once by the runner and
 * saved as model files, so JMH forks only load them. The test split's rows (imputed with the training mean)
 * are the queries.
 */
public final class MlWorkload {
    /** System property naming the directory of saved models (set by the runner for the forks). */
    public static final String MODELS_PROPERTY = "he4j.bench.models";
    /** System property naming ../shared/data (set by the runner for the forks). */
    public static final String DATA_PROPERTY = "he4j.data.dir";

    public final TrainedModel model;
    public final double[][] queries;

    private MlWorkload(TrainedModel model, double[][] queries) {
        this.model = model;
        this.queries = queries;
    }

    /** Trains the case's model and saves it as {@code <dir>/<id>.json}. */
    public static Path trainAndSave(MlCase c, Path dataDir, Path dir) throws IOException {
        TrainedModel m = c.train(c.split(dataDir));
        Files.createDirectories(dir);
        Path file = dir.resolve(c.id() + ".json");
        ModelFile.write(m, file);
        return file;
    }

    /** In a fork: the saved model of case {@code id} and its test split's imputed rows. */
    public static MlWorkload load(String id) {
        String models = System.getProperty(MODELS_PROPERTY);
        String data = System.getProperty(DATA_PROPERTY);
        if (models == null || data == null) {
            throw new IllegalStateException("the ML benchmarks need -D" + MODELS_PROPERTY + " and -D" + DATA_PROPERTY
                    + " (the runner sets both)");
        }
        MlCase c = MlCase.of(id);
        TrainedModel m = ModelFile.read(Path.of(models, c.id() + ".json"));
        Dataset test = c.split(Path.of(data)).test();
        double[][] q = new double[test.rows()][];
        for (int i = 0; i < q.length; i++) {
            q[i] = m.imputer().apply(test.x()[i]);
        }
        return new MlWorkload(m, q);
    }
}

package io.he4j.bench.ml;

import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The ML benchmark cases, the one list that the evaluation suite ({@link MlSuite}), the JMH suites
 * ({@code io.he4j.bench.jmh.MlWorkload}) and the report use: a dataset from {@code ../shared/data}, a model, and
 * the execution mode (one encrypted query per patient, or feature-major SIMD batches). Every case splits its
 * dataset 75/25 with seed {@value #SEED} and trains with that seed, so the same id always means the same
 * model. Figures are {@code ml/<id>/<metric>}.
 *
 * @param id       figure-id segment, e.g. {@code cleveland_lr_batch}
 * @param model    the model case this one evaluates in batch mode, or its own id in single mode
 * @param dataset  human-readable dataset name
 * @param load     reads the dataset from the data directory
 * @param training the trainer's options
 * @param batch    batch mode (else single query)
 */
public record MlCase(String id, String model, String dataset, Function<Path, Dataset> load, TrainOptions training,
                     boolean batch) {
    public static final long SEED = 42;
    public static final double TEST_FRACTION = 0.25;

    private static final String CLEVELAND = "heart disease (Cleveland)";
    private static final String BREAST = "breast cancer (Wisconsin)";
    private static final String DIGITS = "digits (8x8)";
    private static final TrainOptions LR = TrainOptions.linear(SEED);
    private static final TrainOptions MLP = TrainOptions.mlp(List.of(16), "gelu", SEED);

    public static final MlCase CLEVELAND_LR = single("cleveland_lr", CLEVELAND, MlCase::cleveland, LR);
    public static final MlCase CLEVELAND_LR_BATCH = CLEVELAND_LR.inBatches();
    public static final MlCase CLEVELAND_MLP = single("cleveland_mlp", CLEVELAND, MlCase::cleveland, MLP);
    public static final MlCase BREAST_CANCER_LR = single("breast_cancer_lr", BREAST, Datasets::breastCancer, LR);
    public static final MlCase BREAST_CANCER_MLP = single("breast_cancer_mlp", BREAST, Datasets::breastCancer, MLP);
    public static final MlCase DIGITS_MLP = single("digits_mlp", DIGITS, Datasets::digits, MLP);
    public static final MlCase DIGITS_MLP_BATCH = DIGITS_MLP.inBatches();

    /** Everything a full run evaluates. */
    public static List<MlCase> all() {
        return List.of(CLEVELAND_LR, CLEVELAND_LR_BATCH, CLEVELAND_MLP, BREAST_CANCER_LR, BREAST_CANCER_MLP,
                DIGITS_MLP, DIGITS_MLP_BATCH);
    }

    /** The quick run: the headline cases only. */
    public static List<MlCase> quick() {
        return List.of(CLEVELAND_LR, CLEVELAND_LR_BATCH);
    }

    /** The models JMH times one query at a time (the single-mode cases with a latency target). */
    public static List<MlCase> jmhSingle(boolean quick) {
        return quick ? List.of(CLEVELAND_LR) : List.of(CLEVELAND_LR, CLEVELAND_MLP, DIGITS_MLP);
    }

    /** The models JMH times in batches (the single-mode case of each batch case). */
    public static List<MlCase> jmhBatch(boolean quick) {
        return quick ? List.of(CLEVELAND_LR) : List.of(CLEVELAND_LR, DIGITS_MLP);
    }

    public static MlCase of(String id) {
        return all().stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown ML case " + id + "; allowed: " + all().stream().map(MlCase::id).toList()));
    }

    private static MlCase single(String id, String dataset, Function<Path, Dataset> load, TrainOptions training) {
        return new MlCase(id, id, dataset, load, training, false);
    }

    private MlCase inBatches() {
        return new MlCase(id + "_batch", model, dataset, load, training, true);
    }

    /** Missing values stay NaN: the trained model imputes them with the training split's means. */
    private static Dataset cleveland(Path dataDir) {
        return Datasets.heartDisease(dataDir, Datasets.Institution.CLEVELAND, MissingValues.Policy.IMPUTE_TRAIN_MEAN);
    }

    public String mode() {
        return batch ? "batch" : "single";
    }

    /** e.g. {@code lr} or {@code mlp 16 gelu}. */
    public String modelName() {
        return training.kind() == TrainOptions.Kind.LINEAR ? "lr"
                : "mlp " + training.hidden().getFirst() + " " + training.activation();
    }

    public String figureId(String metric) {
        return "ml/" + id + "/" + metric;
    }

    /** The seeded split of the case's dataset. */
    public Split split(Path dataDir) {
        return Splits.trainTest(load.apply(dataDir), TEST_FRACTION, SEED);
    }

    /** The case's model, trained on the training split. */
    public TrainedModel train(Split split) {
        return Trainer.train(split.train(), training);
    }
}

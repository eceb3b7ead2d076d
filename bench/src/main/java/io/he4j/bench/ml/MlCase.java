package io.he4j.bench.ml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One encrypted-inference evaluation: a dataset file (relative to ../shared/data), how to read it (the
 * {@code ./he4j evaluate} data options), the model and the execution mode. Figures are {@code ml/<id>/<metric>}.
 */
public record MlCase(String id, String dataset, String dataFile, List<String> dataArgs, String model, String mode) {
    static final String CLEVELAND = "heart-disease/processed.cleveland.data";
    static final List<String> CLEVELAND_ARGS = List.of("--no-header", "--target", "13", "--positive-above", "0");
    static final String BREAST = "sklearn/breast_cancer.csv";
    static final List<String> BREAST_ARGS = List.of("--no-header", "--skip-lines", "1", "--target", "-1");
    static final String DIGITS = "sklearn/digits.csv.gz";
    static final List<String> DIGITS_ARGS = List.of("--no-header", "--target", "-1");

    public static final MlCase CLEVELAND_LR = new MlCase("cleveland_lr", "heart disease (Cleveland)", CLEVELAND,
            CLEVELAND_ARGS, "lr", "single");
    public static final MlCase CLEVELAND_LR_BATCH = new MlCase("cleveland_lr_batch", "heart disease (Cleveland)",
            CLEVELAND, CLEVELAND_ARGS, "lr", "batch");
    public static final MlCase CLEVELAND_MLP = new MlCase("cleveland_mlp", "heart disease (Cleveland)", CLEVELAND,
            CLEVELAND_ARGS, "mlp", "single");
    public static final MlCase BREAST_CANCER_LR = new MlCase("breast_cancer_lr", "breast cancer (Wisconsin)", BREAST,
            BREAST_ARGS, "lr", "single");
    public static final MlCase BREAST_CANCER_MLP = new MlCase("breast_cancer_mlp", "breast cancer (Wisconsin)", BREAST,
            BREAST_ARGS, "mlp", "single");
    public static final MlCase DIGITS_MLP = new MlCase("digits_mlp", "digits (8x8)", DIGITS, DIGITS_ARGS, "mlp",
            "single");
    public static final MlCase DIGITS_MLP_BATCH = new MlCase("digits_mlp_batch", "digits (8x8)", DIGITS, DIGITS_ARGS,
            "mlp", "batch");

    public MlCase {
        dataArgs = List.copyOf(dataArgs);
    }

    /** Everything a full run evaluates. */
    public static List<MlCase> all() {
        return List.of(CLEVELAND_LR, CLEVELAND_LR_BATCH, CLEVELAND_MLP, BREAST_CANCER_LR, BREAST_CANCER_MLP,
                DIGITS_MLP, DIGITS_MLP_BATCH);
    }

    /** The quick run: the mission's headline cases only. */
    public static List<MlCase> quick() {
        return List.of(CLEVELAND_LR, CLEVELAND_LR_BATCH);
    }

    public String figureId(String metric) {
        return "ml/" + id + "/" + metric;
    }

    /** The arguments after {@code evaluate}. */
    public List<String> evaluateArgs(Path dataDir, long seed, int queries) {
        List<String> a = new ArrayList<>(List.of("--data", dataDir.resolve(dataFile).toString()));
        a.addAll(dataArgs);
        a.addAll(List.of("--model", model, "--mode", mode, "--seed", Long.toString(seed)));
        if (mode.equals("single")) {
            a.addAll(List.of("--queries", Integer.toString(queries)));
        }
        a.add("--json");
        return a;
    }
}

package io.he4j.bench.ml;

import java.util.List;

/**
 * One encrypted-inference evaluation: a dataset file (relative to ../shared/data), its target column, the
 * model and the execution mode, as {@code ./he4j evaluate} takes them. Figures are {@code ml/<id>/<metric>}.
 */
public record MlCase(String id, String dataset, String dataFile, String target, boolean noHeader, String model,
                     String mode) {

    public static final MlCase CLEVELAND_LR = new MlCase("cleveland_lr", "heart-disease (Cleveland)",
            "heart-disease/processed.cleveland.data", "13", true, "lr", "single");
    public static final MlCase CLEVELAND_LR_BATCH = new MlCase("cleveland_lr_batch", "heart-disease (Cleveland)",
            "heart-disease/processed.cleveland.data", "13", true, "lr", "batch");
    public static final MlCase CLEVELAND_MLP = new MlCase("cleveland_mlp", "heart-disease (Cleveland)",
            "heart-disease/processed.cleveland.data", "13", true, "mlp", "single");
    public static final MlCase BREAST_CANCER_LR = new MlCase("breast_cancer_lr", "breast cancer (Wisconsin)",
            "sklearn/breast_cancer.csv", "30", true, "lr", "single");
    public static final MlCase BREAST_CANCER_MLP = new MlCase("breast_cancer_mlp", "breast cancer (Wisconsin)",
            "sklearn/breast_cancer.csv", "30", true, "mlp", "single");
    public static final MlCase DIGITS_MLP = new MlCase("digits_mlp", "digits (8x8)", "sklearn/digits.csv.gz", "64",
            true, "mlp", "single");
    public static final MlCase DIGITS_MLP_BATCH = new MlCase("digits_mlp_batch", "digits (8x8)",
            "sklearn/digits.csv.gz", "64", true, "mlp", "batch");

    /** Everything a full run evaluates. */
    public static List<MlCase> all() {
        return List.of(CLEVELAND_LR, CLEVELAND_LR_BATCH, CLEVELAND_MLP, BREAST_CANCER_LR, BREAST_CANCER_MLP,
                DIGITS_MLP, DIGITS_MLP_BATCH);
    }

    /** The quick run: the mission's headline cases only. */
    public static List<MlCase> quick() {
        return List.of(CLEVELAND_LR, CLEVELAND_MLP, CLEVELAND_LR_BATCH);
    }

    public String figureId(String metric) {
        return "ml/" + id + "/" + metric;
    }

    /** The arguments after {@code evaluate}. */
    public List<String> evaluateArgs(java.nio.file.Path dataDir, long seed) {
        List<String> a = new java.util.ArrayList<>(List.of("--data", dataDir.resolve(dataFile).toString(),
                "--target", target, "--model", model, "--mode", mode, "--seed", Long.toString(seed), "--json"));
        if (noHeader) {
            a.add("--no-header");
        }
        return a;
    }
}

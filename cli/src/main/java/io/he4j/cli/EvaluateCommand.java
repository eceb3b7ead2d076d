package io.he4j.cli;

import io.he4j.ml.MlException;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.eval.Evaluation;
import io.he4j.ml.eval.EvaluationReport;
import io.he4j.ml.eval.ReportJson;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/** Trains on a seeded split, then runs plaintext and encrypted inference on the test split and compares. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Train on a seeded split; compare plaintext and encrypted inference on the test split.")
final class EvaluateCommand implements Runnable {
    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--mode", defaultValue = "single", paramLabel = "single|batch",
            description = "single: one encrypted query per patient; batch: feature-major SIMD batches.")
    String mode;

    @Option(names = "--seed", defaultValue = "42", description = "Split and training seed (default 42).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.25", description = "Test share (default 0.25).")
    double testFraction;

    @Option(names = "--queries", defaultValue = "300", description = "Single mode: timed queries (default 300).")
    int queries;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public void run() {
        Evaluation.Mode m = switch (mode) {
            case "single" -> Evaluation.Mode.SINGLE;
            case "batch" -> Evaluation.Mode.BATCH;
            default -> throw new MlException("--mode must be single or batch, got '" + mode + "'");
        };
        ProgressBar bar = new ProgressBar(System.err);
        Dataset d = data.load();
        Split s = Splits.trainTest(d, testFraction, seed);
        bar.status(String.format("training %s on %d rows, testing on %d (seed %d)...", model.model, s.train().rows(),
                s.test().rows(), seed));
        TrainedModel tm = Trainer.train(s.train(), model.toTrainOptions(seed), bar);
        bar.status("compiling to CKKS and running " + mode + " mode...");
        EvaluationReport r = Evaluation.run(tm, s.test(), m,
                new Evaluation.Options(queries, 30, 5, bar));
        if (json) {
            System.out.println(ReportJson.toJson(r));
            return;
        }
        System.out.printf("%s: %d test rows, %s%n", d.name(), r.testRows(), r.description());
        ReportTable.metrics(System.out, List.of(r));
        System.out.println();
        ReportTable.performance(System.out, List.of(r));
    }
}

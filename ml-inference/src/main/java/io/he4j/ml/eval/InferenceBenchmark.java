package io.he4j.ml.eval;

import io.he4j.ml.MlException;
import io.he4j.ml.Progress;
import io.he4j.ml.data.DataDir;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Plaintext vs encrypted on every shared dataset, single-query and batch: writes {@code ml-inference.json}
 * (one {@link ReportJson} object per run) and {@code ml-inference.md} into the given directory.
 * <pre>java --enable-native-access=ALL-UNNAMED -cp cli/target/he4j-cli.jar io.he4j.ml.eval.InferenceBenchmark OUT_DIR</pre>
 */
public final class InferenceBenchmark {
    private record Case(String name, Supplier<Dataset> data, double testFraction, TrainOptions options) {
    }

    private InferenceBenchmark() {
    }

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/ml-inference");
        Path dir = DataDir.locate().orElseThrow(() -> new MlException("datasets not found: " + DataDir.howToGet()));
        List<Case> cases = List.of(
                new Case("heart-cleveland / LR", () -> Datasets.heartDisease(dir, Datasets.Institution.CLEVELAND,
                        MissingValues.Policy.DROP_ROWS), 0.25, TrainOptions.linear(42)),
                new Case("heart-cleveland / MLP 13-8-1 gelu2", () -> Datasets.heartDisease(dir,
                        Datasets.Institution.CLEVELAND, MissingValues.Policy.DROP_ROWS), 0.25,
                        TrainOptions.mlp(List.of(8), "gelu", 42).withL2(0.05)),
                new Case("breast-cancer / LR", () -> Datasets.breastCancer(dir), 0.25, TrainOptions.linear(42)),
                new Case("breast-cancer / MLP 30-16-1 gelu2", () -> Datasets.breastCancer(dir), 0.25,
                        TrainOptions.mlp(List.of(16), "gelu", 42)),
                new Case("digits / softmax", () -> Datasets.digits(dir), 0.2, TrainOptions.linear(42).withMaxIterations(300)),
                new Case("digits / MLP 64-32-10 square", () -> Datasets.digits(dir), 0.2,
                        TrainOptions.mlp(List.of(32), "square", 42).withMaxIterations(300)),
                new Case("diabetes / ridge", () -> Datasets.diabetes(dir), 0.2, TrainOptions.linear(42).withL2(1e-3)));
        List<String> json = new ArrayList<>();
        StringBuilder md = new StringBuilder();
        md.append("# he4j encrypted inference: plaintext vs encrypted\n\n")
                .append("Generated ").append(Instant.now()).append(" by `io.he4j.ml.eval.InferenceBenchmark`; one thread; ")
                .append("load average at start ").append(String.format("%.2f",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs.\n\n")
                .append("| case | mode | acc plain | acc enc | agree | max abs dscore | e2e p50 ms | server p50 ms (compute) | ")
                .append("upload KB | server predictions/s (compute) | params |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Case c : cases) {
            Dataset d = c.data().get();
            Split s = Splits.trainTest(d, c.testFraction(), 42);
            TrainedModel m = Trainer.train(s.train(), c.options());
            for (Evaluation.Mode mode : Evaluation.Mode.values()) {
                System.err.println("running " + c.name() + " " + mode + "...");
                int queries = m.network().layers().size() == 1 ? 1000 : 100;
                EvaluationReport r = Evaluation.run(m, s.test(), mode, new Evaluation.Options(queries, 50, 5,
                        Progress.none()));
                json.add(ReportJson.toJson(r).replaceFirst("\\{", "{\"case\":\"" + c.name() + "\","));
                md.append(String.format("| %s | %s | %s | %s | %s | %.2e | %s | %s | %s | %s | %s |%n", c.name(),
                        r.mode(), fmt(r.accuracyPlain()), fmt(r.accuracyEncrypted()),
                        Double.isNaN(r.labelAgreement()) ? "n/a" : fmt(r.labelAgreement()), r.maxAbsScoreDiff(),
                        r.single().map(t -> String.format("%.3f", t.endToEnd().p50())).orElse(""),
                        r.single().map(t -> String.format("%.4f (%.4f)", t.server().p50(), t.serverCompute().p50()))
                                .orElse(r.batch().map(b -> String.format("%.2f (%.2f) / batch", b.serverMs(),
                                        b.computeMs())).orElse("")),
                        r.single().map(t -> String.format("%.1f", t.queryBytes() / 1024.0))
                                .orElse(r.batch().map(b -> String.format("%.0f / batch", b.uploadBytes() / 1024.0)).orElse("")),
                        r.batch().map(b -> String.format("%,.0f (%,.0f)", b.serverPerSecond(), b.computePerSecond()))
                                .orElse(""),
                        r.params().preset()));
                System.err.println("  " + ReportJson.toJson(r));
            }
        }
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("ml-inference.json"), "[\n" + String.join(",\n", json) + "\n]\n");
            Files.writeString(out.resolve("ml-inference.md"), md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + out, e);
        }
        System.out.println(md);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.4f", v);
    }
}

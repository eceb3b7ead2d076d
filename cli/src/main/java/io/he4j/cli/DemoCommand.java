package io.he4j.cli;

import io.he4j.ml.data.DataDir;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.eval.Evaluation;
import io.he4j.ml.eval.EvaluationReport;
import io.he4j.ckks.PublicContext;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.he.ModelServer;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The demo: trains logistic regression and an MLP on UCI heart disease (Cleveland), then runs both in
 * plaintext and under CKKS encryption, single query and batch, and prints the comparison; finally it serves
 * both models from a real he4j server on loopback and predicts every test patient through the client SDK.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train on UCI heart disease (Cleveland) and compare plaintext vs encrypted inference.")
final class DemoCommand implements Runnable {
    @Option(names = "--data", paramLabel = "FILE",
            description = "processed.cleveland.data (default: ../shared/data/heart-disease/ beside the repository).")
    Optional<Path> data;

    @Option(names = "--seed", defaultValue = "42", description = "Split and training seed (default 42).")
    long seed;

    @Override
    public void run() {
        ProgressBar bar = new ProgressBar(System.err);
        Dataset d = load(bar);
        Split s = Splits.trainTest(d, 0.25, seed);
        System.out.printf("he4j demo: %s, %d patients (%d train / %d test, stratified, seed %d), %d features%n",
                d.name(), d.rows(), s.train().rows(), s.test().rows(), seed, d.features());
        bar.status("training logistic regression and an MLP (13-8-1, degree-2 GELU fit)...");
        TrainedModel lr = Trainer.train(s.train(), TrainOptions.linear(seed));
        TrainedModel mlp = Trainer.train(s.train(), TrainOptions.mlp(List.of(8), "gelu", seed).withL2(0.05));
        var fit = mlp.activationFits().getFirst();
        Evaluation.Options o = Evaluation.Options.defaults().withProgress(bar);
        List<EvaluationReport> reports = new ArrayList<>();
        bar.status("encrypted runs: single queries and batches...");
        reports.add(Evaluation.run(lr, s.test(), Evaluation.Mode.SINGLE, o));
        reports.add(Evaluation.run(lr, s.test(), Evaluation.Mode.BATCH, o));
        reports.add(Evaluation.run(mlp, s.test(), Evaluation.Mode.SINGLE,
                new Evaluation.Options(100, 10, 5, bar)));
        reports.add(Evaluation.run(mlp, s.test(), Evaluation.Mode.BATCH, o));
        System.out.println();
        System.out.println("Accuracy on the test split, plaintext vs encrypted (same model; the client applies the "
                + "sigmoid after decryption):");
        ReportTable.metrics(System.out, List.of(reports.get(0), reports.get(2)));
        System.out.println();
        System.out.println("Encrypted inference in this process (client and server sides exchanging bytes, no "
                + "network):");
        ReportTable.performance(System.out, reports);
        System.out.println();
        System.out.printf("MLP activation: GELU ~ %s on [%.2f, %.2f] (training pre-activation range), "
                + "max |error| %.3f, rms %.3f; plaintext and encrypted runs use the same polynomial.%n",
                fit.polynomial(), fit.lo(), fit.hi(), fit.maxAbsError(), fit.rmsError());
        System.out.println("LR single query: " + reports.get(0).description());
        System.out.println("MLP single query: " + reports.get(2).description());
        encryptedSigmoid(lr, s);
        Map<String, TrainedModel> served = new LinkedHashMap<>();
        served.put("cleveland-lr", lr);
        served.put("cleveland-mlp", mlp);
        DemoOverHttp.run(served, s.test(), bar);
    }

    /** The optional server-side sigmoid: a cubic on the training score range, compared with the true one. */
    private static void encryptedSigmoid(TrainedModel lr, Split s) {
        double radius = 1;
        for (double[] row : s.train().x()) {
            radius = Math.max(radius, Math.abs(lr.scores(lr.imputer().apply(row))[0]));
        }
        CompiledModel compiled = CompiledModel.compileWithEncryptedSigmoid(lr, "demo-sigmoid", "1", Math.ceil(radius));
        try (ModelServer server = ModelServer.create(compiled);
             ModelClient client = ModelClient.create(compiled.manifest());
             PublicContext keys = PublicContext.fromBytes(client.batchKeySet().orElseThrow())) {
            double[][] rows = new double[s.test().rows()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = lr.imputer().apply(s.test().x()[i]);
            }
            double[][] prob = client.decryptBatch(server.predictBatch(client.encryptBatch(rows), Optional.of(keys)),
                    rows.length);
            double worst = 0;
            int agree = 0;
            for (int i = 0; i < rows.length; i++) {
                double sig = OutputLink.sigmoid(lr.scores(rows[i])[0]);
                worst = Math.max(worst, Math.abs(sig - prob[i][0]));
                agree += (sig > 0.5) == (prob[i][0] > 0.5) ? 1 : 0;
            }
            ActivationFit f = compiled.sigmoidFit().orElseThrow();
            System.out.printf("Optional encrypted sigmoid (LR batch, %s): sigmoid ~ %s on [%.0f, %.0f], max approximation "
                            + "error %.3f; on the test split max |sigmoid - decrypted probability| %.3f, labels agree %.1f%%.%n",
                    compiled.manifest().batch().preset(), f.polynomial(), f.lo(), f.hi(), f.maxAbsError(), worst, 100.0 * agree / rows.length);
        }
    }

    private Dataset load(ProgressBar bar) {
        Optional<Path> file = data.or(DemoCommand::sharedCleveland);
        if (file.isPresent()) {
            return Datasets.heartDisease(file.get(), "UCI heart disease (" + file.get().getFileName() + ")",
                    MissingValues.Policy.DROP_ROWS);
        }
        bar.status("UCI heart disease not found (looked for ../shared/data/heart-disease/processed.cleveland.data "
                + "from the working directory and the he4j installation).");
        bar.status(DataDir.howToGet() + "  Then: ./he4j demo --data processed.cleveland.data");
        System.out.println("*** SYNTHETIC DATA: the numbers below are NOT from real patients. ***");
        return synthetic(seed);
    }

    static Optional<Path> sharedCleveland() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            // no code source: the working directory is enough
        }
        for (Path start : starts) {
            Optional<Path> dir = DataDir.locate(start);
            if (dir.isPresent()) {
                Path f = Datasets.heartDiseaseFile(dir.get(), Datasets.Institution.CLEVELAND);
                if (Files.isRegularFile(f)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** 300 synthetic "patients" with 13 features and a logistic ground truth; clearly labelled as synthetic. */
    static Dataset synthetic(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 300;
        double[][] x = new double[n][13];
        double[] y = new double[n];
        double[] w = new double[13];
        for (int j = 0; j < 13; j++) {
            w[j] = r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < 13; j++) {
                x[i][j] = 50 + 10 * j + (1 + j) * r.nextGaussian();
                s += w[j] * (x[i][j] - 50 - 10 * j) / (1 + j);
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-s)) ? 1 : 0;
        }
        return new Dataset("SYNTHETIC (not real patients)", Datasets.HEART_FEATURES, List.of("negative", "positive"), x, y);
    }
}

package io.he4j.cli;

import io.he4j.client.PredictionCsv;
import io.he4j.ml.MlException;
import io.he4j.ml.data.RawTable;
import io.he4j.ml.model.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** Applies a model to every row of a CSV file: a model file in plaintext or under encryption, or a served model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict every row of a CSV file with a JSON model (optionally under CKKS encryption), or with "
                + "a model served by './he4j serve' (--server: encrypted here, computed there, decrypted here).")
final class PredictCommand implements Runnable {
    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "Model file from 'train' (MODEL.json), or with --server the deployed model's id.")
    String model;

    @Option(names = "--server", paramLabel = "URL", description = "An he4j service, e.g. http://127.0.0.1:8080.")
    Optional<String> server;

    @Option(names = "--token", paramLabel = "T", defaultValue = "${env:HE4J_TOKEN}",
            description = "API token for --server (default: the HE4J_TOKEN environment variable).")
    String token;

    @Mixin
    FeatureCsvOptions rows = new FeatureCsvOptions();

    @Option(names = "--encrypted", description = "Encrypt each row, evaluate on the ciphertext, decrypt the scores.")
    boolean encrypted;

    @Override
    public void run() {
        if (server.isPresent() && (token == null || token.isBlank())) {
            throw new MlException("--server needs an API token: --token T or HE4J_TOKEN");
        }
        try (Scorer scorer = server.isPresent() ? Scorer.remote(server.get(), token, model)
                : encrypted ? Scorer.encryptedLocally(ModelFile.read(Path.of(model)))
                : Scorer.plaintext(ModelFile.read(Path.of(model)))) {
            predict(scorer);
        }
    }

    private void predict(Scorer scorer) {
        RawTable table = rows.read(scorer.featureNames());
        ProgressBar bar = new ProgressBar(System.err);
        scorer.description().ifPresent(d -> System.err.println("encrypted inference: " + d));
        PredictionCsv csv = new PredictionCsv(System.out, scorer.link(), scorer.classNames());
        for (int i = 0; i < table.rows(); i++) {
            csv.row(i + 1, scorer.scores(table.features()[i]));
            bar.update(server.isPresent() || encrypted ? "encrypted predictions" : "predictions", i + 1, table.rows());
        }
    }
}

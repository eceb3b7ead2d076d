package io.he4j.cli;

import io.he4j.ml.MlException;
import io.he4j.ml.data.CsvOptions;
import io.he4j.ml.data.CsvReader;
import io.he4j.ml.data.RawTable;
import io.he4j.ml.data.TargetColumn;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Applies a model file to every row of a CSV file, in plaintext or under encryption. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict every row of a CSV file with a JSON model (optionally under CKKS encryption).")
final class PredictCommand implements Runnable {
    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "Model file from 'train'.")
    Path modelFile;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file of feature rows.")
    Path data;

    @Option(names = "--no-header", description = "The first line is data, not column names.")
    boolean noHeader;

    @Option(names = "--target", paramLabel = "COL",
            description = "A column to ignore (e.g. the label, if the file has one): name or 0-based index.")
    Optional<String> target;

    @Option(names = "--delimiter", paramLabel = "C", defaultValue = ",", description = "Field separator.")
    String delimiter;

    @Option(names = "--encrypted", description = "Encrypt each row, evaluate on the ciphertext, decrypt the scores.")
    boolean encrypted;

    @Override
    public void run() {
        TrainedModel m = ModelFile.read(modelFile);
        TargetColumn t = target.map(TargetColumn::parse).orElse(new TargetColumn.None());
        RawTable table = CsvReader.read(data, new CsvOptions(!noHeader, t, DataOptions.delimiterChar(delimiter),
                Set.of("?", "NA"), 0));
        if (table.featureNames().size() != m.features()) {
            throw new MlException("the model takes " + m.features() + " features " + m.featureNames() + " but "
                    + data + " has " + table.featureNames().size() + " feature columns " + table.featureNames()
                    + (target.isEmpty() ? " (use --target to ignore a label column)" : ""));
        }
        ProgressBar bar = new ProgressBar(System.err);
        try (Scorer scorer = encrypted ? Scorer.encryptedLocally(m) : Scorer.plaintext(m)) {
            scorer.description().ifPresent(d -> System.err.println("encrypted inference: " + d));
            OutputLink link = m.network().output();
            System.out.println(m.isClassification() ? "row,prediction,probability" : "row,prediction");
            for (int i = 0; i < table.rows(); i++) {
                double[] scores = scorer.scores(table.features()[i]);
                if (m.isClassification()) {
                    int c = link.label(scores);
                    System.out.printf("%d,%s,%.6f%n", i + 1, m.classNames().get(c), link.probabilities(scores)[c]);
                } else {
                    System.out.printf("%d,%.6f%n", i + 1, scores[0]);
                }
                bar.update(encrypted ? "encrypted predictions" : "predictions", i + 1, table.rows());
            }
        }
    }
}

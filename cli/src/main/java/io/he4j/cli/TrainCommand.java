package io.he4j.cli;

import io.he4j.ml.data.Dataset;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Trains on a whole CSV file and writes the JSON model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on a CSV file and write it as a JSON model file.")
final class TrainCommand implements Runnable {
    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--out", required = true, paramLabel = "MODEL.json", description = "Model file to write.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Training seed (default 42).")
    long seed;

    @Override
    public void run() {
        Dataset d = data.load();
        System.err.printf("training %s on %d rows x %d features (%s)...%n", model.model, d.rows(), d.features(),
                d.isClassification() ? d.classCount() + " classes" : "regression");
        TrainedModel m = Trainer.train(d, model.toTrainOptions(seed), new ProgressBar(System.err));
        ModelFile.write(m, out);
        System.out.printf("wrote %s: %s, %d features, %s%n", out, m.type().jsonName(), m.features(),
                m.isClassification() ? "classes " + m.classNames() : "regression");
        for (int i = 0; i < m.activationFits().size(); i++) {
            ActivationFit f = m.activationFits().get(i);
            System.out.printf("  activation %d: %s ~ %s on [%.3f, %.3f], max |error| %.4f, rms %.4f%n", i + 1,
                    f.function(), f.polynomial(), f.lo(), f.hi(), f.maxAbsError(), f.rmsError());
        }
    }
}

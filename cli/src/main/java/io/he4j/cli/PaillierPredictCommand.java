package io.he4j.cli;

import io.he4j.ml.MlException;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.paillier.io.PaillierJson;
import io.he4j.paillier.ml.EncryptedAnswer;
import io.he4j.paillier.ml.EncryptedData;
import io.he4j.paillier.ml.PaillierLinearModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server's step: applies a linear model to data.json, writes answer.json; needs no private key. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Evaluate a linear/logistic model on encrypted rows (data.json) into answer.json; no private key.")
final class PaillierPredictCommand implements Runnable {
    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "Model file from 'train'.")
    Path modelFile;

    @Option(names = "--in", required = true, paramLabel = "data.json", description = "Encrypted rows from 'encrypt'.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "answer.json", description = "Encrypted scores to write.")
    Path out;

    @Override
    public void run() {
        TrainedModel m = ModelFile.read(modelFile);
        PaillierLinearModel model = new PaillierLinearModel(m);
        EncryptedData data = PaillierJson.readData(read(in), in.toString());
        if (data.featureNames().size() != m.features()) {
            throw new MlException("the model takes " + m.features() + " features " + m.featureNames() + " but "
                    + in + " has " + data.featureNames().size() + " " + data.featureNames());
        }
        EncryptedAnswer answer = model.evaluate(data);
        try {
            Files.writeString(out, PaillierJson.answer(answer, true)); // re-randomizes every score
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        System.err.println("scored " + data.rows().size() + " encrypted rows into " + out);
    }

    static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}

package io.he4j.cli;

import io.he4j.client.PredictionCsv;
import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.io.KeyFiles;
import io.he4j.paillier.io.PaillierJson;
import io.he4j.paillier.ml.EncryptedAnswer;
import io.he4j.paillier.ml.ModelOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;

/** The client's last step: decrypts answer.json and prints the same CSV as {@code ./he4j predict}. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = "Decrypt answer.json and print the predictions as CSV (as 'he4j predict' does).")
final class PaillierDecryptCommand implements Runnable {
    @Option(names = "--key", required = true, paramLabel = "DIR", description = "Key directory from 'keygen'.")
    Path keyDir;

    @Option(names = "--in", required = true, paramLabel = "answer.json", description = "Encrypted scores from 'predict'.")
    Path in;

    @Override
    public void run() {
        char[] passphrase = PaillierPassphrase.read(false);
        double[][] scores;
        ModelOutput output;
        try (PaillierKeyPair keys = KeyFiles.loadKeys(keyDir, passphrase)) {
            EncryptedAnswer answer = PaillierJson.readAnswer(PaillierPredictCommand.read(in), in.toString(),
                    keys.publicKey());
            output = answer.output();
            scores = answer.decrypt(keys.privateKey());
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        PredictionCsv csv = new PredictionCsv(System.out, output.link(), output.classNames());
        for (int i = 0; i < scores.length; i++) {
            csv.row(i + 1, scores[i]);
        }
    }
}

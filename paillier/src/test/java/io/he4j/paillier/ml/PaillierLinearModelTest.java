package io.he4j.paillier.ml;

import io.he4j.ml.data.MeanImputer;
import io.he4j.ml.data.StandardScaler;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.ModelType;
import io.he4j.ml.model.Network;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.TrainedModel;
import io.he4j.paillier.PaillierException;
import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.PaillierKeySize;
import io.he4j.paillier.io.PaillierJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client encrypts, server evaluates through JSON, client decrypts: equals the plaintext model's scores. */
class PaillierLinearModelTest {
    private static final int FEATURES = 13;
    private static PaillierKeyPair keys;

    @BeforeAll
    static void keys() {
        keys = PaillierKeyPair.generate(PaillierKeySize.INSECURE_1024);
    }

    static TrainedModel model(ModelType type, OutputLink link, int outputs, List<String> classes, long seed) {
        Random r = new Random(seed);
        double[][] w = new double[outputs][FEATURES];
        double[] b = new double[outputs];
        double[] mean = new double[FEATURES];
        double[] scale = new double[FEATURES];
        double[] imp = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            mean[j] = 100 * r.nextGaussian();
            scale[j] = 0.1 + 50 * r.nextDouble();
            imp[j] = mean[j] + r.nextGaussian();
        }
        for (int o = 0; o < outputs; o++) {
            b[o] = r.nextGaussian();
            for (int j = 0; j < FEATURES; j++) {
                w[o][j] = j == 3 ? 0 : 2 * r.nextGaussian();
            }
        }
        List<String> names = IntStream.range(0, FEATURES).mapToObj(j -> "f" + j).toList();
        return new TrainedModel(type, names, classes, new MeanImputer(imp), new StandardScaler(mean, scale),
                new Network(List.of(new Dense(w, b)), List.of(), link), List.of(), 0.01, seed);
    }

    private static double[][] rows(long seed, int count) {
        Random r = new Random(seed);
        double[][] x = new double[count][FEATURES];
        for (double[] row : x) {
            for (int j = 0; j < FEATURES; j++) {
                row[j] = 200 * r.nextGaussian();
            }
        }
        x[1][5] = Double.NaN; // a missing value, imputed by the server
        x[2] = new double[FEATURES]; // zeros
        return x;
    }

    private static void roundTrip(TrainedModel m) {
        double[][] x = rows(m.seed(), 4);
        List<EncryptedRow> enc = new ArrayList<>();
        for (double[] row : x) {
            enc.add(EncryptedRow.encrypt(row, keys.privateKey()::encrypt));
        }
        String dataJson = PaillierJson.data(new EncryptedData(keys.publicKey(), m.featureNames(), enc), true);
        // server: no private key, only the JSON and the model
        EncryptedData data = PaillierJson.readData(dataJson, "data.json");
        EncryptedAnswer answer = new PaillierLinearModel(m).evaluate(data);
        answer.scores().forEach(s -> s.forEach(e -> assertTrue(!e.fresh())));
        String answerJson = PaillierJson.answer(answer, true);
        // client
        EncryptedAnswer back = PaillierJson.readAnswer(answerJson, "answer.json", keys.publicKey());
        assertEquals(m.network().output(), back.output().link());
        assertEquals(m.classNames(), back.output().classNames());
        double[][] scores = back.decrypt(keys.privateKey());
        for (int i = 0; i < x.length; i++) {
            double[] expected = m.scores(x[i]);
            assertArrayEquals(expected, scores[i], 1e-9 * (1 + Math.abs(expected[0])), "row " + i);
        }
    }

    @Test
    void logisticRegressionGivesTheLogit() {
        roundTrip(model(ModelType.LOGISTIC_REGRESSION, OutputLink.SIGMOID, 1, List.of("no", "yes"), 1));
    }

    @Test
    void linearRegression() {
        roundTrip(model(ModelType.LINEAR_REGRESSION, OutputLink.IDENTITY, 1, List.of(), 2));
    }

    @Test
    void softmaxRegression() {
        roundTrip(model(ModelType.SOFTMAX_REGRESSION, OutputLink.SOFTMAX, 3, List.of("a", "b", "c"), 3));
    }

    @Test
    void rowOfTheWrongWidthIsRejected() {
        TrainedModel m = model(ModelType.LINEAR_REGRESSION, OutputLink.IDENTITY, 1, List.of(), 4);
        EncryptedRow shortRow = EncryptedRow.encrypt(new double[]{1, 2}, keys.publicKey()::encrypt);
        assertThrows(PaillierException.class, () -> new PaillierLinearModel(m).scores(keys.publicKey(), shortRow));
    }
}

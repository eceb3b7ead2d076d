package io.he4j.ml.he;

import io.he4j.ml.NativeEngine;
import io.he4j.ml.TestData;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encrypted and plaintext predictions of the same model agree on every test sample. */
class EncryptedAgreementTest {
    private static final double MAX_DIFF = 1e-3;

    @BeforeEach
    void engine() {
        NativeEngine.require();
    }

    private static void checkSingle(TrainedModel m, Dataset test, String what) {
        checkSingle(m, test, what, HeCompiler.singleQuery(m));
    }

    private static void checkSingle(TrainedModel m, Dataset test, String what, SingleQueryProtocol protocol) {
        double worst = 0;
        try (SingleQueryProtocol p = protocol) {
            for (int i = 0; i < test.rows(); i++) {
                double[] x = m.imputer().apply(test.x()[i]);
                double[] plain = m.scores(x);
                double[] enc = p.decryptScores(p.evaluate(p.encryptQuery(x)));
                assertEquals(plain.length, enc.length);
                for (int k = 0; k < plain.length; k++) {
                    worst = Math.max(worst, Math.abs(plain[k] - enc[k]));
                }
                assertEquals(m.network().output().label(plain), m.network().output().label(enc),
                        what + ": label differs on test row " + i + ": " + Arrays.toString(plain) + " vs "
                                + Arrays.toString(enc));
            }
            System.out.printf("%s single: max |dscore| %.3g over %d rows; %s; %s%n", what, worst, test.rows(),
                    p.params(), p.description());
        }
        assertTrue(worst < MAX_DIFF, what + ": max |plain - encrypted score| " + worst);
    }

    private static void checkBatch(TrainedModel m, Dataset test, String what) {
        double worst = 0;
        try (BatchProtocol p = HeCompiler.batch(m)) {
            double[][] rows = new double[test.rows()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = m.imputer().apply(test.x()[i]);
            }
            double[][] enc = p.decryptScores(p.evaluate(p.encryptBatch(rows)), rows.length);
            for (int i = 0; i < rows.length; i++) {
                double[] plain = m.scores(rows[i]);
                for (int k = 0; k < plain.length; k++) {
                    worst = Math.max(worst, Math.abs(plain[k] - enc[i][k]));
                }
                assertEquals(m.network().output().label(plain), m.network().output().label(enc[i]),
                        what + ": batch label differs on test row " + i);
            }
            System.out.printf("%s batch: max |dscore| %.3g; %s; %s%n", what, worst, p.params(), p.description());
        }
        assertTrue(worst < MAX_DIFF, what + ": batch max |plain - encrypted score| " + worst);
    }

    private static Split cleveland() {
        Dataset d = Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND, MissingValues.Policy.DROP_ROWS);
        return Splits.trainTest(d, 0.25, 42);
    }

    @Test
    void heartDiseaseLogisticRegression() {
        Split s = cleveland();
        TrainedModel m = Trainer.train(s.train(), TrainOptions.linear(1));
        checkSingle(m, s.test(), "cleveland LR");
        checkBatch(m, s.test(), "cleveland LR");
    }

    @Test
    void heartDiseaseMlp() {
        Split s = cleveland();
        TrainedModel m = Trainer.train(s.train(), TrainOptions.mlp(List.of(8), "gelu", 5).withL2(0.05));
        try (SingleQueryProtocol p = HeCompiler.singleQuery(m)) {
            assertTrue(p instanceof QuadraticFormProtocol, p.description());
        }
        checkSingle(m, s.test(), "cleveland MLP");
        // the slot-encoded protocol that larger inputs fall back to, on the same model
        checkSingle(m, s.test(), "cleveland MLP, folded output",
                new FoldedOutputProtocol(Folding.fold(m), "P8K-IFMA"));
        checkBatch(m, s.test(), "cleveland MLP");
    }

    @Test
    void breastCancerLogisticRegressionAndMlp() {
        Split s = Splits.trainTest(Datasets.breastCancer(TestData.dir()), 0.25, 42);
        TrainedModel lr = Trainer.train(s.train(), TrainOptions.linear(1));
        checkSingle(lr, s.test(), "breast cancer LR");
        checkBatch(lr, s.test(), "breast cancer LR");
        TrainedModel mlp = Trainer.train(s.train(), TrainOptions.mlp(List.of(16), "gelu", 1));
        checkSingle(mlp, s.test(), "breast cancer MLP");
        checkBatch(mlp, s.test(), "breast cancer MLP");
    }

    @Test
    void twoHiddenLayersNeedTheDeeperPreset() {
        Split s = cleveland();
        TrainedModel m = Trainer.train(s.train(), TrainOptions.mlp(List.of(8, 4), "relu", 2).withL2(0.05)
                .withMaxIterations(200));
        Dataset firstRows = s.test().subset(java.util.stream.IntStream.range(0, 24).toArray(), "cleveland/test[0:24]");
        checkSingle(m, firstRows, "cleveland MLP 13-8-4-1");
        checkBatch(m, s.test(), "cleveland MLP 13-8-4-1");
        try (SingleQueryProtocol p = HeCompiler.singleQuery(m)) {
            assertEquals("P16K-IFMA", p.params().preset());
        }
    }

    @Test
    void digitsTenClassMlp() {
        Split s = Splits.trainTest(Datasets.digits(TestData.dir()), 0.2, 42);
        TrainedModel m = Trainer.train(s.train(), TrainOptions.mlp(List.of(32), "square", 1).withMaxIterations(300));
        checkSingle(m, s.test(), "digits MLP");
        checkBatch(m, s.test(), "digits MLP");
    }
}

package io.he4j.ml.he;

import io.he4j.ml.MlException;
import io.he4j.ml.NativeEngine;
import io.he4j.ml.model.ModelFileTest;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong shapes and mismatched ciphertexts under encryption give clear errors. */
class EncryptedErrorsTest {
    @Test
    void wrongFeatureCountsAndForeignCiphertextsAreRejected() {
        NativeEngine.require();
        TrainedModel lr = Trainer.train(ModelFileTest.toyData(), TrainOptions.linear(1));
        TrainedModel mlp = Trainer.train(ModelFileTest.toyData(), TrainOptions.mlp(List.of(3), "square", 1)
                .withMaxIterations(30));
        try (SingleQueryProtocol a = HeCompiler.singleQuery(lr);
             SingleQueryProtocol b = HeCompiler.singleQuery(mlp);
             BatchProtocol batch = HeCompiler.batch(lr)) {
            MlException e = assertThrows(MlException.class, () -> a.encryptQuery(new double[]{1, 2}));
            assertTrue(e.getMessage().contains("expects 3 features, got 2"), e.getMessage());
            e = assertThrows(MlException.class, () -> b.encryptQuery(new double[]{1, 2, 3, 4}));
            assertTrue(e.getMessage().contains("expects 3 features, got 4"), e.getMessage());
            e = assertThrows(MlException.class, () -> batch.encryptBatch(new double[][]{{1, 2, 3}, {1, 2}}));
            assertTrue(e.getMessage().contains("row 1 has 2 features"), e.getMessage());
            e = assertThrows(MlException.class, () -> batch.evaluate(List.of(new byte[1])));
            assertTrue(e.getMessage().contains("expected 3 feature ciphertexts"), e.getMessage());
            // a query made for another parameter set (the MLP's N=8192) is refused by the LR server
            byte[] foreign = b.encryptQuery(new double[]{1, 2, 3});
            RuntimeException r = assertThrows(RuntimeException.class, () -> a.evaluate(foreign));
            assertTrue(r.getMessage() != null && !r.getMessage().isBlank());
            assertThrows(RuntimeException.class, () -> a.evaluate(new byte[]{1, 2, 3}));
        }
    }

    @Test
    void linearModelsTooWideForCoefficientBlocksUseSlotEncoding() {
        NativeEngine.require();
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        int n = 240;
        int d = 70;
        int k = 60; // 70 x 60 = 4200 > 4096 coefficients
        double[][] x = new double[n][d];
        double[] y = new double[n];
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<String> classes = new java.util.ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        for (int c = 0; c < k; c++) {
            classes.add("c" + c);
        }
        for (int i = 0; i < n; i++) {
            y[i] = i % k;
            for (int j = 0; j < d; j++) {
                x[i][j] = r.nextGaussian() + (j % k == i % k ? 3 : 0);
            }
        }
        io.he4j.ml.data.Dataset data = new io.he4j.ml.data.Dataset("wide", names, classes, x, y);
        TrainedModel m = Trainer.train(data, TrainOptions.linear(1).withMaxIterations(40));
        try (SingleQueryProtocol p = HeCompiler.singleQuery(m)) {
            assertTrue(p instanceof SlotProtocol, p.description());
            for (int i = 0; i < 6; i++) {
                double[] plain = m.scores(x[i]);
                double[] enc = p.decryptScores(p.evaluate(p.encryptQuery(x[i])));
                for (int c = 0; c < k; c++) {
                    assertTrue(Math.abs(plain[c] - enc[c]) < 1e-3, "row " + i + " class " + c);
                }
            }
        }
    }
}

package io.he4j.ml.model;

import io.he4j.ml.MlException;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class ModelFileTest {
    public static Dataset toyData() {
        return toy();
    }

    static Dataset toy() {
        SplittableRandom r = new SplittableRandom(2);
        double[][] x = new double[80][3];
        double[] y = new double[80];
        for (int i = 0; i < 80; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextGaussian() * (j + 1) + 10 * j;
            }
            y[i] = x[i][0] + 0.3 * x[i][1] - 3 > 0 ? 1 : 0;
        }
        return new Dataset("toy", List.of("a", "b", "c"), List.of("no", "yes"), x, y);
    }

    @Test
    void roundTripKeepsEveryPartAndPrediction(@TempDir Path dir) {
        TrainedModel m = Trainer.train(toy(), TrainOptions.mlp(List.of(4), "gelu", 3).withMaxIterations(50));
        Path f = dir.resolve("m.json");
        ModelFile.write(m, f);
        TrainedModel back = ModelFile.read(f);
        assertEquals(m.type(), back.type());
        assertEquals(m.featureNames(), back.featureNames());
        assertEquals(m.classNames(), back.classNames());
        assertArrayEquals(m.scaler().mean(), back.scaler().mean());
        assertEquals(m.activationFits().getFirst().polynomial(), back.activationFits().getFirst().polynomial());
        assertEquals(m.activationFits().getFirst().maxAbsError(), back.activationFits().getFirst().maxAbsError());
        for (double[] row : toy().x()) {
            assertArrayEquals(m.scores(row), back.scores(row), 0);
        }
        String json = ModelFile.toJson(m);
        assertTrue(json.contains("\"format_version\" : 1") && json.contains("\"model_type\" : \"mlp\""), json);
    }

    @Test
    void badFilesAreExplained() {
        TrainedModel m = Trainer.train(toy(), TrainOptions.linear(1));
        String good = ModelFile.toJson(m);
        assertTrue(msg(good.replace("\"format_version\" : 1", "\"format_version\" : 99")).contains("version 99"));
        assertTrue(msg(good.replace("he4j-model", "other")).contains("not an he4j model file"));
        assertTrue(msg("{").contains("not valid JSON"));
        assertTrue(msg(good.replace("\"scaler\"", "\"scalar\"")).contains("missing field 'scaler'"));
        assertTrue(msg(good.replace("\"logistic_regression\"", "\"forest\"")).contains("unknown model type"));
        // a feature name too many: the parts disagree
        String extra = good.replace("\"feature_names\" : [ \"a\", \"b\", \"c\" ]",
                "\"feature_names\" : [ \"a\", \"b\", \"c\", \"d\" ]");
        assertTrue(msg(extra).contains("disagree on the number of features"), msg(extra));
    }

    private static String msg(String json) {
        return assertThrows(MlException.class, () -> ModelFile.fromJson(json, "m.json")).getMessage();
    }

    @Test
    void mismatchedDataIsRejected() {
        TrainedModel m = Trainer.train(toy(), TrainOptions.linear(1));
        Dataset two = new Dataset("two", List.of("a", "b"), List.of("no", "yes"), new double[][]{{1, 2}},
                new double[]{0});
        MlException e = assertThrows(MlException.class, () -> m.checkCompatible(two));
        assertTrue(e.getMessage().contains("3 features") && e.getMessage().contains("has 2"), e.getMessage());
        assertThrows(MlException.class, () -> m.scores(new double[]{1, 2}));
    }
}

package io.he4j.ml.train;

import io.he4j.ml.TestData;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.metrics.ClassificationMetrics;
import io.he4j.ml.metrics.RegressionMetrics;
import io.he4j.ml.model.ModelType;
import io.he4j.ml.model.TrainedModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    static ClassificationMetrics evaluate(TrainedModel m, Dataset test) {
        double[][] p = new double[test.rows()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = m.probabilities(test.x()[i]);
        }
        return ClassificationMetrics.of(test.labels(), p);
    }

    @Test
    void clevelandLogisticRegressionReachesTheClassicAccuracy() {
        Dataset d = Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND, MissingValues.Policy.DROP_ROWS);
        Split s = Splits.trainTest(d, 0.25, 42);
        TrainedModel m = Trainer.train(s.train(), TrainOptions.linear(1));
        assertEquals(ModelType.LOGISTIC_REGRESSION, m.type());
        ClassificationMetrics r = evaluate(m, s.test());
        System.out.printf("cleveland LR: acc %.4f auc %.4f f1 %.4f logloss %.4f%n", r.accuracy(), r.rocAuc(), r.f1(),
                r.logLoss());
        assertTrue(r.accuracy() >= 0.80 && r.accuracy() <= 0.92, "accuracy " + r.accuracy());
        assertTrue(r.rocAuc() > 0.85, "auc " + r.rocAuc());
        // deterministic
        TrainedModel again = Trainer.train(s.train(), TrainOptions.linear(1));
        assertArrayEquals(m.network().layers().getFirst().weights()[0], again.network().layers().getFirst().weights()[0]);
    }

    @Test
    void clevelandCrossValidatedAccuracy() {
        Dataset d = Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND, MissingValues.Policy.DROP_ROWS);
        double sum = 0;
        for (Split f : Splits.kFold(d, 5, 3)) {
            sum += evaluate(Trainer.train(f.train(), TrainOptions.linear(1)), f.test()).accuracy();
        }
        System.out.printf("cleveland LR 5-fold accuracy %.4f%n", sum / 5);
        assertTrue(sum / 5 > 0.80 && sum / 5 < 0.90, "cv accuracy " + sum / 5);
    }

    @Test
    void hungarianWithTrainMeanImputation() {
        Dataset d = Datasets.heartDisease(TestData.dir(), Datasets.Institution.HUNGARIAN,
                MissingValues.Policy.IMPUTE_TRAIN_MEAN);
        Split s = Splits.trainTest(d, 0.25, 42);
        ClassificationMetrics r = evaluate(Trainer.train(s.train(), TrainOptions.linear(1)), s.test());
        System.out.printf("hungarian LR: acc %.4f%n", r.accuracy());
        assertTrue(r.accuracy() > 0.75, "accuracy " + r.accuracy());
    }

    @Test
    void heartMlpWithPolynomialActivations() {
        Dataset d = Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND, MissingValues.Policy.DROP_ROWS);
        Split s = Splits.trainTest(d, 0.25, 42);
        for (String act : List.of("square", "gelu", "relu")) {
            TrainedModel m = Trainer.train(s.train(), TrainOptions.mlp(List.of(8), act, 5).withL2(0.05));
            ClassificationMetrics r = evaluate(m, s.test());
            System.out.printf("cleveland MLP(8,%s): acc %.4f auc %.4f fit %s%n", act, r.accuracy(), r.rocAuc(),
                    m.activationFits().getFirst());
            assertTrue(r.accuracy() > 0.75, act + " accuracy " + r.accuracy());
            assertEquals(2, m.network().activations().getFirst().degree());
        }
    }

    @Test
    void breastCancerLinearAndMlp() {
        Dataset d = Datasets.breastCancer(TestData.dir());
        Split s = Splits.trainTest(d, 0.25, 42);
        ClassificationMetrics lr = evaluate(Trainer.train(s.train(), TrainOptions.linear(1)), s.test());
        ClassificationMetrics mlp = evaluate(Trainer.train(s.train(), TrainOptions.mlp(List.of(16), "gelu", 1)),
                s.test());
        System.out.printf("breast cancer: LR acc %.4f, MLP acc %.4f%n", lr.accuracy(), mlp.accuracy());
        assertTrue(lr.accuracy() > 0.94, "LR " + lr.accuracy());
        assertTrue(mlp.accuracy() > 0.93, "MLP " + mlp.accuracy());
    }

    @Test
    void digitsSoftmaxAndTwoLayerMlp() {
        Dataset d = Datasets.digits(TestData.dir());
        Split s = Splits.trainTest(d, 0.2, 42);
        TrainedModel soft = Trainer.train(s.train(), TrainOptions.linear(1).withMaxIterations(300));
        assertEquals(ModelType.SOFTMAX_REGRESSION, soft.type());
        ClassificationMetrics a = evaluate(soft, s.test());
        TrainedModel mlp = Trainer.train(s.train(), TrainOptions.mlp(List.of(32), "square", 1).withMaxIterations(300));
        ClassificationMetrics b = evaluate(mlp, s.test());
        TrainedModel deep = Trainer.train(s.train(), TrainOptions.mlp(List.of(32, 16), "gelu", 1)
                .withMaxIterations(200));
        ClassificationMetrics c = evaluate(deep, s.test());
        System.out.printf("digits: softmax %.4f, MLP(32,square) %.4f, MLP(32,16,gelu) %.4f%n", a.accuracy(),
                b.accuracy(), c.accuracy());
        assertTrue(a.accuracy() > 0.93, "softmax " + a.accuracy());
        assertTrue(b.accuracy() > 0.93, "mlp " + b.accuracy());
        assertTrue(c.accuracy() > 0.90, "deep mlp " + c.accuracy());
        assertEquals(10, a.confusion().length);
    }

    @Test
    void diabetesRidgeRegression() {
        Dataset d = Datasets.diabetes(TestData.dir());
        Split s = Splits.trainTest(d, 0.2, 42);
        TrainedModel m = Trainer.train(s.train(), TrainOptions.linear(1).withL2(1e-3));
        assertEquals(ModelType.LINEAR_REGRESSION, m.type());
        double[] pred = new double[s.test().rows()];
        for (int i = 0; i < pred.length; i++) {
            pred[i] = m.scores(s.test().x()[i])[0];
        }
        RegressionMetrics r = RegressionMetrics.of(s.test().y(), pred);
        System.out.printf("diabetes ridge: RMSE %.2f R2 %.3f%n", r.rmse(), r.r2());
        assertTrue(r.r2() > 0.35 && r.r2() < 0.65, "R2 " + r.r2());
    }
}

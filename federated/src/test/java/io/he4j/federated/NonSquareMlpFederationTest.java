package io.he4j.federated;

import io.he4j.ml.Progress;
import io.he4j.ml.TestData;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.ModelType;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ReLU MLP trained over the four heart-disease hospitals (threshold mode): exact ReLU for the first half of the
 * rounds, then its quadratic fit over the range from the pooled (encrypted) pre-activation statistics, then
 * fine-tuning; the result is an MLP evaluable under encryption, close to the centrally trained one.
 */
class NonSquareMlpFederationTest {
    @Test
    void reluMlpGetsItsFitFromPooledStatisticsAndTrainsCloseToCentral() {
        List<String> names = new ArrayList<>();
        List<Dataset> train = new ArrayList<>();
        List<Dataset> tests = new ArrayList<>();
        for (Datasets.Institution inst : Datasets.Institution.values()) {
            Split s = Splits.trainTest(Datasets.heartDisease(TestData.dir(), inst,
                    MissingValues.Policy.IMPUTE_TRAIN_MEAN), 0.25, 42);
            names.add(inst.name().toLowerCase());
            train.add(s.train());
            tests.add(s.test());
        }
        Dataset test = Pooling.concat("heart-pooled-test", tests);
        TrainOptions mlp = TrainOptions.mlp(List.of(4), "relu", 7);
        ModelShape shape = ModelShape.of(train.getFirst(), mlp);
        assertTrue(shape.needsFit());
        assertThrows(FederationException.class, () -> shape.model(shape.initialParameters(), null));
        assertEquals(10, FederatedSimulation.fitRound(shape, 20));

        FederatedSimulation.Result fed = FederatedSimulation.run(names, train, test,
                FederatedSimulation.Options.defaults(mlp, 20), Progress.none());
        TrainedModel model = fed.model();
        assertEquals(ModelType.MLP, model.type());
        ActivationFit fit = model.activationFits().getFirst();
        assertEquals("relu", fit.function());
        assertTrue(fit.hi() > fit.lo() && fit.hi() > 0 && fit.maxAbsError() > 0, "fit " + fit);
        double fedAcc = fed.rounds().getLast().accuracy();
        double centralAcc = FederatedSimulation.accuracy(Trainer.train(Pooling.concat("heart-pooled-train", train),
                mlp), test);
        System.out.printf("heart disease, relu MLP [4], 20 rounds: federated %.4f, central %.4f, fit [%.2f, %.2f]%n",
                fedAcc, centralAcc, fit.lo(), fit.hi());
        assertEquals(20, fed.rounds().size());
        assertTrue(fedAcc >= centralAcc - 0.05, "federated " + fedAcc + " vs central " + centralAcc);
    }
}

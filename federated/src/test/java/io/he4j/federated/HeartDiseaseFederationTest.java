package io.he4j.federated;

import io.he4j.ml.Progress;
import io.he4j.ml.TestData;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four UCI heart-disease hospitals as a federation: within one point of central training. */
class HeartDiseaseFederationTest {
    @ParameterizedTest
    @EnumSource(KeyMode.class)
    void federatedLogisticRegressionMatchesCentralTraining(KeyMode mode) {
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
        Dataset pooledTest = Pooling.concat("heart-pooled-test", tests);
        TrainOptions lr = TrainOptions.linear(1);
        FederatedSimulation.Result fed = FederatedSimulation.run(names, train, pooledTest,
                FederatedSimulation.Options.defaults(lr, 40).withKeyMode(mode), Progress.none());
        TrainedModel central = Trainer.train(Pooling.concat("heart-pooled-train", train), lr);
        double centralAcc = FederatedSimulation.accuracy(central, pooledTest);
        double fedAcc = fed.rounds().getLast().accuracy();
        assertEquals(40, fed.rounds().size());
        System.out.printf("heart disease, 4 hospitals, %s: federated %.4f, central %.4f%n", mode, fedAcc,
                centralAcc);
        assertTrue(Math.abs(fedAcc - centralAcc) <= 0.01, "federated " + fedAcc + " vs central " + centralAcc);
    }
}

package io.he4j.spark;

import io.he4j.ckks.Multiparty;
import io.he4j.federated.Aggregator;
import io.he4j.federated.KeyMode;
import io.he4j.federated.ThresholdKey;
import io.he4j.federated.SharedKey;
import io.he4j.federated.UpdateLayout;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The aggregation job in local mode against the coordinator's own {@link Aggregator}: the same ciphertext
 * bytes for 40 institutions' updates spread over 7 partitions, and the plaintext sum after decryption.
 */
class AggregationJobTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[2]", "he4j-aggregation-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void treeAggregationEqualsTheCoordinatorsSum() {
        int institutions = 40;
        int parameters = 5_000;
        UpdateLayout layout = UpdateLayout.forSum(parameters, institutions, 1.0);
        Random random = new Random(7);
        double[] plainSum = new double[parameters];
        List<List<byte[]>> updates = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        try (SharedKey key = SharedKey.generate(); Aggregator coordinator = new Aggregator()) {
            for (int i = 0; i < institutions; i++) {
                double[] update = new double[parameters];
                for (int p = 0; p < parameters; p++) {
                    update[p] = random.nextDouble(-1, 1);
                    plainSum[p] += update[p];
                }
                List<byte[]> encrypted = key.encrypt(layout, update);
                updates.add(encrypted);
                rows.add(RowFactory.create("hospital-" + i, encrypted.toArray(new byte[0][])));
            }
            List<byte[]> expected = coordinator.sum(layout, updates);
            List<byte[]> got = AggregationJob.aggregate(spark.createDataFrame(rows, RecordColumns.UPDATES).repartition(7),
                    layout, 2);
            assertEquals(expected.size(), got.size());
            for (int c = 0; c < got.size(); c++) {
                assertArrayEquals(expected.get(c), got.get(c), "ciphertext " + c + " of the aggregate");
            }
            double[] decrypted = key.decrypt(layout, got);
            for (int p = 0; p < parameters; p++) {
                assertEquals(plainSum[p], decrypted[p], 1e-6 * institutions, "parameter " + p);
            }
        }
    }

    @Test
    void thresholdUpdatesSumAsTheCoordinatorsAndDecryptFromEveryShare() {
        int institutions = 5;
        int parameters = 5_000;
        byte[] seed = Multiparty.newCommonSeed();
        List<ThresholdKey> keys = new ArrayList<>();
        try (Aggregator coordinator = new Aggregator()) {
            List<byte[]> shares = new ArrayList<>();
            for (int i = 0; i < institutions; i++) {
                keys.add(ThresholdKey.generate());
                shares.add(keys.getLast().publicKeyShare(seed));
            }
            byte[] collective = coordinator.collectiveKey(shares);
            keys.forEach(k -> k.useCollectiveKey(collective));
            UpdateLayout layout = UpdateLayout.forSum(KeyMode.THRESHOLD, parameters, 1, 1, institutions);
            Random random = new Random(3);
            double[] plainSum = new double[parameters];
            List<List<byte[]>> updates = new ArrayList<>();
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < institutions; i++) {
                double[] u = new double[parameters];
                for (int p = 0; p < parameters; p++) {
                    u[p] = random.nextDouble(-1, 1) / institutions;
                    plainSum[p] += u[p];
                }
                updates.add(keys.get(i).encrypt(layout, u));
                rows.add(RowFactory.create("hospital-" + i, updates.getLast().toArray(new byte[0][])));
            }
            List<byte[]> expected = coordinator.sum(layout, updates);
            List<byte[]> got = AggregationJob.aggregate(spark.createDataFrame(rows, RecordColumns.UPDATES).repartition(3),
                    layout, 2);
            for (int c = 0; c < got.size(); c++) {
                assertArrayEquals(expected.get(c), got.get(c), "ciphertext " + c + " of the aggregate");
            }
            List<List<byte[]>> decryptionShares = new ArrayList<>();
            for (ThresholdKey k : keys) {
                decryptionShares.add(k.decryptionShares(layout, got));
            }
            double[] decrypted = coordinator.combine(layout, got, decryptionShares);
            for (int p = 0; p < parameters; p++) {
                assertEquals(plainSum[p], decrypted[p], 1e-6, "parameter " + p);
            }
        } finally {
            keys.forEach(ThresholdKey::close);
        }
    }

    @Test
    void anUpdateOfAnotherLayoutFailsTheJobWithTheAggregatorsReason() {
        UpdateLayout layout = UpdateLayout.forSum(100, 2, 1.0);
        try (SharedKey key = SharedKey.generate()) {
            List<Row> rows = List.of(
                    RowFactory.create("a", key.encrypt(layout, new double[100]).toArray(new byte[0][])),
                    RowFactory.create("b", key.encrypt(UpdateLayout.forSum(100_000, 2, 1.0), new double[100_000])
                            .toArray(new byte[0][])));
            Exception e = assertThrows(Exception.class, () -> AggregationJob.aggregate(
                    spark.createDataFrame(rows, RecordColumns.UPDATES), layout, 2));
            assertEquals(true, String.valueOf(e.getMessage()).contains("institution b: update 0 has"), e.getMessage());
        }
    }
}

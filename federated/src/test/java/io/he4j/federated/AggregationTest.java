package io.he4j.federated;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.SecretKey;
import io.he4j.ckks.SymmetricEncryptor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregationTest {
    @Test
    void decryptedAggregateIsTheWeightedAverageWithin1e6Relative() {
        SplittableRandom r = new SplittableRandom(11);
        int institutions = 7;
        int params = 5000;  // three ciphertexts, the last one partly filled
        double[] weights = new double[institutions];
        double[][] theta = new double[institutions][params];
        double total = 0;
        for (int i = 0; i < institutions; i++) {
            weights[i] = 20 + r.nextInt(300);
            total += weights[i];
            for (int k = 0; k < params; k++) {
                theta[i][k] = r.nextGaussian() * 3;
            }
        }
        UpdateLayout layout = UpdateLayout.forSum(params, total, 64);
        assertEquals(3, layout.chunks());
        try (SharedKey key = SharedKey.generate(); Aggregator coordinator = new Aggregator()) {
            List<List<byte[]>> updates = new ArrayList<>();
            for (int i = 0; i < institutions; i++) {
                double[] weighted = new double[params];
                for (int k = 0; k < params; k++) {
                    weighted[k] = weights[i] * theta[i][k];
                }
                updates.add(key.encrypt(layout, weighted));
            }
            double[] sum = key.decrypt(layout, coordinator.sum(layout, updates));
            double errNorm = 0;
            double norm = 0;
            for (int k = 0; k < params; k++) {
                double expected = 0;
                for (int i = 0; i < institutions; i++) {
                    expected += weights[i] * theta[i][k];
                }
                expected /= total;
                double got = sum[k] / total;
                errNorm += (got - expected) * (got - expected);
                norm += expected * expected;
            }
            double relative = Math.sqrt(errNorm / norm);
            assertTrue(relative < 1e-6, "relative error " + relative);
        }
    }

    @Test
    void updatesOfTheWrongShapeScaleOrParametersAreRefused() {
        UpdateLayout layout = UpdateLayout.forSum(3000, 1000, 64);
        try (SharedKey key = SharedKey.generate(); Aggregator coordinator = new Aggregator()) {
            List<byte[]> good = key.encrypt(layout, new double[3000]);
            List<byte[]> shorter = good.subList(0, 1);
            FederationException e = assertThrows(FederationException.class,
                    () -> coordinator.sum(layout, List.of(good, shorter)));
            assertTrue(e.getMessage().contains("update 1 has 1 ciphertexts"), e.getMessage());
            UpdateLayout other = new UpdateLayout(3000, layout.scale() * 2);
            List<byte[]> rescaled = key.encrypt(other, new double[3000]);
            e = assertThrows(FederationException.class, () -> coordinator.sum(layout, List.of(good, rescaled)));
            assertTrue(e.getMessage().contains("scale"), e.getMessage());
            byte[] garbage = good.getFirst().clone();
            garbage[30] ^= 0x7f;
            garbage[31] ^= 0x7f;
            List<byte[]> broken = List.of(new byte[] {1, 2, 3}, good.get(1));
            assertThrows(FederationException.class, () -> coordinator.sum(layout, List.of(good, broken)));
            // a ciphertext under other parameters (N = 4096)
            try (CkksContext ctx = CkksContext.create("P4K-IFMA"); SecretKey sk = new KeyGenerator(ctx).secretKey();
                 Ciphertext ct = new SymmetricEncryptor(ctx, sk).encrypt(new Encoder(ctx).encode(new double[] {1}))) {
                List<byte[]> foreign = List.of(ct.toBytes(), good.get(1));
                assertThrows(FederationException.class, () -> coordinator.sum(layout, List.of(good, foreign)));
            }
            assertThrows(FederationException.class, () -> key.encrypt(layout, new double[10]));
        }
    }

    @Test
    void aHundredThousandParametersTravelAtMostTwiceTheirFloat32Size() {
        int params = 100_000;
        UpdateLayout layout = UpdateLayout.forSum(params, 1000, 64);
        try (SharedKey key = SharedKey.generate()) {
            long bytes = key.encrypt(layout, new double[params]).stream().mapToLong(b -> b.length).sum();
            double ratio = bytes / (4.0 * params);
            assertTrue(ratio <= 2.0, "bytes per round " + bytes + " = " + ratio + " x float32");
        }
    }
}

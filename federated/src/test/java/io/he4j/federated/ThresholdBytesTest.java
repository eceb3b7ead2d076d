package io.he4j.federated;

import io.he4j.ckks.Multiparty;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threshold mode at the size: a 100,000-parameter model (25 chunks, two key groups) from 4 institutions.
 * The bytes one institution uploads per round (update and decryption shares) stay within 4x the float32 size,
 * and the compact form still decrypts to the weighted average within 1e-6 relative.
 */
class ThresholdBytesTest {
    private static final int INSTITUTIONS = 4;
    private static final int PARAMS = 100_000;

    @Test
    void aRoundUploadsAtMost4xTheFloat32SizeAndDecryptsWithin1e6() {
        List<ThresholdKey> keys = new ArrayList<>();
        try (Aggregator coordinator = new Aggregator()) {
            byte[] seed = Multiparty.newCommonSeed();
            List<byte[]> keyShares = new ArrayList<>();
            for (int i = 0; i < INSTITUTIONS; i++) {
                keys.add(ThresholdKey.generate());
                keyShares.add(keys.getLast().publicKeyShare(seed));
            }
            byte[] collective = coordinator.collectiveKey(keyShares);
            keys.forEach(k -> k.useCollectiveKey(collective));
            UpdateLayout layout = UpdateLayout.forSum(KeyMode.THRESHOLD, PARAMS, 1, 64, INSTITUTIONS);
            assertEquals(25, layout.chunks());
            SplittableRandom r = new SplittableRandom(5);
            double[] expected = new double[PARAMS];
            List<List<byte[]>> updates = new ArrayList<>();
            for (int i = 0; i < INSTITUTIONS; i++) {
                double[] weighted = new double[PARAMS];
                for (int k = 0; k < PARAMS; k++) {
                    weighted[k] = 0.25 * Math.max(-64, Math.min(64, r.nextGaussian() * 3));
                    expected[k] += weighted[k];
                }
                updates.add(keys.get(i).encrypt(layout, weighted));
            }
            List<byte[]> aggregate = coordinator.sum(layout, updates);
            List<List<byte[]>> shares = new ArrayList<>();
            for (ThresholdKey k : keys) {
                shares.add(k.decryptionShares(layout, aggregate));
            }
            long perRound = bytes(updates.getFirst()) + bytes(shares.getFirst());
            double ratio = perRound / (4.0 * PARAMS);
            assertTrue(ratio <= 4, "bytes per institution per round: " + perRound + " = " + ratio + "x float32");
            // and the old layout's 7.4x is gone for good: well under it
            assertTrue(ratio < 3.5, "ratio " + ratio);

            double[] got = coordinator.combine(layout, aggregate, shares);
            double err = 0;
            double norm = 0;
            for (int k = 0; k < PARAMS; k++) {
                err += (got[k] - expected[k]) * (got[k] - expected[k]);
                norm += expected[k] * expected[k];
            }
            double relative = Math.sqrt(err / norm);
            assertTrue(relative < 1e-6 && relative > 0, "relative error " + relative);

            // a share missing in the second key group only: that group's chunks decode to garbage
            List<List<byte[]>> partial = new ArrayList<>();
            for (List<byte[]> s : shares) {
                partial.add(new ArrayList<>(s));
            }
            partial.removeLast();
            double[] noLast = coordinator.combine(layout, aggregate, partial);
            int chunk20 = 20 * layout.ringDegree();
            assertTrue(Math.abs(noLast[chunk20] - expected[chunk20]) > 1, "chunk 20 without a share");

            // a compact c0 of another width is refused by the sum, naming the update and the chunk
            List<byte[]> forged = new ArrayList<>(updates.get(2));
            forged.set(3, updates.get(2).get(0));
            FederationException e = assertThrows(FederationException.class,
                    () -> coordinator.sum(layout, List.of(updates.get(0), forged)));
            assertTrue(e.getMessage().contains("update 1, ciphertext 3"), e.getMessage());
        } finally {
            keys.forEach(ThresholdKey::close);
        }
    }

    private static long bytes(List<byte[]> chunks) {
        return chunks.stream().mapToLong(b -> b.length).sum();
    }
}

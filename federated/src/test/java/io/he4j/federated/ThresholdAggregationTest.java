package io.he4j.federated;

import io.he4j.ckks.Multiparty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threshold mode: seven institutions with their own key shares, the collective key from their public-key
 * shares, an aggregate decrypted only from every institution's decryption share.
 */
class ThresholdAggregationTest {
    private static final int INSTITUTIONS = 7;
    private static final int PARAMS = 5000;  // two ciphertexts at N = 4096, the last one partly filled

    private final List<ThresholdKey> keys = new ArrayList<>();
    private Aggregator coordinator;
    private UpdateLayout layout;
    private double[] expected;
    private List<byte[]> aggregate;

    @BeforeEach
    void federate() {
        coordinator = new Aggregator();
        byte[] seed = Multiparty.newCommonSeed();
        List<byte[]> shares = new ArrayList<>();
        for (int i = 0; i < INSTITUTIONS; i++) {
            keys.add(ThresholdKey.generate());
            shares.add(keys.getLast().publicKeyShare(seed));
        }
        byte[] collective = coordinator.collectiveKey(shares);
        keys.forEach(k -> k.useCollectiveKey(collective));
        layout = UpdateLayout.forSum(KeyMode.THRESHOLD, PARAMS, 1, 64, INSTITUTIONS);
        SplittableRandom r = new SplittableRandom(11);
        double[] rows = new double[INSTITUTIONS];
        double total = 0;
        for (int i = 0; i < INSTITUTIONS; i++) {
            rows[i] = 20 + r.nextInt(300);
            total += rows[i];
        }
        expected = new double[PARAMS];
        List<List<byte[]>> updates = new ArrayList<>();
        for (int i = 0; i < INSTITUTIONS; i++) {
            double[] weighted = new double[PARAMS];
            for (int k = 0; k < PARAMS; k++) {
                double theta = r.nextGaussian() * 3;
                weighted[k] = rows[i] / total * theta;
                expected[k] += weighted[k];
            }
            updates.add(keys.get(i).encrypt(layout, weighted));
        }
        aggregate = coordinator.sum(layout, updates);
    }

    @AfterEach
    void close() {
        keys.forEach(ThresholdKey::close);
        coordinator.close();
    }

    private List<List<byte[]>> sharesOf(int... institutions) {
        List<List<byte[]>> out = new ArrayList<>();
        for (int i : institutions) {
            out.add(keys.get(i).decryptionShares(layout, aggregate));
        }
        return out;
    }

    private double relativeError(double[] got) {
        double err = 0;
        double norm = 0;
        for (int k = 0; k < PARAMS; k++) {
            err += (got[k] - expected[k]) * (got[k] - expected[k]);
            norm += expected[k] * expected[k];
        }
        return Math.sqrt(err / norm);
    }

    private double correlation(double[] got) {
        double mg = 0;
        double me = 0;
        for (int k = 0; k < PARAMS; k++) {
            mg += got[k] / PARAMS;
            me += expected[k] / PARAMS;
        }
        double sge = 0;
        double sgg = 0;
        double see = 0;
        for (int k = 0; k < PARAMS; k++) {
            sge += (got[k] - mg) * (expected[k] - me);
            sgg += (got[k] - mg) * (got[k] - mg);
            see += (expected[k] - me) * (expected[k] - me);
        }
        return sge / Math.sqrt(sgg * see);
    }

    @Test
    void everyInstitutionsShareDecryptsTheWeightedAverageWithin1e6Relative() {
        double[] got = coordinator.combine(layout, aggregate, sharesOf(0, 1, 2, 3, 4, 5, 6));
        double relative = relativeError(got);
        assertTrue(relative < 1e-6, "relative error " + relative);
        assertTrue(relative > 0, "the smudging noise must be there");
    }

    @Test
    void oneShareMissingDecodesToGarbage() {
        double[] got = coordinator.combine(layout, aggregate, sharesOf(0, 1, 2, 3, 4, 5));
        double relative = relativeError(got);
        // uniform mod Q decodes to values spread over +-Q/2/scale ~ +-2^8, the average's entries are ~1
        assertTrue(relative > 10, "without institution 6's share the result must be garbage; relative error "
                + relative);
        assertTrue(Math.abs(correlation(got)) < 0.1, "correlation " + correlation(got));
    }

    @Test
    void aSingleShareDecodesToNothingCorrelatedWithTheAggregate() {
        for (int i = 0; i < INSTITUTIONS; i++) {
            double[] got = coordinator.combine(layout, aggregate, sharesOf(i));
            double c = correlation(got);
            assertTrue(Math.abs(c) < 0.1, "institution " + i + " alone: correlation " + c);
        }
    }

    @Test
    void anInstitutionCannotDecryptAloneNorMixModes() {
        try (Institution alone = new Institution("a", null, keys.getFirst())) {
            assertThrows(FederationException.class, () -> alone.decrypt(layout, aggregate));
        } finally {
            keys.removeFirst();
        }
        UpdateLayout shared = UpdateLayout.forSum(PARAMS, 1, 64);
        assertThrows(FederationException.class, () -> keys.getFirst().encrypt(shared, new double[PARAMS]));
        // a shared-key ciphertext is refused by a threshold round
        try (SharedKey sk = SharedKey.generate()) {
            List<byte[]> foreign = sk.encrypt(shared, new double[PARAMS]);
            List<byte[]> padded = List.of(foreign.get(0), foreign.get(1));
            assertThrows(FederationException.class, () -> coordinator.sum(layout, List.of(aggregate, padded)));
        }
    }

    @Test
    void tooManyInstitutionsForTheSmudgingAreRefusedUpFront() {
        FederationException e = assertThrows(FederationException.class,
                () -> UpdateLayout.forSum(KeyMode.THRESHOLD, PARAMS, 1, 64, 100));
        assertTrue(e.getMessage().contains("bits of precision"), e.getMessage());
        UpdateLayout.forSum(KeyMode.THRESHOLD, PARAMS, 1, 0.5, 100);  // fits with weighted sums <= 0.5
    }
}

package io.he4j.paillier;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Precomputed randomizers are valid n-th residues, each handed out once, and encryption with them decrypts. */
class RandomizerPoolTest {
    @Test
    void poolHandsOutDistinctValidRandomizers() throws Exception {
        PaillierKeyPair kp = Keys.small();
        TextbookPaillier ref = Keys.reference(kp);
        Set<BigInteger> seen = new HashSet<>();
        try (RandomizerPool pool = new RandomizerPool(kp.privateKey()::randomizer, 4, 1)) {
            pool.fill();
            assertEquals(4, pool.available());
            for (int i = 0; i < 10; i++) { // more than the capacity: the rest are computed inline or by the worker
                BigInteger r = pool.take();
                assertTrue(seen.add(r), "a randomizer was handed out twice");
                assertEquals(BigInteger.ZERO, ref.decrypt(r));
                EncryptedNumber e = kp.publicKey().encryptSigned(BigInteger.valueOf(-i), 0, r);
                assertEquals(BigInteger.valueOf(-i), kp.privateKey().decryptSigned(e));
            }
            EncryptedNumber sum = kp.publicKey().encrypt(1.0).add(kp.publicKey().encrypt(2.0));
            assertEquals(3.0, kp.privateKey().decrypt(sum.rerandomize(pool.take())));
            pool.close();
            assertThrows(IllegalStateException.class, pool::take);
        }
    }

    @Test
    void batchedPoolFillsInBatchesWithValidRandomizers() {
        PaillierKeyPair kp = Keys.of(PaillierKeySize.BITS_2048);
        TextbookPaillier ref = Keys.reference(kp);
        Set<BigInteger> seen = new HashSet<>();
        int[] calls = {0};
        try (RandomizerPool pool = new RandomizerPool(count -> {
            calls[0]++;
            return kp.privateKey().randomizers(count);
        }, 4, 8, 0)) {
            pool.fill();
            assertEquals(8, pool.available());
            assertEquals(2, calls[0], "8 randomizers in batches of 4");
            for (int i = 0; i < 9; i++) { // the ninth is computed inline
                BigInteger r = pool.take();
                assertTrue(seen.add(r), "a randomizer was handed out twice");
                assertEquals(BigInteger.ZERO, ref.decrypt(r));
            }
        }
        assertThrows(PaillierException.class, () -> new RandomizerPool(n -> new BigInteger[n], 0, 1, 0));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(PaillierException.class, () -> new RandomizerPool(() -> BigInteger.ONE, 0, 1));
        assertThrows(PaillierException.class, () -> new RandomizerPool(() -> BigInteger.ONE, 1, -1));
    }
}

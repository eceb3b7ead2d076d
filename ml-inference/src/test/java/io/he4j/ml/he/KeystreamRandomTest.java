package io.he4j.ml.he;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The masks' keystream generator: balanced bits across rekeys, no repeats, independent instances. */
class KeystreamRandomTest {
    @Test
    void wordsAreBalancedAndDistinctAcrossRekeys() {
        KeystreamRandom r = new KeystreamRandom();
        int words = 3 * (1 << 16) / Long.BYTES; // three keystream blocks
        long ones = 0;
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < words; i++) {
            long v = r.nextLong();
            ones += Long.bitCount(v);
            assertTrue(seen.add(v), "a 64-bit word repeated");
        }
        double bits = 64.0 * words;
        // binomial: sd = sqrt(bits)/2 ~ 177; 6 sd
        assertEquals(bits / 2, ones, 6 * Math.sqrt(bits) / 2);
    }

    @Test
    void instancesAndBytesDiffer() {
        byte[] a = new byte[100_000];
        byte[] b = new byte[100_000];
        new KeystreamRandom().nextBytes(a);
        new KeystreamRandom().nextBytes(b);
        assertNotEquals(java.util.Arrays.hashCode(a), java.util.Arrays.hashCode(b));
        double d = new KeystreamRandom().nextDouble();
        assertTrue(d >= 0 && d < 1);
    }
}

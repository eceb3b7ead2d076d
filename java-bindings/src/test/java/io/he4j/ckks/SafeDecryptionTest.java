package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Safe decryption: released values carry fresh flooding noise (repeated releases of one decryption differ in
 * their low bits), stay within the stated precision, land on the rounding grid, and the flood's width follows
 * the noise bound up to the precision's limit. Pure Java: no native call.
 */
class SafeDecryptionTest {

    @Test
    void repeatedReleasesDifferInTheLowBitsAndStayWithinThePrecision() {
        double precision = Math.scalb(1.0, -40);      // fine grid: the flood shows in the low bits
        SafeDecryption safe = SafeDecryption.toPrecision(precision);
        double noise = Math.scalb(1.0, -60);          // 2^30 x noise = 2^-30 > precision / 2: flood capped at 2^-41
        double value = 0.123456789;
        Set<Double> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            double r = safe.release(new double[] {value}, noise)[0];
            assertTrue(Math.abs(r - value) <= safe.maxError(), "released " + r + " for " + value);
            assertEquals(0, Math.IEEEremainder(r, precision), 0);
            seen.add(r);
        }
        // w = precision / 2: the released value moves between the neighbouring grid points
        assertTrue(seen.size() >= 2, "every release gave the same value: no flooding noise");
        assertEquals(19.0, safe.statisticalBits(noise), 1e-9);   // w = 2^-41 over a noise of 2^-60
    }

    @Test
    void fullFloodWhenThePrecisionAllowsIt() {
        SafeDecryption safe = SafeDecryption.toPrecision(1e-3);
        double noise = 1e-15;
        assertEquals(Math.scalb(noise, 30), safe.floodWidth(noise), 0);
        assertEquals(30.0, safe.statisticalBits(noise), 1e-9);
        // a value on a grid midpoint is released as either neighbour, never further
        Set<Double> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            double r = safe.release(new double[] {0.0005}, noise)[0];
            assertTrue(r == 0 || Math.abs(r - 1e-3) < 1e-15, "released " + r);
            seen.add(Math.rint(r * 1e3));
        }
        assertEquals(2, seen.size(), "the flood should send a midpoint both ways");
    }

    @Test
    void refusesNonsense() {
        assertThrows(InvalidArgumentException.class, () -> SafeDecryption.toPrecision(0));
        assertThrows(InvalidArgumentException.class, () -> SafeDecryption.toPrecision(Double.NaN));
        SafeDecryption safe = SafeDecryption.toPrecision(1e-3);
        assertThrows(InvalidArgumentException.class, () -> safe.release(new double[1], 0));
        assertThrows(InvalidArgumentException.class, () -> safe.release(new double[1], Double.POSITIVE_INFINITY));
    }
}

package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encoding then decoding returns the values within 2^-30 (no encryption noise, scale 2^40). */
class EncoderTest {
    private static final double EPS = Math.scalb(1.0, -30);
    private final CkksContext ctx = Fixture.context();
    private final Encoder encoder = new Encoder(ctx);

    @Test
    void realSlots() {
        double[] v = Fixture.random(1, ctx.slotCount());
        try (Plaintext p = encoder.encode(v)) {
            assertEquals(ctx.maxLevel(), p.level());
            assertEquals(ctx.defaultScale(), p.scale());
            assertTrue(Fixture.maxError(v, encoder.decode(p)) < EPS);
        }
    }

    @Test
    void shortVectorIsZeroPaddedAndLevelAndScaleAreHonoured() {
        double[] v = {0.5, -0.25, 0.125};
        try (Plaintext p = encoder.encode(v, Math.scalb(1.0, 30), 1)) {
            assertEquals(1, p.level());
            assertEquals(Math.scalb(1.0, 30), p.scale());
            double[] out = encoder.decode(p);
            assertEquals(ctx.slotCount(), out.length);
            assertTrue(Fixture.maxError(v, out) < Math.scalb(1.0, -20));
            assertTrue(Math.abs(out[3]) < Math.scalb(1.0, -20) && Math.abs(out[ctx.slotCount() - 1]) < Math.scalb(1.0, -20));
            double[] two = new double[2];
            assertSame(two, encoder.decode(p, two));
            assertEquals(0.5, two[0], Math.scalb(1.0, -20));
        }
    }

    @Test
    void intoExistingPlaintextAndFromNativeMemory() {
        double[] v = Fixture.random(2, 100);
        try (Plaintext out = new Plaintext(ctx); Arena arena = Arena.ofConfined()) {
            assertSame(out, encoder.encode(v, ctx.defaultScale(), -1, out));
            assertTrue(Fixture.maxError(v, encoder.decode(out)) < EPS);
            MemorySegment seg = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, v);
            double[] w = Fixture.random(3, 100);
            MemorySegment.copy(w, 0, seg, ValueLayout.JAVA_DOUBLE, 0, w.length);
            encoder.encode(seg, w.length, ctx.defaultScale(), -1, out);
            assertTrue(Fixture.maxError(w, encoder.decode(out)) < EPS);
            assertThrows(InvalidArgumentException.class, () -> encoder.encode(seg, 101, ctx.defaultScale(), -1, out));
            // Heap segments pass through the critical downcall without a copy.
            encoder.encode(MemorySegment.ofArray(v), v.length, ctx.defaultScale(), -1, out);
            assertTrue(Fixture.maxError(v, encoder.decode(out)) < EPS);
        }
    }

    @Test
    void complexSlots() {
        double[] v = Fixture.random(4, 2 * ctx.slotCount());
        try (Plaintext p = encoder.encodeComplex(v, ctx.defaultScale(), -1)) {
            assertTrue(Fixture.maxError(v, encoder.decodeComplex(p)) < EPS);
        }
        assertThrows(InvalidArgumentException.class, () -> encoder.encodeComplex(new double[3], 1e6, -1));
    }

    @Test
    void scalar() {
        try (Plaintext p = encoder.encodeScalar(0.75, ctx.defaultScale(), -1)) {
            for (double d : encoder.decode(p)) {
                assertEquals(0.75, d, EPS);
            }
        }
    }

    @Test
    void coefficients() {
        double[] v = Fixture.random(5, ctx.polyDegree());
        try (Plaintext p = encoder.encodeCoefficients(v, ctx.defaultScale(), -1)) {
            double[] back = encoder.decodeCoefficients(p);
            assertEquals(ctx.polyDegree(), back.length);
            assertTrue(Fixture.maxError(v, back) < EPS);
        }
        assertThrows(InvalidArgumentException.class,
                () -> encoder.encodeCoefficients(new double[ctx.polyDegree() + 1], 1e6, -1));
    }

    @Test
    void rejectsWhatDoesNotFit() {
        assertThrows(InvalidArgumentException.class, () -> encoder.encode(new double[ctx.slotCount() + 1]));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> encoder.encode(new double[] {Double.NaN}));
        assertTrue(e.getMessage().startsWith("Encoder.encode: "), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> encoder.encode(new double[] {1}, 1e6, 7));
        assertThrows(NullPointerException.class, () -> encoder.encode((double[]) null));
    }

    @Test
    void plaintextToStringShowsNoValues() {
        try (Plaintext p = encoder.encode(new double[] {123.456})) {
            String s = p.toString();
            assertTrue(!s.contains("123"), s);
            Plaintext copy = p.copy();
            assertEquals(123.456, encoder.decode(copy)[0], 1e-6);
            copy.close();
        }
    }
}

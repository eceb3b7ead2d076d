package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextTest {
    @Test
    void propertiesFollowTheParameters() {
        CkksContext ctx = Fixture.context();
        assertEquals(4096, ctx.polyDegree());
        assertEquals(2048, ctx.slotCount());
        assertEquals(2, ctx.maxLevel());
        assertEquals(Math.scalb(1.0, 40), ctx.defaultScale());
        long[] q = ctx.moduli();
        assertEquals(4, q.length);
        int[] bits = {50, 40, 40, 50};
        for (int i = 0; i < q.length; i++) {
            assertEquals(bits[i], 64 - Long.numberOfLeadingZeros(q[i]), "prime " + i);
            assertEquals(1, q[i] % (2L * ctx.polyDegree()), "NTT-friendly prime " + i);
            assertTrue(java.math.BigInteger.valueOf(q[i]).isProbablePrime(40));
        }
        q[0] = 0;
        assertTrue(ctx.moduli()[0] != 0, "moduli() returns a copy");
        assertEquals(0, ctx.securityBits());
        assertEquals(Fixture.PARAMS, ctx.parameters());
    }

    @Test
    void presetIs128BitSecure() {
        try (CkksContext ctx = CkksContext.create("P8K");
             CkksContext spelled = CkksContext.create(CkksParameters.builder().logPolyDegree(13).dataPrimeBits(60, 40, 40)
                     .specialPrimeBits(60).defaultScale(Math.scalb(1.0, 40)).build())) {
            assertTrue(ctx.securityBits() >= 128);
            assertEquals(8192, ctx.polyDegree());
            // Primes follow from their sizes: the same numbers give the same parameters.
            assertEquals(ctx.parameterId(), spelled.parameterId());
            assertArrayEquals(ctx.moduli(), spelled.moduli());
        }
    }

    @Test
    void insecureParametersNeedTheFlag() {
        CkksParameters p = CkksParameters.builder().logPolyDegree(12).dataPrimeBits(60, 60).specialPrimeBits(60)
                .defaultScale(1e10).build();
        InvalidParametersException e = assertThrows(InvalidParametersException.class, () -> CkksContext.create(p));
        assertTrue(e.getMessage().startsWith("CkksContext.create: "), e.getMessage());
    }

    @Test
    void parametersRoundTripThroughBytes() {
        NativeRequire.exported("he4j_context_save", "he4j_context_load");
        CkksContext ctx = Fixture.context();
        byte[] bytes = ctx.toBytes();
        try (CkksContext back = CkksContext.fromBytes(bytes, true)) {
            assertEquals(ctx.parameterId(), back.parameterId());
            assertArrayEquals(ctx.moduli(), back.moduli());
            assertEquals(ctx.parameters(), back.parameters());
        }
        // Without allowInsecure, insecure parameters are refused as malformed input.
        assertThrows(MalformedInputException.class, () -> CkksContext.fromBytes(bytes));
        try (CkksContext p8 = CkksContext.create("P8K"); CkksContext back = CkksContext.fromBytes(p8.toBytes())) {
            assertEquals(p8.parameterId(), back.parameterId());
            assertEquals(p8.parameters(), back.parameters());
        }
    }
}

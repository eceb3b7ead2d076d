package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParametersTest {
    @Test
    void presetNamesComeFromTheEngine() {
        NativeRequire.exported("he4j_preset_names");
        assertTrue(CkksParameters.presetNames().containsAll(
                java.util.List.of("P8K", "P16K", "P2K-IFMA", "P4K-IFMA", "P8K-IFMA", "P16K-IFMA")), CkksParameters.presetNames().toString());
    }

    @Test
    void presetDescribesItsNumbers() {
        NativeRequire.exported("he4j_context_create_preset", "he4j_context_modulus");
        CkksParameters p = CkksParameters.preset("P8K");
        assertEquals(8192, p.polyDegree());
        assertEquals(4096, p.slotCount());
        assertArrayEquals(new int[] {60, 40, 40}, p.dataPrimeBits());
        assertArrayEquals(new int[] {60}, p.specialPrimeBits());
        assertEquals(Math.scalb(1.0, 40), p.defaultScale());
        assertEquals(2, p.maxLevel());
        assertEquals("P8K", p.presetName().orElseThrow());
        CkksParameters spelled = CkksParameters.builder().logPolyDegree(13).dataPrimeBits(60, 40, 40)
                .specialPrimeBits(60).defaultScale(Math.scalb(1.0, 40)).build();
        assertEquals(spelled, p);
        assertEquals(spelled.hashCode(), p.hashCode());
    }

    @Test
    void unknownPresetListsTheAvailableOnes() {
        NativeRequire.exported("he4j_preset_names");
        InvalidParametersException e = assertThrows(InvalidParametersException.class, () -> CkksParameters.preset("P3K"));
        assertTrue(e.getMessage().contains("P8K"), e.getMessage());
    }

    @Test
    void builderChecksShape() {
        assertThrows(InvalidParametersException.class, () -> CkksParameters.builder().dataPrimeBits(40).defaultScale(1e6).build());
        assertThrows(InvalidParametersException.class, () -> CkksParameters.builder().logPolyDegree(12).defaultScale(1e6).build());
        assertThrows(InvalidParametersException.class,
                () -> CkksParameters.builder().logPolyDegree(12).dataPrimeBits(61).defaultScale(1e6).build());
        assertThrows(InvalidParametersException.class,
                () -> CkksParameters.builder().logPolyDegree(12).dataPrimeBits(40).build());
        assertThrows(InvalidParametersException.class,
                () -> CkksParameters.builder().logPolyDegree(12).dataPrimeBits(40).defaultScale(Double.NaN).build());
        assertThrows(NullPointerException.class, () -> CkksParameters.builder().dataPrimeBits((int[]) null));
    }

    @Test
    void valuesAreImmutableAndComparedByValue() {
        int[] bits = {50, 40};
        CkksParameters a = CkksParameters.builder().logPolyDegree(12).dataPrimeBits(bits).defaultScale(1e6).build();
        bits[0] = 30;
        assertArrayEquals(new int[] {50, 40}, a.dataPrimeBits());
        a.dataPrimeBits()[0] = 20;
        assertArrayEquals(new int[] {50, 40}, a.dataPrimeBits());
        CkksParameters b = CkksParameters.builder().logPolyDegree(12).dataPrimeBits(50, 40).defaultScale(1e6).allowInsecure().build();
        assertNotEquals(a, b);
        assertTrue(b.toString().contains("allowInsecure"), b.toString());
    }
}

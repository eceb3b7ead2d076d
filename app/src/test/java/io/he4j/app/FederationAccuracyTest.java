package io.he4j.app;

import io.he4j.federated.ModelShape;
import io.he4j.ml.model.OutputLink;
import io.he4j.web.PageException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model layout the federation page solves from a parameter count, and its form fields. */
class FederationAccuracyTest {
    private static final List<String> FEATURES = List.of("a", "b", "c", "d", "e");

    @Test
    void aLinearFederationIsLogisticOrSoftmaxByItsParameterCount() {
        ModelShape binary = FederationAccuracy.shape(6, FEATURES, List.of());
        assertArrayEquals(new int[] {5, 1}, binary.sizes());
        assertEquals(OutputLink.SIGMOID, binary.link());
        assertEquals(List.of("0", "1"), binary.classNames());
        ModelShape three = FederationAccuracy.shape(18, FEATURES, List.of());
        assertArrayEquals(new int[] {5, 3}, three.sizes());
        assertEquals(OutputLink.SOFTMAX, three.link());
        assertEquals(3, three.classNames().size());
        assertEquals("softmax regression on 5 features", FederationAccuracy.describe(three));
    }

    @Test
    void anMlpsOutputsAreSolvedFromTheLayoutsOwnCount() {
        // 5-4-1: (5+1)*4 + (4+1)*1 = 29; 5-8-4-3: 48 + 36 + 15 = 99
        ModelShape one = FederationAccuracy.shape(29, FEATURES, List.of(4));
        assertArrayEquals(new int[] {5, 4, 1}, one.sizes());
        assertEquals(29, one.parameters());
        ModelShape deep = FederationAccuracy.shape(99, FEATURES, List.of(8, 4));
        assertArrayEquals(new int[] {5, 8, 4, 3}, deep.sizes());
        assertEquals("MLP 5-8-4-3 (square activation)", FederationAccuracy.describe(deep));
    }

    @Test
    void countsNoLayoutHasAreRefusedWithTheCountsThatWouldFit() {
        for (int p : new int[] {5, 7, 12, 1, 0}) { // 12 would be two softmax outputs: ModelShape makes none
            PageException e = assertThrows(PageException.class, () -> FederationAccuracy.shape(p, FEATURES, List.of()));
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("6 (two classes) or 18, 24"), e.getMessage());
        }
    }

    @Test
    void hiddenWidthsAreBlankOrUpToTwoNumbers() {
        assertEquals(List.of(), FederationAccuracy.hidden(" "));
        assertEquals(List.of(8, 4), FederationAccuracy.hidden("8, 4"));
        for (String bad : new String[] {"0", "4097", "x", "4,", "1,2,3", "-1", "1e3"}) {
            assertEquals(400, assertThrows(PageException.class, () -> FederationAccuracy.hidden(bad)).status(), bad);
        }
    }
}

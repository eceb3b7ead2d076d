package io.he4j.ckks;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The backend under test is built and loads; or, when CMake did not build it, the one line that says so. */
class BackendBuiltTest {
    @Test
    void backendUnderTestIsBuiltAndLoads() {
        if (BackendUnderTest.STATE == BackendUnderTest.State.NOT_BUILT) {
            Assumptions.abort(BackendUnderTest.notApplicable());
        }
        assertNotEquals(BackendUnderTest.State.MISSING, BackendUnderTest.STATE, "backend " + BackendUnderTest.NAME
                + " should have been built but " + BackendUnderTest.LIBRARY + " is not in the jar");
        assertEquals(BackendUnderTest.NAME, He4j.info().backend());
    }
}

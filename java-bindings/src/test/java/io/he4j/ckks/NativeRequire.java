package io.he4j.ckks;

import io.he4j.ckks.internal.NativeLibrary;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fails a test, naming the function, when a native function it needs is not exported by the loaded library. */
final class NativeRequire {
    private NativeRequire() {
    }

    static void exported(String... symbols) {
        for (String s : symbols) {
            assertTrue(NativeLibrary.get().exports(s), "native function " + s + " is not exported by the loaded "
                    + "library (backend " + BackendUnderTest.NAME + ")");
        }
    }
}

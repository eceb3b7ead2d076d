package io.he4j.ckks;

import io.he4j.ckks.internal.NativeLibrary;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips a test while the native functions it needs are not exported yet (the engine grows piece by piece). */
final class NativeAssume {
    private NativeAssume() {
    }

    static void exported(String... symbols) {
        for (String s : symbols) {
            assumeTrue(NativeLibrary.get().exports(s), "native function " + s + " is not exported yet");
        }
    }
}

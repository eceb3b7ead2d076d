package io.he4j.ml;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;
import io.he4j.ckks.NativeLibraryException;
import org.junit.jupiter.api.Assumptions;

/**
 * Encrypted tests need the native CKKS engine. They are skipped ONLY when its library or symbols cannot be
 * loaded (the engine not built yet); any other failure fails the test.
 */
public final class NativeEngine {
    private static volatile String missing;
    private static volatile boolean probed;

    private NativeEngine() {
    }

    public static void require() {
        if (!probed) {
            try (CkksContext ctx = CkksContext.create(CkksParameters.preset("P4K-IFMA"))) {
                missing = null;
            } catch (NativeLibraryException | UnsatisfiedLinkError e) {
                missing = e.getMessage();
            }
            probed = true;
        }
        Assumptions.assumeTrue(missing == null, () -> "native CKKS engine not available (" + missing
                + "); skipping encrypted test");
    }
}

package io.he4j.ckks;

import io.he4j.ckks.internal.NativeLibrary;

/**
 * Front door to the native engine. The library is loaded on first use of any he4j type:
 * <ol>
 *   <li>if the system property {@code he4j.native.path} is set, exactly that file is loaded (no fallback);</li>
 *   <li>otherwise the library bundled in the jar under {@code META-INF/native/linux-x86_64/} is extracted to
 *       {@code he4j.native.workdir} (default: the system temp directory) and loaded.</li>
 * </ol>
 * {@code he4j.backend} selects the backend ({@code he4j}, the default, or {@code seal} when built).
 * Thread-safe.
 */
public final class He4j {
    private He4j() {
    }

    /**
     * Loads the native library if needed and describes it.
     *
     * @return what was loaded
     * @throws NativeLibraryException if the library cannot be loaded or its ABI does not match
     */
    public static LibraryInfo info() {
        return NativeLibrary.get().info();
    }
}

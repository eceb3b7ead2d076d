package io.he4j.ckks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The backend the suite runs against ({@code he4j.backend}; Surefire runs the suite once per backend) and
 * whether it was built. A backend that was built, or should have been, is tested, and fails if its library is
 * missing or does not load; only a backend that CMake did not configure at all (SEAL not found) is not
 * applicable, and {@link BackendFilter} then reduces the suite to the one test that says so.
 */
final class BackendUnderTest {
    enum State {
        /** Its library is in the jar (or given by he4j.native.path): the whole suite runs. */
        PRESENT,
        /** Built, or the own engine, but its library is not in the jar: the whole suite runs, and fails. */
        MISSING,
        /** CMake did not configure it (its binary directory does not exist): not applicable. */
        NOT_BUILT
    }

    static final String NAME = System.getProperty("he4j.backend", "he4j");
    static final String LIBRARY = libraryResource();
    static final State STATE = state();

    private BackendUnderTest() {
    }

    private static State state() {
        if (System.getProperty("he4j.native.path") != null || BackendUnderTest.class.getResource(LIBRARY) != null) {
            return State.PRESENT;
        }
        if (NAME.equals("he4j")) {
            return State.MISSING;
        }
        // CMake creates native/src/<backend> in the build tree exactly when it adds the backend's directory.
        String build = System.getProperty("he4j.native.build");
        if (build != null && Files.isRegularFile(Path.of(build, "CMakeCache.txt"))
                && !Files.isDirectory(Path.of(build, "native", "src", NAME))) {
            return State.NOT_BUILT;
        }
        return State.MISSING;
    }

    /** Why a NOT_BUILT backend is not tested. */
    static String notApplicable() {
        return "NOT APPLICABLE: backend " + NAME + " was not built (CMake did not configure native/src/" + NAME
                + " in " + System.getProperty("he4j.native.build") + "; for SEAL: Microsoft SEAL >= 4.1 not found)";
    }

    private static String libraryResource() {
        Properties p = new Properties();
        try (InputStream in = BackendUnderTest.class.getResourceAsStream("/io/he4j/ckks/internal/he4j.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = NAME.equals("he4j") ? "he4j" : "he4j_" + NAME;
        return "/" + p.getProperty("resource") + "/lib" + name + "-" + p.getProperty("version") + ".so";
    }
}

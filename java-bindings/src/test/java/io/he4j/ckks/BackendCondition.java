package io.he4j.ckks;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the whole suite against the backend named by {@code he4j.backend} (Surefire runs it once per
 * backend) and skips it, saying so once, when that backend's library was not built into the jar
 * (the SEAL backend is built only where CMake finds SEAL). Registered by service loading.
 */
public final class BackendCondition implements ExecutionCondition {
    static final String BACKEND = System.getProperty("he4j.backend", "he4j");
    private static final String LIBRARY = libraryResource();
    private static final boolean AVAILABLE = System.getProperty("he4j.native.path") != null
            || BackendCondition.class.getResource(LIBRARY) != null;
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String verdict = AVAILABLE ? "TESTED" : "SKIPPED (" + LIBRARY + " not built: CMake did not find it)";
        if (ANNOUNCED.compareAndSet(false, true)) {
            System.out.println("he4j backend under test: " + BACKEND + " -> " + verdict);
        }
        return AVAILABLE ? ConditionEvaluationResult.enabled("backend " + BACKEND + " is present")
                : ConditionEvaluationResult.disabled("backend " + BACKEND + " " + verdict);
    }

    private static String libraryResource() {
        Properties p = new Properties();
        try (InputStream in = BackendCondition.class.getResourceAsStream("/io/he4j/ckks/internal/he4j.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = BACKEND.equals("he4j") ? "he4j" : "he4j_" + BACKEND;
        return "/" + p.getProperty("resource") + "/lib" + name + "-" + p.getProperty("version") + ".so";
    }
}

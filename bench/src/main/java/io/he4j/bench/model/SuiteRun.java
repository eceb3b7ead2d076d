package io.he4j.bench.model;

import java.util.Objects;

/**
 * What happened to one suite in a run: it ran (with how many figures and how long), or it was skipped or
 * failed, and why. Targets fed by a suite that did not run are NOT_MEASURED; this says why.
 */
public record SuiteRun(String suite, Status status, String detail, double seconds, String command) {
    public enum Status { RAN, SKIPPED, FAILED }

    public SuiteRun {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(command, "command");
    }
}

package io.he4j.bench;

import io.he4j.bench.model.Figure;
import io.he4j.bench.model.SuiteRun;

import java.util.List;

/** What a suite hands back to the runner: how it went, and its figures. */
public record SuiteResult(SuiteRun run, List<Figure> figures) {
    public SuiteResult {
        figures = List.copyOf(figures);
    }

    public static SuiteResult skipped(String suite, String why) {
        return new SuiteResult(new SuiteRun(suite, SuiteRun.Status.SKIPPED, why, 0, "n/a"), List.of());
    }

    public static SuiteResult failed(String suite, String why, double seconds, String command) {
        return new SuiteResult(new SuiteRun(suite, SuiteRun.Status.FAILED, why, seconds, command), List.of());
    }
}

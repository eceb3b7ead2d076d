package io.he4j.bench.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Everything one run produced: what results.json holds (see bench/schema/results.schema.json). */
public record Results(int schemaVersion, String created, String gitCommit, String mode, String command,
                      double durationSeconds, Machine machine, List<String> notes, List<SuiteRun> suites,
                      List<Figure> figures, List<Target> targets) {
    public static final int SCHEMA_VERSION = 1;

    public Results {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(gitCommit, "gitCommit");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(machine, "machine");
        notes = List.copyOf(notes);
        suites = List.copyOf(suites);
        figures = List.copyOf(figures);
        targets = List.copyOf(targets);
    }

    public Optional<Figure> figure(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst();
    }
}

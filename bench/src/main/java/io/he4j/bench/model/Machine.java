package io.he4j.bench.model;

import java.util.Objects;

/** The machine a run happened on. */
public record Machine(String cpuModel, int cores, double memoryGib, String os, String jdk, String cpuFlags) {
    public Machine {
        Objects.requireNonNull(cpuModel, "cpuModel");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(jdk, "jdk");
        Objects.requireNonNull(cpuFlags, "cpuFlags");
    }
}

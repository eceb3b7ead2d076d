package io.he4j.bench.model;

/** The verdict on one target. NOT_MEASURED when its suite did not run or produced no figure: never guessed. */
public enum TargetStatus {
    PASS, FAIL, NOT_MEASURED
}

package io.he4j.ml;

/** Receives progress of long-running work (the CLI draws it on stderr). */
@FunctionalInterface
public interface Progress {
    /** @param task what is running; @param done units done; @param total units in all */
    void update(String task, long done, long total);

    static Progress none() {
        return (task, done, total) -> {
        };
    }
}

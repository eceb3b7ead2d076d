package io.he4j.cli;

import io.he4j.ml.Progress;

import java.io.PrintStream;

/**
 * Draws progress on stderr, but only for work that has already run for more than three seconds (short runs
 * stay quiet), at most ten times a second; ends the line when a task completes.
 */
final class ProgressBar implements Progress {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void update(String task, long done, long total) {
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (now - start < 3_000_000_000L && !drawn) {
            return;
        }
        if (!finished && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        err.printf("\r%-20s [%s%s] %d/%d", task, "#".repeat(filled), ".".repeat(WIDTH - filled), done, total);
        drawn = true;
        if (finished) {
            err.println();
            drawn = false;
        }
        err.flush();
    }

    /** Prints a status line on stderr. */
    void status(String message) {
        err.println(message);
    }
}

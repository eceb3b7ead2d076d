package io.he4j.app;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One CSV file being encrypted here and stored as records on the service, in the background, so that the page
 * can show progress. Kept in the user's session only. Thread-safe.
 */
final class RecordUpload {
    final String id;
    final String modelId;
    final String filename;
    final int total;
    final boolean batch;
    final AtomicInteger stored = new AtomicInteger();
    private volatile int[] outcomes;
    private volatile String error;
    private volatile boolean finished;

    RecordUpload(String id, String modelId, String filename, int total, boolean batch) {
        this.id = id;
        this.modelId = modelId;
        this.filename = filename;
        this.total = total;
        this.batch = batch;
    }

    void run(ServiceGateway service, double[][] rows, boolean replace) {
        try {
            outcomes = service.uploadRecords(modelId, rows, batch, replace, stored::set);
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            finished = true;
        }
    }

    boolean finished() {
        return finished;
    }

    String error() {
        return error;
    }

    /** created, replaced, unchanged (once finished without error). */
    int[] outcomes() {
        return outcomes;
    }
}

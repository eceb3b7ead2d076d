package io.he4j.app;

import io.he4j.client.Prediction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One uploaded CSV being predicted in the background, one batch request (up to the layout's capacity) at a time,
 * so the page can show progress. Kept in the user's session only. Thread-safe.
 */
final class BatchJob {
    final String id;
    final String modelId;
    final String filename;
    final int total;
    final AtomicInteger done = new AtomicInteger();
    final long startedNanos = System.nanoTime();
    private final List<Prediction> results = Collections.synchronizedList(new ArrayList<>());
    private volatile String error;
    private volatile long finishedNanos;

    BatchJob(String id, String modelId, String filename, int total) {
        this.id = id;
        this.modelId = modelId;
        this.filename = filename;
        this.total = total;
    }

    void run(ServiceGateway service, double[][] rows, int capacity) {
        try {
            for (int start = 0; start < rows.length; start += capacity) {
                double[][] chunk = java.util.Arrays.copyOfRange(rows, start, Math.min(rows.length, start + capacity));
                results.addAll(service.predictBatch(modelId, chunk));
                done.set(results.size());
            }
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            finishedNanos = System.nanoTime();
        }
    }

    boolean finished() {
        return finishedNanos != 0;
    }

    String error() {
        return error;
    }

    double seconds() {
        return ((finished() ? finishedNanos : System.nanoTime()) - startedNanos) / 1e9;
    }

    List<Prediction> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }
}

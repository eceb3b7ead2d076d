package io.he4j.server.jobs;

import io.he4j.ckks.PublicContext;
import io.he4j.server.model.DeployedModel;
import io.he4j.server.model.KeySets;
import io.he4j.server.model.ModelRegistry;
import io.he4j.server.model.QueryRejection;
import io.he4j.server.records.RecordLayout;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * This replica's job worker: claims one job at a time (see {@link JobStore}), scores its pending items a
 * chunk at a time on all cores, and checkpoints each chunk with a lease renewal. The database works beside the
 * cores: the next chunk is read and the previous one's checkpoint written while a chunk is scored. A crash loses
 * at most the chunks in progress (two); the lease then expires and this replica (restarted) or another resumes
 * from the last checkpoint. Each item is scored through {@link DeployedModel} exactly as a prediction would be: a batch
 * record is one feature-major evaluation for all its patients.
 */
public final class JobRunner implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JobRunner.class.getName());
    private static final long IDLE_POLL_MILLIS = 200;

    private final JobStore store;
    private final ModelRegistry models;
    private final KeySets keySets;
    private final long leaseMillis;
    private final String owner;
    private final ExecutorService scorers;
    private final ExecutorService prefetch = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("he4j-job-read").factory());
    private final ExecutorService checkpoints = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
            .name("he4j-job-write").factory());
    private final int chunk;
    private final Thread worker;
    private volatile boolean closed;
    private volatile JobStore.Claim current;
    private final java.util.concurrent.Semaphore wakeUp = new java.util.concurrent.Semaphore(0);

    public JobRunner(JobStore store, ModelRegistry models, KeySets keySets, Duration lease) {
        this.store = store;
        this.models = models;
        this.keySets = keySets;
        this.leaseMillis = lease.toMillis();
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        this.owner = HexFormat.of().formatHex(id);
        int threads = Runtime.getRuntime().availableProcessors();
        this.scorers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("he4j-job-score-", 0)
                .factory());
        this.chunk = Math.clamp(8L * threads, 16, 32); // records per checkpoint: at most 32 lost to a crash
        this.worker = Thread.ofPlatform().daemon().name("he4j-jobs-" + owner).unstarted(this::loop);
    }

    public JobRunner start() {
        worker.start();
        return this;
    }

    /** A job was just queued here: look now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    /** This replica's name in leases and the audit trail. */
    public String owner() {
        return owner;
    }

    private void loop() {
        while (!closed) {
            try {
                Optional<JobStore.Claim> claim = store.claim(owner, leaseMillis);
                if (claim.isEmpty()) {
                    wakeUp.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                    continue;
                }
                current = claim.get();
                run(claim.get());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "job worker: " + e.getMessage());
                try {
                    Thread.sleep(IDLE_POLL_MILLIS);
                } catch (InterruptedException ie) {
                    return;
                }
            } finally {
                JobStore.Claim c = current;
                current = null;
                if (c != null && closed) {
                    release(c);
                }
            }
        }
    }

    /**
     * Chunks in record-id order; the next chunk is read from the database, and the previous one checkpointed,
     * while this one is scored (reading stored ciphertexts and writing results is a large part of a job's time).
     */
    private void run(JobStore.Claim job) throws InterruptedException {
        List<JobStore.Item> items = store.pending(job, "", chunk);
        Future<Boolean> written = CompletableFuture.completedFuture(true);
        try {
            while (!closed) {
                if (items.isEmpty()) {
                    if (!written(written) || store.finish(job)) {
                        return;
                    }
                    items = store.pending(job, "", chunk); // lease lost or cancelled (empty), or items left behind
                    if (items.isEmpty()) {
                        return;
                    }
                }
                String last = items.getLast().recordId();
                Future<List<JobStore.Item>> next = prefetch.submit(() -> store.pending(job, last, chunk));
                List<JobStore.Result> results = score(job, items);
                if (!written(written)) {
                    next.cancel(true);
                    return; // cancelled, or the lease went to another replica: it owns the job now
                }
                written = checkpoints.submit(() -> store.checkpoint(job, leaseMillis, results));
                try {
                    items = next.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("reading the job's records failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            written(written); // a lease is released only after its last checkpoint landed
        }
    }

    /** Waits for a checkpoint: whether it was written (false: the job was cancelled or its lease lost). */
    private static boolean written(Future<Boolean> checkpoint) throws InterruptedException {
        try {
            return checkpoint.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("writing the job's results failed: " + e.getCause(), e.getCause());
        }
    }

    private List<JobStore.Result> score(JobStore.Claim job, List<JobStore.Item> items) throws InterruptedException {
        List<Future<JobStore.Result>> futures = items.stream().map(i -> scorers.submit(() -> score(job, i))).toList();
        List<JobStore.Result> out = new java.util.ArrayList<>(items.size());
        try {
            for (Future<JobStore.Result> f : futures) {
                out.add(f.get());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("scoring failed: " + e.getCause(), e.getCause());
        }
        return out;
    }

    /** One item's encrypted scores, or the code of why it cannot be scored. */
    private JobStore.Result score(JobStore.Claim job, JobStore.Item item) {
        if (item.content() == null) {
            return new JobStore.Result(item.recordId(), null, "record-deleted");
        }
        Optional<DeployedModel> m = models.get(job.modelId(), item.modelVersion());
        if (m.isEmpty()) {
            return new JobStore.Result(item.recordId(), null, "model-version-not-found");
        }
        Optional<PublicContext> keys = Optional.empty();
        if (!item.keySetId().isEmpty()) {
            keys = keySets.find(job.tenantId(), item.keySetId());
            if (keys.isEmpty()) {
                return new JobStore.Result(item.recordId(), null, "key-set-not-found");
            }
        }
        boolean batch = RecordLayout.parse(item.layout()).orElseThrow() == RecordLayout.BATCH;
        try {
            return new JobStore.Result(item.recordId(), m.get().scoreStored(batch, item.content(), keys), "");
        } catch (QueryRejection e) {
            return new JobStore.Result(item.recordId(), null, "rejected-" + e.reason().name().toLowerCase(
                    java.util.Locale.ROOT));
        }
    }

    private void release(JobStore.Claim c) {
        try {
            store.release(c);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release the lease of " + c.jobId() + ": " + e.getMessage());
        }
    }

    /** Stops after the chunk in progress and gives the current job's lease back. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scorers.shutdownNow();
        prefetch.shutdownNow();
        checkpoints.shutdown(); // a checkpoint in progress completes (the worker waited for it)
        try {
            scorers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.he4j.paillier;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Randomizers r^n mod n^2 computed ahead of time by background threads, so that encryption and
 * re-randomization cost one multiplication modulo n^2 on the critical path. The total work is unchanged (the
 * benchmark reports both the online and the full cost). {@link #take()} never blocks: when the pool is empty
 * it computes one inline. Each randomizer is handed out once. Thread-safe.
 */
public final class RandomizerPool implements AutoCloseable {
    private final IntFunction<BigInteger[]> source;
    private final int batch;
    private final BlockingQueue<BigInteger> queue;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param source   e.g. {@code publicKey::randomizer} or (for the key owner) {@code privateKey::randomizer}
     * @param capacity randomizers kept ready
     * @param threads  background threads filling the pool (0: none; then {@link #fill} fills it)
     */
    public RandomizerPool(Supplier<BigInteger> source, int capacity, int threads) {
        this(count -> {
            BigInteger[] r = new BigInteger[count];
            for (int i = 0; i < count; i++) {
                r[i] = source.get();
            }
            return r;
        }, 1, capacity, threads);
    }

    /**
     * A pool filled {@code batch} randomizers at a time, e.g. {@code privateKey::randomizers} with batch 4 (8
     * exponentiations: one pass of the AVX-512 IFMA kernel) or {@code publicKey::randomizers} with batch 8.
     *
     * @param source returns that many fresh randomizers
     */
    public RandomizerPool(IntFunction<BigInteger[]> source, int batch, int capacity, int threads) {
        if (capacity < 1 || threads < 0 || batch < 1) {
            throw new PaillierException("randomizer pool: capacity >= 1, batch >= 1 and threads >= 0 required");
        }
        this.source = source;
        this.batch = batch;
        this.queue = new ArrayBlockingQueue<>(capacity);
        for (int i = 0; i < threads; i++) {
            Thread t = Thread.ofPlatform().daemon().name("he4j-paillier-randomizers-" + i).start(this::work);
            workers.add(t);
        }
    }

    private void work() {
        try {
            while (!closed) {
                for (BigInteger r : source.apply(batch)) {
                    queue.put(r);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fills the pool to capacity in the calling thread. */
    public void fill() {
        while (!closed && queue.remainingCapacity() > 0) {
            for (BigInteger r : source.apply(Math.min(batch, queue.remainingCapacity()))) {
                if (!queue.offer(r)) {
                    return;
                }
            }
        }
    }

    /** A randomizer: precomputed if one is ready, else computed now. */
    public BigInteger take() {
        if (closed) {
            throw new IllegalStateException("randomizer pool closed");
        }
        BigInteger r = queue.poll();
        return r != null ? r : source.apply(1)[0];
    }

    /** Randomizers ready now. */
    public int available() {
        return queue.size();
    }

    /** Stops the workers and drops the precomputed randomizers. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        queue.clear();
    }
}

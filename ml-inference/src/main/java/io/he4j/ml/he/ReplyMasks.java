package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Encryptor;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.PublicContext;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reply masks of one protocol: a mask is a fresh encryption of zero under the client's registered public key,
 * plus the protocol's flooding ({@link MaskRecipe}); adding it to a reply makes c1 independent of the weights
 * (re-randomization) and the score noise independent of them too (flooding). Masks do not depend on the query,
 * so a few per key set and level are made ahead, off the critical path, by a background thread: the query pays
 * one ciphertext addition, or the whole mask when the pool is empty.
 * Thread-safe. Pools are kept per loaded key set object (weakly: a key set that is dropped takes its pool).
 */
final class ReplyMasks implements AutoCloseable {
    /** Bytes of masks kept ready per key set and (level, scale). */
    static final long POOL_BYTES = 1 << 19;

    private record Shape(int level, double scale) {
    }

    private final CkksContext context;
    private final MaskRecipe recipe;
    private final MaskRecipe.Tools tools;
    private final ExecutorService refill;
    private final Map<PublicContext, Pools> byKeys = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param refill the background thread that refills pools (owned by the caller), or null to make every mask on
     *               the replying thread
     */
    ReplyMasks(CkksContext context, MaskRecipe recipe, ExecutorService refill) {
        this.context = context;
        this.recipe = recipe;
        this.refill = refill;
        this.tools = new MaskRecipe.Tools(context, new Encoder(context), new Evaluator(context), new KeystreamRandom());
    }

    MaskRecipe recipe() {
        return recipe;
    }

    /** The privacy handle for queries under {@code keys} (whose parameters the caller checked). */
    Pools forKeys(PublicContext keys) {
        return byKeys.computeIfAbsent(keys, k -> new Pools(new Encryptor(context, k.publicKey())));
    }

    /** The masks of one key set. */
    final class Pools implements ReplyPrivacy {
        private final Encryptor encryptor;
        private final Map<Shape, ConcurrentLinkedDeque<Ciphertext>> ready = new ConcurrentHashMap<>();
        private final Map<Shape, AtomicBoolean> refilling = new ConcurrentHashMap<>();
        /** Used masks, handed back so the refill thread encrypts into them (no free or allocation per query). */
        private final ConcurrentLinkedDeque<Ciphertext> spent = new ConcurrentLinkedDeque<>();
        private volatile Shape lastShape;

        private Pools(Encryptor encryptor) {
            this.encryptor = encryptor;
        }

        @Override
        public void protect(Ciphertext reply) {
            Shape shape = new Shape(reply.level(), reply.scale());
            lastShape = shape;
            Ciphertext mask = ready.computeIfAbsent(shape, s -> new ConcurrentLinkedDeque<>()).pollFirst();
            if (mask == null) {
                mask = make(shape);
            }
            try {
                mask.setScale(reply.scale());
                tools.evaluator().add(reply, mask, reply);
            } finally {
                if (spent.size() < 8) {
                    spent.addLast(mask);
                } else {
                    mask.close();
                }
            }
        }

        @Override
        public void settle() {
            Shape shape = lastShape;
            if (shape != null) {
                scheduleRefill(shape);
            }
        }

        /** Masks ready for the last reply shape seen (0 before any reply). */
        int ready() {
            Shape shape = lastShape;
            ConcurrentLinkedDeque<Ciphertext> d = shape == null ? null : ready.get(shape);
            return d == null ? 0 : d.size();
        }

        /**
         * Makes a mask for the last reply shape seen on the caller's thread and discards it: the off-line cost
         * one reply's privacy adds (the encryption of zero with its flood); -1 before any reply.
         */
        long makeOneNanos() {
            Shape shape = lastShape;
            if (shape == null) {
                return -1;
            }
            long t0 = System.nanoTime();
            make(shape).close();
            return System.nanoTime() - t0;
        }

        private Ciphertext make(Shape shape) {
            Ciphertext reused = spent.pollFirst();
            Ciphertext mask = reused != null ? reused : new Ciphertext(context);
            try {
                recipe.make(tools, encryptor, mask, shape.level(), shape.scale());
                return mask;
            } catch (RuntimeException e) {
                mask.close();
                throw e;
            }
        }

        private void fill(Shape shape) {
            ConcurrentLinkedDeque<Ciphertext> d = ready.computeIfAbsent(shape, s -> new ConcurrentLinkedDeque<>());
            long each = 2L * context.polyDegree() * (shape.level() + 1) * Long.BYTES;
            // at least one reply's worth (a reply of several ciphertexts takes a mask each)
            long target = Math.max(recipe.masksPerReply(), Math.min(8, POOL_BYTES / each));
            while (d.size() < target) {
                d.addLast(make(shape));
            }
        }

        private void scheduleRefill(Shape shape) {
            if (refill == null) {
                return;
            }
            AtomicBoolean busy = refilling.computeIfAbsent(shape, s -> new AtomicBoolean());
            if (!busy.compareAndSet(false, true)) {
                return;
            }
            try {
                refill.execute(() -> {
                    try {
                        fill(shape);
                    } catch (RuntimeException dropped) {
                        // the key set was closed meanwhile: the next query makes its mask itself
                    } finally {
                        busy.set(false);
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                busy.set(false);
            }
        }

        private void closeAll() {
            for (Ciphertext c; (c = spent.pollFirst()) != null; ) {
                c.close();
            }
            for (ConcurrentLinkedDeque<Ciphertext> d : ready.values()) {
                for (Ciphertext c; (c = d.pollFirst()) != null; ) {
                    c.close();
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (byKeys) {
            byKeys.values().forEach(Pools::closeAll);
            byKeys.clear();
        }
    }
}

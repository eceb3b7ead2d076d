package io.he4j.ckks;

import java.util.Objects;
import java.util.Optional;

/**
 * What a server needs to compute: the relinearization key and, optionally, Galois keys for rotations.
 * Public material only.
 *
 * <p>Thread-safe (the keys are immutable). {@link #close()} closes the keys if this object owns them:
 * it does when made by {@link KeyGenerator#evaluationKeys} or loaded within a {@link PublicContext};
 * one made with {@link #of} leaves them to the caller.
 */
public final class EvaluationKeys implements AutoCloseable {
    private final RelinKey relinKey;
    private final GaloisKeys galoisKeys;
    private final boolean owned;

    EvaluationKeys(RelinKey relinKey, GaloisKeys galoisKeys, boolean owned) {
        this.relinKey = relinKey;
        this.galoisKeys = galoisKeys;
        this.owned = owned;
    }

    /** Bundles keys the caller keeps owning (closing the bundle does not close them). */
    public static EvaluationKeys of(RelinKey relinKey, GaloisKeys galoisKeys) {
        Objects.requireNonNull(relinKey, "relinKey must not be null");
        Objects.requireNonNull(galoisKeys, "galoisKeys must not be null (use of(relinKey) without rotations)");
        if (relinKey.context().parameterId() != galoisKeys.context().parameterId()) {
            throw new IncompatibleOperandsException("EvaluationKeys.of: relinearization and Galois keys belong to "
                    + "contexts with different parameters");
        }
        return new EvaluationKeys(relinKey, galoisKeys, false);
    }

    /** A bundle without rotation keys; the caller keeps owning the key. */
    public static EvaluationKeys of(RelinKey relinKey) {
        Objects.requireNonNull(relinKey, "relinKey must not be null");
        return new EvaluationKeys(relinKey, null, false);
    }

    /** The relinearization key. */
    public RelinKey relinKey() {
        return relinKey;
    }

    /** The Galois keys, if rotations were requested. */
    public Optional<GaloisKeys> galoisKeys() {
        return Optional.ofNullable(galoisKeys);
    }

    /** The context the keys belong to. */
    public CkksContext context() {
        return relinKey.context();
    }

    /** Closes the keys if this bundle owns them; idempotent. */
    @Override
    public void close() {
        if (owned) {
            relinKey.close();
            if (galoisKeys != null) {
                galoisKeys.close();
            }
        }
    }

    @Override
    public String toString() {
        return "EvaluationKeys[" + relinKey + (galoisKeys != null ? ", " + galoisKeys : "") + "]";
    }
}

package io.he4j.ckks;

import io.he4j.ckks.internal.CapiKeys;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.NativeHandle;
import io.he4j.ckks.internal.Scratch;
import io.he4j.ckks.internal.Status;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * Generates keys for one context from the engine's CSPRNG. Typical client setup:
 * <pre>{@code
 * KeyGenerator kg = new KeyGenerator(ctx);
 * SecretKey sk = kg.secretKey();
 * PublicKey pk = kg.publicKey(sk);
 * EvaluationKeys ek = kg.evaluationKeys(sk, 1, 2, 4);   // relinearization + rotations by 1, 2, 4
 * }</pre>
 *
 * <p>Stateless and thread-safe. Every returned key is owned by the caller (close it, or let it be cleaned).
 */
public final class KeyGenerator {
    private final CkksContext context;

    /** A generator for keys of {@code context}. */
    public KeyGenerator(CkksContext context) {
        this.context = Objects.requireNonNull(context, "context must not be null");
    }

    /** A fresh secret key (ternary). */
    public SecretKey secretKey() {
        String op = "KeyGenerator.secretKey";
        try (Guard g = Guard.of(context.handle())) {
            MemorySegment out = Scratch.get(ValueLayout.ADDRESS.byteSize());
            Status.check((int) CapiKeys.SECRET_KEY_GENERATE.invokeExact(g.get(0), out), op);
            return new SecretKey(context, NativeHandle.own(out.get(ValueLayout.ADDRESS, 0), "SecretKey",
                    CapiKeys.SECRET_KEY_FREE));
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /** The public key of {@code sk}. */
    public PublicKey publicKey(SecretKey sk) {
        return new PublicKey(context, fromSecret("KeyGenerator.publicKey", CapiKeys.PUBLIC_KEY_GENERATE, sk,
                "PublicKey", CapiKeys.PUBLIC_KEY_FREE));
    }

    /**
     * The relinearization key of {@code sk}.
     *
     * @throws UnsupportedByBackendException if the parameters have no special primes (no key switching)
     */
    public RelinKey relinKey(SecretKey sk) {
        return new RelinKey(context, fromSecret("KeyGenerator.relinKey", CapiKeys.RELIN_KEY_GENERATE, sk,
                "RelinKey", CapiKeys.RELIN_KEY_FREE));
    }

    /** Galois keys for rotations by {@code steps} (negative = right, |step| &lt; slots; 0 ignored). */
    public GaloisKeys galoisKeys(SecretKey sk, int... steps) {
        return galoisKeys(sk, false, steps);
    }

    /**
     * Galois keys for rotations by {@code steps} and, if {@code conjugate}, for complex conjugation.
     *
     * @throws InvalidArgumentException      if a step is out of range
     * @throws UnsupportedByBackendException if the parameters have no special primes
     */
    public GaloisKeys galoisKeys(SecretKey sk, boolean conjugate, int... steps) {
        Objects.requireNonNull(steps, "steps must not be null");
        checkOwn(sk);
        String op = "KeyGenerator.galoisKeys";
        try (Guard g = Guard.of(context.handle(), sk.handle())) {
            MemorySegment out = Scratch.get(ValueLayout.ADDRESS.byteSize() + (long) steps.length * Integer.BYTES);
            MemorySegment s = out.asSlice(ValueLayout.ADDRESS.byteSize());
            MemorySegment.copy(steps, 0, s, ValueLayout.JAVA_INT, 0, steps.length);
            Status.check((int) CapiKeys.GALOIS_KEYS_GENERATE.invokeExact(g.get(0), g.get(1), s, (long) steps.length,
                    conjugate ? 1 : 0, out), op);
            return new GaloisKeys(context, NativeHandle.own(out.get(ValueLayout.ADDRESS, 0), "GaloisKeys",
                    CapiKeys.GALOIS_KEYS_FREE));
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * What a server needs: the relinearization key plus, if {@code rotationSteps} is not empty, Galois keys
     * for those steps. The returned bundle owns its keys.
     */
    public EvaluationKeys evaluationKeys(SecretKey sk, int... rotationSteps) {
        Objects.requireNonNull(rotationSteps, "rotationSteps must not be null");
        RelinKey rk = relinKey(sk);
        try {
            GaloisKeys gk = rotationSteps.length == 0 ? null : galoisKeys(sk, rotationSteps);
            return new EvaluationKeys(rk, gk, true);
        } catch (RuntimeException e) {
            rk.close();
            throw e;
        }
    }

    /** The steps 1, 2, 4, ..., count/2 that {@link Evaluator#rotateSum} needs: {@link Evaluator#rotateSumSteps}. */
    public static int[] rotateSumSteps(int count) {
        return Evaluator.rotateSumSteps(count);
    }

    private NativeHandle fromSecret(String op, MethodHandle generate, SecretKey sk, String kind, MethodHandle free) {
        checkOwn(sk);
        try (Guard g = Guard.of(context.handle(), sk.handle())) {
            MemorySegment out = Scratch.get(ValueLayout.ADDRESS.byteSize());
            Status.check((int) generate.invokeExact(g.get(0), g.get(1), out), op);
            return NativeHandle.own(out.get(ValueLayout.ADDRESS, 0), kind, free);
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    private void checkOwn(SecretKey sk) {
        Objects.requireNonNull(sk, "secret key must not be null");
        context.checkCompatible(sk.context(), "KeyGenerator");
    }
}

package io.he4j.ckks;

import io.he4j.ckks.internal.CapiData;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.Status;

import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * Public-key encryption: anyone holding the {@link PublicKey} (a server too) can encrypt; nothing here
 * can decrypt. Each ciphertext is fresh randomness from the engine's CSPRNG.
 *
 * <p>Stateless and thread-safe: share one encryptor between threads.
 */
public final class Encryptor {
    private final CkksContext context;
    private final PublicKey key;

    /** An encryptor under {@code publicKey}. */
    public Encryptor(CkksContext context, PublicKey key) {
        this.context = Objects.requireNonNull(context, "context must not be null");
        this.key = Objects.requireNonNull(key, "key must not be null");
        context.checkCompatible(key.context(), "new Encryptor");
    }

    /** Encrypts {@code plaintext} at its level and scale. */
    public Ciphertext encrypt(Plaintext in) {
        return NativeObject.filled(new Ciphertext(context), out -> encrypt(in, out));
    }

    /** Encrypts {@code plaintext} at its level and scale. Writes into {@code out} (overwriting it); returns {@code out}. */
    public Ciphertext encrypt(Plaintext in, Ciphertext out) {
        return encryptWith("Encryptor.encrypt", CapiData.ENCRYPT_PK, context, key, in, out);
    }

    /** The context this object works for. */
    public CkksContext context() {
        return context;
    }

    /** {@code fn(ctx, key, in, out)} with argument checks; shared with {@link SymmetricEncryptor}. */
    static Ciphertext encryptWith(String op, MethodHandle fn, CkksContext context, NativeObject key, Plaintext in,
                                  Ciphertext out) {
        Objects.requireNonNull(in, "input must not be null");
        Objects.requireNonNull(out, "out must not be null");
        context.checkCompatible(in.context(), op);
        context.checkCompatible(out.context(), op);
        try (Guard g = Guard.of(context.handle(), key.handle(), in.handle(), out.handle())) {
            Status.check((int) fn.invokeExact(g.get(0), g.get(1), g.get(2), g.get(3)), op);
            return out;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }
}

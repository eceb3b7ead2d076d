package io.he4j.ckks;

import io.he4j.ckks.internal.CapiData;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.Status;

import java.util.Objects;

/**
 * Secret-key (symmetric) encryption for the client that holds the {@link SecretKey}: the second ciphertext
 * polynomial is expanded from a 32-byte seed, so a fresh ciphertext serializes to half the size of a
 * public-key one. Use it to send inputs to a server.
 *
 * <p>Stateless and thread-safe: share one encryptor between threads.
 */
public final class SymmetricEncryptor {
    private final CkksContext context;
    private final SecretKey key;

    /** A symmetric encryptor under {@code secretKey}. */
    public SymmetricEncryptor(CkksContext context, SecretKey key) {
        this.context = Objects.requireNonNull(context, "context must not be null");
        this.key = Objects.requireNonNull(key, "key must not be null");
        context.checkCompatible(key.context(), "new SymmetricEncryptor");
    }

    /** Encrypts {@code plaintext} at its level and scale. */
    public Ciphertext encrypt(Plaintext in) {
        Ciphertext out = new Ciphertext(context);
        try {
            return encrypt(in, out);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Encrypts {@code plaintext} at its level and scale. Writes into {@code out} (overwriting it); returns {@code out}. */
    public Ciphertext encrypt(Plaintext in, Ciphertext out) {
        Objects.requireNonNull(in, "input must not be null");
        Objects.requireNonNull(out, "out must not be null");
        context.checkCompatible(in.context(), "SymmetricEncryptor.encrypt");
        context.checkCompatible(out.context(), "SymmetricEncryptor.encrypt");
        String op = "SymmetricEncryptor.encrypt";
        try (Guard g = Guard.of(context.handle(), key.handle(), in.handle(), out.handle())) {
            Status.check((int) CapiData.ENCRYPT_SK.invokeExact(g.get(0), g.get(1), g.get(2), g.get(3)), op);
            return out;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /** The context this object works for. */
    public CkksContext context() {
        return context;
    }
}

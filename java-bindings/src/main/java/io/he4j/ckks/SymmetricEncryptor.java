package io.he4j.ckks;

import io.he4j.ckks.internal.CapiData;

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
        return NativeObject.filled(new Ciphertext(context), out -> encrypt(in, out));
    }

    /** Encrypts {@code plaintext} at its level and scale. Writes into {@code out} (overwriting it); returns {@code out}. */
    public Ciphertext encrypt(Plaintext in, Ciphertext out) {
        return Encryptor.encryptWith("SymmetricEncryptor.encrypt", CapiData.ENCRYPT_SK, context, key, in, out);
    }

    /** The context this object works for. */
    public CkksContext context() {
        return context;
    }
}

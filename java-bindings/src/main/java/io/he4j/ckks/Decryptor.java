package io.he4j.ckks;

import io.he4j.ckks.internal.CapiData;
import io.he4j.ckks.internal.CapiReply;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.Status;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Decryption with the {@link SecretKey}: the only way back from a {@link Ciphertext} to values. A server
 * holding a {@link PublicContext} has no secret key and so cannot construct one.
 *
 * <p>Stateless and thread-safe: share one decryptor between threads.
 */
public final class Decryptor {
    private final CkksContext context;
    private final SecretKey key;

    /** A decryptor under {@code secretKey}. */
    public Decryptor(CkksContext context, SecretKey key) {
        this.context = Objects.requireNonNull(context, "context must not be null");
        this.key = Objects.requireNonNull(key, "key must not be null");
        context.checkCompatible(key.context(), "new Decryptor");
    }

    /** Decrypts {@code ciphertext} (size 2 or 3) into a plaintext at its level and scale. */
    public Plaintext decrypt(Ciphertext in) {
        return NativeObject.filled(new Plaintext(context), out -> decrypt(in, out));
    }

    /** Decrypts {@code ciphertext} (size 2 or 3) into a plaintext at its level and scale. Writes into {@code out} (overwriting it); returns {@code out}. */
    public Plaintext decrypt(Ciphertext in, Plaintext out) {
        Objects.requireNonNull(in, "input must not be null");
        Objects.requireNonNull(out, "out must not be null");
        context.checkCompatible(in.context(), "Decryptor.decrypt");
        context.checkCompatible(out.context(), "Decryptor.decrypt");
        String op = "Decryptor.decrypt";
        try (Guard g = Guard.of(context.handle(), key.handle(), in.handle(), out.handle())) {
            Status.check((int) CapiData.DECRYPT.invokeExact(g.get(0), g.get(1), g.get(2), g.get(3)), op);
            return out;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * Decrypts a compact reply ({@link Ciphertext#toCompactReply}): the decoded coefficient values (already
     * divided by the scale) at the reply's positions, in their order ({@link CompactReply#positions}).
     * Every byte is validated first.
     *
     * @throws MalformedInputException if the bytes are not a valid compact reply for these parameters
     */
    public double[] decryptCompactReply(byte[] reply) {
        Objects.requireNonNull(reply, "reply must not be null");
        int count = CompactReply.announcedCount(context, reply);   // the decryption validates the whole reply
        double[] values = new double[count > 0 ? count : CompactReply.positions(context, reply).length];
        String op = "Decryptor.decryptCompactReply";
        try (Guard g = Guard.of(context.handle(), key.handle())) {
            Status.check((int) CapiReply.DECRYPT.invokeExact(g.get(0), g.get(1), MemorySegment.ofArray(reply),
                    (long) reply.length, MemorySegment.ofArray(values), (long) values.length), op);
            return values;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * Decrypts a compact reply for release ({@link SafeDecryption}): the values are flooded with noise sized
     * from the decryption's noise bound, {@code ciphertextNoise} (what the computation left, decoded units) plus
     * the switch's rounding ({@link CompactReply#roundingBound}), then rounded to the release precision.
     */
    public double[] decryptCompactReply(byte[] reply, SafeDecryption safe, double ciphertextNoise) {
        Objects.requireNonNull(safe, "safe must not be null");
        double[] values = decryptCompactReply(reply);
        return safe.release(values, ciphertextNoise + CompactReply.roundingBound(context, reply));
    }

    /** The context this object works for. */
    public CkksContext context() {
        return context;
    }
}

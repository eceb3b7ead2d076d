package io.he4j.ckks;

import io.he4j.ckks.internal.CapiReply;
import io.he4j.ckks.internal.Guard;
import io.he4j.ckks.internal.Status;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Compact coefficient replies: the bytes a client needs to decrypt a few chosen coefficients of a
 * {@link Ciphertext} (the scores of a coefficient-encoded linear model), written by
 * {@link Ciphertext#toCompactReply} and decrypted by {@link Decryptor#decryptCompactReply}.
 *
 * <p>A reply holds c0 at the chosen positions and c1 in full, both switched from the ciphertext's modulus
 * Q to 2^bits: about {@code (N + positions) * bits / 8} bytes instead of {@code 2 N log2(Q) / 8}. The
 * decrypted value at a position differs from the full decryption's by at most
 * {@code (1 + ||s||_1) / 2 / Δ'} with {@code Δ' = scale * 2^bits / Q} and {@code ||s||_1} the Hamming
 * weight of the ternary secret (about 2N/3); the typical difference is about {@code sqrt(||s||_1 / 12) / Δ'}.
 *
 * <p>Stateless; all methods are thread-safe.
 */
public final class CompactReply {
    /** Smallest accepted width: below it the rounding error swamps any useful scale. */
    /** The object kind in a compact reply's header ({@link ObjectHeader#kind()}; he4j.h HE4J_KIND_COMPACT_REPLY). */
    public static final int KIND = 8;
    public static final int MIN_BITS = 20;
    /** Largest accepted width. */
    public static final int MAX_BITS = 62;

    private CompactReply() {
    }

    /**
     * The positions of a reply, in the order its values are decrypted; the reply is validated first.
     *
     * @throws MalformedInputException if the bytes are not a valid compact reply for these parameters
     */
    public static int[] positions(CkksContext context, byte[] reply) {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(reply, "reply must not be null");
        String op = "CompactReply.positions";
        try (Guard g = Guard.of(context.handle())) {
            // One validating load with room for any valid count (at most N): each load unpacks all of c1
            long[] count = new long[1];
            int[] all = new int[context.polyDegree()];
            Status.check((int) CapiReply.POSITIONS.invokeExact(g.get(0), MemorySegment.ofArray(reply),
                    (long) reply.length, MemorySegment.ofArray(all), (long) all.length,
                    MemorySegment.ofArray(count)), op);
            int[] positions = java.util.Arrays.copyOf(all, Math.toIntExact(count[0]));
            return positions;
        } catch (Throwable t) {
            throw Status.rethrow(t, op);
        }
    }

    /**
     * The position count a reply's payload announces, read without validation (the engine validates the reply
     * when it is used), or -1 when the bytes are too short or the count is outside [1, N].
     */
    static int announcedCount(CkksContext context, byte[] reply) {
        int at = ObjectHeader.BYTES + 16;    // after level u32, bits u8, flags u8, reserved u16, scale f64
        if (reply.length < at + Integer.BYTES) {
            return -1;
        }
        int count = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
        return count >= 1 && count <= context.polyDegree() ? count : -1;
    }

    /**
     * Bound on what the switch to 2^bits adds to a decrypted value of this reply, in decoded units:
     * (1 + ||s||_1) / 2 / Δ' with ||s||_1 <= N (ternary secret) and Δ' = scale * 2^bits / Q(level).
     * The reply is validated first.
     *
     * @throws MalformedInputException if the bytes are not a valid compact reply for these parameters
     */
    public static double roundingBound(CkksContext context, byte[] reply) {
        positions(context, reply);   // full validation before the fields are read
        ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
        int level = b.getInt(ObjectHeader.BYTES);
        int bits = reply[ObjectHeader.BYTES + 4];
        double scale = b.getDouble(ObjectHeader.BYTES + 8);
        double log2Q = 0;
        for (int i = 0; i <= level; i++) {
            log2Q += Math.log(context.moduli()[i]) / Math.log(2);
        }
        double scaleAfter = scale * Math.pow(2, bits - log2Q);
        return (1.0 + context.polyDegree()) / 2 / scaleAfter;
    }
}

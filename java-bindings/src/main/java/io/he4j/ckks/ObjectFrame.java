package io.he4j.ckks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads one serialized object from a stream. Every object's bytes are self-delimiting: a 24-byte header
 ({@link ObjectHeader}) then the payload, so objects can follow one another in a stream. Only the magic and
 * the length are looked at here; the native loader then checks everything else, as for {@code fromBytes}.
 *
 * <p>The buffer grows with the bytes that actually arrive, so a forged length costs no memory the stream
 * does not deliver; buffers that are outgrown, and the frame after a failure, are zeroed (a secret key may
 * pass through here).
 */
final class ObjectFrame {
    static final int HEADER_BYTES = ObjectHeader.BYTES;
    private static final int FIRST_CHUNK = 1 << 16;

    private ObjectFrame() {
    }

    /**
     * The bytes of the next object in {@code in} (header and payload); what follows stays unread.
     *
     * @param op for messages, e.g. {@code "Ciphertext.readFrom"}
     * @throws MalformedInputException if the stream ends early or the header is not an he4j header
     * @throws IOException             if reading fails
     */
    static byte[] read(InputStream in, String op) throws IOException {
        Objects.requireNonNull(in, "in must not be null");
        byte[] header = in.readNBytes(HEADER_BYTES);
        if (header.length < HEADER_BYTES) {
            throw new MalformedInputException(op + ": the stream ended within the " + HEADER_BYTES + "-byte header ("
                    + header.length + " bytes)");
        }
        long payload = ObjectHeader.read(header, op).payloadBytes();
        int total = HEADER_BYTES + (int) payload;
        byte[] frame = Arrays.copyOf(header, Math.min(total, HEADER_BYTES + FIRST_CHUNK));
        int filled = HEADER_BYTES;
        while (filled < total) {
            if (filled == frame.length) {
                byte[] bigger = Arrays.copyOf(frame, (int) Math.min(total, 2L * frame.length));
                Arrays.fill(frame, (byte) 0);
                frame = bigger;
            }
            int n = in.read(frame, filled, frame.length - filled);
            if (n < 0) {
                Arrays.fill(frame, (byte) 0);
                throw new MalformedInputException(op + ": the stream ended after " + (filled - HEADER_BYTES)
                        + " of the " + payload + " payload bytes the header announces");
            }
            filled += n;
        }
        return frame;
    }
}

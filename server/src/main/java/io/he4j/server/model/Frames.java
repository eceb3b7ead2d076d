package io.he4j.server.model;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Several byte strings in one body: a big-endian u32 count, then for each a u32 length and the bytes. Used by
 * predict-batch (one ciphertext per feature in, one per score out) until the protocol module defines the
 * envelope. Reading checks every length against what is left.
 */
public final class Frames {
    /** More parts than any model has features or scores. */
    static final int MAX_PARTS = 4096;

    private Frames() {
    }

    public static byte[] write(List<byte[]> parts) {
        int size = 4;
        for (byte[] p : parts) {
            size = Math.addExact(size, 4 + p.length);
        }
        ByteBuffer b = ByteBuffer.allocate(size).putInt(parts.size());
        for (byte[] p : parts) {
            b.putInt(p.length).put(p);
        }
        return b.array();
    }

    public static List<byte[]> read(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        if (b.remaining() < 4) {
            throw malformed("a batch starts with a 4-byte part count; the body has " + body.length + " bytes");
        }
        int n = b.getInt();
        if (n < 1 || n > MAX_PARTS) {
            throw malformed("part count " + Integer.toUnsignedString(n) + " is not in 1.." + MAX_PARTS);
        }
        List<byte[]> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (b.remaining() < 4) {
                throw malformed("part " + i + " has no length (body truncated)");
            }
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                throw malformed("part " + i + " claims " + Integer.toUnsignedString(len) + " bytes, "
                        + b.remaining() + " are left");
            }
            byte[] p = new byte[len];
            b.get(p);
            parts.add(p);
        }
        if (b.hasRemaining()) {
            throw malformed(b.remaining() + " bytes after the last part");
        }
        return parts;
    }

    private static QueryRejection malformed(String message) {
        return new QueryRejection(QueryRejection.Reason.MALFORMED, "batch envelope: " + message);
    }
}

package io.he4j.federated;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The one framing of a list of ciphertexts (or decryption shares) as bytes: u32 count, then per item u32
 * length and the bytes (big-endian). Used for aggregates sent over HTTP; decoding checks every length.
 */
public final class Chunks {
    private static final int MAX_ITEMS = 50_000;

    private Chunks() {
    }

    public static byte[] encode(List<byte[]> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer n = ByteBuffer.allocate(4);
        out.writeBytes(n.putInt(0, items.size()).array());
        for (byte[] b : items) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(0, b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** @throws FederationException if the bytes are not exactly such a list */
    public static List<byte[]> decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int count = in.getInt();
            if (count < 0 || count > MAX_ITEMS) {
                throw new FederationException("a chunk list holds 0.." + MAX_ITEMS + " items, got " + count);
            }
            List<byte[]> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int len = in.getInt();
                if (len < 0 || len > in.remaining()) {
                    throw new FederationException("item " + i + " of the chunk list is truncated");
                }
                byte[] b = new byte[len];
                in.get(b);
                out.add(b);
            }
            if (in.hasRemaining()) {
                throw new FederationException("the chunk list has " + in.remaining() + " trailing bytes");
            }
            return out;
        } catch (BufferUnderflowException e) {
            throw new FederationException("the chunk list is truncated");
        }
    }
}

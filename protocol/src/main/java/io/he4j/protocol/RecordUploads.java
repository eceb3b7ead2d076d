package io.he4j.protocol;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one definition of a multi-record upload ({@code POST /v1/records}, docs/server.md "Records and jobs"):
 * many encrypted records in one request, stored in one transaction. Big-endian: magic {@code "HE4JRECS"}, u32
 * version (1), u32 count, then per record: u16 length + UTF-8 record id, u16 length + UTF-8 patient pseudonym
 * (empty: none), u8 layout (0 single, 1 batch), u32 rows, u32 length + the record's bytes (exactly what
 * {@code PUT /v1/records/{id}} takes as its body). Decoding checks every length; ids are checked by the server.
 */
public final class RecordUploads {
    private static final byte[] MAGIC = {'H', 'E', '4', 'J', 'R', 'E', 'C', 'S'};
    private static final int VERSION = 1;
    /** Records one request may carry. */
    public static final int MAX_RECORDS = 10_000;

    private RecordUploads() {
    }

    /** One record of the upload: {@code batch} = a feature-major BATCH_QUERY envelope of {@code rows} patients. */
    public record Item(String id, String patient, boolean batch, int rows, byte[] content) {
    }

    public static byte[] encode(List<Item> items) {
        if (items.size() > MAX_RECORDS) {
            throw new ProtocolException("a multi-record upload holds at most " + MAX_RECORDS + " records, got "
                    + items.size());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(items.size());
            for (Item i : items) {
                string(out, i.id());
                string(out, i.patient());
                out.writeByte(i.batch() ? 1 : 0);
                out.writeInt(i.rows());
                out.writeInt(i.content().length);
                out.write(i.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws ProtocolException if the bytes are not exactly such an upload */
    public static List<Item> decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ProtocolException("not a multi-record upload (bad magic)");
            }
            int version = in.getInt();
            if (version != VERSION) {
                throw new ProtocolException("multi-record upload version " + version + " is not supported (expected "
                        + VERSION + ")");
            }
            int count = in.getInt();
            if (count < 1 || count > MAX_RECORDS) {
                throw new ProtocolException("a multi-record upload holds 1.." + MAX_RECORDS + " records, got " + count);
            }
            List<Item> out = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                String id = string(in, k);
                String patient = string(in, k);
                int layout = in.get();
                if (layout != 0 && layout != 1) {
                    throw new ProtocolException("record " + k + ": layout is 0 (single) or 1 (batch), got " + layout);
                }
                int rows = in.getInt();
                int len = in.getInt();
                if (len < 0 || len > in.remaining()) {
                    throw new ProtocolException("record " + k + " is truncated");
                }
                byte[] content = new byte[len];
                in.get(content);
                out.add(new Item(id, patient, layout == 1, rows, content));
            }
            if (in.hasRemaining()) {
                throw new ProtocolException("the multi-record upload has " + in.remaining() + " trailing bytes");
            }
            return out;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("the multi-record upload is truncated");
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xffff) {
            throw new ProtocolException("an id is at most 65535 bytes");
        }
        out.writeShort(b.length);
        out.write(b);
    }

    private static String string(ByteBuffer in, int k) {
        int len = Short.toUnsignedInt(in.getShort());
        if (len > in.remaining()) {
            throw new ProtocolException("record " + k + " is truncated");
        }
        byte[] b = new byte[len];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}

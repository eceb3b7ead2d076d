package io.he4j.protocol;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary frame around the engine's serialized objects (docs/protocol.md, "Envelope"):
 * <pre>
 *   magic   4 bytes  "H4JP"
 *   version u16      {@link #VERSION}
 *   kind    u16      {@link MessageKind#code()}
 *   count   u32      number of parts, 1..{@link #MAX_PARTS}
 *   count x { length u32, bytes }   each part one serialized engine object
 * </pre>
 * Big-endian. Nothing may follow the last part. Parts are opaque here: the receiver's loader validates them.
 *
 * @param kind  what the parts are
 * @param parts the serialized objects, in order
 */
public record Envelope(MessageKind kind, List<byte[]> parts) {
    public static final int VERSION = 1;
    public static final int MAX_PARTS = 65_536;
    static final int MAGIC = 0x48344A50; // "H4JP"
    static final int HEADER_BYTES = 12;

    public Envelope {
        if (kind == null || parts == null) {
            throw new ProtocolException("envelope: kind and parts are required");
        }
        parts = List.copyOf(parts);
        if (parts.isEmpty() || parts.size() > MAX_PARTS) {
            throw new ProtocolException("envelope: 1.." + MAX_PARTS + " parts allowed, got " + parts.size());
        }
    }

    public static Envelope of(MessageKind kind, byte[]... parts) {
        return new Envelope(kind, List.of(parts));
    }

    public byte[] toBytes() {
        long size = HEADER_BYTES;
        for (byte[] p : parts) {
            size += 4L + p.length;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new ProtocolException("envelope: " + size + " bytes do not fit one message");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        b.putInt(MAGIC).putShort((short) VERSION).putShort((short) kind.code()).putInt(parts.size());
        for (byte[] p : parts) {
            b.putInt(p.length).put(p);
        }
        return b.array();
    }

    /** Whether {@code bytes} start like an envelope (the engine's own objects start with another magic). */
    public static boolean looksLikeEnvelope(byte[] bytes) {
        return bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt() == MAGIC;
    }

    /** Whether {@code bytes} start like an envelope whose header names {@code kind} (the rest is checked on parsing). */
    public static boolean looksLikeEnvelope(byte[] bytes, MessageKind kind) {
        return bytes.length >= 8 && looksLikeEnvelope(bytes) && Short.toUnsignedInt(ByteBuffer.wrap(bytes).getShort(6))
                == kind.code();
    }

    /** Parses and checks the frame; the parts are copies, not validated as engine objects. */
    public static Envelope fromBytes(byte[] bytes) {
        List<byte[]> parts = new ArrayList<>();
        MessageKind kind = scan(bytes, (offset, length) -> parts.add(Arrays.copyOfRange(bytes, offset,
                offset + length)));
        return new Envelope(kind, parts);
    }

    /**
     * The parts of an envelope of the {@code expected} kind, checked as {@link #fromBytes} checks them, as views of
     * {@code bytes} instead of copies: for a receiver that reads each part once while it holds the message (a
     * server loading a query's ciphertexts; a 13-part Cleveland LR batch is 1.7 MB that need not be copied).
     */
    public static List<MemorySegment> partViews(byte[] bytes, MessageKind expected) {
        MemorySegment message = MemorySegment.ofArray(bytes);
        List<MemorySegment> parts = new ArrayList<>();
        MessageKind kind = scan(bytes, (offset, length) -> parts.add(message.asSlice(offset, length)));
        requireKind(kind, expected);
        return List.copyOf(parts);
    }

    /** Where one part lies in the message. */
    private interface PartSink {
        void part(int offset, int length);
    }

    /** Checks the frame of {@code bytes}, handing each part's place to {@code sink}; returns the message kind. */
    private static MessageKind scan(byte[] bytes, PartSink sink) {
        if (bytes.length < HEADER_BYTES) {
            throw new ProtocolException("envelope: " + bytes.length + " bytes, shorter than the " + HEADER_BYTES
                    + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt() != MAGIC) {
            throw new ProtocolException("envelope: bad magic (expected \"H4JP\")");
        }
        int version = Short.toUnsignedInt(b.getShort());
        if (version != VERSION) {
            throw new ProtocolException("envelope: version " + version + " is not supported; this reads " + VERSION);
        }
        MessageKind kind = MessageKind.of(Short.toUnsignedInt(b.getShort()));
        long count = Integer.toUnsignedLong(b.getInt());
        if (count < 1 || count > MAX_PARTS) {
            throw new ProtocolException("envelope: 1.." + MAX_PARTS + " parts allowed, got " + count);
        }
        for (int i = 0; i < count; i++) {
            if (b.remaining() < 4) {
                throw new ProtocolException("envelope: truncated before the length of part " + i);
            }
            long len = Integer.toUnsignedLong(b.getInt());
            if (len > b.remaining()) {
                throw new ProtocolException("envelope: part " + i + " claims " + len + " bytes, " + b.remaining()
                        + " remain");
            }
            sink.part(b.position(), (int) len);
            b.position(b.position() + (int) len);
        }
        if (b.hasRemaining()) {
            throw new ProtocolException("envelope: " + b.remaining() + " bytes after the last part");
        }
        return kind;
    }

    /** This envelope's parts, checking that it is of the {@code expected} kind. */
    public List<byte[]> partsOf(MessageKind expected) {
        requireKind(kind, expected);
        return parts;
    }

    private static void requireKind(MessageKind kind, MessageKind expected) {
        if (kind != expected) {
            throw new ProtocolException("envelope: expected a " + expected + " message, got " + kind);
        }
    }
}

package io.he4j.ckks;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The 24-byte header every serialized engine object starts with (docs/protocol.md): magic {@code "HE4J"},
 * format version (u16), object kind (u8), backend (u8), parameter id (u64), payload length (u64), all
 * little-endian. Reading it checks only the magic and the length's range; the native loader checks the rest
 * when the object is loaded. Useful to route or refuse bytes (e.g. another parameter set) before loading them.
 *
 * @param version      format version
 * @param kind         object kind ({@code HE4J_KIND_*} in he4j.h)
 * @param backend      backend that wrote it
 * @param parameterId  the parameters it was made for ({@link CkksContext#parameterId()})
 * @param payloadBytes bytes after the header
 */
public record ObjectHeader(int version, int kind, int backend, long parameterId, long payloadBytes) {
    public static final int BYTES = 24;
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8 - BYTES;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * The header at the start of {@code bytes}.
     *
     * @param op for messages, e.g. {@code "Ciphertext.readFrom"}
     * @throws MalformedInputException if there are fewer than 24 bytes, the magic is wrong or the length impossible
     */
    public static ObjectHeader read(byte[] bytes, String op) {
        return read(MemorySegment.ofArray(bytes), op);
    }

    /** The same at the start of a segment (e.g. a part of a protocol envelope, read in place). */
    public static ObjectHeader read(MemorySegment bytes, String op) {
        if (bytes.byteSize() < BYTES) {
            throw new MalformedInputException(op + ": " + bytes.byteSize() + " bytes, shorter than the " + BYTES
                    + "-byte header");
        }
        if (bytes.get(BYTE, 0) != 'H' || bytes.get(BYTE, 1) != 'E' || bytes.get(BYTE, 2) != '4'
                || bytes.get(BYTE, 3) != 'J') {
            throw new MalformedInputException(op + ": bad magic: not an he4j object");
        }
        long payload = bytes.get(U64, 16);
        if (payload < 0 || payload > MAX_PAYLOAD) {
            throw new MalformedInputException(op + ": the header announces " + Long.toUnsignedString(payload)
                    + " payload bytes, more than an object can have");
        }
        return new ObjectHeader(Short.toUnsignedInt(bytes.get(U16, 4)), Byte.toUnsignedInt(bytes.get(BYTE, 6)),
                Byte.toUnsignedInt(bytes.get(BYTE, 7)), bytes.get(U64, 8), payload);
    }
}

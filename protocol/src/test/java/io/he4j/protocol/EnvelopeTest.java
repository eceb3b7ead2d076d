package io.he4j.protocol;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeTest {
    @Test
    void roundTripsAndHasTheDocumentedLayout() {
        byte[] a = {1, 2, 3};
        byte[] b = {};
        byte[] bytes = new Envelope(MessageKind.BATCH_QUERY, List.of(a, b)).toBytes();
        // magic "H4JP", version 1, kind 3, 2 parts, then length 3 + bytes, length 0
        assertArrayEquals(new byte[] {'H', '4', 'J', 'P', 0, 1, 0, 3, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 0, 0, 0, 0},
                bytes);
        Envelope e = Envelope.fromBytes(bytes);
        assertEquals(MessageKind.BATCH_QUERY, e.kind());
        assertArrayEquals(a, e.parts().get(0));
        assertArrayEquals(b, e.parts().get(1));
        assertTrue(Envelope.looksLikeEnvelope(bytes));
        assertFalse(Envelope.looksLikeEnvelope(new byte[] {'H', 'E', '4', 'J'}));
        assertTrue(Envelope.looksLikeEnvelope(bytes, MessageKind.BATCH_QUERY));
        assertFalse(Envelope.looksLikeEnvelope(bytes, MessageKind.QUERY));
        assertFalse(Envelope.looksLikeEnvelope(Arrays.copyOf(bytes, 7), MessageKind.BATCH_QUERY));
    }

    @Test
    void partViewsAreTheCheckedPartsInPlace() {
        byte[] a = {1, 2, 3};
        byte[] b = {9};
        byte[] bytes = Envelope.of(MessageKind.BATCH_QUERY, a, b).toBytes();
        List<MemorySegment> views = Envelope.partViews(bytes, MessageKind.BATCH_QUERY);
        assertEquals(2, views.size());
        assertArrayEquals(a, views.get(0).toArray(ValueLayout.JAVA_BYTE));
        assertArrayEquals(b, views.get(1).toArray(ValueLayout.JAVA_BYTE));
        assertSame(bytes, views.get(0).heapBase().orElseThrow()); // a view of the message, not a copy
        assertTrue(assertThrows(ProtocolException.class, () -> Envelope.partViews(bytes, MessageKind.QUERY))
                .getMessage().contains("expected a QUERY message"));
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] shorter = Arrays.copyOf(bytes, cut);
            assertThrows(ProtocolException.class, () -> Envelope.partViews(shorter, MessageKind.BATCH_QUERY));
        }
    }

    @Test
    void everyTruncationAndEveryForgedFieldIsRefusedWithAMessage() {
        byte[] good = Envelope.of(MessageKind.QUERY, new byte[40], new byte[7]).toBytes();
        for (int cut = 0; cut < good.length; cut++) {
            byte[] shorter = Arrays.copyOf(good, cut);
            ProtocolException e = assertThrows(ProtocolException.class, () -> Envelope.fromBytes(shorter));
            assertFalse(e.getMessage().isBlank());
        }
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertTrue(assertThrows(ProtocolException.class, () -> Envelope.fromBytes(trailing)).getMessage()
                .contains("after the last part"));
        assertThrows(ProtocolException.class, () -> Envelope.fromBytes(patch(good, 4, (short) 2)));   // version
        assertThrows(ProtocolException.class, () -> Envelope.fromBytes(patch(good, 6, (short) 99)));  // kind
        assertThrows(ProtocolException.class, () -> Envelope.fromBytes(patchInt(good, 8, 0)));        // no parts
        assertThrows(ProtocolException.class, () -> Envelope.fromBytes(patchInt(good, 8, -1)));       // 2^32-1 parts
        assertThrows(ProtocolException.class, () -> Envelope.fromBytes(patchInt(good, 12, Integer.MAX_VALUE)));
        assertThrows(ProtocolException.class, () -> Envelope.fromBytes(patchInt(good, 12, -1)));
        // random bytes never throw anything but a ProtocolException
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[r.nextInt(64)];
            r.nextBytes(junk);
            if (i % 2 == 0 && junk.length >= 4) {
                ByteBuffer.wrap(junk).putInt(Envelope.MAGIC);
            }
            try {
                Envelope.fromBytes(junk);
            } catch (ProtocolException expected) {
                // fine
            }
        }
    }

    @Test
    void theKindIsChecked() {
        Envelope e = Envelope.of(MessageKind.REPLY, new byte[1]);
        assertThrows(ProtocolException.class, () -> e.partsOf(MessageKind.QUERY));
        assertEquals(1, e.partsOf(MessageKind.REPLY).size());
    }

    private static byte[] patch(byte[] b, int at, short v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putShort(at, v);
        return c;
    }

    private static byte[] patchInt(byte[] b, int at, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).putInt(at, v);
        return c;
    }
}

package io.he4j.ckks.internal;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScratchTest {
    @Test
    void reusedWithinAThreadAndGrownOnDemand() {
        MemorySegment small = Scratch.get(8);
        assertTrue(small.isNative() && small.byteSize() >= 8);
        assertSame(small, Scratch.get(16), "no new memory for a request that fits");
        MemorySegment big = Scratch.get(100_000);
        assertTrue(big.byteSize() >= 100_000);
        assertEquals(0, big.address() % 64);
        big.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 99_999, (byte) 1);   // the whole size is usable
        assertSame(big, Scratch.get(8), "the grown buffer is kept");
    }

    @Test
    void eachThreadHasItsOwn() throws InterruptedException {
        MemorySegment mine = Scratch.get(8);
        AtomicReference<MemorySegment> theirs = new AtomicReference<>();
        Thread t = new Thread(() -> theirs.set(Scratch.get(8)));
        t.start();
        t.join();
        assertNotEquals(mine.address(), theirs.get().address());
    }
}

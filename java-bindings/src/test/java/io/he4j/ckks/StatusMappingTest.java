package io.he4j.ckks;

import io.he4j.ckks.internal.Status;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every he4j_status maps to one exception type of the hierarchy, with the Java operation as prefix. */
class StatusMappingTest {
    @Test
    void everyStatusHasItsException() {
        Map<Integer, Class<? extends He4jException>> expected = Map.of(
                Status.INVALID_ARGUMENT, InvalidArgumentException.class,
                Status.INVALID_PARAMETERS, InvalidParametersException.class,
                Status.MALFORMED_INPUT, MalformedInputException.class,
                Status.INCOMPATIBLE, IncompatibleOperandsException.class,
                Status.BUFFER_TOO_SMALL, BufferTooSmallException.class,
                Status.OUT_OF_MEMORY, NativeOutOfMemoryException.class,
                Status.UNSUPPORTED, UnsupportedByBackendException.class,
                Status.INTERNAL, NativeInternalException.class,
                99, NativeInternalException.class);
        expected.forEach((status, type) -> {
            He4jException e = Status.error(status, "Test.op");
            assertInstanceOf(type, e);
            assertTrue(e.getMessage().startsWith("Test.op: "), e.getMessage());
        });
        assertTrue(Status.error(99, "Test.op").getMessage().contains("unknown status 99"));
    }

    @Test
    void nativeMessageIsReadOnTheFailingThread() {
        CkksContext ctx = Fixture.context();
        try (Ciphertext a = new Ciphertext(ctx)) { // empty: the engine refuses to add it
            He4jException e = org.junit.jupiter.api.Assertions.assertThrows(He4jException.class,
                    () -> new Evaluator(ctx).add(a, a));
            assertTrue(e.getMessage().startsWith("Evaluator.add: he4j_eval_add: "), e.getMessage());
            assertEquals(-1, e.getMessage().indexOf("no message"), e.getMessage());
        }
    }
}

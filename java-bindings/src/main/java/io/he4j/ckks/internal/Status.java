package io.he4j.ckks.internal;

import io.he4j.ckks.BufferTooSmallException;
import io.he4j.ckks.He4jException;
import io.he4j.ckks.IncompatibleOperandsException;
import io.he4j.ckks.InvalidArgumentException;
import io.he4j.ckks.InvalidParametersException;
import io.he4j.ckks.MalformedInputException;
import io.he4j.ckks.NativeInternalException;
import io.he4j.ckks.NativeOutOfMemoryException;
import io.he4j.ckks.UnsupportedByBackendException;

import java.lang.foreign.MemorySegment;

/** Maps an {@code he4j_status} to the exception hierarchy, with the engine's thread-local message. */
public final class Status {
    public static final int OK = 0;
    public static final int INVALID_ARGUMENT = 1;
    public static final int INVALID_PARAMETERS = 2;
    public static final int MALFORMED_INPUT = 3;
    public static final int INCOMPATIBLE = 4;
    public static final int BUFFER_TOO_SMALL = 5;
    public static final int OUT_OF_MEMORY = 6;
    public static final int UNSUPPORTED = 7;
    public static final int INTERNAL = 8;

    private Status() {
    }

    /**
     * Throws if {@code status} is not OK. Must run on the thread that made the call, right after it:
     * the native message is thread-local and overwritten by the next call.
     *
     * @param operation the Java operation, e.g. "Evaluator.add", prefixed to the message
     */
    public static void check(int status, String operation) {
        if (status != OK) {
            throw error(status, operation);
        }
    }

    /** The exception for a failed status, reading the native message now. */
    public static He4jException error(int status, String operation) {
        String message = operation + ": " + lastErrorMessage(status);
        return switch (status) {
            case INVALID_ARGUMENT -> new InvalidArgumentException(message);
            case INVALID_PARAMETERS -> new InvalidParametersException(message);
            case MALFORMED_INPUT -> new MalformedInputException(message);
            case INCOMPATIBLE -> new IncompatibleOperandsException(message);
            case BUFFER_TOO_SMALL -> new BufferTooSmallException(message);
            case OUT_OF_MEMORY -> new NativeOutOfMemoryException(message);
            case UNSUPPORTED -> new UnsupportedByBackendException(message);
            case INTERNAL -> new NativeInternalException(message);
            default -> new NativeInternalException(message + " (unknown status " + status + ")");
        };
    }

    /**
     * Wraps a Throwable escaping {@code invokeExact}: he4j's own runtime exceptions and errors pass
     * through; anything else (impossible for a downcall) becomes a NativeInternalException.
     */
    public static RuntimeException rethrow(Throwable t, String operation) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new NativeInternalException(operation + ": unexpected " + t, t);
    }

    private static String lastErrorMessage(int status) {
        try {
            String m = Strings.fromC((MemorySegment) CapiLibrary.LAST_ERROR_MESSAGE.invokeExact());
            return m.isEmpty() ? "failed with status " + status + " and no message" : m;
        } catch (Throwable t) {
            return "failed with status " + status + " (message unavailable: " + t + ")";
        }
    }
}

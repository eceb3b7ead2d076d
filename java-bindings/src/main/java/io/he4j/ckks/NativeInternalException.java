package io.he4j.ckks;

/**
 * The engine reported an internal error (native status {@code HE4J_ERR_INTERNAL}, or a status
 * code these bindings do not know). This is a bug in he4j: please report it with the message.
 */
public final class NativeInternalException extends He4jException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public NativeInternalException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what was wrong and what is allowed
     * @param cause   the underlying failure
     */
    public NativeInternalException(String message, Throwable cause) {
        super(message, cause);
    }
}

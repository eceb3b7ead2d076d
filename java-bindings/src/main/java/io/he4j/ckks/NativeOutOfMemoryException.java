package io.he4j.ckks;

/**
 * The native engine could not allocate memory (native status {@code HE4J_ERR_OUT_OF_MEMORY}).
 * Closing unused ciphertexts and keys releases native memory promptly.
 */
public final class NativeOutOfMemoryException extends He4jException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public NativeOutOfMemoryException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what was wrong and what is allowed
     * @param cause   the underlying failure
     */
    public NativeOutOfMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.he4j.ckks;

/**
 * An output buffer was smaller than the engine needed (native status
 * {@code HE4J_ERR_BUFFER_TOO_SMALL}). The Java API queries sizes first, so seeing this is a bug in he4j.
 */
public final class BufferTooSmallException extends He4jException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public BufferTooSmallException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what was wrong and what is allowed
     * @param cause   the underlying failure
     */
    public BufferTooSmallException(String message, Throwable cause) {
        super(message, cause);
    }
}

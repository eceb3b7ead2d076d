package io.he4j.ckks;

/**
 * An argument is out of range: a vector longer than the slot count, a level above the maximum,
 * a rotation step without a key, a non-finite value (native status {@code HE4J_ERR_INVALID_ARGUMENT}).
 */
public final class InvalidArgumentException extends He4jException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public InvalidArgumentException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what was wrong and what is allowed
     * @param cause   the underlying failure
     */
    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }
}

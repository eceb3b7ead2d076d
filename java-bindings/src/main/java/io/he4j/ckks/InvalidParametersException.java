package io.he4j.ckks;

/**
 * CKKS parameters are malformed or below the requested security
 * (native status {@code HE4J_ERR_INVALID_PARAMETERS}).
 */
public final class InvalidParametersException extends He4jException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public InvalidParametersException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what was wrong and what is allowed
     * @param cause   the underlying failure
     */
    public InvalidParametersException(String message, Throwable cause) {
        super(message, cause);
    }
}

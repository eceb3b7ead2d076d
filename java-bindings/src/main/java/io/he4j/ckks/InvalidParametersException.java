package io.he4j.ckks;

/**
 * CKKS parameters are malformed or below the requested security
 * (native status {@code HE4J_ERR_INVALID_PARAMETERS}).
 */
public final class InvalidParametersException extends He4jException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong and what is allowed */
    public InvalidParametersException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong and what is allowed
     * @param cause   the underlying failure
     */
    public InvalidParametersException(String message, Throwable cause) {
        super(message, cause);
    }
}

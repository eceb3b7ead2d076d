package io.he4j.ckks;

/**
 * Serialized bytes were rejected: wrong magic, version, kind, backend or parameter id, truncated,
 * out-of-range coefficients, or a secret key where only public material is allowed
 * (native status {@code HE4J_ERR_MALFORMED_INPUT}). Loading untrusted bytes throws only this type.
 */
public final class MalformedInputException extends He4jException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public MalformedInputException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what was wrong and what is allowed
     * @param cause   the underlying failure
     */
    public MalformedInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

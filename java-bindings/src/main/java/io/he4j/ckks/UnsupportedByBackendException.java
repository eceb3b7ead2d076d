package io.he4j.ckks;

/**
 * The loaded backend, or the parameters, cannot do this operation: e.g. key switching (relinearization,
 * rotations) with parameters that have no special primes (native status {@code HE4J_ERR_UNSUPPORTED}).
 */
public final class UnsupportedByBackendException extends He4jException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public UnsupportedByBackendException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what was wrong and what is allowed
     * @param cause   the underlying failure
     */
    public UnsupportedByBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}

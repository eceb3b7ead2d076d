package io.he4j.ckks;

/**
 * Operands do not fit together: different levels or scales, different parameters, a missing
 * relinearization or Galois key (native status {@code HE4J_ERR_INCOMPATIBLE}).
 */
public final class IncompatibleOperandsException extends He4jException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public IncompatibleOperandsException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what was wrong and what is allowed
     * @param cause   the underlying failure
     */
    public IncompatibleOperandsException(String message, Throwable cause) {
        super(message, cause);
    }
}

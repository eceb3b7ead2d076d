package io.he4j.paillier;

/**
 * Root of every exception thrown by he4j-paillier. Unchecked; messages say what was wrong and what is allowed,
 * and never contain key material.
 */
public class PaillierException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PaillierException(String message) {
        super(message);
    }

    public PaillierException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.he4j.ckks;

/**
 * Root of every exception he4j throws. Unchecked: misuse and malformed input are programming or
 * protocol errors that callers rarely recover from locally. Messages name the operation, what was
 * wrong and what is allowed; they never contain key or plaintext material.
 */
public class He4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public He4jException(String message) {
        super(message);
    }

    public He4jException(String message, Throwable cause) {
        super(message, cause);
    }
}

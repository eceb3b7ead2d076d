package io.he4j.paillier;

/** Bytes or JSON from outside that are not a valid key, ciphertext or document (out of range, broken, truncated). */
public class MalformedInputException extends PaillierException {
    private static final long serialVersionUID = 1L;

    public MalformedInputException(String message) {
        super(message);
    }

    public MalformedInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.he4j.paillier;

/** A ciphertext or document was made under another public key than the one it is used with. */
public class KeyMismatchException extends PaillierException {
    private static final long serialVersionUID = 1L;

    public KeyMismatchException(String message) {
        super(message);
    }
}

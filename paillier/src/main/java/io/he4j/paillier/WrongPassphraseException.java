package io.he4j.paillier;

/** The private-key file could not be authenticated: wrong passphrase, or the file was altered. */
public class WrongPassphraseException extends PaillierException {
    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message) {
        super(message);
    }
}

package io.he4j.paillier;

/**
 * A value does not fit the signed plaintext range: on encoding (too large for the key), or on decoding (the
 * decrypted residue lies in the overflow band, i.e. a homomorphic computation wrapped around the modulus).
 */
public class OverflowException extends PaillierException {
    private static final long serialVersionUID = 1L;

    public OverflowException(String message) {
        super(message);
    }
}

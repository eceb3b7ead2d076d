package io.he4j.protocol;

/**
 * How a query is laid out and evaluated; each kind has a client side and a server side in he4j-ml.
 * The numbers a client needs for a kind are in its {@link QueryLayout}.
 */
public enum ProtocolKind {
    /**
     * Linear model, features as polynomial coefficients; one plaintext product per group of classes that fits
     * the ring; no evaluation keys.
     */
    COEFFICIENT(Encoding.COEFFICIENTS, false, 1),
    /** One-hidden-layer square network as a linear model over the client's monomials x_j x_k, x_j; as COEFFICIENT. */
    QUADRATIC_FORM(Encoding.COEFFICIENTS, false, 2),
    /**
     * Two-hidden-layer square network (a polynomial of degree 4) as a linear model over the client's monomials
     * of degree 4, 3, 2, 1; as COEFFICIENT.
     */
    QUARTIC_FORM(Encoding.COEFFICIENTS, false, 4),
    /** MLP on slot vectors replicated with period D (diagonal method); relinearization and Galois keys. */
    SLOT(Encoding.SLOTS, false, 1),
    /** One-hidden-layer, one-output network with its output layer folded into the hidden one; keys as SLOT. */
    FOLDED_OUTPUT(Encoding.SLOTS, false, 1),
    /** Feature-major batch: ciphertext j holds feature j of one patient per slot. */
    FEATURE_MAJOR_BATCH(Encoding.SLOTS, true, 1),
    /**
     * Batch of a one-hidden-layer square network as a linear model over the client's monomials: ciphertext m
     * holds monomial m (x_j x_k for j <= k, then x_j) of one patient per slot; no evaluation keys.
     */
    QUADRATIC_FORM_BATCH(Encoding.SLOTS, true, 2),
    /** Feature-major logistic regression returning encrypted probabilities (cubic sigmoid). */
    ENCRYPTED_SIGMOID_BATCH(Encoding.SLOTS, true, 1);

    /** Where the values sit in a plaintext. */
    public enum Encoding { COEFFICIENTS, SLOTS }

    private final Encoding encoding;
    private final boolean batch;
    private final int monomialDegree;

    ProtocolKind(Encoding encoding, boolean batch, int monomialDegree) {
        this.encoding = encoding;
        this.batch = batch;
        this.monomialDegree = monomialDegree;
    }

    /**
     * Highest degree of the monomials of its features that the client sends (docs/protocol.md gives their
     * order); 1: the features as they are.
     */
    public int monomialDegree() {
        return monomialDegree;
    }

    public Encoding encoding() {
        return encoding;
    }

    /**
     * Whether a query is one ciphertext per feature (or per monomial) for many patients (else one ciphertext for
     * one patient).
     */
    public boolean batch() {
        return batch;
    }
}

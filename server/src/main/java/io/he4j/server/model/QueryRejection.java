package io.he4j.server.model;

/**
 * A query the model refused, by reason; the HTTP layer maps each reason to a status and a stable problem code
 * in one place ({@code io.he4j.server.http.Problems}). Messages come from the loader or the model and hold no
 * ciphertext contents.
 */
public final class QueryRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        MALFORMED, WRONG_PARAMETERS, WRONG_LEVEL, WRONG_SHAPE, KEY_SET_REQUIRED,
        /** The query form's replies have no statistical privacy bound and the service does not answer those. */
        NO_STATISTICAL_PRIVACY
    }

    private final Reason reason;

    public QueryRejection(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

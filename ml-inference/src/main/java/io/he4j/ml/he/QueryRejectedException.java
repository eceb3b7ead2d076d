package io.he4j.ml.he;

import io.he4j.ml.MlException;

/** A query (or key set) a server side refuses before computing on it; {@link #reason()} says why. */
public final class QueryRejectedException extends MlException {
    /** Why a query was refused; a service maps each to one status code. */
    public enum Reason {
        /** Bytes that are not a valid envelope or engine object. */
        MALFORMED,
        /** Another parameter set than the model's. */
        WRONG_PARAMETERS,
        /** The right parameters at another level or scale than the model expects. */
        WRONG_LEVEL,
        /** The wrong number of ciphertexts for the model. */
        WRONG_SHAPE,
        /** The protocol needs the client's registered public material and none (or an unfit one) came. */
        KEY_SET_REQUIRED
    }

    private final Reason reason;

    public QueryRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

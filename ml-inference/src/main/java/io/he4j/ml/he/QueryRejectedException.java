package io.he4j.ml.he;

import io.he4j.ckks.He4jException;
import io.he4j.ckks.IncompatibleOperandsException;
import io.he4j.ckks.InvalidParametersException;
import io.he4j.ckks.NativeInternalException;
import io.he4j.ckks.NativeLibraryException;
import io.he4j.ckks.NativeOutOfMemoryException;
import io.he4j.ml.MlException;
import io.he4j.protocol.ProtocolException;

import java.util.Optional;

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

    /**
     * The one classification of what a server side throws: a refusal of the caller's input (kept, or mapped
     * from the envelope's and the engine's loaders, which check bytes the model's own checks let through), or
     * empty for a fault of the engine itself (native failure, out of memory), which is not the caller's doing.
     */
    public static Optional<QueryRejectedException> of(RuntimeException e) {
        return switch (e) {
            case QueryRejectedException r -> Optional.of(r);
            case ProtocolException p -> Optional.of(new QueryRejectedException(Reason.MALFORMED, p.getMessage()));
            case IncompatibleOperandsException w -> Optional.of(new QueryRejectedException(Reason.WRONG_PARAMETERS,
                    w.getMessage()));
            case InvalidParametersException w -> Optional.of(new QueryRejectedException(Reason.WRONG_PARAMETERS,
                    w.getMessage()));
            case MlException m -> Optional.of(new QueryRejectedException(Reason.WRONG_SHAPE, m.getMessage()));
            case NativeInternalException f -> Optional.empty();
            case NativeLibraryException f -> Optional.empty();
            case NativeOutOfMemoryException f -> Optional.empty();
            case He4jException m -> Optional.of(new QueryRejectedException(Reason.MALFORMED, m.getMessage()));
            default -> Optional.empty();
        };
    }
}

package io.he4j.federated;

/** A federated-learning step refused: an update of the wrong shape, parameters or round, a missing party. */
public final class FederationException extends RuntimeException {
    public FederationException(String message) {
        super(message);
    }
}

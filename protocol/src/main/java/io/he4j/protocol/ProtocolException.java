package io.he4j.protocol;

/** A message that does not follow the protocol: the text says what was wrong and what is allowed. */
public class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}

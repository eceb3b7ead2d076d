package io.he4j.server.db;

/** A database failure the caller cannot fix (I/O, lost connection, corrupt file): the service answers 503. */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}

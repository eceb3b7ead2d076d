package io.he4j.ckks;

/**
 * The native engine could not be found, extracted, loaded or bound, or is incompatible with these
 * bindings. The message lists every location tried; each failed attempt is attached as a suppressed
 * exception.
 */
public final class NativeLibraryException extends He4jException {
    private static final long serialVersionUID = 1L;

    public NativeLibraryException(String message) {
        super(message);
    }

    public NativeLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}

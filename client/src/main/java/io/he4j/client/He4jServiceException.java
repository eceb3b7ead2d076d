package io.he4j.client;

/**
 * The service refused a request (a 4xx or 5xx answer): {@link #status()} is the HTTP status, {@link #code()}
 * the problem's stable code (its {@code type} without the prefix), and the message the server's detail.
 */
public final class He4jServiceException extends RuntimeException {
    private final int status;
    private final String code;

    public He4jServiceException(int status, String code, String detail) {
        super("HTTP " + status + " " + code + ": " + detail);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}

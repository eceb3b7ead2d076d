package io.he4j.server.http;

/**
 * A refusal the client can act on: HTTP status, stable problem code, human detail. Written as RFC 9457
 * problem+json by {@link Problems}. Details name sizes, ids and reasons, never secrets or ciphertext contents.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String title;
    private final long retryAfterSeconds;

    public ApiException(int status, String code, String title, String detail) {
        this(status, code, title, detail, 0);
    }

    public ApiException(int status, String code, String title, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Seconds for a Retry-After header, 0 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

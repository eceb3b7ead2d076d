package io.he4j.web;

/** A request a page cannot serve, with the status and a message for the user (shown escaped). */
public final class PageException extends RuntimeException {
    private final int status;

    public PageException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

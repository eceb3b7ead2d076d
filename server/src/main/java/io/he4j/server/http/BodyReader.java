package io.he4j.server.http;

import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads a request body as a stream with a cap and a deadline. A declared Content-Length over the cap is refused
 * before any byte is read, and a body without one (chunked) is refused as soon as it passes the cap, so no
 * more than {@code cap + 1} bytes are ever buffered. A client that has not sent its whole body by the deadline
 * is cut off: the handler's (virtual) thread is interrupted, which closes a socket it is blocked on.
 * Thread-safe.
 */
public final class BodyReader implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final Duration timeout;
    private final ScheduledThreadPoolExecutor deadlines;

    public BodyReader(Duration timeout) {
        this.timeout = timeout;
        this.deadlines = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("he4j-body-deadlines").factory());
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    byte[] read(ServerRequest req, long cap, String tooLargeCode) {
        Thread reader = Thread.currentThread();
        ScheduledFuture<?> deadline = deadlines.schedule(reader::interrupt, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return readCapped(req, cap, tooLargeCode);
        } finally {
            deadline.cancel(false);
            if (Thread.interrupted()) { // the deadline fired: the connection is gone, the read failed
                throw new ApiException(408, "request-timeout", "Request timeout", "the body did not arrive within "
                        + timeout);
            }
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }

    private static byte[] readCapped(ServerRequest req, long cap, String tooLargeCode) {
        OptionalLong declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > cap) {
            throw Problems.bodyTooLarge(tooLargeCode, cap);
        }
        if (declared.isPresent() && declared.getAsLong() == 0) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            if (declared.isPresent()) {
                byte[] body = in.readNBytes((int) declared.getAsLong());
                if (body.length < declared.getAsLong()) {
                    throw incomplete(body.length + " of the " + declared.getAsLong() + " declared bytes arrived");
                }
                return body;
            }
            byte[] buf = new byte[CHUNK];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    if (n > cap) {
                        throw Problems.bodyTooLarge(tooLargeCode, cap);
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(cap + 1, (long) n * 2));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            if (n > cap) {
                throw Problems.bodyTooLarge(tooLargeCode, cap);
            }
            return Arrays.copyOf(buf, n);
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) { // the client went away or stalled past the read timeout
            throw incomplete("reading the body failed: " + e.getMessage());
        }
    }

    private static ApiException incomplete(String detail) {
        return new ApiException(400, "incomplete-body", "Incomplete request body", detail);
    }
}

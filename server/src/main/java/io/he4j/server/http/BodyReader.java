package io.he4j.server.http;

import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a request body as a stream with a cap and a deadline. A declared Content-Length over the cap is refused
 * before any byte is read, and a body without one (chunked) is refused as soon as it passes the cap, so no
 * more than {@code cap + 1} bytes are ever buffered. A client that has not sent its whole body by the deadline
 * is cut off: a watchdog interrupts the handler's (virtual) thread, which closes the socket it is blocked on.
 * Registering a read is a map insertion (no timer per request: this is on every prediction's path).
 * Thread-safe.
 */
public final class BodyReader implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    private static final int READING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;

    /** One read in progress: who reads, until when, and who won the race between finishing and timing out. */
    private record Read(Thread reader, long deadline, AtomicInteger state) {
    }

    private final Duration timeout;
    private final ConcurrentHashMap<Read, Boolean> reads = new ConcurrentHashMap<>();
    private final Thread watchdog;
    private volatile boolean closed;

    public BodyReader(Duration timeout) {
        this.timeout = timeout;
        long period = Math.clamp(timeout.toMillis() / 10, 20, 1000);
        this.watchdog = Thread.ofPlatform().daemon().name("he4j-body-deadlines").start(() -> watch(period));
    }

    byte[] read(ServerRequest req, long cap, String tooLargeCode) {
        Read r = new Read(Thread.currentThread(), System.nanoTime() + timeout.toNanos(), new AtomicInteger(READING));
        reads.put(r, Boolean.TRUE);
        try {
            return readCapped(req, cap, tooLargeCode);
        } finally {
            reads.remove(r);
            if (!r.state().compareAndSet(READING, DONE)) {
                while (!Thread.interrupted()) { // the watchdog won: consume its interrupt, which is on its way
                    Thread.onSpinWait();
                }
                throw new ApiException(408, "request-timeout", "Request timeout", "the body did not arrive within "
                        + timeout);
            }
        }
    }

    private void watch(long periodMillis) {
        while (!closed) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Read r : reads.keySet()) {
                if (now - r.deadline() > 0 && r.state().compareAndSet(READING, TIMED_OUT)) {
                    r.reader().interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.interrupt();
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

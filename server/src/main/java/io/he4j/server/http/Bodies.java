package io.he4j.server.http;

import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Reads a request body as a stream with a cap: a declared Content-Length over the cap is refused before any
 * byte is read, and a body without one (chunked) is refused as soon as it passes the cap, so no more than
 * {@code cap + 1} bytes are ever buffered.
 */
final class Bodies {
    private static final int CHUNK = 64 * 1024;

    private Bodies() {
    }

    static byte[] read(ServerRequest req, long cap, String tooLargeCode) {
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

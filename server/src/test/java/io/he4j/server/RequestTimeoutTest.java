package io.he4j.server;

import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that stalls in the middle of its body is cut off after the request timeout; others are served. */
class RequestTimeoutTest {
    @Test
    void stalledBodyIsCutOff(@TempDir Path dir) throws Exception {
        try (TestServer s = TestServer.start(dir, Map.of("limits.request-timeout", "1s"))) {
            String token = s.tenant("slowloris", Role.CLIENT);
            try (Socket sock = new Socket("127.0.0.1", s.server.port())) {
                sock.setSoTimeout(20_000);
                OutputStream out = sock.getOutputStream();
                out.write(("POST /v1/models/" + TestServer.MODEL + "/predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + token + "\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[10]);
                out.flush();
                long t0 = System.nanoTime();
                InputStream in = sock.getInputStream();
                byte[] reply = in.readAllBytes(); // returns when the server answers and/or closes
                double seconds = (System.nanoTime() - t0) / 1e9;
                String head = new String(reply, StandardCharsets.ISO_8859_1);
                assertTrue(seconds < 15, "cut off after " + seconds + " s");
                assertTrue(head.isEmpty() || head.startsWith("HTTP/1.1 4"), head);
            }
            assertEquals(200, s.get("/health", null).statusCode());
        }
    }
}

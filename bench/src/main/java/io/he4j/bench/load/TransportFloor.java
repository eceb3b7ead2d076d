package io.he4j.bench.load;

import io.helidon.webserver.WebServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;

/**
 * What the HTTP transport alone costs at the encrypted endpoint's sizes: a bare Helidon server, configured as
 * he4j's is (virtual threads, TCP_NODELAY), whose one route reads the request body and answers a fixed reply
 * of the encrypted reply's size. No authentication, no HE, no metrics: the load suite runs the encrypted
 * queries against it to show how much of the service's throughput the bytes on the wire leave.
 */
final class TransportFloor implements AutoCloseable {
    static final String PATH = "/echo";
    private final WebServer server;

    TransportFloor(int replyBytes) {
        byte[] reply = new byte[replyBytes];
        new SecureRandom().nextBytes(reply);   // incompressible, like a ciphertext
        server = WebServer.builder().host("127.0.0.1").port(0)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .routing(r -> r.post(PATH, (req, res) -> {
                    try (InputStream in = req.content().inputStream()) {
                        in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    res.send(reply);
                }))
                .build().start();
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}

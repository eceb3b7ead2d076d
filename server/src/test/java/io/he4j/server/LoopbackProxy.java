package io.he4j.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * The simplest load balancer: a loopback TCP forwarder to one of the replicas, switchable at run time. New
 * connections go to the current target; a connection to a replica that dies breaks, and the client's retry
 * lands on the new target (what an HTTP load balancer in front of `./he4j serve` replicas does).
 */
final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket listener;
    private volatile URI target;

    LoopbackProxy(URI target) {
        this.target = target;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    void target(URI replica) {
        this.target = replica;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket in = listener.accept();
                URI t = target;
                Socket out;
                try {
                    out = new Socket(t.getHost(), t.getPort());
                } catch (IOException e) {
                    in.close();
                    continue;
                }
                Thread.ofVirtual().start(() -> pump(in, out));
                Thread.ofVirtual().start(() -> pump(out, in));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
            i.transferTo(o);
        } catch (IOException ignored) {
            // one side went away: close both below
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}

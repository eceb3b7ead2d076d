package io.he4j.bench.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator for loopback only: {@code connections} keep-alive connections, each
 * sending the next pre-built request as soon as the previous answer is read, for a bounded time and a bounded
 * count, then stopping by itself. A minimal client (plain sockets, TCP_NODELAY) so that the generator costs the
 * shared CPU as little as possible; it reads Content-Length bodies (what the he4j service sends).
 */
public final class HttpLoad {
    private static final int MAX_SAMPLES_PER_CONNECTION = 2_000_000;

    /**
     * @param port        the service's port on 127.0.0.1
     * @param path        request path, e.g. /v1/models/cleveland/predict
     * @param headers     extra headers (authorization, content type, key set)
     * @param bodies      request bodies, cycled (e.g. pre-encrypted queries)
     * @param connections concurrent closed-loop connections
     * @param warmup      untimed period first
     * @param duration    timed period
     * @param maxRequests stop after this many timed requests in total
     */
    public record Plan(int port, String path, Map<String, String> headers, List<byte[]> bodies, int connections,
                       Duration warmup, Duration duration, long maxRequests) {
        public Plan {
            if (connections < 1 || connections > 256 || bodies.isEmpty() || maxRequests < 1) {
                throw new IllegalArgumentException("1..256 connections, at least one body and one request");
            }
            headers = Map.copyOf(headers);
            bodies = List.copyOf(bodies);
        }
    }

    /**
     * @param requests        timed requests answered
     * @param errors          timed requests answered with a status other than 200, or failed
     * @param seconds         timed wall-clock seconds
     * @param perSecond       requests answered with 200 per second
     * @param p50Ms           median latency
     * @param p99Ms           99th percentile latency
     * @param requestBytes    body bytes of one request (the first body)
     * @param replyBytes      body bytes of one answer (the last one read)
     * @param firstError      the first error's status line or exception, or empty
     */
    public record Result(long requests, long errors, double seconds, double perSecond, double p50Ms, double p99Ms,
                         int requestBytes, int replyBytes, String firstError) {
    }

    private HttpLoad() {
    }

    public static Result run(Plan plan) throws InterruptedException {
        byte[][] requests = new byte[plan.bodies().size()][];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = request(plan, plan.bodies().get(i));
        }
        AtomicLong budget = new AtomicLong(plan.maxRequests());
        AtomicLong errors = new AtomicLong();
        AtomicLong lastReply = new AtomicLong();
        String[] firstError = {""};
        long[][] samples = new long[plan.connections()][];
        int[] counts = new int[plan.connections()];
        long start = System.nanoTime();
        long timedFrom = start + plan.warmup().toNanos();
        long end = timedFrom + plan.duration().toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < plan.connections(); c++) {
            int id = c;
            samples[c] = new long[Math.min(MAX_SAMPLES_PER_CONNECTION, (int) Math.min(Integer.MAX_VALUE,
                    plan.maxRequests()))];
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                try (Socket s = new Socket()) {
                    s.setTcpNoDelay(true);
                    s.connect(new InetSocketAddress("127.0.0.1", plan.port()), 5000);
                    s.setSoTimeout(30_000);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
                    int next = id;
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            return;
                        }
                        boolean timed = t0 >= timedFrom;
                        if (timed && budget.decrementAndGet() < 0) {
                            return;
                        }
                        out.write(requests[next % requests.length]);
                        out.flush();
                        next++;
                        Response r = read(in);
                        long t1 = System.nanoTime();
                        if (timed) {
                            if (r.status != 200) {
                                errors.incrementAndGet();
                                synchronized (firstError) {
                                    if (firstError[0].isEmpty()) {
                                        firstError[0] = "HTTP " + r.status + ": " + new String(r.body, 0,
                                                Math.min(300, r.body.length), StandardCharsets.UTF_8);
                                    }
                                }
                            } else if (counts[id] < samples[id].length) {
                                samples[id][counts[id]++] = t1 - t0;
                            }
                            lastReply.set(r.body.length);
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    synchronized (firstError) {
                        if (firstError[0].isEmpty()) {
                            firstError[0] = e.toString();
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = Math.min(System.nanoTime(), end) - timedFrom;
        seconds = Math.max(seconds, 1) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int c = 0; c < counts.length; c++) {
            System.arraycopy(samples[c], 0, all, k, counts[c]);
            k += counts[c];
        }
        Arrays.sort(all);
        return new Result(total + errors.get(), errors.get(), seconds, total / seconds, percentile(all, 0.50),
                percentile(all, 0.99), plan.bodies().getFirst().length, (int) lastReply.get(), firstError[0]);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private static byte[] request(Plan plan, byte[] body) {
        StringBuilder h = new StringBuilder("POST ").append(plan.path()).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(plan.port()).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        plan.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private record Response(int status, byte[] body) {
    }

    /** Reads one response: status line, headers, a Content-Length body (chunked bodies are not expected). */
    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = 0;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            String name = h.substring(0, Math.max(colon, 0)).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Integer.parseInt(h.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("transfer-encoding") && h.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(n));
                line(in);
            }
            line(in);
            return new Response(code, body.toByteArray());
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("connection closed within a body");
        }
        return new Response(code, body);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}

package io.he4j.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The service's Prometheus metrics: request latency histograms per route and status, homomorphic compute
 * time per model, bytes in and out per route, and rejected requests by problem code.
 * Thread-safe.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Meters by their tag values: a map lookup per request instead of a builder and a registry lookup. */
    private final ConcurrentHashMap<List<Object>, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<List<Object>, Counter> counters = new ConcurrentHashMap<>();

    public void request(String route, String method, int status, long nanos) {
        timers.computeIfAbsent(List.of("request", route, method, status), k ->
                Timer.builder("he4j.http.request").description("HTTP request latency")
                        .tags("route", route, "method", method, "status", Integer.toString(status))
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofNanos(20_000)).maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void compute(String model, String kind, long nanos) {
        timers.computeIfAbsent(List.of("compute", model, kind), k ->
                Timer.builder("he4j.he.compute").description("model evaluation time, without HTTP")
                        .tags("model", model, "kind", kind)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofNanos(5_000)).maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void bytesIn(String route, long n) {
        counter("he4j.http.bytes.in", "route", route).increment(n);
    }

    public void bytesOut(String route, long n) {
        counter("he4j.http.bytes.out", "route", route).increment(n);
    }

    public void rejected(String code) {
        counter("he4j.http.rejected", "reason", code).increment();
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(List.of(name, value), k -> Counter.builder(name)
                .baseUnit(name.contains("bytes") ? "bytes" : null).tag(tag, value).register(registry));
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}

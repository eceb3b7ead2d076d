package io.he4j.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The service's Prometheus metrics: request latency histograms per route and status, homomorphic compute
 * time per model, bytes in and out per route, and rejected requests by problem code.
 * Thread-safe.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public void request(String route, String method, int status, long nanos) {
        Timer.builder("he4j.http.request").description("HTTP request latency")
                .tags("route", route, "method", method, "status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(20_000)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void compute(String model, String kind, long nanos) {
        Timer.builder("he4j.he.compute").description("homomorphic evaluation time, without HTTP and I/O")
                .tags("model", model, "kind", kind)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(5_000)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void bytesIn(String route, long n) {
        Counter.builder("he4j.http.bytes.in").baseUnit("bytes").tag("route", route).register(registry).increment(n);
    }

    public void bytesOut(String route, long n) {
        Counter.builder("he4j.http.bytes.out").baseUnit("bytes").tag("route", route).register(registry)
                .increment(n);
    }

    public void rejected(String code) {
        Counter.builder("he4j.http.rejected").description("requests refused, by problem code")
                .tag("reason", code).register(registry).increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}

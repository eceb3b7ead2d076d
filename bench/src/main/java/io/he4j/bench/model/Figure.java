package io.he4j.bench.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One measured number: a latency, a throughput, a size, an accuracy.
 *
 * @param id      unique within a run, {@code <suite>/<name>[@<backend>]}
 * @param suite   which suite produced it (e.g. {@code native}, {@code jmh-ckks}, {@code sizes}, {@code ml})
 * @param name    the benchmark's own name (e.g. {@code ckks_add/P8K}, {@code ntt_forward/8192/40})
 * @param unit    {@code us}, {@code ms}, {@code bytes}, {@code ops/s}, {@code percent}, ...
 * @param median  the reported value
 * @param spread  how the samples spread
 * @param params  parameters that identify the measurement (strings, numbers, booleans)
 * @param backend {@code he4j} (the project's engine) or {@code seal}
 * @param cpuPath the kernel path the native code used (e.g. {@code avx512ifma}), {@code n/a} when none
 * @param command the command that produced it
 */
public record Figure(String id, String suite, String name, String unit, double median, Spread spread,
                     Map<String, Object> params, String backend, String cpuPath, String command) {
    public Figure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(spread, "spread");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(cpuPath, "cpuPath");
        Objects.requireNonNull(command, "command");
        if (!Double.isFinite(median)) {
            throw new IllegalArgumentException("figure " + id + " has a non-finite median: " + median);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        Objects.requireNonNull(params, "params").forEach((k, v) -> p.put(k, normalize(k, v)));
        params = Collections.unmodifiableMap(p);
    }

    /** Parameters are strings, booleans, longs or doubles (what JSON gives back). */
    private static Object normalize(String key, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String || v instanceof Boolean) {
            return v;
        }
        throw new IllegalArgumentException("figure parameter " + key + " must be a string, number or boolean, got "
                + (v == null ? "null" : v.getClass().getSimpleName()));
    }

    /** The usual id: suite/name, with @backend appended for another HE backend (SEAL). */
    public static String idOf(String suite, String name, String backend) {
        return suite + "/" + name + (Backends.OWN.equals(backend) || Backends.NONE.equals(backend) ? "" : "@" + backend);
    }
}

package io.he4j.bench.nativebench;

import com.fasterxml.jackson.databind.JsonNode;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Stats;
import io.he4j.bench.targets.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Google Benchmark's JSON (--benchmark_format=json / --benchmark_out) into figures: one per benchmark,
 * the median over its repetitions of real (wall-clock) time per iteration, in µs; the repetitions give the
 * spread. Aggregate rows (mean/median/stddev/cv) are ignored: the statistics are recomputed from the runs.
 */
public final class GoogleBenchmarkJson {
    private GoogleBenchmarkJson() {
    }

    public static List<Figure> figures(JsonNode root, String suite, String backend, String command) {
        JsonNode context = root.path("context");
        String contextKernel = context.path("kernel").asText("n/a");
        Map<String, List<JsonNode>> runs = new LinkedHashMap<>();
        for (JsonNode b : root.path("benchmarks")) {
            if (!"iteration".equals(b.path("run_type").asText("iteration")) || b.has("error_occurred")
                    && b.path("error_occurred").asBoolean()) {
                continue;
            }
            String name = b.has("run_name") ? b.get("run_name").asText() : b.path("name").asText();
            runs.computeIfAbsent(name, k -> new ArrayList<>()).add(b);
        }
        List<Figure> out = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> e : runs.entrySet()) {
            List<JsonNode> reps = e.getValue();
            double[] real = new double[reps.size()];
            double[] cpu = new double[reps.size()];
            for (int i = 0; i < reps.size(); i++) {
                String unit = reps.get(i).path("time_unit").asText("ns");
                real[i] = Units.convert(reps.get(i).path("real_time").asDouble(), unit, "us");
                cpu[i] = Units.convert(reps.get(i).path("cpu_time").asDouble(), unit, "us");
            }
            JsonNode first = reps.get(0);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("time", "real_time per iteration");
            params.put("cpu_time_us_median", Stats.median(cpu));
            params.put("iterations", first.path("iterations").asLong());
            params.putAll(nameParams(e.getKey()));
            String label = first.path("label").asText("");
            out.add(new Figure(Figure.idOf(suite, e.getKey(), backend), suite, e.getKey(), "us", Stats.median(real),
                    Stats.spread(real), params, backend, label.isEmpty() ? contextKernel : label, command));
        }
        return out;
    }

    /**
     * Byte counters the CKKS benchmarks attach ({@code ciphertext_bytes} on ckks_encrypt_pk/_sk,
     * {@code public_key_bytes}, {@code relin_key_bytes}, {@code galois_key_bytes_per_step}) as exact figures
     * {@code sizes-native/<object>/<preset>}, named like the Java probe's {@code sizes/...}.
     */
    public static List<Figure> sizeCounters(JsonNode root, String backend, String command) {
        Map<String, Figure> out = new LinkedHashMap<>();
        for (JsonNode b : root.path("benchmarks")) {
            if (!"iteration".equals(b.path("run_type").asText("iteration"))) {
                continue;
            }
            String name = b.has("run_name") ? b.get("run_name").asText() : b.path("name").asText();
            Map<String, Object> np = nameParams(name);
            if (!np.containsKey("preset")) {
                continue;
            }
            String op = (String) np.get("op");
            String preset = (String) np.get("preset");
            for (Map.Entry<String, String> c : Map.of("ciphertext_bytes", op.equals("encrypt_sk") ? "ciphertext_sk_seeded"
                    : "ciphertext_pk", "public_key_bytes", "public_key", "relin_key_bytes", "relin_key",
                    "galois_key_bytes_per_step", "galois_key_1step").entrySet()) {
                JsonNode v = b.get(c.getKey());
                if (v == null || !v.isNumber() || c.getValue().startsWith("ciphertext")
                        && !op.startsWith("encrypt")) {
                    continue;
                }
                String fname = c.getValue() + "/" + preset;
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("preset", preset);
                params.put("object", c.getValue());
                params.put("counter", name + ":" + c.getKey());
                out.putIfAbsent(fname, new Figure(Figure.idOf("sizes-native", fname, backend), "sizes-native", fname,
                        "bytes", v.asDouble(), io.he4j.bench.model.Spread.exact(v.asDouble()), params, backend,
                        b.path("label").asText("").isEmpty() ? "n/a" : b.path("label").asText(), command));
            }
        }
        return new ArrayList<>(out.values());
    }

    /** ntt_forward/8192/40 -> {n: 8192, qbits: 40}; ckks_add/P8K -> {preset: P8K}. */
    static Map<String, Object> nameParams(String name) {
        Map<String, Object> p = new LinkedHashMap<>();
        String[] parts = name.split("/");
        if (parts[0].startsWith("ckks_") && parts.length == 2) {
            p.put("op", parts[0].substring(5));
            p.put("preset", parts[1]);
        } else if (parts.length == 3 && parts[1].matches("\\d+") && parts[2].matches("\\d+")) {
            p.put("op", parts[0]);
            p.put("n", Long.parseLong(parts[1]));
            p.put("qbits", Long.parseLong(parts[2]));
        }
        return p;
    }
}

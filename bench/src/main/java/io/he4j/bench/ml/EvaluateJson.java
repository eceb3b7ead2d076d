package io.he4j.bench.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the object {@code ./he4j evaluate --json} prints into figures {@code ml/<case>/<metric>}: accuracies
 * and label agreement in percent, {@code *_ms_p50} as {@code *_ms}, byte counts, throughputs ({@code ops/s})
 * and every other number as it is; the nested {@code single} object's numbers keep their names, the
 * {@code batch} object's get a {@code batch_} prefix (its predictions per second become {@code throughput}).
 */
public final class EvaluateJson {
    private EvaluateJson() {
    }

    public static List<Figure> figures(JsonNode root, MlCase c, String command) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dataset", c.dataset());
        params.put("model", c.model());
        params.put("mode", c.mode());
        JsonNode p = root.path("params");
        if (p.isObject()) {
            p.properties().forEach(e -> params.put("he_" + e.getKey(),
                    e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().isTextual()
                            ? e.getValue().asText() : e.getValue().toString()));
        }
        String cpuPath = root.path("cpu_path").asText("n/a");
        String backend = root.path("backend").asText(Backends.OWN);
        JsonNode single = root.path("single");
        if (single.isObject()) {
            single.properties().forEach(e -> {
                if (e.getKey().endsWith("_p90") || e.getKey().endsWith("_p99") || e.getKey().equals("queries_timed")) {
                    params.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText());
                }
            });
        }
        for (String count : new String[]{"test_rows", "batch_size"}) {
            JsonNode v = root.has(count) ? root.get(count) : root.path("batch").get(count);
            if (v != null && v.isNumber()) {
                params.put(count, v.asLong());
            }
        }
        int n = single.path("queries_timed").asInt(1);
        String cmd = command + (n > 1 ? " (p50 over " + n + " timed queries)" : "");
        List<Figure> out = new ArrayList<>();
        add(out, root, "", c, params, cpuPath, backend, cmd);
        if (single.isObject()) {
            add(out, single, "", c, params, cpuPath, backend, cmd);
        }
        JsonNode batch = root.path("batch");
        if (batch.isObject()) {
            add(out, batch, "batch_", c, params, cpuPath, backend, cmd);
        }
        return out;
    }

    private static void add(List<Figure> out, JsonNode node, String prefix, MlCase c, Map<String, Object> params,
                            String cpuPath, String backend, String command) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (!v.isNumber() || key.matches(".*_(min|max|p25|p75|p90|p99|mean)$") || key.equals("queries_timed")
                    || key.equals("test_rows") || key.equals("batch_size")) {
                continue;
            }
            double value = v.asDouble();
            if (!Double.isFinite(value)) {
                continue;
            }
            String metric = key;
            String unit = "value";
            if (key.startsWith("accuracy") || key.equals("label_agreement")) {
                unit = "percent";
                value = value <= 1.0 ? value * 100.0 : value;
            } else if (key.endsWith("_ms_p50")) {
                metric = key.substring(0, key.length() - 4);
                unit = "ms";
            } else if (key.contains("per_s") || key.contains("throughput")) {
                metric = "throughput";
                unit = "ops/s";
            } else if (key.endsWith("_ms") || key.contains("_ms_")) {
                unit = "ms";
            } else if (key.endsWith("_bytes")) {
                unit = "bytes";
            }
            if (!metric.equals("throughput") && !metric.startsWith(prefix)) {
                metric = prefix + metric;
            }
            String name = c.id() + "/" + metric;
            if (out.stream().anyMatch(f -> f.name().equals(name))) {
                continue;
            }
            Map<String, Object> fp = new LinkedHashMap<>(params);
            fp.put("json_key", (prefix.isEmpty() ? "" : prefix.replace("_", ".")) + key);
            out.add(new Figure("ml/" + name, "ml", name, unit, value, Spread.exact(value), fp,
                    key.startsWith("accuracy_plain") ? Backends.NONE : backend, cpuPath, command));
        }
    }
}

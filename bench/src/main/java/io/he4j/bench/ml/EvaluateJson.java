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
 * and label agreement in percent, {@code *_ms_p50} as {@code *_ms} (with min/p25/p75/max when printed),
 * byte counts, throughputs ({@code ops/s}) and every other number as it is.
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
        List<Figure> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (!v.isNumber() || key.matches(".*_(min|max|p25|p75|p90|p99|mean)$")) {
                continue;
            }
            double value = v.asDouble();
            if (!Double.isFinite(value)) {
                continue;
            }
            String metric = key;
            String unit = "value";
            Spread spread = Spread.exact(value);
            if (key.startsWith("accuracy") || key.equals("label_agreement")) {
                unit = "percent";
                value = value <= 1.0 ? value * 100.0 : value;
                spread = Spread.exact(value);
            } else if (key.endsWith("_ms_p50")) {
                String base = key.substring(0, key.length() - 4);
                metric = base;
                unit = "ms";
                spread = spreadOf(root, base, value);
            } else if (key.endsWith("_ms")) {
                unit = "ms";
            } else if (key.endsWith("_bytes")) {
                unit = "bytes";
            } else if (key.contains("per_s") || key.contains("throughput")) {
                metric = "throughput";
                unit = "ops/s";
            }
            String name = c.id() + "/" + metric;
            if (out.stream().anyMatch(f -> f.name().equals(name))) {
                continue;
            }
            Map<String, Object> fp = new LinkedHashMap<>(params);
            fp.put("json_key", key);
            out.add(new Figure("ml/" + name, "ml", name, unit, value, spread, fp,
                    key.startsWith("accuracy_plain") ? Backends.NONE : backend, cpuPath, command));
        }
        return out;
    }

    private static Spread spreadOf(JsonNode root, String base, double median) {
        JsonNode min = root.get(base + "_min");
        JsonNode max = root.get(base + "_max");
        if (min == null || max == null || !min.isNumber() || !max.isNumber()) {
            return Spread.exact(median);
        }
        double lo = Math.min(min.asDouble(), median);
        double hi = Math.max(max.asDouble(), median);
        double p25 = root.has(base + "_p25") ? root.get(base + "_p25").asDouble() : lo;
        double p75 = root.has(base + "_p75") ? root.get(base + "_p75").asDouble() : hi;
        int n = root.path("queries").asInt(root.path("n").asInt(2));
        return new Spread(lo, hi, Math.min(Math.max(p25, lo), median), Math.max(Math.min(p75, hi), median),
                Math.max(1, n));
    }
}

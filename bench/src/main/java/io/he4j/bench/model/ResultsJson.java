package io.he4j.bench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** results.json: writing and reading, field names as documented in docs/bench-results.md. */
public final class ResultsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static void write(Results r, Path file) {
        try {
            MAPPER.writeValue(file.toFile(), toJson(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static Results read(Path file) {
        try {
            return fromJson(MAPPER.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static ObjectNode toJson(Results r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", r.schemaVersion());
        root.put("created", r.created());
        root.put("git_commit", r.gitCommit());
        root.put("mode", r.mode());
        root.put("command", r.command());
        root.put("duration_s", r.durationSeconds());
        Machine m = r.machine();
        ObjectNode mj = root.putObject("machine");
        mj.put("cpu_model", m.cpuModel());
        mj.put("cores", m.cores());
        mj.put("memory_gib", m.memoryGib());
        mj.put("os", m.os());
        mj.put("jdk", m.jdk());
        mj.put("cpu_flags", m.cpuFlags());
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        ArrayNode suites = root.putArray("suites");
        for (SuiteRun s : r.suites()) {
            ObjectNode sj = suites.addObject();
            sj.put("suite", s.suite());
            sj.put("status", s.status().name());
            sj.put("detail", s.detail());
            sj.put("seconds", s.seconds());
            sj.put("command", s.command());
        }
        ArrayNode figures = root.putArray("figures");
        for (Figure f : r.figures()) {
            figures.add(toJson(f));
        }
        ArrayNode targets = root.putArray("targets");
        for (Target t : r.targets()) {
            ObjectNode tj = targets.addObject();
            tj.put("id", t.id());
            tj.put("description", t.description());
            tj.put("target", t.target());
            if (t.measured().isPresent()) {
                tj.put("measured", t.measured().getAsDouble());
            }
            tj.put("unit", t.unit());
            tj.put("comparison", t.comparison().symbol());
            tj.put("status", t.status().name());
            tj.put("source_issue", t.sourceIssue());
            tj.put("evidence", t.evidence());
        }
        return root;
    }

    public static ObjectNode toJson(Figure f) {
        ObjectNode fj = MAPPER.createObjectNode();
        fj.put("id", f.id());
        fj.put("suite", f.suite());
        fj.put("name", f.name());
        fj.put("unit", f.unit());
        fj.put("median", f.median());
        ObjectNode sp = fj.putObject("spread");
        sp.put("min", f.spread().min());
        sp.put("max", f.spread().max());
        sp.put("p25", f.spread().p25());
        sp.put("p75", f.spread().p75());
        sp.put("n", f.spread().n());
        fj.set("params", MAPPER.valueToTree(f.params()));
        fj.put("backend", f.backend());
        fj.put("cpu_path", f.cpuPath());
        fj.put("command", f.command());
        return fj;
    }

    public static Figure figureFromJson(JsonNode fj) {
        JsonNode sp = fj.path("spread");
        Map<String, Object> params = new LinkedHashMap<>();
        fj.path("params").properties().forEach(e -> params.put(e.getKey(), scalar(e.getValue())));
        return new Figure(text(fj, "id"), text(fj, "suite"), text(fj, "name"), text(fj, "unit"),
                fj.path("median").asDouble(),
                new Spread(sp.path("min").asDouble(), sp.path("max").asDouble(), sp.path("p25").asDouble(),
                        sp.path("p75").asDouble(), sp.path("n").asInt()),
                params, text(fj, "backend"), text(fj, "cpu_path"), text(fj, "command"));
    }

    public static Results fromJson(JsonNode root) {
        JsonNode mj = root.path("machine");
        Machine m = new Machine(text(mj, "cpu_model"), mj.path("cores").asInt(), mj.path("memory_gib").asDouble(),
                text(mj, "os"), text(mj, "jdk"), mj.path("cpu_flags").asText(""));
        List<String> notes = new ArrayList<>();
        root.path("notes").forEach(n -> notes.add(n.asText()));
        List<SuiteRun> suites = new ArrayList<>();
        for (JsonNode sj : root.path("suites")) {
            suites.add(new SuiteRun(text(sj, "suite"), SuiteRun.Status.valueOf(text(sj, "status")),
                    text(sj, "detail"), sj.path("seconds").asDouble(), text(sj, "command")));
        }
        List<Figure> figures = new ArrayList<>();
        for (JsonNode fj : root.path("figures")) {
            figures.add(figureFromJson(fj));
        }
        List<Target> targets = new ArrayList<>();
        for (JsonNode tj : root.path("targets")) {
            OptionalDouble measured = tj.has("measured") ? OptionalDouble.of(tj.get("measured").asDouble())
                    : OptionalDouble.empty();
            targets.add(new Target(text(tj, "id"), text(tj, "description"), tj.path("target").asDouble(), measured,
                    text(tj, "unit"), Comparison.ofSymbol(text(tj, "comparison")),
                    TargetStatus.valueOf(text(tj, "status")), text(tj, "source_issue"), text(tj, "evidence")));
        }
        return new Results(root.path("schema_version").asInt(), text(root, "created"), text(root, "git_commit"),
                text(root, "mode"), text(root, "command"), root.path("duration_s").asDouble(), m, notes, suites, figures,
                targets);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("results.json: missing field '" + field + "'");
        }
        return v.asText();
    }

    private static Object scalar(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        return v.asText();
    }
}

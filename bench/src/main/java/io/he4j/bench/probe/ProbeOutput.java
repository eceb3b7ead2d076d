package io.he4j.bench.probe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.ResultsJson;
import io.he4j.ckks.LibraryInfo;

import java.util.List;

/** What a probe JVM prints for {@link ProbeSuite}: the library it ran on and its figures, as one JSON object. */
public final class ProbeOutput {
    private ProbeOutput() {
    }

    public static void print(LibraryInfo info, List<Figure> figures) {
        ObjectNode out = ResultsJson.mapper().createObjectNode();
        ObjectNode lib = out.putObject("library");
        lib.put("version", info.version());
        lib.put("backend", info.backend());
        lib.put("cpu_path", info.cpuPath());
        lib.put("cpu_features", info.cpuFeatures());
        ArrayNode arr = out.putArray("figures");
        figures.forEach(f -> arr.add(ResultsJson.toJson(f)));
        System.out.println(out.toPrettyString());
    }
}

package io.he4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.he4j.bench.model.Results;
import io.he4j.bench.model.ResultsJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsSchemaTest {
    static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        Path p = Path.of(System.getProperty("he4j.bench.schema", "schema/results.schema.json"));
        JsonNode node = ResultsJson.mapper().readTree(Files.readString(p));
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
    }

    @Test
    void syntheticRunValidatesAgainstTheSchema(@TempDir Path dir) throws Exception {
        Results r = SyntheticRun.make();
        Path file = dir.resolve("results.json");
        ResultsJson.write(r, file);
        JsonNode json = ResultsJson.mapper().readTree(Files.readString(file));
        Set<ValidationMessage> errors = schema.validate(json);
        assertTrue(errors.isEmpty(), () -> "schema violations: " + errors);
        assertFalse(r.figures().isEmpty());
        assertFalse(r.targets().isEmpty());
    }

    @Test
    void roundTripKeepsEverything(@TempDir Path dir) {
        Results r = SyntheticRun.make();
        Path file = dir.resolve("results.json");
        ResultsJson.write(r, file);
        Results back = ResultsJson.read(file);
        assertEquals(r.figures(), back.figures());
        assertEquals(r.targets(), back.targets());
        assertEquals(r.suites(), back.suites());
        assertEquals(r.machine(), back.machine());
    }

    @Test
    void schemaRejectsAPassWithoutMeasuredValue() {
        ObjectNode json = ResultsJson.toJson(SyntheticRun.make());
        ObjectNode t = (ObjectNode) json.withArray("targets").get(0);
        t.put("status", "PASS");
        t.remove("measured");
        assertFalse(schema.validate(json).isEmpty());
    }

    @Test
    void schemaRejectsAFigureWithoutUnit() {
        ObjectNode json = ResultsJson.toJson(SyntheticRun.make());
        ((ObjectNode) json.withArray("figures").get(0)).remove("unit");
        assertFalse(schema.validate(json).isEmpty());
    }
}

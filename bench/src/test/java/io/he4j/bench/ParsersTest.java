package io.he4j.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.bench.ml.EvaluateJson;
import io.he4j.bench.ml.MlCase;
import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.ResultsJson;
import io.he4j.bench.model.Stats;
import io.he4j.bench.nativebench.GoogleBenchmarkJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParsersTest {
    @Test
    void googleBenchmarkRepetitionsBecomeMedianAndSpread() {
        ObjectNode doc = SyntheticRun.gbenchDocument();
        List<Figure> figs = GoogleBenchmarkJson.figures(doc, "native", Backends.OWN, "cmd");
        assertEquals(3, figs.size(), "aggregate rows must not become figures");
        Figure f = figs.stream().filter(x -> x.name().equals("ntt_forward/8192/40")).findFirst().orElseThrow();
        assertEquals("native/ntt_forward/8192/40", f.id());
        assertEquals(3, f.spread().n());
        double[] reps = new double[3];
        int i = 0;
        for (var b : doc.path("benchmarks")) {
            if (b.path("run_name").asText().equals("ntt_forward/8192/40") && b.path("run_type").asText().equals("iteration")) {
                reps[i++] = b.path("real_time").asDouble();
            }
        }
        assertEquals(Stats.median(reps), f.median(), 1e-9);
        assertEquals(8192L, f.params().get("n"));
        assertEquals("synthetic", f.cpuPath());
        Figure seal = GoogleBenchmarkJson.figures(doc, "native", Backends.SEAL, "cmd").get(2);
        assertEquals("native/ckks_add/P8K@seal", seal.id());
        assertEquals("P8K", seal.params().get("preset"));
    }

    @Test
    void evaluateJsonBecomesMlFigures() throws Exception {
        String json = "{\"dataset\":\"cleveland\",\"accuracy_plain\":0.85,\"accuracy_encrypted\":0.85,"
                + "\"label_agreement\":1.0,\"max_abs_score_diff\":1.5e-6,\"e2e_ms_p50\":0.21,\"server_ms_p50\":0.01,"
                + "\"single\":{\"e2e_ms_p90\":0.3,\"encrypt_ms_p50\":0.1,\"queries_timed\":200,\"query_bytes\":33000},"
                + "\"batch\":{\"batch_size\":4096,\"server_predictions_per_s\":1.2e6,\"upload_bytes\":90000},"
                + "\"params\":{\"N\":4096,\"security_bits\":128,\"primes\":[40,40]},\"accuracy_x\":null}";
        List<Figure> figs = EvaluateJson.figures(ResultsJson.mapper().readTree(json), MlCase.CLEVELAND_LR, "cmd");
        Figure acc = figs.stream().filter(f -> f.name().equals("cleveland_lr/accuracy_plain")).findFirst().orElseThrow();
        assertEquals(85.0, acc.median(), 1e-9);
        assertEquals("percent", acc.unit());
        assertEquals(Backends.NONE, acc.backend());
        Figure e2e = figs.stream().filter(f -> f.id().equals("ml/cleveland_lr/e2e_ms")).findFirst().orElseThrow();
        assertEquals("ms", e2e.unit());
        assertEquals(0.21, e2e.median(), 1e-12);
        assertEquals(4096L, e2e.params().get("he_N"));
        assertEquals(200L, e2e.params().get("queries_timed"));
        assertTrue(figs.stream().anyMatch(f -> f.id().equals("ml/cleveland_lr/query_bytes") && f.unit().equals("bytes")));
        assertTrue(figs.stream().anyMatch(f -> f.id().equals("ml/cleveland_lr/encrypt_ms") && f.unit().equals("ms")));
        assertTrue(figs.stream().anyMatch(f -> f.id().equals("ml/cleveland_lr/throughput") && f.unit().equals("ops/s")
                && f.median() == 1.2e6));
        assertTrue(figs.stream().anyMatch(f -> f.id().equals("ml/cleveland_lr/batch_upload_bytes")));
        assertTrue(figs.stream().noneMatch(f -> f.name().endsWith("_p90")));
    }

    @Test
    void percentilesInterpolate() {
        double[] s = {4, 1, 3, 2};
        assertEquals(2.5, Stats.median(s), 1e-12);
        assertEquals(1.75, Stats.percentile(s, 25), 1e-12);
        assertEquals(1, Stats.spread(s).min());
        assertEquals(4, Stats.spread(s).max());
    }
}

package io.he4j.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Stats;
import io.he4j.bench.nativebench.GoogleBenchmarkJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void percentilesInterpolate() {
        double[] s = {4, 1, 3, 2};
        assertEquals(2.5, Stats.median(s), 1e-12);
        assertEquals(1.75, Stats.percentile(s, 25), 1e-12);
        assertEquals(1, Stats.spread(s).min());
        assertEquals(4, Stats.spread(s).max());
    }
}

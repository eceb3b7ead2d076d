package io.he4j.bench.ml;

import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Figure;
import io.he4j.ml.eval.EvaluationReport;
import io.he4j.ml.eval.Latencies;
import io.he4j.ml.he.HeParams;
import io.he4j.ml.metrics.ClassificationMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlFiguresTest {
    private static final HeParams PARAMS = new HeParams("P4K", 4096, List.of(40, 40), List.of(50), 128);

    private static ClassificationMetrics accuracy(double a) {
        return new ClassificationMetrics(60, a, 0.8, 0.8, 0.8, 0.9, 0.4, new int[][]{{30, 5}, {4, 21}});
    }

    @Test
    void singleQueryReportBecomesFigures() {
        Latencies e2e = new Latencies(200, 0.21, 0.3, 0.5, 0.22);
        Latencies small = new Latencies(200, 0.01, 0.02, 0.03, 0.01);
        EvaluationReport r = new EvaluationReport("cleveland", "lr", "single", 76, Optional.of(accuracy(0.85)),
                Optional.of(accuracy(0.85)), Optional.empty(), Optional.empty(), 1.0, 1.5e-6, PARAMS, "coefficient",
                Optional.of(new EvaluationReport.SingleTimings(e2e, small, small, small, small, 33_000, 9_000)),
                Optional.empty());
        List<Figure> figs = MlFigures.of(r, MlCase.CLEVELAND_LR, Backends.OWN, "avx512ifma", "cmd");
        Figure acc = byId(figs, "ml/cleveland_lr/accuracy_plain");
        assertEquals(85.0, acc.median(), 1e-9);
        assertEquals("percent", acc.unit());
        assertEquals(Backends.NONE, acc.backend());
        Figure t = byId(figs, "ml/cleveland_lr/e2e_ms");
        assertEquals("ms", t.unit());
        assertEquals(0.21, t.median(), 1e-12);
        assertEquals(0.5, t.params().get("e2e_ms_p99"));
        assertEquals(4096L, t.params().get("he_N"));
        assertEquals(200L, t.params().get("queries_timed"));
        assertEquals("avx512ifma", t.cpuPath());
        assertEquals("bytes", byId(figs, "ml/cleveland_lr/query_bytes").unit());
        assertEquals(100.0, byId(figs, "ml/cleveland_lr/label_agreement").median(), 1e-9);
        assertTrue(figs.stream().noneMatch(f -> f.name().contains("throughput")));
    }

    @Test
    void batchReportGivesThroughputAndPrefixedFigures() {
        EvaluationReport r = new EvaluationReport("cleveland", "lr", "batch", 76, Optional.of(accuracy(0.85)),
                Optional.of(accuracy(0.84)), Optional.empty(), Optional.empty(), 0.99, 2e-6, PARAMS, "feature-major",
                Optional.empty(), Optional.of(new EvaluationReport.BatchTimings(2048, 3.0, 1.2e6, 2.5, 1.4e6, 9.0,
                        1.0, 90_000)));
        List<Figure> figs = MlFigures.of(r, MlCase.CLEVELAND_LR_BATCH, Backends.OWN, "avx512ifma", "cmd");
        Figure tp = byId(figs, "ml/cleveland_lr_batch/throughput");
        assertEquals("ops/s", tp.unit());
        assertEquals(1.2e6, tp.median());
        assertEquals(2048L, tp.params().get("batch_size"));
        assertEquals(90_000.0, byId(figs, "ml/cleveland_lr_batch/batch_upload_bytes").median());
        assertEquals(3.0, byId(figs, "ml/cleveland_lr_batch/server_ms").median());
        assertTrue(figs.stream().noneMatch(f -> f.name().endsWith("/e2e_ms")), "no single-query figures in batch mode");
    }

    @Test
    void caseIdsAreUniqueAndJmhCasesAreSingleQuery() {
        assertEquals(MlCase.all().size(), MlCase.all().stream().map(MlCase::id).distinct().count());
        for (MlCase c : MlCase.jmhSingle(false)) {
            assertTrue(!c.batch() && MlCase.all().contains(c), c.id());
        }
        for (MlCase c : MlCase.jmhBatch(false)) {
            assertTrue(MlCase.all().stream().anyMatch(b -> b.batch() && b.model().equals(c.id())), c.id());
        }
        assertEquals("lr", MlCase.CLEVELAND_LR.modelName());
        assertEquals("mlp 16 gelu", MlCase.DIGITS_MLP_BATCH.modelName());
    }

    private static Figure byId(List<Figure> figs, String id) {
        return figs.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(
                "no figure " + id + " in " + figs.stream().map(Figure::id).toList()));
    }
}

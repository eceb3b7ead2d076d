package io.he4j.bench;

import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Comparison;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.bench.model.Target;
import io.he4j.bench.model.TargetStatus;
import io.he4j.bench.targets.ComputedRule;
import io.he4j.bench.targets.FigureIndex;
import io.he4j.bench.targets.Measured;
import io.he4j.bench.targets.SealComparisonRule;
import io.he4j.bench.targets.TargetCatalog;
import io.he4j.bench.targets.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PASS / FAIL / NOT_MEASURED logic on figures given as inputs (no benchmark runs). */
class TargetLogicTest {
    static Figure fig(String suite, String name, String unit, double v, String backend) {
        return new Figure(Figure.idOf(suite, name, backend), suite, name, unit, v, Spread.exact(v), Map.of(), backend,
                "scalar", "test");
    }

    /** A paired java-overhead figure as CkksOverheadProbe writes it. */
    static Figure paired(String name, double apiUs, double bareUs, double overheadPercent) {
        return new Figure(Figure.idOf("java-overhead", name, Backends.OWN), "java-overhead", name, "percent",
                overheadPercent, Spread.exact(overheadPercent), Map.of("api_us", apiUs, "bare_downcall_us", bareUs,
                "ffm_transition_percent", 0.1), Backends.OWN, "scalar", "test");
    }

    static Target byId(List<Target> ts, String id) {
        return ts.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    @Test
    void comparisonsHoldExactlyWhenTheyShould() {
        assertTrue(Comparison.LE.holds(5, 5));
        assertFalse(Comparison.LT.holds(5, 5));
        assertTrue(Comparison.GE.holds(5, 5));
        assertFalse(Comparison.GT.holds(5, 5));
        assertTrue(Comparison.EQ.holds(0, 0));
        assertFalse(Comparison.EQ.holds(0.01, 0));
        assertEquals(Comparison.LE, Comparison.ofSymbol("<="));
        assertThrows(IllegalArgumentException.class, () -> Comparison.ofSymbol("~"));
    }

    @Test
    void verdictIsNotMeasuredWithoutAValue() {
        assertEquals(TargetStatus.NOT_MEASURED, Verdict.status(Optional.empty(), 1, Comparison.LE));
        assertEquals(TargetStatus.PASS, Verdict.status(Optional.of(new Measured(0.5, "x")), 1, Comparison.LE));
        assertEquals(TargetStatus.FAIL, Verdict.status(Optional.of(new Measured(1.5, "x")), 1, Comparison.LE));
        Target t = Verdict.target("a", "d", 1, "ms", Comparison.LE, "#0", Optional.empty(), "suite skipped");
        assertTrue(t.measured().isEmpty());
        assertEquals("suite skipped", t.evidence());
    }

    @Test
    void figureRuleConvertsUnitsAndPrefersTheFirstSource() {
        ComputedRule rule = ComputedRule.ofFigure("x", "d", 0.3, "ms", Comparison.LT, "#6",
                List.of("jmh-ml/a", "ml/a"));
        FigureIndex both = new FigureIndex(List.of(fig("jmh-ml", "a", "us", 250, Backends.OWN),
                fig("ml", "a", "ms", 9, Backends.OWN)));
        Target t = rule.evaluate(both);
        assertEquals(TargetStatus.PASS, t.status());
        assertEquals(0.25, t.measured().getAsDouble(), 1e-12);
        Target fallback = rule.evaluate(new FigureIndex(List.of(fig("ml", "a", "ms", 9, Backends.OWN))));
        assertEquals(TargetStatus.FAIL, fallback.status());
        assertEquals(TargetStatus.NOT_MEASURED, rule.evaluate(new FigureIndex(List.of())).status());
    }

    @Test
    void sealRuleUsesTheSideBySideMeasurementWhenPresent() {
        SealComparisonRule rule = new SealComparisonRule("ckks/x", "d", "native/ckks_add/P8K",
                java.util.List.of("native/ckks_add/P8K@seal"), 17.6, "us", "#4");
        Figure own = fig("native", "ckks_add/P8K", "us", 15, Backends.OWN);
        Target vsRef = rule.evaluate(new FigureIndex(List.of(own)));
        assertEquals(17.6, vsRef.target());
        assertEquals(TargetStatus.PASS, vsRef.status());
        Target vsSeal = rule.evaluate(new FigureIndex(List.of(own, fig("native", "ckks_add/P8K", "us", 12,
                Backends.SEAL))));
        assertEquals(12, vsSeal.target());
        assertEquals(TargetStatus.FAIL, vsSeal.status());
    }

    @Test
    void catalogListsEveryBarAndMarksMissingSuitesNotMeasured() {
        List<Target> none = TargetCatalog.evaluate(new FigureIndex(List.of()));
        assertTrue(none.stream().allMatch(t -> t.status() == TargetStatus.NOT_MEASURED));
        for (String id : List.of("mission/encrypted_prediction_ms", "mission/accuracy_loss_pp",
                "ring/ntt_forward/8192/40", "ring/ntt_inverse/16384/59", "ring/scalar_vs_simd_ratio",
                "ckks/ckks_multiply_relin/P16K", "java/overhead_percent", "ml/cleveland_lr/e2e_ms",
                "ml/cleveland_lr/server_ms", "ml/cleveland_lr/upload_bytes", "ml/lr_batch_throughput",
                "ml/cleveland_mlp/e2e_ms", "ml/digits_mlp/e2e_ms", "ml/digits_batch_throughput",
                "ml/digits_mlp/accuracy_equal")) {
            byId(none, id);
        }
        assertEquals(none.size(), none.stream().map(Target::id).distinct().count(), "target ids must be unique");
    }

    @Test
    void derivedTargetsComputeFromTheirFigures() {
        List<Figure> figs = new ArrayList<>();
        figs.add(fig("native", "ntt_forward/8192/40", "us", 10, Backends.OWN));
        figs.add(fig("native", "ntt_forward_scalar/8192/40", "us", 50, Backends.OWN));
        figs.add(fig("native", "ntt_inverse/16384/59", "us", 40, Backends.OWN));
        figs.add(fig("native", "ntt_inverse_scalar/16384/59", "us", 100, Backends.OWN));
        figs.add(paired("ckks_add/P8K", 20.2, 20, 1.0));
        figs.add(paired("ckks_multiply_relin/P8K", 1030, 1000, 3.0));
        figs.add(paired("ckks_decrypt/P8K", 9, 5, 80.0));
        figs.add(fig("native", "ckks_encode/P8K", "us", 100, Backends.OWN));        // cross-process: not judged
        figs.add(fig("jmh-ckks", "ckks_encode/P8K", "us", 150, Backends.OWN));
        figs.add(fig("ml", "cleveland_lr/accuracy_plain", "percent", 85.0, Backends.NONE));
        figs.add(fig("ml", "cleveland_lr/accuracy_encrypted", "percent", 85.0, Backends.OWN));
        figs.add(fig("ml", "digits_mlp/accuracy_plain", "percent", 97.0, Backends.NONE));
        figs.add(fig("ml", "digits_mlp/accuracy_encrypted", "percent", 96.5, Backends.OWN));
        List<Target> ts = TargetCatalog.evaluate(new FigureIndex(figs));

        Target ratio = byId(ts, "ring/scalar_vs_simd_ratio");
        assertEquals(2.5, ratio.measured().getAsDouble(), 1e-12);   // the smaller of 5x and 2.5x
        assertEquals(TargetStatus.FAIL, ratio.status());
        Target overhead = byId(ts, "java/overhead_percent");
        assertEquals(3.0, overhead.measured().getAsDouble(), 1e-9);  // decrypt (bare 5 us) is below 10 us: not judged
        assertEquals(TargetStatus.FAIL, overhead.status());
        assertEquals(TargetStatus.PASS, byId(ts, "ml/cleveland_lr/accuracy_equal").status());
        Target digits = byId(ts, "ml/digits_mlp/accuracy_equal");
        assertEquals(TargetStatus.FAIL, digits.status());
        assertEquals(0.5, digits.measured().getAsDouble(), 1e-9);
        Target loss = byId(ts, "mission/accuracy_loss_pp");
        assertEquals(0.5, loss.measured().getAsDouble(), 1e-9);
        assertEquals(TargetStatus.PASS, loss.status());
        assertEquals(TargetStatus.NOT_MEASURED, byId(ts, "ckks/size/relin_key/P8K_vs_seal").status());
    }

    @Test
    void aTargetCannotClaimAValueItDidNotMeasure() {
        assertThrows(IllegalArgumentException.class, () -> new Target("a", "d", 1, java.util.OptionalDouble.empty(),
                "ms", Comparison.LE, TargetStatus.PASS, "#0", "e"));
        assertThrows(IllegalArgumentException.class, () -> new Target("a", "d", 1, java.util.OptionalDouble.of(1),
                "ms", Comparison.LE, TargetStatus.NOT_MEASURED, "#0", "e"));
    }
}

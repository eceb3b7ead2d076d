package io.he4j.bench.targets;

import io.he4j.bench.jmh.CkksOp;
import io.he4j.bench.ml.MlCase;
import io.he4j.bench.model.Comparison;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every bar the report lists: the mission's two, and those of issues 3 (ring), 4 (CKKS), 5 (Java API) and 6
 * (ML). Reference values that are not measured in the run (HEXL NTT, SEAL+HEXL when the SEAL backend is not
 * built) are quoted from the issues, which measured them on this machine.
 */
public final class TargetCatalog {
    /** Issue 3: HEXL 1.2.5 forward NTT, single thread, this machine (µs). */
    static final double HEXL_NTT_8192_Q48 = 16.5;
    static final double HEXL_NTT_16384_Q48 = 46.0;
    static final double HEXL_NTT_16384_Q59 = 85.6;

    private TargetCatalog() {
    }

    public static List<TargetRule> rules() {
        List<TargetRule> r = new ArrayList<>();
        mission(r);
        ring(r);
        ckks(r);
        javaApi(r);
        ml(r);
        federated(r);
        spark(r);
        return r;
    }

    public static List<Target> evaluate(FigureIndex figures) {
        return rules().stream().map(rule -> rule.evaluate(figures)).toList();
    }

    private static void mission(List<TargetRule> r) {
        r.add(ComputedRule.ofFigure("mission/encrypted_prediction_ms",
                "One encrypted prediction (Cleveland LR, encrypt + server + decrypt), published systems ~5 ms",
                5.0, "ms", Comparison.LE, "mission",
                List.of("jmh-ml/cleveland_lr/single_e2e", MlCase.CLEVELAND_LR.figureId("e2e_ms"))));
        r.add(new ComputedRule("mission/accuracy_loss_pp",
                "Accuracy loss of encrypted vs plaintext inference, worst dataset (percentage points)", 3.0, "pp",
                Comparison.LE, "mission", TargetCatalog::worstAccuracyLoss,
                "no ML evaluation (ml/<case>/accuracy_plain + accuracy_encrypted) in this run"));
    }

    private static void ring(List<TargetRule> r) {
        record Ntt(int n, int bits, double hexl, String q) {
        }
        for (Ntt c : List.of(new Ntt(8192, 40, HEXL_NTT_8192_Q48, "q<2^48"),
                new Ntt(16384, 40, HEXL_NTT_16384_Q48, "q<2^48"), new Ntt(16384, 59, HEXL_NTT_16384_Q59, "q~2^59"))) {
            for (String dir : List.of("forward", "inverse")) {
                String name = "ntt_" + dir + "/" + c.n() + "/" + c.bits();
                r.add(ComputedRule.ofFigure("ring/" + name,
                        dir + " NTT N=" + c.n() + " " + c.q() + " (" + c.bits() + "-bit prime) <= HEXL 1.2.5 forward "
                                + "NTT reference from issue 3 (HEXL not run here)",
                        c.hexl(), "us", Comparison.LE, "#3", List.of("native/" + name)));
            }
        }
        r.add(new ComputedRule("ring/scalar_vs_simd_ratio",
                "Scalar NTT at least 3x slower than the SIMD path (smallest ratio over N=8192/16384, 40/59-bit, "
                        + "forward/inverse)", 3.0, "x", Comparison.GE, "#3", TargetCatalog::smallestScalarRatio,
                "no pair native/ntt_<dir>/<N>/<bits> + native/ntt_<dir>_scalar/<N>/<bits> in this run"));
    }

    private static void ckks(List<TargetRule> r) {
        for (String preset : CkksOp.PRESETS) {
            for (CkksOp op : CkksOp.values()) {
                if (op.sealReferenceUs(preset).isEmpty()) {
                    continue;
                }
                String name = op.benchName(preset);
                r.add(new SealComparisonRule("ckks/" + name, op.nativeName() + " at " + preset
                        + " <= SEAL 4.4.3 + HEXL 1.2.5", "native/" + name, List.of("native/" + name + "@seal"),
                        op.sealReferenceUs(preset).getAsDouble(), "us", "#4"));
            }
        }
        record Size(String kind, String preset, double sealBytes) {
        }
        for (Size s : List.of(new Size("ciphertext_pk", "P8K", 393_329), new Size("ciphertext_sk_seeded", "P8K", 196_802),
                new Size("ciphertext_pk", "P16K", 1_048_689), new Size("ciphertext_sk_seeded", "P16K", 524_482))) {
            String name = s.kind() + "/" + s.preset();
            r.add(new SealComparisonRule("ckks/size/" + name, "fresh " + s.kind().replace('_', ' ') + " bytes at "
                    + s.preset() + " <= SEAL's", "sizes/" + name, List.of("sizes/" + name + "@seal",
                    "sizes-native/" + name + "@seal"), s.sealBytes(), "bytes",
                    "#4"));
        }
        for (String preset : CkksOp.PRESETS) {
            for (String key : List.of("public_key", "relin_key", "galois_key_1step")) {
                String name = key + "/" + preset;
                String own = "sizes/" + name;
                List<String> seal = List.of(own + "@seal", "sizes-native/" + name + "@seal");
                r.add(new ComputedRule("ckks/size/" + name + "_vs_seal", key.replace('_', ' ') + " bytes at " + preset
                        + " / SEAL's (issue 4 records no SEAL key size: measured only with the SEAL backend)", 1.0,
                        "x", Comparison.LE, "#4", idx -> ratio(idx, own, seal),
                        "needs " + own + " and " + seal.get(0) + " (SEAL backend) in this run"));
            }
        }
    }

    static Optional<Measured> ratio(FigureIndex idx, String numerator, List<String> denominators) {
        Optional<Figure> a = idx.find(numerator);
        Optional<Figure> b = idx.first(denominators);
        if (a.isEmpty() || b.isEmpty() || b.get().median() == 0) {
            return Optional.empty();
        }
        double v = a.get().median() / Units.convert(b.get().median(), b.get().unit(), a.get().unit());
        return Optional.of(new Measured(v, numerator + " / " + b.get().id()));
    }

    private static void javaApi(List<TargetRule> r) {
        r.add(new ComputedRule("java/overhead_percent",
                "Java API overhead, worst CKKS op above 10 us: API call vs bare FFM downcall of the same C ABI "
                        + "function on the same objects, alternated call by call in one process", 2.0,
                "percent", Comparison.LT, "#5", JavaOverhead::worst,
                "needs java-overhead/ckks_<op>/<preset> (CkksOverheadProbe) in this run"));
    }

    private static void ml(List<TargetRule> r) {
        r.add(ComputedRule.ofFigure("ml/cleveland_lr/e2e_ms", "Cleveland LR single query end to end (one thread)",
                0.3, "ms", Comparison.LT, "#6",
                List.of("jmh-ml/cleveland_lr/single_e2e", MlCase.CLEVELAND_LR.figureId("e2e_ms"))));
        r.add(ComputedRule.ofFigure("ml/cleveland_lr/server_ms", "Cleveland LR single query, server part (bytes in to bytes out, "
                        + "deserialization included; compute alone: figure ml/cleveland_lr/server_compute_ms)", 0.05, "ms",
                Comparison.LT, "#6",
                List.of("jmh-ml/cleveland_lr/single_server", MlCase.CLEVELAND_LR.figureId("server_ms"))));
        r.add(ComputedRule.ofFigure("ml/cleveland_lr/upload_bytes", "Cleveland LR single query upload (40 KB)",
                40_000, "bytes", Comparison.LE, "#6",
                List.of(MlCase.CLEVELAND_LR.figureId("query_bytes"))));
        r.add(ComputedRule.ofFigure("ml/lr_batch_throughput", "LR batch mode, predictions per second (server side)",
                500_000, "ops/s", Comparison.GE, "#6",
                List.of("jmh-ml/cleveland_lr/batch_throughput", MlCase.CLEVELAND_LR_BATCH.figureId("throughput"))));
        r.add(ComputedRule.ofFigure("ml/cleveland_mlp/e2e_ms", "Heart-disease MLP single query end to end", 5.0, "ms",
                Comparison.LT, "#6",
                List.of("jmh-ml/cleveland_mlp/single_e2e", MlCase.CLEVELAND_MLP.figureId("e2e_ms"))));
        r.add(ComputedRule.ofFigure("ml/digits_mlp/e2e_ms", "Digits MLP single query end to end", 20.0, "ms",
                Comparison.LT, "#6", List.of("jmh-ml/digits_mlp/single_e2e", MlCase.DIGITS_MLP.figureId("e2e_ms"))));
        r.add(ComputedRule.ofFigure("ml/digits_batch_throughput", "Digits MLP batch mode, images per second", 5_000,
                "ops/s", Comparison.GE, "#6",
                List.of("jmh-ml/digits_mlp/batch_throughput", MlCase.DIGITS_MLP_BATCH.figureId("throughput"))));
        for (MlCase c : MlCase.all()) {
            r.add(new ComputedRule("ml/" + c.id() + "/accuracy_equal",
                    "Encrypted accuracy == plaintext accuracy, " + c.dataset() + ", " + c.model() + " (" + c.mode()
                            + "): |difference| in percentage points", 0.0, "pp", Comparison.EQ, "#6",
                    idx -> accuracyGap(idx, c).map(g -> new Measured(Math.abs(g), "figures " + c.figureId(
                            "accuracy_plain") + ", " + c.figureId("accuracy_encrypted"))),
                    "no " + c.figureId("accuracy_plain") + " / accuracy_encrypted in this run"));
        }
    }

    private static void federated(List<TargetRule> r) {
        r.add(ComputedRule.ofFigure("federated/threshold_round_bytes_vs_float32", "Threshold mode, 100,000 parameters "
                        + "(100 institutions): one institution's upload per round (update + decryption shares) / float32",
                4.0, "ratio", Comparison.LE, "#18", List.of("federated/threshold/round_upload_100k/bytes_vs_float32")));
        r.add(ComputedRule.ofFigure("federated/threshold4_round_bytes_vs_float32", "Threshold mode, 100,000 parameters "
                        + "(4 institutions): one institution's upload per round (update + decryption shares) / float32",
                4.0, "ratio", Comparison.LE, "#18",
                List.of("federated/threshold4/round_upload_100k/bytes_vs_float32")));
        r.add(ComputedRule.ofFigure("federated/shared_update_bytes_vs_float32", "Shared-key mode, 100,000 parameters: "
                        + "one institution's upload per round / float32", 2.0, "ratio", Comparison.LE, "#18",
                List.of("federated/update_100k/bytes_vs_float32")));
        r.add(ComputedRule.ofFigure("federated/aggregate_100x100k_ms", "Threshold mode: summing 100 institutions' "
                        + "100,000-parameter updates on the coordinator", 1000, "ms", Comparison.LT, "#18",
                List.of("federated/threshold/aggregate_100x100k/time")));
    }

    /**
     * Issue 20: Spark's overhead per core, against the same job on one machine without Spark (the same stored
     * records read from Parquet, scored, the results written to Parquet: bench/.../spark/ParquetJob), and the
     * scaling from one task slot to two. The in-memory batch path (no storage at all) is reported beside them as a
     * figure, not a bar: reading a stored batch costs about as much as scoring it (docs/spark.md, Performance).
     */
    private static void spark(List<TargetRule> r) {
        for (String c : List.of("cleveland_lr", "digits_mlp")) {
            r.add(ComputedRule.ofFigure("spark/" + c + "/per_core_vs_single_machine_job", "Spark job on one core ("
                            + "local[1]) / the same job on one machine without Spark, " + c + " (Spark overhead at most "
                            + "20 %)", 0.8, "ratio", Comparison.GE, "#20",
                    List.of("spark/" + c + "/spark_local1_vs_parquet_job")));
            r.add(ComputedRule.ofFigure("spark/" + c + "/local2_vs_local1", "Spark job local[2] / local[1], " + c,
                    1.7, "ratio", Comparison.GE, "#20", List.of("spark/" + c + "/spark_local2_vs_local1")));
        }
    }

    /** plain - encrypted accuracy in percentage points, when both are measured. */
    static Optional<Double> accuracyGap(FigureIndex idx, MlCase c) {
        Optional<Double> plain = idx.median(c.figureId("accuracy_plain"), "percent");
        Optional<Double> enc = idx.median(c.figureId("accuracy_encrypted"), "percent");
        if (plain.isEmpty() || enc.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(plain.get() - enc.get());
    }

    static Optional<Measured> worstAccuracyLoss(FigureIndex idx) {
        Optional<Measured> worst = Optional.empty();
        for (MlCase c : MlCase.all()) {
            Optional<Double> gap = accuracyGap(idx, c);
            if (gap.isPresent() && (worst.isEmpty() || gap.get() > worst.get().value())) {
                worst = Optional.of(new Measured(gap.get(), "worst case: " + c.id()));
            }
        }
        return worst;
    }

    static Optional<Measured> smallestScalarRatio(FigureIndex idx) {
        Optional<Measured> best = Optional.empty();
        for (String dir : List.of("forward", "inverse")) {
            for (int n : new int[]{8192, 16384}) {
                for (int bits : new int[]{40, 59}) {
                    String simd = "native/ntt_" + dir + "/" + n + "/" + bits;
                    String scalar = "native/ntt_" + dir + "_scalar/" + n + "/" + bits;
                    Optional<Double> a = idx.median(simd, "us");
                    Optional<Double> b = idx.median(scalar, "us");
                    if (a.isPresent() && b.isPresent()) {
                        double ratio = b.get() / a.get();
                        if (best.isEmpty() || ratio < best.get().value()) {
                            best = Optional.of(new Measured(ratio, scalar + " / " + simd));
                        }
                    }
                }
            }
        }
        return best;
    }
}

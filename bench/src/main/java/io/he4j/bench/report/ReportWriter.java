package io.he4j.bench.report;

import io.he4j.bench.jmh.CkksOp;
import io.he4j.bench.jmh.JitWarmup;
import io.he4j.bench.ml.MlCase;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Results;
import io.he4j.bench.model.SuiteRun;
import io.he4j.bench.model.Target;
import io.he4j.bench.model.TargetStatus;
import io.he4j.bench.targets.FigureIndex;
import io.he4j.bench.targets.JavaOverhead;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * REPORT.md and its PNG plots from a run's {@link Results}. Every section is always present; one whose suite
 * did not run says so (and its plot says "not measured"), so a reader sees what is missing, never a guess.
 */
public final class ReportWriter {
    /** The plots, in report order (file names inside the run's directory). */
    public static final List<String> PLOTS = List.of("latency_by_batch.png", "accuracy_by_dataset.png",
            "encrypted_vs_plaintext_speed.png", "own_vs_seal.png", "sizes.png", "ntt.png");
    /** The section titles, in order (tests check they are all there). */
    public static final List<String> SECTIONS = List.of("## Targets", "## Machine and run", "## Suites",
            "## Ring layer: NTT", "## CKKS operations: own engine vs SEAL, Java vs native",
            "## Serialized sizes and memory", "## Encrypted ML inference", "## How to reproduce",
            "## All figures");

    private final Results r;
    private final FigureIndex idx;
    private final Path dir;
    private final Map<String, Integer> commandIds = new LinkedHashMap<>();

    private ReportWriter(Results r, Path dir) {
        this.r = r;
        this.idx = new FigureIndex(r.figures());
        this.dir = dir;
        for (Figure f : r.figures()) {
            commandIds.putIfAbsent(f.command(), commandIds.size() + 1);
        }
    }

    /** Writes REPORT.md and the PNGs into {@code dir}; returns the report's path. */
    public static Path write(Results r, Path dir) {
        ReportWriter w = new ReportWriter(r, dir);
        Path md = dir.resolve("REPORT.md");
        try {
            Files.createDirectories(dir);
            Files.writeString(md, w.render());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + md, e);
        }
        return md;
    }

    private String render() {
        StringBuilder b = new StringBuilder();
        b.append("# he4j benchmark report\n\n");
        b.append("Run of `").append(r.command()).append("` (").append(r.mode()).append(" mode) started ")
                .append(r.created()).append(" on commit `").append(r.gitCommit()).append("`, ")
                .append(r.machine().cpuModel()).append(", ").append(r.machine().cores()).append(" cores; took ")
                .append(Md.num(r.durationSeconds())).append(" s. Raw outputs: `raw/`; machine-readable: `results.json`.\n\n");
        for (String n : r.notes()) {
            b.append("> **Note:** ").append(n).append("\n\n");
        }
        targets(b);
        machine(b);
        suites(b);
        ring(b);
        ckks(b);
        sizes(b);
        ml(b);
        reproduce(b);
        allFigures(b);
        return b.toString();
    }

    private void targets(StringBuilder b) {
        long pass = r.targets().stream().filter(t -> t.status() == TargetStatus.PASS).count();
        long fail = r.targets().stream().filter(t -> t.status() == TargetStatus.FAIL).count();
        long nm = r.targets().stream().filter(t -> t.status() == TargetStatus.NOT_MEASURED).count();
        b.append("## Targets\n\n").append(pass).append(" PASS, ").append(fail).append(" FAIL, ").append(nm)
                .append(" NOT_MEASURED (a target whose suite did not run is NOT_MEASURED, never estimated).\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Target t : r.targets()) {
            rows.add(List.of(t.id(), t.description(), t.comparison().symbol() + " " + Md.num(t.target()) + " " + t.unit(),
                    t.measured().isPresent() ? Md.num(t.measured().getAsDouble()) + " " + t.unit() : "—",
                    "**" + t.status() + "**", t.sourceIssue(), t.evidence()));
        }
        b.append(Md.table(List.of("target", "what", "bar", "measured", "status", "source", "evidence"), rows))
                .append('\n');
    }

    private void machine(StringBuilder b) {
        b.append("## Machine and run\n\n");
        b.append(Md.table(List.of("field", "value"), List.of(
                List.of("CPU", r.machine().cpuModel()),
                List.of("cores", Integer.toString(r.machine().cores())),
                List.of("memory", Md.num(r.machine().memoryGib()) + " GiB"),
                List.of("CPU flags (AVX-512)", r.machine().cpuFlags()),
                List.of("OS", r.machine().os()),
                List.of("JDK", r.machine().jdk()),
                List.of("git commit", r.gitCommit()),
                List.of("command", "`" + r.command() + "`"),
                List.of("mode", r.mode()),
                List.of("started (UTC)", r.created()),
                List.of("duration", Md.num(r.durationSeconds()) + " s")))).append('\n');
    }

    private void suites(StringBuilder b) {
        b.append("## Suites\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (SuiteRun s : r.suites()) {
            rows.add(List.of(s.suite(), s.status().name(), Md.num(s.seconds()) + " s", s.detail(), "`" + s.command() + "`"));
        }
        b.append(Md.table(List.of("suite", "status", "time", "detail", "command"), rows)).append('\n');
    }

    private void ring(StringBuilder b) {
        b.append("## Ring layer: NTT\n\n");
        b.append("Google Benchmark (`he4j_native_bench`), single thread, real time per transform; the kernel is the "
                + "one dispatch chose. HEXL 1.2.5 column: issue 3's measurement on this machine (forward NTT; HEXL "
                + "is not run here).\n\n");
        Map<String, Double> hexl = Map.of("8192/40", 16.5, "16384/40", 46.0, "16384/59", 85.6);
        List<List<String>> rows = new ArrayList<>();
        Map<String, Double> simd = new LinkedHashMap<>();
        Map<String, Double> scalar = new LinkedHashMap<>();
        Map<String, Double> ref = new LinkedHashMap<>();
        for (String dir : List.of("forward", "inverse")) {
            for (int n : new int[]{4096, 8192, 16384, 32768}) {
                for (int bits : new int[]{40, 50, 59}) {
                    String key = n + "/" + bits;
                    Optional<Figure> s = idx.find("native/ntt_" + dir + "/" + key);
                    if (s.isEmpty()) {
                        continue;
                    }
                    Optional<Figure> sc = idx.find("native/ntt_" + dir + "_scalar/" + key);
                    String cat = dir.substring(0, 3) + " " + key;
                    simd.put(cat, s.get().median());
                    sc.ifPresent(f -> scalar.put(cat, f.median()));
                    if (hexl.containsKey(key)) {
                        ref.put(cat, hexl.get(key));
                    }
                    rows.add(List.of("ntt_" + dir + "/" + key, s.get().cpuPath(), Md.num(s.get().median()),
                            spread(s.get()), sc.map(f -> Md.num(f.median())).orElse("—"),
                            sc.map(f -> Md.num(f.median() / s.get().median()) + "x").orElse("—"),
                            hexl.containsKey(key) ? Md.num(hexl.get(key)) : "—"));
                }
            }
        }
        if (rows.isEmpty()) {
            b.append("_Not measured in this run (see Suites)._\n\n");
        } else {
            b.append(Md.table(List.of("benchmark (N/qbits)", "kernel", "median µs", "spread µs", "scalar µs",
                    "scalar/SIMD", "HEXL ref µs"), rows)).append('\n');
        }
        List<String> cats = new ArrayList<>(simd.keySet());
        List<Plots.Series> series = new ArrayList<>(List.of(new Plots.Series("he4j SIMD", simd),
                new Plots.Series("he4j scalar", scalar)));
        Plots.bars(dir.resolve("ntt.png"), "NTT latency (single thread)", "µs (log)", cats, series, true);
        b.append("![NTT](ntt.png)\n\n");
    }

    private void ckks(StringBuilder b) {
        b.append("## CKKS operations: own engine vs SEAL, Java vs native\n\n");
        b.append("Native columns: Google Benchmark `ckks_<op>/<preset>` (he4j_native_bench and, when built, "
                + "he4j_seal_bench), real time. Java column: JMH (`CkksPrimitivesBench`, average time per op, "
                + "median over iterations) doing the same operation through the Java API. \"Java vs native\" = "
                + "(Java − native) / native compares two processes and carries this machine's run-to-run noise: "
                + "reference only; the judged overhead is the paired measurement in the next section. "
                + "SEAL ref: issue 4's table (SEAL 4.4.3 + HEXL 1.2.5, this machine), used when the SEAL backend "
                + "is not measured in the run.\n\n");
        List<List<String>> rows = new ArrayList<>();
        Map<String, Double> own = new LinkedHashMap<>();
        Map<String, Double> sealMeasured = new LinkedHashMap<>();
        Map<String, Double> sealRef = new LinkedHashMap<>();
        for (String preset : CkksOp.PRESETS) {
            for (CkksOp op : CkksOp.values()) {
                String name = op.benchName(preset);
                Optional<Figure> nat = idx.find("native/" + name);
                Optional<Figure> seal = idx.find("native/" + name + "@seal");
                Optional<Figure> java = idx.find("jmh-ckks/" + name);
                Optional<Figure> javaSeal = idx.find("jmh-ckks/" + name + "@seal");
                if (nat.isEmpty() && seal.isEmpty() && java.isEmpty()) {
                    continue;
                }
                nat.ifPresent(f -> own.put(name, f.median()));
                seal.ifPresent(f -> sealMeasured.put(name, f.median()));
                op.sealReferenceUs(preset).ifPresent(v -> sealRef.put(name, v));
                String overhead = nat.isPresent() && java.isPresent()
                        ? Md.pct((java.get().median() - nat.get().median()) / nat.get().median() * 100) : "—";
                rows.add(List.of(name, nat.map(f -> Md.num(f.median()) + " (" + f.cpuPath() + ")").orElse("—"),
                        seal.map(f -> Md.num(f.median())).orElse("—"),
                        op.sealReferenceUs(preset).isPresent() ? Md.num(op.sealReferenceUs(preset).getAsDouble()) : "—",
                        java.map(f -> Md.num(f.median()) + " ± " + Md.num((f.spread().max() - f.spread().min()) / 2))
                                .orElse("—"), overhead, javaSeal.map(f -> Md.num(f.median())).orElse("—")));
            }
        }
        if (rows.isEmpty()) {
            b.append("_Not measured in this run (see Suites)._\n\n");
        } else {
            b.append(Md.table(List.of("op/preset", "he4j native µs", "SEAL native µs (this run)", "SEAL+HEXL ref µs",
                    "he4j via Java µs", "Java vs native (cross-process)", "SEAL via Java µs"), rows)).append('\n');
        }
        List<Plots.Series> series = new ArrayList<>();
        series.add(new Plots.Series("he4j (native)", own));
        if (!sealMeasured.isEmpty()) {
            series.add(new Plots.Series("SEAL backend (this run)", sealMeasured));
        } else {
            series.add(new Plots.Series("SEAL+HEXL (issue 4 reference)", sealRef));
        }
        Plots.bars(dir.resolve("own_vs_seal.png"), "CKKS ops: he4j vs SEAL" + (sealMeasured.isEmpty()
                ? " (reference values)" : ""), "µs (log)", new ArrayList<>(own.keySet()), series, true);
        b.append("![own vs SEAL](own_vs_seal.png)\n\n");
        javaOverhead(b);
    }

    private void javaOverhead(StringBuilder b) {
        b.append("### Java API overhead, paired in one process\n\n");
        b.append("`CkksOverheadProbe`, one JVM: each op through the public Java API (all checks) and as a bare FFM "
                + "downcall of the same C ABI function (same method handle, same native objects), one call each, "
                + "back to back, alternating order, thread CPU time, after " + JitWarmup.CALLS + " calls of each "
                + "path on a small ring have JIT-compiled its Java code (`JitWarmup`). Overhead = (API − bare) / bare per pair: the "
                + "mean of the medians of API-first and bare-first pairs, [p25, p75] over all pairs; judged for "
                + "ops above " + JavaOverhead.MIN_NATIVE_US + " µs. FFM transition = an empty downcall "
                + "(`he4j_abi_version`) / the op's bare time.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (JavaOverhead.Paired p : JavaOverhead.paired(idx)) {
            Figure f = idx.find("java-overhead/" + p.op().benchName(p.preset())).orElseThrow();
            rows.add(List.of(p.op().benchName(p.preset()), Md.num(p.apiUs()), Md.num(p.bareUs()),
                    pct2(p.overheadPercent()) + " [" + pct2(f.spread().p25()) + ", " + pct2(f.spread().p75()) + "]",
                    String.format(java.util.Locale.ROOT, "%.3f%%", p.ffmTransitionPercent()),
                    p.judged() ? "yes" : "no (< " + JavaOverhead.MIN_NATIVE_US + " µs)"));
        }
        if (rows.isEmpty()) {
            b.append("_Not measured in this run (see Suites)._\n\n");
            return;
        }
        b.append(Md.table(List.of("op/preset", "API µs", "bare downcall µs", "overhead [p25, p75]",
                "FFM transition", "judged"), rows)).append('\n');
    }

    private static String pct2(double v) {
        return String.format(java.util.Locale.ROOT, "%+.2f%%", v);
    }

    private void sizes(StringBuilder b) {
        b.append("## Serialized sizes and memory\n\n");
        b.append("Exact byte counts of `toBytes()` (fresh objects; seeded forms where the API produces them) and "
                + "C-heap growth per live session (glibc mallinfo2), measured in a fresh JVM per backend.\n\n");
        List<List<String>> rows = new ArrayList<>();
        Map<String, Double> own = new LinkedHashMap<>();
        Map<String, Double> seal = new LinkedHashMap<>();
        for (Figure f : r.figures()) {
            if (!f.suite().equals("sizes") && !f.suite().equals("memory") && !f.suite().equals("sizes-native")) {
                continue;
            }
            rows.add(List.of(f.name(), f.backend(), f.suite().equals("sizes-native") ? "native bench counter"
                    : f.suite().equals("memory") ? "Java probe (C heap)" : "Java probe (toBytes)",
                    Md.num(f.median()) + " " + f.unit(), f.spread().n() > 1 ? spread(f) : "exact"));
            if (f.backend().equals("seal") && !f.suite().equals("memory")) {
                seal.putIfAbsent(f.name(), f.median() / 1024.0);
            } else if (f.suite().equals("sizes")) {
                own.put(f.name(), f.median() / 1024.0);
            }
        }
        if (rows.isEmpty()) {
            b.append("_Not measured in this run (see Suites)._\n\n");
        } else {
            b.append(Md.table(List.of("object/preset", "backend", "source", "value", "spread"), rows)).append('\n');
        }
        List<Plots.Series> series = new ArrayList<>(List.of(new Plots.Series("he4j", own)));
        if (!seal.isEmpty()) {
            series.add(new Plots.Series("SEAL backend", seal));
        }
        Plots.bars(dir.resolve("sizes.png"), "Serialized sizes", "KiB (log)", new ArrayList<>(own.keySet()), series,
                true);
        b.append("![sizes](sizes.png)\n\n");
    }

    private void ml(StringBuilder b) {
        b.append("## Encrypted ML inference\n\n");
        b.append("Each case trains on a seeded split and evaluates the same model in plaintext and encrypted on the "
                + "test split (the ML module's evaluation, run in the bench JVM); JMH ML figures (`jmh-ml/...`) when "
                + "present.\n\n");
        List<List<String>> rows = new ArrayList<>();
        Map<String, Double> plain = new LinkedHashMap<>();
        Map<String, Double> enc = new LinkedHashMap<>();
        Map<String, Double> encMs = new LinkedHashMap<>();
        Map<String, Double> plainMs = new LinkedHashMap<>();
        for (MlCase c : MlCase.all()) {
            Optional<Figure> ap = idx.find(c.figureId("accuracy_plain"));
            Optional<Figure> ae = idx.find(c.figureId("accuracy_encrypted"));
            if (ap.isEmpty() && ae.isEmpty()) {
                continue;
            }
            ap.ifPresent(f -> plain.put(c.id(), f.median()));
            ae.ifPresent(f -> enc.put(c.id(), f.median()));
            idx.find(c.figureId("e2e_ms")).ifPresent(f -> encMs.put(c.id(), f.median()));
            idx.find(c.figureId("plain_ms")).ifPresent(f -> plainMs.put(c.id(), f.median()));
            rows.add(List.of(c.id(), c.dataset(), c.modelName() + "/" + c.mode(), fmt(ap), fmt(ae),
                    fmt(idx.find(c.figureId("label_agreement"))), fmt(idx.find(c.figureId("max_abs_score_diff"))),
                    fmt(idx.find(c.figureId("e2e_ms"))), fmt(idx.find(c.figureId("server_ms"))),
                    fmt(idx.find(c.figureId("throughput")))));
        }
        if (rows.isEmpty()) {
            b.append("_Not measured in this run (see Suites)._\n\n");
        } else {
            b.append(Md.table(List.of("case", "dataset", "model/mode", "accuracy plain %", "accuracy encrypted %",
                    "label agreement %", "max |Δscore|", "e2e ms (p50)", "server ms (p50)", "throughput /s"), rows))
                    .append('\n');
        }
        Plots.bars(dir.resolve("accuracy_by_dataset.png"), "Accuracy: plaintext vs encrypted", "accuracy %",
                new ArrayList<>(plain.keySet()), List.of(new Plots.Series("plaintext", plain),
                        new Plots.Series("encrypted", enc)), false);
        b.append("![accuracy](accuracy_by_dataset.png)\n\n");
        Map<String, Double> jmhPlain = new LinkedHashMap<>();
        Map<String, Double> jmhEnc = new LinkedHashMap<>();
        List<Plots.Line> batchLines = new ArrayList<>();
        Map<String, List<double[]>> batch = new LinkedHashMap<>();
        List<List<String>> jmhRows = new ArrayList<>();
        for (Figure f : r.figures()) {
            if (!f.suite().equals("jmh-ml")) {
                continue;
            }
            jmhRows.add(List.of(f.name(), Md.num(f.median()) + " " + f.unit(), spread(f)));
            java.util.regex.Matcher mb = java.util.regex.Pattern.compile("^(\\w+)/batch_(\\w+)/(\\d+)$").matcher(f.name());
            java.util.regex.Matcher ms = java.util.regex.Pattern.compile("^(\\w+)/single_(plaintext|e2e)$").matcher(f.name());
            if (mb.matches() && !mb.group(2).equals("throughput")) {
                batch.computeIfAbsent(mb.group(1) + " " + mb.group(2), k -> new ArrayList<>())
                        .add(new double[]{Double.parseDouble(mb.group(3)), f.median()});
            } else if (ms.matches()) {
                (ms.group(2).equals("plaintext") ? jmhPlain : jmhEnc).put(ms.group(1), f.median());
            }
        }
        if (!jmhRows.isEmpty()) {
            b.append("JMH (`MlSingleQueryBench`, `MlBatchBench`; sample time: median call per query or per batch, "
                    + "spread over all timed calls, one thread; batch throughput = batch size / server time per "
                    + "batch):\n\n");
            b.append(Md.table(List.of("figure", "median", "spread"), jmhRows)).append('\n');
        }
        batch.forEach((name, pts) -> {
            pts.sort((x, y) -> Double.compare(x[0], y[0]));
            batchLines.add(new Plots.Line(name, pts.stream().map(p -> p[0]).toList(),
                    pts.stream().map(p -> p[1]).toList()));
        });
        Plots.lines(dir.resolve("latency_by_batch.png"), "Latency by batch size (per batch)", "batch size",
                "µs per batch (log)", batchLines, true, true);
        b.append("![latency by batch](latency_by_batch.png)\n\n");
        Map<String, Double> speedPlain = jmhPlain.isEmpty() ? plainMs : jmhPlain;
        Map<String, Double> speedEnc = jmhPlain.isEmpty() ? encMs : jmhEnc;
        String unit = jmhPlain.isEmpty() ? "ms (log)" : "µs (log)";
        Plots.bars(dir.resolve("encrypted_vs_plaintext_speed.png"), "Single query: plaintext vs encrypted", unit,
                new ArrayList<>(speedEnc.keySet()), List.of(new Plots.Series("plaintext", speedPlain),
                        new Plots.Series("encrypted (end to end)", speedEnc)), true);
        b.append("![encrypted vs plaintext speed](encrypted_vs_plaintext_speed.png)\n\n");
    }

    private void reproduce(StringBuilder b) {
        b.append("## How to reproduce\n\n");
        b.append("```\n./he4j bench --quick      # < 2 min: P8K, short JMH runs, headline ML cases\n"
                + "./he4j bench              # full: both presets, SEAL side by side when built, all datasets\n"
                + "./he4j bench --out DIR    # somewhere else than bench/results/<timestamp>\n```\n\n");
        b.append("The native suites come from build/bench-native (Release, `-DHE4J_BUILD_BENCH=ON`; with "
                + "`CMAKE_PREFIX_PATH` pointing at SEAL 4.4.3 + HEXL the SEAL backend is built and measured side by "
                + "side). Datasets are read from `../shared/data`. Commands behind the figures:\n\n");
        List<List<String>> rows = new ArrayList<>();
        commandIds.forEach((cmd, id) -> rows.add(List.of("c" + id, "`" + cmd + "`",
                Long.toString(r.figures().stream().filter(f -> f.command().equals(cmd)).count()))));
        b.append(Md.table(List.of("ref", "command", "figures"), rows)).append('\n');
    }

    private void allFigures(StringBuilder b) {
        b.append("## All figures\n\n");
        b.append("Median and spread (min–max over n samples: repetitions, iterations or queries); `cmd` refers to "
                + "the table above; machine: see Machine and run.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Figure f : r.figures()) {
            rows.add(List.of(f.id(), Md.num(f.median()), f.unit(), spread(f), Integer.toString(f.spread().n()),
                    f.backend(), f.cpuPath(), "c" + commandIds.get(f.command())));
        }
        b.append(Md.table(List.of("figure", "median", "unit", "spread", "n", "backend", "cpu path", "cmd"), rows));
    }

    private static String spread(Figure f) {
        return Md.num(f.spread().min()) + "–" + Md.num(f.spread().max());
    }

    private static String fmt(Optional<Figure> f) {
        return f.map(x -> Md.num(x.median())).orElse("—");
    }
}

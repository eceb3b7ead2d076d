package io.he4j.bench;

import io.he4j.bench.fl.FederatedSuite;
import io.he4j.bench.privacy.PrivacySuite;
import io.he4j.bench.spark.SparkSuite;
import io.he4j.bench.load.ServiceLoadSuite;
import io.he4j.bench.records.RecordsSuite;

import io.he4j.bench.jmh.CkksOverheadSuite;
import io.he4j.bench.jmh.JmhSuite;
import io.he4j.bench.jmh.MlJmhSuite;
import io.he4j.bench.ml.MlSuite;
import io.he4j.bench.model.Backends;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Machine;
import io.he4j.bench.model.Results;
import io.he4j.bench.model.ResultsJson;
import io.he4j.bench.model.SuiteRun;
import io.he4j.bench.model.Target;
import io.he4j.bench.model.TargetStatus;
import io.he4j.bench.nativebench.NativeSuite;
import io.he4j.bench.probe.ProbeSuite;
import io.he4j.bench.report.LatestWriter;
import io.he4j.bench.report.ReportWriter;
import io.he4j.bench.targets.FigureIndex;
import io.he4j.bench.targets.TargetCatalog;
import io.he4j.ckks.He4j;
import io.he4j.ckks.LibraryInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./he4j bench [--quick] [--out DIR]}: runs the native Google Benchmark suites (own engine, and SEAL
 * side by side when built), the JMH suites through Java (and a SEAL fork when the jar carries the SEAL
 * library), the size/memory probe and the ML evaluations; then evaluates every target and writes
 * results.json, REPORT.md and the plots into bench/results/&lt;timestamp&gt;/.
 */
public final class BenchRunner {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private BenchRunner() {
    }

    /** Runs everything; returns the output directory. */
    public static Path run(BenchOptions options, PrintStream log) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path root = RepoRoot.find(Path.of("")).orElseThrow(() -> new IllegalStateException(
                "cannot find the he4j repository (a directory with pom.xml and the he4j launcher) from "
                        + Path.of("").toAbsolutePath() + "; run ./he4j bench from inside the repository"));
        Path out = options.out().map(Path::toAbsolutePath)
                .orElse(root.resolve("bench").resolve("results").resolve(STAMP.format(start)));
        createDirectories(out);
        BenchContext ctx = new BenchContext(options.quick(), root, out, RepoRoot.dataDir(root), log);
        ctx.progress("he4j bench (" + (options.quick() ? "quick" : "full") + ") -> " + out);
        String commit = GitInfo.commit(root, ctx.rawDir());

        List<SuiteResult> suites = new ArrayList<>();
        if (options.runs("native")) {
            suites.addAll(NativeSuite.runAll(ctx, options.buildNative()));
        }
        Optional<LibraryInfo> lib = library(ctx);
        String noLib = "the he4j native library does not load in this JVM (see the message above)";
        if (options.runs("jmh-ckks")) {
            if (lib.isEmpty()) {
                suites.add(SuiteResult.skipped("jmh-ckks@he4j", noLib));
            } else {
                suites.add(JmhSuite.ckks(ctx, Backends.OWN, lib.get().cpuPath(), List.of()));
                suites.add(CkksOverheadSuite.run(ctx, Backends.OWN));
                Optional<List<String>> seal = sealJvmArgs(root, lib.get());
                if (options.quick()) {
                    suites.add(SuiteResult.skipped("jmh-ckks@seal", "quick mode: SEAL is compared natively; "
                            + "the full run also times it through Java"));
                } else if (seal.isPresent()) {
                    suites.add(JmhSuite.ckks(ctx, Backends.SEAL, "seal", seal.get()));
                } else {
                    suites.add(SuiteResult.skipped("jmh-ckks@seal", noSeal(lib.get())));
                }
            }
        }
        if (options.runs("sizes")) {
            if (lib.isEmpty()) {
                suites.add(SuiteResult.skipped("sizes+memory@he4j", noLib));
            } else {
                suites.add(ProbeSuite.run(ctx, Backends.OWN, List.of()));
                Optional<List<String>> seal = sealJvmArgs(root, lib.get());
                if (seal.isPresent()) {
                    suites.add(ProbeSuite.run(ctx, Backends.SEAL, seal.get()));
                } else {
                    suites.add(SuiteResult.skipped("sizes+memory@seal", noSeal(lib.get())));
                }
            }
        }
        if (options.runs("ml")) {
            suites.add(lib.isEmpty() ? SuiteResult.failed("ml", noLib, 0, "n/a") : MlSuite.run(ctx, lib.get()));
        }
        if (options.runs("service")) {
            suites.add(lib.isEmpty() ? SuiteResult.failed(ServiceLoadSuite.SUITE, noLib, 0, "n/a")
                    : ServiceLoadSuite.run(ctx));
        }
        if (options.runs("records")) {
            suites.add(lib.isEmpty() ? SuiteResult.failed(RecordsSuite.SUITE, noLib, 0, "n/a") : RecordsSuite.run(ctx));
        }
        if (options.runs("federated")) {
            suites.add(lib.isEmpty() ? SuiteResult.failed(FederatedSuite.SUITE, noLib, 0, "n/a")
                    : FederatedSuite.run(ctx));
        }
        if (options.runs("privacy")) {
            suites.add(lib.isEmpty() ? SuiteResult.failed(PrivacySuite.SUITE, noLib, 0, "n/a") : PrivacySuite.run(ctx));
        }
        if (options.runs("spark")) {
            suites.add(lib.isEmpty() ? SuiteResult.failed(SparkSuite.SUITE, noLib, 0, "n/a") : SparkSuite.run(ctx));
        }
        if (options.runs("jmh-ml")) {
            suites.add(lib.isEmpty() ? SuiteResult.failed("jmh-ml", noLib, 0, "n/a") : MlJmhSuite.run(ctx, lib.get().cpuPath()));
        }

        double seconds = (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000.0;
        List<String> notes = new ArrayList<>(options.notes());
        notes.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, possibly shared with other "
                + "work; run-to-run spread on such a machine is 5-30% (issue 4), so compare figures side by side "
                + "within one run rather than across runs.");
        if (!options.only().isEmpty()) {
            notes.add("Partial run: only " + String.join(", ", new java.util.TreeSet<>(options.only()))
                    + "; targets of the other suites are NOT_MEASURED here.");
        }
        if (options.quick()) {
            notes.add("Quick mode: few repetitions and short JMH iterations, P8K only for CKKS (5 of the 13 "
                    + "operations through Java), Cleveland LR only for ML; the full run (./he4j bench) is the one "
                    + "to quote.");
        }
        Results results = assemble(start, commit, options.quick() ? "quick" : "full", options.command(), seconds,
                MachineInfo.detect(), notes, suites);
        Path json = out.resolve("results.json");
        ResultsJson.write(results, json);
        Path report = ReportWriter.write(results, out);
        Path resultsDir = root.resolve("bench").resolve("results");
        // only a complete run (not quick, not --only) speaks for the whole project
        if (!options.quick() && options.only().isEmpty() && out.getParent() != null
                && out.getParent().equals(resultsDir)) {
            LatestWriter.write(results, resultsDir, out);
        }
        summary(results, json, report, log);
        return out;
    }

    /** Collects the suites' figures, evaluates every target and builds the results. */
    public static Results assemble(Instant start, String commit, String mode, String command, double seconds,
                                   Machine machine, List<String> notes, List<SuiteResult> suites) {
        List<Figure> figures = new ArrayList<>();
        List<SuiteRun> runs = new ArrayList<>();
        for (SuiteResult s : suites) {
            runs.add(s.run());
            for (Figure f : s.figures()) {
                if (figures.stream().noneMatch(g -> g.id().equals(f.id()))) {
                    figures.add(f);
                }
            }
        }
        List<Target> targets = TargetCatalog.evaluate(new FigureIndex(figures));
        return new Results(Results.SCHEMA_VERSION, DateTimeFormatter.ISO_INSTANT.format(start), commit, mode, command,
                seconds, machine, notes, runs, figures, targets);
    }

    private static Optional<LibraryInfo> library(BenchContext ctx) {
        try {
            LibraryInfo info = He4j.info();
            ctx.progress("library " + info.version() + ", backend " + info.backend() + ", cpu path " + info.cpuPath());
            return Optional.of(info);
        } catch (RuntimeException | LinkageError e) {
            ctx.progress("cannot load the he4j library: " + e.getMessage());
            return Optional.empty();
        }
    }

    static String sealResource(LibraryInfo info) {
        return "META-INF/native/linux-x86_64/libhe4j_seal-" + info.version() + ".so";
    }

    static boolean sealInJar(LibraryInfo info) {
        return ClassLoader.getSystemClassLoader().getResource(sealResource(info)) != null
                || He4j.class.getClassLoader().getResource(sealResource(info)) != null;
    }

    /**
     * How a forked JVM gets the SEAL backend: from the jar when it carries it, else the library the native
     * build made (build/bench-native, build/native or build/seal), loaded with he4j.native.path.
     */
    static Optional<List<String>> sealJvmArgs(Path root, LibraryInfo info) {
        if (sealInJar(info)) {
            return Optional.of(List.of());
        }
        String file = "libhe4j_seal-" + info.version() + ".so";
        for (String dir : List.of("build/bench-native/lib", "build/native/lib", "build/seal/lib")) {
            Path p = root.resolve(dir).resolve(file);
            if (Files.isRegularFile(p)) {
                return Optional.of(List.of("-Dhe4j.native.path=" + p));
            }
        }
        return Optional.empty();
    }

    private static String noSeal(LibraryInfo info) {
        return "no SEAL backend library (neither " + sealResource(info) + " in the jar nor libhe4j_seal-"
                + info.version() + ".so in build/bench-native/lib): SEAL >= 4.1 must be found by CMake";
    }

    private static void summary(Results r, Path json, Path report, PrintStream log) {
        long pass = r.targets().stream().filter(t -> t.status() == TargetStatus.PASS).count();
        long fail = r.targets().stream().filter(t -> t.status() == TargetStatus.FAIL).count();
        long nm = r.targets().stream().filter(t -> t.status() == TargetStatus.NOT_MEASURED).count();
        log.printf("[bench] done in %.0f s: %d figures; targets %d PASS, %d FAIL, %d NOT_MEASURED%n",
                r.durationSeconds(), r.figures().size(), pass, fail, nm);
        for (SuiteRun s : r.suites()) {
            log.printf("[bench]   %-20s %-7s %6.1f s  %s%n", s.suite(), s.status(), s.seconds(), s.detail());
        }
        log.println("[bench] " + json);
        log.println("[bench] " + report);
    }

    private static void createDirectories(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p, e);
        }
    }
}

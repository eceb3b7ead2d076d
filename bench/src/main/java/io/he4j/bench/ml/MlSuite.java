package io.he4j.bench.ml;

import io.he4j.bench.BenchContext;
import io.he4j.bench.SuiteResult;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.SuiteRun;
import io.he4j.ckks.LibraryInfo;
import io.he4j.ml.data.Split;
import io.he4j.ml.eval.EvaluationReport;
import io.he4j.ml.model.TrainedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plaintext vs encrypted evaluation per {@link MlCase}, in this JVM: train on the case's split, evaluate on its
 * test split (the ML module's evaluation, which times every query), and keep the report's numbers as figures
 * and as one table ({@code ml-inference.md} in the run directory).
 */
public final class MlSuite {
    static final String SUITE = "ml";

    private MlSuite() {
    }

    /** Fails (rather than skips) without ../shared/data: the ML figures are part of every run. */
    public static SuiteResult run(BenchContext ctx, LibraryInfo lib) {
        if (ctx.dataDir().isEmpty()) {
            return SuiteResult.failed(SUITE, "no ../shared/data beside the repository (see its README for the files)",
                    0, "n/a");
        }
        Path data = ctx.dataDir().get();
        int queries = ctx.quick() ? 100 : 300;
        String command = "MlSuite: per case, seed " + MlCase.SEED + ", " + (int) (MlCase.TEST_FRACTION * 100)
                + "% test split, " + queries + " timed queries (single) or 5 timed batches, p50 (via ./he4j bench"
                + (ctx.quick() ? " --quick" : "") + ")";
        List<Figure> figures = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long t0 = System.nanoTime();
        List<MlCase> cases = ctx.quick() ? MlCase.quick() : MlCase.all();
        MlTable table = new MlTable(command);
        for (MlCase c : cases) {
            ctx.progress("ml " + c.id() + ": " + c.dataset() + ", " + c.modelName() + ", " + c.mode());
            try {
                Split s = c.split(data);
                TrainedModel m = c.train(s);
                EvaluationReport r = HeProtocols.evaluate(m, s.test(), c.batch(), queries);
                figures.addAll(MlFigures.of(r, c, lib.backend(), lib.cpuPath(), command));
                table.add(c, r);
            } catch (RuntimeException e) {
                problems.add(c.id() + ": " + e.getMessage());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path tableFile = ctx.outDir().resolve("ml-inference.md");
        try {
            Files.writeString(tableFile, table.markdown());
        } catch (IOException e) {
            problems.add("cannot write " + tableFile + ": " + e.getMessage());
        }
        String detail = figures.size() + " figures from " + cases.size() + " cases (table: ml-inference.md)"
                + (problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems));
        SuiteRun.Status status = problems.isEmpty() ? SuiteRun.Status.RAN : SuiteRun.Status.FAILED;
        return new SuiteResult(new SuiteRun(SUITE, status, detail, seconds, command), figures);
    }

}

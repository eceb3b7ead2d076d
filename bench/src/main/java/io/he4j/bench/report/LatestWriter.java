package io.he4j.bench.report;

import io.he4j.bench.model.Results;
import io.he4j.bench.model.Target;
import io.he4j.bench.model.TargetStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bench/results/LATEST.md: the headline of the newest full run written under bench/results (what the README's
 * performance section points to), with a link to its full report and to the side-by-side results. Quick runs
 * do not replace it: they are for checking, not for quoting.
 */
public final class LatestWriter {
    private LatestWriter() {
    }

    public static Path write(Results r, Path resultsDir, Path runDir) {
        Path file = resultsDir.resolve("LATEST.md");
        String rel = resultsDir.relativize(runDir).toString().replace('\\', '/');
        StringBuilder b = new StringBuilder();
        b.append("# Latest benchmark run\n\n");
        b.append("[`").append(rel).append("/REPORT.md`](").append(rel).append("/REPORT.md) — `").append(r.command())
                .append("` (").append(r.mode()).append(") on ").append(r.created()).append(", commit `")
                .append(r.gitCommit()).append("`, ").append(r.machine().cpuModel()).append(", ")
                .append(r.machine().cores()).append(" cores.\n\n");
        for (String n : r.notes()) {
            b.append("> ").append(n).append("\n\n");
        }
        long pass = r.targets().stream().filter(t -> t.status() == TargetStatus.PASS).count();
        long fail = r.targets().stream().filter(t -> t.status() == TargetStatus.FAIL).count();
        long nm = r.targets().stream().filter(t -> t.status() == TargetStatus.NOT_MEASURED).count();
        b.append("Targets: ").append(pass).append(" PASS, ").append(fail).append(" FAIL, ").append(nm)
                .append(" NOT_MEASURED. Headline:\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Target t : r.targets()) {
            if (t.sourceIssue().equals("mission") || t.id().startsWith("ml/cleveland_lr/")
                    || t.id().equals("java/overhead_percent") || t.id().equals("ring/scalar_vs_simd_ratio")
                    || t.id().endsWith("_throughput") || t.id().endsWith("mlp/e2e_ms")) {
                rows.add(List.of(t.id(), t.comparison().symbol() + " " + Md.num(t.target()) + " " + t.unit(),
                        t.measured().isPresent() ? Md.num(t.measured().getAsDouble()) + " " + t.unit() : "—",
                        t.status().name()));
            }
        }
        b.append(Md.table(List.of("target", "bar", "measured", "status"), rows)).append('\n');
        b.append("Reproduce: `./he4j bench --quick` (< 2 min) or `./he4j bench` (full); see docs/bench-results.md.\n\n");
        b.append("Side by side in one process, against the peer libraries themselves (harnesses and how to build them: ")
                .append("[`../sidebyside/`](../sidebyside/README.md)):\n\n")
                .append("- [`ckks-seal-sidebyside.txt`](ckks-seal-sidebyside.txt): the CKKS operations vs SEAL + HEXL\n")
                .append("- [`ring-hexl-sidebyside.txt`](ring-hexl-sidebyside.txt): the NTT vs HEXL\n\n")
                .append("Earlier runs are in the git history of this directory.\n");
        try {
            Files.writeString(file, b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}

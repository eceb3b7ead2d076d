package io.he4j.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The benchmarks' entry point: {@code ./he4j bench} (the CLI mounts this command) or, without the CLI,
 * {@code java --enable-native-access=ALL-UNNAMED -cp cli/target/he4j-cli.jar io.he4j.bench.BenchMain}.
 * Writes results.json + REPORT.md (see docs/bench-results.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure he4j against its targets and peers: native suites (own engine, SEAL side by side "
                + "when built), JMH through Java, sizes and memory, encrypted ML per dataset.",
                "Writes bench/results/<timestamp>/results.json, REPORT.md and PNG plots."})
public final class BenchMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Short run (< 2 minutes): P8K, few repetitions, headline ML cases.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: bench/results/<timestamp>).")
    Path out;

    @Option(names = "--no-native-build", description = "Do not (re)build build/bench-native; use what is built.")
    boolean noNativeBuild;

    @Option(names = "--note", paramLabel = "TEXT", description = "A caveat printed at the top of the report (repeatable).")
    List<String> notes = new ArrayList<>();

    @Option(names = "--only", paramLabel = "GROUP", split = ",",
            description = "Run only these suite groups: " + BenchOptions.GROUP_NAMES + " (default: all).")
    Set<String> only = new LinkedHashSet<>();

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("bench: " + ex.getMessage());
            return 1;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public void run() {
        Path dir = BenchRunner.run(new BenchOptions(quick, Optional.ofNullable(out), !noNativeBuild, notes, command(),
                only), System.err);
        System.out.println(dir.resolve("REPORT.md"));
    }

    /** The command line as typed, for results.json: {@code ./he4j bench ...} under the CLI. */
    private String command() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        boolean underCli = spec.parent() != null;
        String line = String.join(" ", args);
        return underCli ? "./he4j " + line : "java -cp he4j-cli.jar " + getClass().getName() + " " + line;
    }
}

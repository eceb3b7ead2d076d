package io.he4j.cli;

import io.he4j.bench.BenchMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** ./he4j: the command line of he4j. Each subcommand lives in its own class. */
@Command(name = "he4j", mixinStandardHelpOptions = true, version = "he4j 0.1.0",
        description = "Homomorphic encryption (CKKS) for Java: encrypted machine-learning inference.",
        subcommands = {InfoCommand.class, DemoCommand.class, TrainCommand.class, PredictCommand.class,
                EvaluateCommand.class, BenchMain.class, FlCommand.class,
                ServeCommand.class, AppCommand.class, TenantCommand.class, AuditCommand.class, RecordsCommand.class,
                StudyCommand.class,
                PaillierCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("he4j " + cmd.getCommandName() + ": " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

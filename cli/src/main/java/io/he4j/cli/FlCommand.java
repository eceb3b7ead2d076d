package io.he4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** ./he4j fl: federated learning with encrypted aggregation. */
@Command(name = "fl", mixinStandardHelpOptions = true,
        description = "Federated learning with encrypted aggregation.",
        subcommands = {FlSimulateCommand.class, CommandLine.HelpCommand.class})
final class FlCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

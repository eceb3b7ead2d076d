package io.he4j.spark;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./he4j spark}: the Spark jobs from the command line, in local mode for development (the launcher puts
 * Spark's jars and its JVM flags, {@code spark/jvm.options}, in place). On a cluster, {@code spark-submit} runs
 * the same commands from the assembly jar (docs/spark.md).
 */
@Command(name = "he4j spark", mixinStandardHelpOptions = true, version = "he4j 0.1.0",
        description = "Encrypted batch scoring and federated aggregation as Apache Spark jobs.",
        subcommands = {ExportCommand.class, ScoreCommand.class, AggregateCommand.class, CommandLine.HelpCommand.class})
public final class SparkMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

package io.he4j.spark;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

import java.util.Optional;

/** The session options every job command shares: local mode by default, the cluster's under spark-submit. */
final class SparkOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] (the default when not run by spark-submit).")
    Optional<String> master;

    SparkSession session(String appName) {
        boolean submitted = System.getProperty("spark.master") != null;
        if (submitted && master.isEmpty()) {
            return SparkSession.builder().appName(appName).getOrCreate();
        }
        return LocalSpark.start(master.orElse("local[" + Runtime.getRuntime().availableProcessors() + "]"), appName);
    }
}

package io.he4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * A Spark session in local mode for development and tests: driver bound to loopback, no web UI, shuffle
 * partitions matched to the cores, local files' permissions set without spawning {@code chmod}
 * ({@link NioLocalFileSystem}). On a cluster, spark-submit builds the session instead.
 */
public final class LocalSpark {
    private LocalSpark() {
    }

    /** @param master e.g. {@code local[2]}, or {@code local[2,3]} to let a failed task run up to 3 times */
    public static SparkSession start(String master, String appName) {
        return SparkSession.builder()
                .master(master)
                .appName(appName)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(Runtime.getRuntime().availableProcessors()))
                .config("spark.hadoop." + NioLocalFileSystem.SETTING, NioLocalFileSystem.class.getName())
                .getOrCreate();
    }
}

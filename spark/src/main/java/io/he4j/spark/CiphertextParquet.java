package io.he4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes tables of ciphertexts to Parquet without compression or dictionary encoding: ciphertext bytes are
 * uniformly random, so both only cost CPU (snappy, Spark's default, made writes slower and files no smaller).
 */
public final class CiphertextParquet {
    private CiphertextParquet() {
    }

    public static void write(Dataset<Row> table, String path) {
        table.write().option("compression", "none").option("parquet.enable.dictionary", "false").parquet(path);
    }
}

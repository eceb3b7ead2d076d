package io.he4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Tables of ciphertexts in Parquet. Written without compression or dictionary encoding: ciphertext bytes are
 * uniformly random, so both only cost CPU (snappy, Spark's default, made writes slower and files no smaller).
 * The scoring job reads such tables with {@link ParquetRecords} (parquet-mr in the tasks, one copy of a query);
 * {@link #read} is Spark's own source, for other uses, in a small vectorized batch: a stored record is large (a
 * Cleveland LR batch is 1.7 MB), and Spark's default batch of 4096 rows grows one on-heap column vector, by
 * repeated copying, to hold a whole partition file.
 */
public final class CiphertextParquet {
    /** Rows per vectorized Parquet batch when reading ciphertexts (Spark's default: 4096). */
    public static final int READ_BATCH_ROWS = 8;
    private static final String READ_BATCH_CONF = "spark.sql.parquet.columnarReaderBatchSize";

    private CiphertextParquet() {
    }

    /**
     * Row groups of about this many bytes. parquet-mr reads a row group into memory whole, and writes one from
     * memory: Parquet's default (128 MB, about 75 Cleveland LR batches) is per task slot on both sides.
     */
    public static final int ROW_GROUP_BYTES = 32 << 20;

    public static void write(Dataset<Row> table, String path) {
        table.write().option("compression", "none").option("parquet.enable.dictionary", "false")
                .option("parquet.block.size", ROW_GROUP_BYTES)
                // parquet-mr measures a row group (a page) every 100 rows at first, 170 MB of ciphertexts: every row
                .option("parquet.block.size.row.check.min", 1).option("parquet.page.size.row.check.min", 1)
                .parquet(path);
    }

    /**
     * Reads a table of ciphertexts; sets the session's vectorized Parquet batch to {@link #READ_BATCH_ROWS} rows
     * (a session-wide setting: Spark reads it when it plans the scan).
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        spark.conf().set(READ_BATCH_CONF, READ_BATCH_ROWS);
        return spark.read().parquet(path);
    }
}

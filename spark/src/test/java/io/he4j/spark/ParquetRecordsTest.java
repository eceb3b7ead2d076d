package io.he4j.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records read from Parquet by parquet-mr directly ({@link ParquetRecords}) equal what was written, each exactly
 * once, however the files are split; a table without the records' columns is refused by name.
 */
class ParquetRecordsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[2]", "he4j-parquet-records-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void everyRecordOnceWithItsBytesAcrossRowGroupsAndSplits(@TempDir Path dir) throws Exception {
        SecureRandom random = new SecureRandom();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] query = new byte[1 + random.nextInt(200_000)];
            random.nextBytes(query);
            rows.add(RowFactory.create("r" + i, i % 3 == 0 ? null : "ks-" + i, query));
        }
        String path = dir.resolve("records").toString();
        // small row groups: several per file, so that splits fall inside files
        spark.createDataFrame(rows, RecordColumns.RECORDS).repartition(3).write()
                .option("parquet.block.size", 256 << 10).option("parquet.block.size.row.check.min", 1)
                .option("compression", "none").parquet(path);

        assertSameRecords(rows, ParquetRecords.read(spark, path).collect());

        String[] files = spark.read().parquet(path).inputFiles();
        List<ParquetRecords.Split> splits = ParquetRecords.splits(spark.sparkContext().hadoopConfiguration(), files,
                300_000);
        assertTrue(splits.size() > 2 * files.length, "a file is split: " + splits.size());
        List<Row> read = new ArrayList<>();
        for (ParquetRecords.Split s : splits) {
            try (ParquetRecords.Records r = ParquetRecords.open(spark.sparkContext().hadoopConfiguration(), s)) {
                r.forEachRemaining(read::add);
            }
        }
        assertSameRecords(rows, read);
    }

    @Test
    void readsTablesOtherWritersMade(@TempDir Path dir) {
        // Spark's defaults (snappy, dictionary), as a user's own job may write records
        List<Row> rows = List.of(RowFactory.create("a", "ks", new byte[] {1, 2, 3}),
                RowFactory.create("b", null, new byte[0]));
        String path = dir.resolve("records").toString();
        spark.createDataFrame(rows, RecordColumns.RECORDS).write().parquet(path);
        assertSameRecords(rows, ParquetRecords.read(spark, path).collect());
    }

    @Test
    void refusesATableWithoutTheRecordColumns(@TempDir Path dir) {
        StructType other = new StructType().add("record_id", DataTypes.StringType).add("payload", DataTypes.BinaryType);
        String path = dir.resolve("other").toString();
        spark.createDataFrame(List.of(RowFactory.create("a", new byte[] {1})), other).write().parquet(path);
        Exception e = assertThrows(Exception.class, () -> ParquetRecords.read(spark, path).collect());
        assertTrue(rootMessage(e).contains("no column 'key_set_id'"), rootMessage(e));
    }

    private static void assertSameRecords(List<Row> expected, List<Row> got) {
        assertEquals(expected.size(), got.size());
        Map<String, Row> byId = new HashMap<>();
        for (Row r : got) {
            assertNull(byId.put(r.getString(0), r), "record " + r.getString(0) + " read twice");
        }
        for (Row e : expected) {
            Row g = byId.get(e.getString(0));
            assertEquals(e.getString(1), g.getString(1));
            assertArrayEquals(e.<byte[]>getAs(2), g.<byte[]>getAs(2));
        }
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}

package io.he4j.spark;

import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
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

        String[] files = ParquetRecords.dataFiles(spark.sparkContext().hadoopConfiguration(), path);
        assertEquals(Arrays.stream(spark.read().parquet(path).inputFiles()).map(f -> new org.apache.hadoop.fs.Path(f).toUri().getPath())
                .sorted().toList(), Arrays.stream(files).map(f -> new org.apache.hadoop.fs.Path(f).toUri().getPath()).toList(),
                "the data files Spark's own source reads");
        List<ParquetRecords.Split> splits = ParquetRecords.splits(spark.sparkContext().hadoopConfiguration(), path,
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

    @Test
    void packsSplitsIntoBalancedTasks() {
        long mb = 1L << 20;
        List<FileStatus> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            eight.add(file("part-" + i, 52 * mb));
        }
        // one core: tasks of up to 128 MB, two 52 MB files each
        long oneCore = ParquetRecords.maxSplitBytes(eight, 1);
        assertEquals(ParquetRecords.SPLIT_BYTES, oneCore);
        List<ArrayList<ParquetRecords.Split>> tasks = ParquetRecords.tasks(splitsOf(eight, oneCore), oneCore, 1);
        assertEquals(List.of(2, 2, 2, 2), tasks.stream().map(List::size).toList());
        // every split in exactly one task
        assertEquals(splitsOf(eight, oneCore).stream().sorted(Comparator.comparing(ParquetRecords.Split::file))
                .toList(), tasks.stream().flatMap(List::stream)
                .sorted(Comparator.comparing(ParquetRecords.Split::file)).toList());
        // eight cores: a task each
        long eightCores = ParquetRecords.maxSplitBytes(eight, 8);
        assertEquals(8, ParquetRecords.tasks(splitsOf(eight, eightCores), eightCores, 8).size());
        // a file larger than a task is split
        List<FileStatus> big = List.of(file("big", 300 * mb));
        long bigMax = ParquetRecords.maxSplitBytes(big, 1);
        assertEquals(3, ParquetRecords.tasks(splitsOf(big, bigMax), bigMax, 1).size());
        // a few large records of uneven files (a digits MLP table: 11 MB records, files of one or two) over two
        // cores: the two tasks differ by at most one record
        List<FileStatus> uneven = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            uneven.add(file("d-" + i, (i < 5 ? 22 : 11) * mb));
        }
        long twoCores = ParquetRecords.maxSplitBytes(uneven, 2);
        List<Long> loads = ParquetRecords.tasks(splitsOf(uneven, twoCores), twoCores, 2).stream()
                .map(t -> t.stream().mapToLong(s -> s.end() - s.start()).sum()).toList();
        assertEquals(0, loads.size() % 2, "whole rounds of two cores: " + loads);
        long[] cores = new long[2];
        for (long load : loads) { // the tasks as the scheduler hands them out: each to the core free first
            cores[cores[0] <= cores[1] ? 0 : 1] += load;
        }
        assertTrue(Math.abs(cores[0] - cores[1]) <= 11 * mb, loads.toString());
    }

    private static FileStatus file(String name, long length) {
        return new FileStatus(length, false, 1, 0, 0, new org.apache.hadoop.fs.Path("file:/t/" + name));
    }

    private static List<ParquetRecords.Split> splitsOf(List<FileStatus> files, long maxBytes) {
        List<ParquetRecords.Split> out = new ArrayList<>();
        for (FileStatus f : files) {
            for (long start = 0; start < f.getLen(); start += maxBytes) {
                out.add(new ParquetRecords.Split(f.getPath().toString(), start, Math.min(f.getLen(), start + maxBytes)));
            }
        }
        return out;
    }

    @Test
    void saysWhenThereIsNoTable(@TempDir Path dir) throws Exception {
        Exception missing = assertThrows(IllegalArgumentException.class,
                () -> ParquetRecords.read(spark, dir.resolve("absent").toString()));
        assertTrue(missing.getMessage().contains("no records table at"), missing.getMessage());
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty").resolve("_SUCCESS"), "");
        Exception empty = assertThrows(IllegalArgumentException.class,
                () -> ParquetRecords.read(spark, dir.resolve("empty").toString()));
        assertTrue(empty.getMessage().contains("holds no data files"), empty.getMessage());
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

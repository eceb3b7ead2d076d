package io.he4j.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Stored records ({@link RecordColumns#RECORDS}) read from a Parquet table by parquet-mr directly: a query's bytes
 * are copied once, from the file's pages into the array the scorer takes. Spark's own Parquet source copies each
 * ciphertext four times on its way to a {@code Row} (into a column vector that grows by doubling, out of it, into
 * an UnsafeRow, into the Row's array), every copy a fresh megabyte-sized allocation: a 1.7 MB Cleveland LR batch
 * cost more to read that way than to score (docs/spark.md, Performance). The table is one that
 * {@link CiphertextParquet#write} (or any Parquet writer) made: columns are found by name.
 *
 * <p>Used by the scoring job (a Spark task per group of {@link Split}s, {@link #read}) and, without Spark, by the
 * single-machine job the benchmark compares it with ({@link #open}).
 */
public final class ParquetRecords {
    /** At most this many bytes of files per task: Spark's default {@code spark.sql.files.maxPartitionBytes}. */
    public static final long SPLIT_BYTES = 128L << 20;
    /** What opening a file is counted as, in bytes, when splits are packed into tasks: Spark's default. */
    static final long OPEN_COST_BYTES = 4L << 20;

    private ParquetRecords() {
    }

    /**
     * A byte range of one Parquet file: the row groups whose midpoint lies in it (parquet-mr's rule, so the
     * splits of a file read each row group exactly once).
     */
    public record Split(String file, long start, long end) implements Serializable {
        long length() {
            return end - start;
        }
    }

    /**
     * The table's records, read in the tasks: the data files' splits, of at most {@link #maxSplitBytes}, packed into
     * tasks ({@link #tasks}), so that a table of many small files is not a task per file.
     */
    public static JavaRDD<Row> read(SparkSession spark, String path) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<FileStatus> files = listData(hadoop, path);
        int parallelism = spark.sparkContext().defaultParallelism();
        long maxBytes = maxSplitBytes(files, parallelism);
        List<ArrayList<Split>> tasks = tasks(splits(files, maxBytes), maxBytes, parallelism);
        Map<String, String> conf = settings(hadoop); // Configuration is not serializable: its settings are
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(tasks, Math.max(1, tasks.size()))
                .mapPartitions(t -> rowsOf(t.hasNext() ? t.next().iterator() : Collections.emptyIterator(), conf));
    }

    /**
     * Spark's rule for the bytes a task reads ({@code FilePartition.maxSplitBytes}): {@link #SPLIT_BYTES}, or less
     * when the table is small, so that every core of the cluster ({@code parallelism}) gets a task.
     */
    static long maxSplitBytes(List<FileStatus> files, int parallelism) {
        long total = files.stream().mapToLong(f -> f.getLen() + OPEN_COST_BYTES).sum();
        return Math.min(SPLIT_BYTES, Math.max(OPEN_COST_BYTES, total / Math.max(1, parallelism)));
    }

    /**
     * Splits packed into tasks: as many tasks of about {@code maxBytes} as the table needs (each split counted with
     * {@link #OPEN_COST_BYTES}), rounded up to whole rounds of the cores ({@code parallelism}), never more than the
     * splits. Largest split first, each into the task with the fewest bytes so far (LPT: Graham, "Bounds on
     * multiprocessing timing anomalies", SIAM J. Appl. Math. 17(2), 1969), so that a few large records balance over
     * the cores: Spark's own next-fit packing made 3 tasks of a digits MLP table for 2 cores.
     */
    static List<ArrayList<Split>> tasks(List<Split> splits, long maxBytes, int parallelism) {
        long total = splits.stream().mapToLong(s -> s.length() + OPEN_COST_BYTES).sum();
        long needed = Math.max(1, (total + maxBytes - 1) / maxBytes);
        long rounds = (needed + parallelism - 1) / parallelism; // whole rounds: no core left idle in the last one
        int count = (int) Math.min(splits.size(), rounds * parallelism);
        List<ArrayList<Split>> out = new ArrayList<>();
        long[] bytes = new long[count];
        for (int i = 0; i < count; i++) {
            out.add(new ArrayList<>());
        }
        List<Split> bySize = new ArrayList<>(splits);
        bySize.sort(Comparator.comparingLong(Split::length).reversed());
        for (Split s : bySize) {
            int least = 0;
            for (int i = 1; i < count; i++) {
                least = bytes[i] < bytes[least] ? i : least;
            }
            out.get(least).add(s);
            bytes[least] += s.length() + OPEN_COST_BYTES;
        }
        return out;
    }

    /**
     * The data files of the table at {@code path} (one file, or a directory read recursively), as Spark's file
     * sources list them: names starting with '_' or '.' (commit markers, checksums) are not data. Listed through
     * Hadoop's file system on the driver, not by planning a Spark SQL read, which also runs a Spark job to infer
     * the schema from a footer: about 80-100 ms a job (docs/spark.md, Performance).
     */
    public static String[] dataFiles(Configuration hadoop, String path) {
        return listData(hadoop, path).stream().map(f -> f.getPath().toString()).toArray(String[]::new);
    }

    private static List<FileStatus> listData(Configuration hadoop, String path) {
        Path table = new Path(path);
        List<FileStatus> out = new ArrayList<>();
        try {
            FileSystem fs = table.getFileSystem(hadoop);
            collect(fs, fs.getFileStatus(table), out);
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("no records table at " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + path + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(path + " holds no data files: a records table has "
                    + RecordColumns.RECORDS.simpleString());
        }
        out.sort(Comparator.comparing(f -> f.getPath().toString()));
        return out;
    }

    private static void collect(FileSystem fs, FileStatus entry, List<FileStatus> out) throws IOException {
        if (!entry.isDirectory()) {
            out.add(entry);
            return;
        }
        for (FileStatus child : fs.listStatus(entry.getPath())) {
            String name = child.getPath().getName();
            if (!name.startsWith("_") && !name.startsWith(".")) {
                collect(fs, child, out);
            }
        }
    }

    /** The splits of the table at {@code path} ({@link #dataFiles}), at most {@code splitBytes} each. */
    public static List<Split> splits(Configuration hadoop, String path, long splitBytes) {
        return splits(listData(hadoop, path), splitBytes);
    }

    private static List<Split> splits(List<FileStatus> files, long splitBytes) {
        List<Split> out = new ArrayList<>();
        files.forEach(f -> out.addAll(splits(f.getPath().toString(), f.getLen(), splitBytes)));
        return out;
    }

    private static List<Split> splits(String file, long length, long splitBytes) {
        List<Split> out = new ArrayList<>();
        for (long start = 0; start < length; start += splitBytes) {
            out.add(new Split(file, start, Math.min(length, start + splitBytes)));
        }
        return out;
    }

    /**
     * The records of one split, in file order, as rows of the {@link RecordColumns#RECORDS} layout; close it to
     * release the file (reading to the end closes it too).
     */
    public static Records open(Configuration hadoop, Split split) throws IOException {
        return new Records(new GroupReader(HadoopInputFile.fromPath(new Path(split.file()), hadoop), hadoop)
                .withFileRange(split.start(), split.end()).build(), split.file());
    }

    /**
     * parquet-mr's reader of {@link Group}s built on the caller's configuration only: its {@code builder(ReadSupport,
     * Path)} first makes a default Hadoop configuration, which parses Hadoop's XML defaults again, 8-15 ms a file.
     */
    private static final class GroupReader extends ParquetReader.Builder<Group> {
        GroupReader(HadoopInputFile file, Configuration hadoop) {
            super(file, new HadoopParquetConfiguration(hadoop));
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }

    private static Iterator<Row> rowsOf(Iterator<Split> splits, Map<String, String> settings) {
        Configuration hadoop = new Configuration(false);
        settings.forEach(hadoop::set);
        return new Iterator<>() {
            private Records current;

            @Override
            public boolean hasNext() {
                try {
                    while (current == null || !current.hasNext()) {
                        if (!splits.hasNext()) {
                            return false;
                        }
                        Records next = open(hadoop, splits.next());
                        current = next;
                        TaskContext task = TaskContext.get();
                        if (task != null) { // a task that fails midway still closes its file
                            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> next.close());
                        }
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private static Map<String, String> settings(Configuration hadoop) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : hadoop) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The rows of one split; not thread-safe. */
    public static final class Records implements Iterator<Row>, AutoCloseable {
        private final ParquetReader<Group> reader;
        private final String file;
        private Group next;
        private boolean checked;
        private boolean closed;

        private Records(ParquetReader<Group> reader, String file) {
            this.reader = reader;
            this.file = file;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !closed) {
                try {
                    next = reader.read();
                } catch (IOException e) {
                    throw new UncheckedIOException("reading " + file + ": " + e.getMessage(), e);
                }
                if (next == null) {
                    close();
                } else if (!checked) {
                    check(next.getType());
                    checked = true;
                }
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Group g = next;
            next = null;
            return RowFactory.create(g.getString(RecordColumns.RECORD_ID, 0),
                    g.getFieldRepetitionCount(RecordColumns.KEY_SET_ID) == 0 ? null
                            : g.getString(RecordColumns.KEY_SET_ID, 0),
                    g.getFieldRepetitionCount(RecordColumns.QUERY) == 0 ? null
                            : g.getBinary(RecordColumns.QUERY, 0).getBytes()); // the one copy
        }

        private void check(GroupType schema) {
            for (String column : List.of(RecordColumns.RECORD_ID, RecordColumns.KEY_SET_ID, RecordColumns.QUERY)) {
                if (!schema.containsField(column)) {
                    throw new IllegalArgumentException(file + " has no column '" + column + "': a records table has "
                            + RecordColumns.RECORDS.simpleString());
                }
                Type t = schema.getType(column);
                if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)
                        || t.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
                    throw new IllegalArgumentException(file + ": column '" + column + "' is " + t
                            + "; a records table has " + RecordColumns.RECORDS.simpleString());
                }
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}

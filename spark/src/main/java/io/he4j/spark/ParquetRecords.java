package io.he4j.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
 * <p>Used by the scoring job (one Spark task per {@link Split}) and, without Spark, by the single-machine job the
 * benchmark compares it with ({@link #open}).
 */
public final class ParquetRecords {
    /** Bytes of a file per task: Spark's default {@code spark.sql.files.maxPartitionBytes}. */
    public static final long SPLIT_BYTES = 128L << 20;

    private ParquetRecords() {
    }

    /**
     * A byte range of one Parquet file: the row groups whose midpoint lies in it (parquet-mr's rule, so the
     * splits of a file read each row group exactly once).
     */
    public record Split(String file, long start, long end) implements Serializable {
    }

    /** The table's records, read in the tasks: one partition per split of {@code SPLIT_BYTES} of a data file. */
    public static JavaRDD<Row> read(SparkSession spark, String path) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<Split> splits = splits(hadoop, spark.read().parquet(path).inputFiles(), SPLIT_BYTES);
        Map<String, String> conf = settings(hadoop); // Configuration is not serializable: its settings are
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(splits, Math.max(1, splits.size()))
                .mapPartitions(s -> rowsOf(s, conf));
    }

    /** The splits of {@code files} (data files of one table), at most {@code splitBytes} each. */
    public static List<Split> splits(Configuration hadoop, String[] files, long splitBytes) {
        List<Split> out = new ArrayList<>();
        try {
            for (String f : files) {
                Path p = new Path(f);
                long length = p.getFileSystem(hadoop).getFileStatus(p).getLen();
                for (long start = 0; start < length; start += splitBytes) {
                    out.add(new Split(f, start, Math.min(length, start + splitBytes)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + String.join(", ", files) + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The records of one split, in file order, as rows of the {@link RecordColumns#RECORDS} layout; close it to
     * release the file (reading to the end closes it too).
     */
    public static Records open(Configuration hadoop, Split split) throws IOException {
        return new Records(ParquetReader.builder(new GroupReadSupport(), new Path(split.file())).withConf(hadoop)
                .withFileRange(split.start(), split.end()).build(), split.file());
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

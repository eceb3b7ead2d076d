package io.he4j.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.example.ExampleOutputFormat;
import org.apache.parquet.hadoop.example.GroupWriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import scala.Tuple2;

import java.util.Iterator;

/**
 * A scoring job's results ({@link RecordColumns#RESULTS}) written to Parquet by parquet-mr in the tasks, through
 * Hadoop's output committer as Spark runs it for RDDs (a retried task's file is committed once: one result per
 * record), without Spark SQL's row conversion and per-job generated code. The file layout is the one Spark writes
 * for the same schema, written as {@link CiphertextParquet#write} writes (uncompressed, no dictionary, the same row
 * groups); Spark reads it back as a RESULTS table.
 */
public final class ParquetResults {
    private ParquetResults() {
    }

    /** The Parquet schema of the results layout, as Spark's own writer makes it. */
    public static MessageType schema() {
        return new SparkToParquetSchemaConverter(new SQLConf()).convert(RecordColumns.RESULTS);
    }

    /** Writes {@code results} (rows of the RESULTS layout, by position) to the directory {@code path} (must not exist). */
    public static void write(JavaRDD<Row> results, String path) {
        Configuration conf = new Configuration(results.context().hadoopConfiguration());
        GroupWriteSupport.setSchema(schema(), conf);
        conf.set("parquet.compression", "UNCOMPRESSED");
        conf.setBoolean("parquet.enable.dictionary", false);
        conf.setInt("parquet.block.size", CiphertextParquet.ROW_GROUP_BYTES);
        conf.setInt("parquet.block.size.row.check.min", 1);
        conf.setInt("parquet.page.size.row.check.min", 1);
        // no _metadata / _common_metadata summary (parquet-mr's committer reads every footer back to write them;
        // Spark's own writer leaves them out too, and readers do not need them)
        conf.set("parquet.summary.metadata.level", "NONE");
        String schema = schema().toString(); // MessageType is not serializable; its text is
        results.mapPartitionsToPair(rows -> groups(rows, MessageTypeParser.parseMessageType(schema)))
                .saveAsNewAPIHadoopFile(path, Void.class, Group.class, ExampleOutputFormat.class, conf);
    }

    private static Iterator<Tuple2<Void, Group>> groups(Iterator<Row> rows, MessageType schema) {
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Tuple2<Void, Group> next() {
                Row r = rows.next(); // RESULTS order: job id, record id, reply, error
                Group g = factory.newGroup().append(RecordColumns.JOB_ID, r.getString(0))
                        .append(RecordColumns.RECORD_ID, r.getString(1));
                if (!r.isNullAt(2)) {
                    g.append(RecordColumns.REPLY, Binary.fromConstantByteArray(r.<byte[]>getAs(2)));
                }
                if (!r.isNullAt(3)) {
                    g.append(RecordColumns.ERROR, r.getString(3));
                }
                return new Tuple2<>(null, g);
            }
        };
    }
}

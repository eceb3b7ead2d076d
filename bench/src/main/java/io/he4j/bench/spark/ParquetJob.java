package io.he4j.bench.spark;

import io.he4j.bench.ml.HeProtocols;
import io.he4j.spark.CiphertextParquet;
import io.he4j.spark.NioLocalFileSystem;
import io.he4j.spark.ParquetRecords;
import io.he4j.spark.ParquetResults;
import io.he4j.spark.RecordColumns;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the Spark scoring job does, on one thread and without Spark: the same stored records read from the same
 * Parquet files by the same reader ({@link ParquetRecords}, every split of every file), each scored by a batch
 * job's server side, the results written in the {@link RecordColumns#RESULTS} layout to one Parquet file by
 * parquet-mr (uncompressed, no dictionary, the same row groups as {@link CiphertextParquet#write}), through the same
 * Hadoop file system. What the Spark job costs beyond this is Spark's own.
 */
public final class ParquetJob {
    private final Configuration hadoop = new Configuration();
    private final MessageType resultsSchema;

    public ParquetJob() {
        hadoop.set(NioLocalFileSystem.SETTING, NioLocalFileSystem.class.getName()); // as LocalSpark's jobs
        hadoop.setInt("parquet.block.size.row.check.min", 1);
        hadoop.setInt("parquet.page.size.row.check.min", 1);
        // the Parquet schema of the results layout, as the Spark job writes it
        resultsSchema = ParquetResults.schema();
    }

    /** Scores every record of the table at {@code records} into {@code out/part-00000.parquet}; returns the count. */
    public long run(Path records, Path out, HeProtocols.BatchJobScorer scorer, String jobId) throws IOException {
        String[] files = ParquetRecords.dataFiles(hadoop, records.toString());
        Files.createDirectories(out);
        SimpleGroupFactory groups = new SimpleGroupFactory(resultsSchema);
        long count = 0;
        try (ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(new org.apache.hadoop.fs.Path(out.resolve("part-00000.parquet").toString()))
                .withConf(hadoop).withType(resultsSchema).withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withDictionaryEncoding(false).withRowGroupSize((long) CiphertextParquet.ROW_GROUP_BYTES).build()) {
            for (ParquetRecords.Split split : ParquetRecords.splits(hadoop, files, ParquetRecords.SPLIT_BYTES)) {
                try (ParquetRecords.Records rows = ParquetRecords.open(hadoop, split)) {
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        byte[] reply = scorer.score(r.getAs(2)); // RECORDS order: record id, key set id, query
                        writer.write(groups.newGroup().append(RecordColumns.JOB_ID, jobId)
                                .append(RecordColumns.RECORD_ID, r.getString(0))
                                .append(RecordColumns.REPLY, Binary.fromConstantByteArray(reply)));
                        count++;
                    }
                }
            }
        }
        return count;
    }
}

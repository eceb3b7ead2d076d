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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        return run(records, out, scorer, jobId, 1);
    }

    /**
     * The same on {@code threads} threads sharing the scorer (thread-safe), each reading every {@code threads}-th
     * split and writing its own file: what the machine's cores give this job without Spark.
     */
    public long run(Path records, Path out, HeProtocols.BatchJobScorer scorer, String jobId, int threads)
            throws IOException {
        List<ParquetRecords.Split> splits = ParquetRecords.splits(hadoop, records.toString(),
                ParquetRecords.SPLIT_BYTES);
        Files.createDirectories(out);
        if (threads == 1) {
            return share(splits, 0, 1, out, scorer, jobId);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> shares = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = t;
                shares.add(pool.submit(() -> share(splits, share, threads, out, scorer, jobId)));
            }
            long count = 0;
            for (Future<Long> f : shares) {
                count += f.get();
            }
            return count;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("a share of the Parquet job failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private long share(List<ParquetRecords.Split> splits, int share, int shares, Path out,
                       HeProtocols.BatchJobScorer scorer, String jobId) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(resultsSchema);
        long count = 0;
        try (ParquetWriter<Group> writer = ExampleParquetWriter
                .builder(new org.apache.hadoop.fs.Path(out.resolve(String.format("part-%05d.parquet", share))
                        .toString()))
                .withConf(hadoop).withType(resultsSchema).withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withDictionaryEncoding(false).withRowGroupSize((long) CiphertextParquet.ROW_GROUP_BYTES).build()) {
            for (int i = share; i < splits.size(); i += shares) {
                try (ParquetRecords.Records rows = ParquetRecords.open(hadoop, splits.get(i))) {
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

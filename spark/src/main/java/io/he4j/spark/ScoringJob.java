package io.he4j.spark;

import io.he4j.ckks.PublicContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Iterator;
import java.util.Optional;

/**
 * Encrypted batch scoring as a Spark job: every stored record ({@link RecordColumns#RECORDS}) is scored by the
 * model's server side, built once per executor from the broadcast compiled model, into one result row per
 * record ({@link RecordColumns#RESULTS}). Nothing in the job can decrypt: it holds the model and, where the
 * protocol needs them, the institution's public keys; no plaintext feature or score exists in it.
 *
 * <p>Results are a pure function of the record and the job id, so a task Spark retries writes the same rows
 * again; with an output committed by Spark's file commit protocol (Parquet) or written by upsert keyed by
 * (job id, record id) ({@link JdbcResults}), a retried task leaves exactly one result per record.
 */
public final class ScoringJob {
    private ScoringJob() {
    }

    /**
     * @param records       rows with {@link RecordColumns#RECORD_ID} and {@link RecordColumns#QUERY}
     * @param compiledModel the model's server-side bytes ({@code CompiledModel.toBytes()}: weights, no key)
     * @param keySet        the institution's registered public context, for protocols that need it
     */
    public static Dataset<Row> score(Dataset<Row> records, byte[] compiledModel, Optional<byte[]> keySet,
                                     String jobId) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(records.sparkSession().sparkContext());
        Broadcast<byte[]> model = jsc.broadcast(compiledModel);
        Broadcast<byte[]> keys = jsc.broadcast(keySet.orElse(new byte[0]));
        MapPartitionsFunction<Row, Row> scorePartition = rows -> scored(rows, model.value(), keys.value(), jobId);
        return records.select(RecordColumns.RECORD_ID, RecordColumns.QUERY)
                .mapPartitions(scorePartition, Encoders.row(RecordColumns.RESULTS));
    }

    private static Iterator<Row> scored(Iterator<Row> rows, byte[] model, byte[] keySet, String jobId) {
        Optional<PublicContext> keys = keySet.length == 0 ? Optional.empty()
                : Optional.of(ExecutorModels.keys(keySet));
        RecordScorer scorer = new RecordScorer(ExecutorModels.server(model), keys);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row r = rows.next();
                RecordScorer.Outcome o = scorer.score(r.getAs(1)); // the select's order: record id, query
                return RowFactory.create(jobId, r.getString(0), o.reply(), o.error());
            }
        };
    }
}

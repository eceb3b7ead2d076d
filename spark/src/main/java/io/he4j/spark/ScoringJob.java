package io.he4j.spark;

import io.he4j.ml.he.ModelPrivacy;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Encrypted batch scoring as a Spark job: every stored record ({@link RecordColumns#RECORDS}) is scored by the
 * model's server side, built once per executor from the broadcast compiled model, into one result row per
 * record ({@link RecordColumns#RESULTS}). Nothing in the job can decrypt: it holds the model and, where the
 * protocol needs them, the institution's public keys; no plaintext feature or score exists in it.
 *
 * <p>A task Spark retries scores its records again (with model privacy, fresh masks: the same scores, other
 * bytes); with an output committed by Spark's file commit protocol (Parquet) or written by upsert keyed by
 * (job id, record id) ({@link JdbcResults}), a retried task leaves exactly one result per record.
 */
public final class ScoringJob {
    private ScoringJob() {
    }

    /**
     * @param records       rows with {@link RecordColumns#RECORD_ID} and {@link RecordColumns#QUERY}
     * @param compiledModel the model's server-side bytes ({@code CompiledModel.toBytes()}: weights, no key)
     * @param keySets       the institution's registered key sets (public contexts): each record is scored with
     *                      the one its {@link RecordColumns#KEY_SET_ID} names (the content-derived id the service
     *                      gives it); a record whose model needs one and names none fails (KEY_SET_REQUIRED)
     *                      Replies carry model privacy within its statistical bound ({@link ModelPrivacy#STATISTICAL}):
     *                      a record of a form without one fails (NO_STATISTICAL_PRIVACY), as the service refuses it.
     */
    public static Dataset<Row> score(Dataset<Row> records, byte[] compiledModel, List<byte[]> keySets,
                                     String jobId) {
        return score(records, compiledModel, keySets, jobId, ModelPrivacy.STATISTICAL);
    }

    /**
     * Weakens {@link #score} for a trusted institution: replies without model privacy (not re-randomized, not
     * flooded; {@code ModelServer.withoutModelPrivacy}), which also makes them a deterministic function of the
     * record.
     */
    public static Dataset<Row> scoreWithoutModelPrivacy(Dataset<Row> records, byte[] compiledModel,
                                                        List<byte[]> keySets, String jobId) {
        return score(records, compiledModel, keySets, jobId, ModelPrivacy.DISABLED);
    }

    /**
     * The same for records as rows of the {@link RecordColumns#RECORDS} layout (by position), e.g. a Parquet
     * table read by {@link ParquetRecords#read}: a query's bytes reach the scorer without passing through
     * Spark's row formats.
     */
    public static Dataset<Row> score(SparkSession spark, JavaRDD<Row> records, byte[] compiledModel,
                                     List<byte[]> keySets, String jobId) {
        return spark.createDataFrame(scoreRecords(spark, records, compiledModel, keySets, jobId),
                RecordColumns.RESULTS);
    }

    /**
     * The same as rows of the {@link RecordColumns#RESULTS} layout (by position), for {@link ParquetResults#write}:
     * a reply's bytes reach the Parquet writer without passing through Spark's row formats either.
     */
    public static JavaRDD<Row> scoreRecords(SparkSession spark, JavaRDD<Row> records, byte[] compiledModel,
                                            List<byte[]> keySets, String jobId) {
        return scoreRecords(spark, records, compiledModel, keySets, jobId, ModelPrivacy.STATISTICAL);
    }

    /** {@link #scoreRecords} under another privacy policy (a weakening: {@link ModelPrivacy}). */
    public static JavaRDD<Row> scoreRecords(SparkSession spark, JavaRDD<Row> records, byte[] compiledModel,
                                            List<byte[]> keySets, String jobId, ModelPrivacy privacy) {
        return scored(spark, records, compiledModel, keySets, jobId, privacy);
    }

    /** {@link #score(Dataset, byte[], List, String)} under another privacy policy (a weakening: {@link ModelPrivacy}). */
    public static Dataset<Row> score(Dataset<Row> records, byte[] compiledModel, List<byte[]> keySets, String jobId,
                                     ModelPrivacy privacy) {
        JavaRDD<Row> rows = records.select(RecordColumns.RECORD_ID, RecordColumns.KEY_SET_ID, RecordColumns.QUERY)
                .javaRDD();
        return records.sparkSession().createDataFrame(scored(records.sparkSession(), rows, compiledModel, keySets,
                jobId, privacy), RecordColumns.RESULTS);
    }

    private static JavaRDD<Row> scored(SparkSession spark, JavaRDD<Row> records, byte[] compiledModel,
                                       List<byte[]> keySets, String jobId, ModelPrivacy privacy) {
        for (byte[] k : keySets) {
            // a broken key set fails here, on the driver, not in every task; loaded once per JVM (7 ms for a
            // Cleveland key set, every job otherwise), and in local mode the executor's own copy
            ExecutorModels.keys(k);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> model = jsc.broadcast(compiledModel);
        Broadcast<ArrayList<byte[]>> keys = jsc.broadcast(new ArrayList<>(keySets));
        return records.mapPartitions(rows -> scored(rows, model, keys, jobId, privacy));
    }

    private static Iterator<Row> scored(Iterator<Row> rows, Broadcast<byte[]> model,
                                        Broadcast<ArrayList<byte[]>> keySets, String jobId, ModelPrivacy privacy) {
        RecordScorer scorer = new RecordScorer(ExecutorModels.server(model, privacy != ModelPrivacy.DISABLED),
                ExecutorModels.keySets(keySets), privacy);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row r = rows.next();
                // the RECORDS order: record id, key set id, query
                RecordScorer.Outcome o = scorer.score(Optional.ofNullable(r.getString(1)), r.getAs(2));
                return RowFactory.create(jobId, r.getString(0), o.reply(), o.error());
            }
        };
    }
}

package io.he4j.spark;

import io.he4j.ckks.PublicContext;
import io.he4j.ml.TestData;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.he.ModelPrivacy;
import io.he4j.ml.he.ModelServer;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.KeySetId;
import io.he4j.protocol.MessageKind;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scoring job in local mode ({@code local[2]}, a failed task retried up to 3 times) against the same
 * model's server side called directly on one machine: equal scores on every record, single queries and
 * feature-major batches, Parquet and JDBC, bad records failed with a reason, retried tasks not duplicated.
 */
class ScoringJobTest {
    private static SparkSession spark;
    private static TrainedModel model;
    private static CompiledModel compiled;
    private static ModelClient client;
    private static double[][] rows;

    @BeforeAll
    static void setUp() {
        Dataset d = Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND, MissingValues.Policy.DROP_ROWS);
        Split s = Splits.trainTest(d, 0.25, 42);
        model = Trainer.train(s.train(), TrainOptions.linear(1));
        compiled = CompiledModel.compile(model, "cleveland-lr", "1");
        client = ModelClient.create(compiled.manifest());
        rows = new double[d.rows()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = model.imputer().apply(d.x()[i]);
        }
        spark = LocalSpark.start("local[2,3]", "he4j-scoring-test");
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
        client.close();
    }

    /** Every row as one single-query record, plus the last one's bytes broken (a bad record). */
    private static List<Row> singleRecords() {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            out.add(RowFactory.create("r" + i, singleKeySetId(), ModelClient.envelope(client.encryptQuery(rows[i]))));
        }
        byte[] whole = ModelClient.envelope(client.encryptQuery(rows[0]));
        out.add(RowFactory.create("broken", singleKeySetId(), java.util.Arrays.copyOf(whole, whole.length - 100)));
        return out;
    }

    private static String singleKeySetId() {
        return KeySetId.of(client.keySet().orElseThrow());
    }

    /** The institution's registered key sets, single and batch (the public keys that re-randomize replies). */
    private static List<byte[]> keySets() {
        List<byte[]> k = new ArrayList<>();
        client.keySet().ifPresent(k::add);
        client.batchKeySet().ifPresent(k::add);
        return k;
    }

    private static Map<String, Row> byRecord(List<Row> results) {
        Map<String, Row> m = new HashMap<>();
        for (Row r : results) {
            assertNull(m.put(r.getAs(RecordColumns.RECORD_ID), r), "two results for " + r.getAs(RecordColumns.RECORD_ID));
        }
        return m;
    }

    private static double[] decryptSingle(byte[] replyEnvelope) {
        return client.decryptScores(Envelope.fromBytes(replyEnvelope).partsOf(MessageKind.REPLY).getFirst());
    }

    @Test
    void singleQueriesScoreAsOnOneMachineAndABadRecordFailsAlone() {
        List<Row> records = singleRecords();
        var table = spark.createDataFrame(records, RecordColumns.RECORDS).repartition(4);
        Map<String, Row> got = byRecord(ScoringJob.score(table, compiled.toBytes(), keySets(), "job-1").collectAsList());
        Map<String, Row> trusted = byRecord(ScoringJob.scoreWithoutModelPrivacy(table, compiled.toBytes(), keySets(),
                "job-1t").collectAsList());
        assertEquals(records.size(), got.size());
        try (ModelServer local = ModelServer.withoutModelPrivacy(compiled);
             PublicContext keys = PublicContext.fromBytes(client.keySet().orElseThrow())) {
            for (int i = 0; i < rows.length; i++) {
                Row r = got.get("r" + i);
                assertNull(r.getAs(RecordColumns.ERROR));
                assertEquals("job-1", r.getAs(RecordColumns.JOB_ID));
                double[] job = decryptSingle(r.getAs(RecordColumns.REPLY));
                double[] direct = decryptSingle(local.predict(records.get(i).getAs(2), Optional.of(keys)));
                double[] trustedJob = decryptSingle(trusted.get("r" + i).getAs(RecordColumns.REPLY));
                for (int k = 0; k < job.length; k++) {
                    // replies without model privacy are deterministic: the job computes exactly what one machine does
                    assertEquals(direct[k], trustedJob[k], 1e-9, "record r" + i + ", trusted");
                    // with model privacy every reply is freshly flooded: within the protocol's 1e-4 of plaintext
                    assertEquals(model.scores(rows[i])[k], job[k], 1e-4, "record r" + i + " vs plaintext");
                }
            }
        }
        Row broken = got.get("broken");
        assertNull(broken.getAs(RecordColumns.REPLY));
        String error = broken.getAs(RecordColumns.ERROR);
        assertTrue(error.startsWith("MALFORMED"), error);
    }

    @Test
    void featureMajorBatchesScoreAsOnOneMachine() {
        List<Row> records = new ArrayList<>();
        int perBatch = 100;
        for (int from = 0; from < rows.length; from += perBatch) {
            double[][] slice = java.util.Arrays.copyOfRange(rows, from, Math.min(rows.length, from + perBatch));
            records.add(RowFactory.create("b" + from, KeySetId.of(client.batchKeySet().orElseThrow()),
                    new Envelope(MessageKind.BATCH_QUERY, client.encryptBatch(slice)).toBytes()));
        }
        Map<String, Row> got = byRecord(ScoringJob.score(spark.createDataFrame(records, RecordColumns.RECORDS),
                compiled.toBytes(), keySets(), "job-batch").collectAsList());
        for (int from = 0; from < rows.length; from += perBatch) {
            int n = Math.min(rows.length, from + perBatch) - from;
            Row r = got.get("b" + from);
            assertNull(r.getAs(RecordColumns.ERROR));
            double[][] scores = client.decryptBatch(Envelope.fromBytes(r.getAs(RecordColumns.REPLY))
                    .partsOf(MessageKind.BATCH_REPLY), n);
            for (int i = 0; i < n; i++) {
                assertEquals(model.scores(rows[from + i])[0], scores[i][0], 1e-3, "batch row " + (from + i));
            }
        }
    }

    /**
     * A two-hidden-layer MLP's feature-major batch has no statistical privacy bound: by default its record fails
     * with NO_STATISTICAL_PRIVACY (as the service refuses it) while its single queries (a flooded quartic form)
     * score; allowed explicitly, the batch scores (within the slot kinds' precision).
     */
    @Test
    void formsWithoutAStatisticalBoundFailTheirRecordsUnlessAllowed() {
        Split s = Splits.trainTest(Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND,
                MissingValues.Policy.DROP_ROWS), 0.25, 42);
        TrainedModel deep = Trainer.train(s.train(), TrainOptions.mlp(List.of(8, 4), "relu", 2).withMaxIterations(100));
        CompiledModel c = CompiledModel.compile(deep, "deep", "1");
        double[][] slice = java.util.Arrays.copyOf(rows, 16);
        try (ModelClient deepClient = ModelClient.create(c.manifest())) {
            List<byte[]> keys = new ArrayList<>();
            deepClient.keySet().ifPresent(keys::add);
            deepClient.batchKeySet().ifPresent(keys::add);
            List<Row> records = List.of(
                    RowFactory.create("batch", KeySetId.of(deepClient.batchKeySet().orElseThrow()),
                            new Envelope(MessageKind.BATCH_QUERY, deepClient.encryptBatch(slice)).toBytes()),
                    RowFactory.create("single", KeySetId.of(deepClient.keySet().orElseThrow()),
                            ModelClient.envelope(deepClient.encryptQuery(slice[0]))));
            var table = spark.createDataFrame(records, RecordColumns.RECORDS);
            Map<String, Row> byDefault = byRecord(ScoringJob.score(table, c.toBytes(), keys, "job-d").collectAsList());
            String error = byDefault.get("batch").getAs(RecordColumns.ERROR);
            assertTrue(error != null && error.startsWith("NO_STATISTICAL_PRIVACY"), String.valueOf(error));
            assertNull(byDefault.get("batch").getAs(RecordColumns.REPLY));
            assertNull(byDefault.get("single").getAs(RecordColumns.ERROR));
            Map<String, Row> allowed = byRecord(ScoringJob.score(table, c.toBytes(), keys, "job-a",
                    ModelPrivacy.ALLOW_UNBOUNDED_FORMS).collectAsList());
            assertNull(allowed.get("batch").getAs(RecordColumns.ERROR));
            double[][] scores = deepClient.decryptBatch(Envelope.fromBytes(allowed.get("batch")
                    .getAs(RecordColumns.REPLY)).partsOf(MessageKind.BATCH_REPLY), slice.length);
            for (int i = 0; i < slice.length; i++) {
                assertEquals(deep.scores(slice[i])[0], scores[i][0], 1e-2, "row " + i);
            }
        }
    }

    /** Fails the first attempt of partition 0 after it produced half its rows (the rows already went out). */
    private static MapPartitionsFunction<Row, Row> failingFirstAttempt() {
        return it -> {
            TaskContext task = TaskContext.get();
            boolean fail = task.partitionId() == 0 && task.attemptNumber() == 0;
            List<Row> buffered = new ArrayList<>();
            it.forEachRemaining(buffered::add);
            Iterator<Row> src = buffered.iterator();
            int failAt = buffered.size() / 2;
            return new Iterator<>() {
                int n;

                @Override
                public boolean hasNext() {
                    return src.hasNext();
                }

                @Override
                public Row next() {
                    if (fail && n++ == failAt) {
                        throw new IllegalStateException("injected task failure (first attempt of partition 0)");
                    }
                    return src.next();
                }
            };
        };
    }

    @Test
    void aRetriedTaskLeavesOneResultPerRecordInParquetAndInADatabase(@TempDir Path dir) throws Exception {
        List<Row> records = singleRecords().subList(0, 60);
        var results = ScoringJob.score(spark.createDataFrame(records, RecordColumns.RECORDS).repartition(2),
                compiled.toBytes(), keySets(), "job-retry")
                .mapPartitions(failingFirstAttempt(), Encoders.row(RecordColumns.RESULTS));

        String parquet = dir.resolve("results.parquet").toString();
        results.write().parquet(parquet);
        Map<String, Row> fromParquet = byRecord(spark.read().parquet(parquet).collectAsList());
        assertEquals(records.size(), fromParquet.size());

        String url = "jdbc:sqlite:" + dir.resolve("results.db");
        JdbcResults.createTable(url, new Properties(), "job_results");
        JdbcResults.write(results, url, new Properties(), "job_results");
        JdbcResults.write(results, url, new Properties(), "job_results"); // the whole job run again: upserts
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery("SELECT record_id, reply FROM job_results")) {
            int n = 0;
            while (rs.next()) {
                n++;
                assertNotNull(rs.getBytes(2));
                assertEquals(decryptSingle(fromParquet.get(rs.getString(1)).getAs(RecordColumns.REPLY))[0],
                        decryptSingle(rs.getBytes(2))[0], 2e-4); // two scorings, each freshly flooded
            }
            assertEquals(records.size(), n);
        }
    }

    @Test
    void parquetInAndOutWithoutSparkRowsRetriedTaskLeavesOneResultPerRecord(@TempDir Path dir) throws Exception {
        List<Row> records = singleRecords();
        String in = dir.resolve("records").toString();
        CiphertextParquet.write(spark.createDataFrame(records, RecordColumns.RECORDS).repartition(2), in);
        var results = ScoringJob.scoreRecords(spark, ParquetRecords.read(spark, in), compiled.toBytes(), keySets(),
                "job-parquet").mapPartitions(rows -> failingFirstAttempt().call(rows));
        String out = dir.resolve("results").toString();
        ParquetResults.write(results, out);

        Map<String, Row> got = byRecord(spark.read().parquet(out).collectAsList());
        assertEquals(records.size(), got.size());
        for (int i = 0; i < rows.length; i++) {
            Row r = got.get("r" + i);
            assertEquals("job-parquet", r.getAs(RecordColumns.JOB_ID));
            assertNull(r.getAs(RecordColumns.ERROR));
            assertEquals(model.scores(rows[i])[0], decryptSingle(r.getAs(RecordColumns.REPLY))[0], 1e-4, "r" + i);
        }
        assertNull(got.get("broken").getAs(RecordColumns.REPLY));
        assertTrue(got.get("broken").<String>getAs(RecordColumns.ERROR).startsWith("MALFORMED"),
                got.get("broken").<String>getAs(RecordColumns.ERROR));
    }
}

package io.he4j.spark;

import io.he4j.client.He4jClient;
import io.he4j.client.RemoteModel;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.TestData;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.MessageKind;
import io.he4j.server.He4jServer;
import io.he4j.server.ServerConfig;
import io.he4j.server.auth.Role;
import io.he4j.server.db.TenantStore;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The store-to-Spark path: records uploaded through a real service with the real SDK are exported from the
 * store's SQLite database, scored by the Spark job with the exported key sets, and decrypt (with the SDK's keys)
 * to the model's scores; another institution's records are not exported.
 */
class StoreExportTest {
    private static final String MODEL = "cleveland-lr";
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("local[2]", "he4j-export-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void exportedRecordsScoreToTheModelsScores(@TempDir Path dir) throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        TrainedModel model = Trainer.train(Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND,
                MissingValues.Policy.DROP_ROWS), TrainOptions.linear(3));
        Path modelFile = models.resolve(MODEL + ".json");
        ModelFile.write(model, modelFile);
        double[][] x = Arrays.copyOf(Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND,
                MissingValues.Policy.DROP_ROWS).x(), 13);
        Path data = dir.resolve("data");
        Map<String, double[][]> uploaded = new HashMap<>();
        byte[] keys;
        Process server = startServer(models, data);
        try {
            String[] ready = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine().split(" ");
            String uri = ready[1];
            try (He4jClient c = He4jClient.builder(uri).token(ready[2]).build();
                 RemoteModel m = c.model(MODEL)) {
                for (int i = 0; i < 3; i++) {
                    m.uploadRecord("single-" + i, x[i], "p" + i, false);
                    uploaded.put("single-" + i, new double[][] {x[i]});
                }
                m.uploadBatchRecord("batch-3", Arrays.copyOfRange(x, 3, 8), "", false);
                uploaded.put("batch-3", Arrays.copyOfRange(x, 3, 8));
                m.uploadBatchRecord("batch-8", Arrays.copyOfRange(x, 8, 13), "", false);
                uploaded.put("batch-8", Arrays.copyOfRange(x, 8, 13));
                keys = m.exportKeys();
            }
            try (He4jClient c = He4jClient.builder(uri).token(ready[3]).build();
                 RemoteModel m = c.model(MODEL)) {
                m.uploadRecord("single-0", x[0], "q0", false); // the same id at another institution
            }
        } finally {
            server.destroyForcibly();
            server.waitFor();
        }

        String url = "jdbc:sqlite:" + data.resolve("he4j.db");
        Properties none = new Properties();
        StoreExport.Extent extent = StoreExport.extent(url, none, "hospital 'a'", MODEL);
        assertEquals(5, extent.records());
        Map<String, byte[]> keySets = StoreExport.keySets(url, none, extent);
        List<Row> exported = StoreExport.records(spark, url, none, extent, MODEL, 3).collectAsList();
        assertEquals(uploaded.keySet(), exported.stream().map(r -> r.<String>getAs(RecordColumns.RECORD_ID))
                .collect(java.util.stream.Collectors.toSet()));
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery("SELECT r.id, r.content FROM records r JOIN tenants t "
                     + "ON t.id = r.tenant_id WHERE t.name = 'hospital ''a'''")) {
            Map<String, byte[]> stored = new HashMap<>();
            while (rs.next()) {
                stored.put(rs.getString(1), rs.getBytes(2));
            }
            for (Row r : exported) {
                assertArrayEquals(stored.get(r.<String>getAs(RecordColumns.RECORD_ID)), r.getAs(RecordColumns.QUERY));
            }
        }

        byte[] compiled = CompiledModel.compile(model, ModelFile.deployedId(modelFile),
                ModelFile.deployedVersion(Files.readAllBytes(modelFile))).toBytes();
        Path parquet = dir.resolve("records");
        CiphertextParquet.write(StoreExport.records(spark, url, none, extent, MODEL, 2), parquet.toString());
        List<Row> results = ScoringJob.score(spark, ParquetRecords.read(spark, parquet.toString()), compiled,
                new ArrayList<>(keySets.values()), "job-export").collectAsList();
        assertEquals(5, results.size());
        ModelClient client = ModelClient.withKeys(CompiledModel.fromBytes(compiled).manifest(), keys);
        for (Row r : results) {
            assertNull(r.getAs(RecordColumns.ERROR));
            double[][] rows = uploaded.get(r.<String>getAs(RecordColumns.RECORD_ID));
            byte[] reply = r.getAs(RecordColumns.REPLY);
            // a batch record is a BATCH_QUERY envelope; the SDK stores a single record as its one ciphertext
            double[][] scores = Envelope.looksLikeEnvelope(reply)
                    ? client.decryptBatch(Envelope.fromBytes(reply).partsOf(MessageKind.BATCH_REPLY), rows.length)
                    : new double[][] {client.decryptScores(reply)};
            for (int i = 0; i < rows.length; i++) {
                assertEquals(model.scores(model.imputer().apply(rows[i]))[0], scores[i][0], 1e-3);
            }
        }

        assertThrows(IllegalArgumentException.class, () -> StoreExport.extent(url, none, "nobody", MODEL));
        assertEquals(0, StoreExport.extent(url, none, "hospital-b", "other-model").records());

        // the command (last: it stops the session it shares with this test)
        Path out = dir.resolve("export");
        assertEquals(0, new picocli.CommandLine(new SparkMain()).execute("export", "--jdbc-url", url,
                "--institution", "hospital-b", "--model", MODEL, "--partitions", "2", "--out", out.toString()));
        SparkSession again = LocalSpark.start("local[1]", "he4j-export-test-check");
        try {
            List<Row> b = again.read().parquet(out.resolve("records").toString()).collectAsList();
            assertEquals(1, b.size());
            assertEquals("single-0", b.getFirst().getAs(RecordColumns.RECORD_ID));
            try (var files = Files.list(out.resolve("key-sets"))) {
                assertEquals(1, files.count());
            }
        } finally {
            again.stop();
        }
    }

    /**
     * The service in a JVM of its own, as in production (its web server installs a JVM-wide deserialization
     * filter that Spark's task serialization would trip over in a shared JVM). Prints "ready URI TOKEN_A TOKEN_B".
     */
    private static Process startServer(Path models, Path data) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), ServerMain.class.getName(), models.toString(), data.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The child JVM: a server on a loopback port with two institutions. */
    public static final class ServerMain {
        public static void main(String[] args) throws InterruptedException {
            He4jServer s = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), Map.of("port", "0",
                    "host", "127.0.0.1", "models-dir", args[0], "data-dir", args[1])));
            TenantStore tenants = new TenantStore(s.database());
            System.out.println("ready " + s.uri() + " " + tenants.create("hospital 'a'", Role.CLIENT).token() + " "
                    + tenants.create("hospital-b", Role.CLIENT).token());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}

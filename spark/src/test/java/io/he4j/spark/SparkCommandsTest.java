package io.he4j.spark;

import io.he4j.federated.SharedKey;
import io.he4j.federated.UpdateLayout;
import io.he4j.ml.TestData;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelClient;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.KeySetId;
import io.he4j.protocol.MessageKind;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code he4j spark score} and {@code aggregate} as a user runs them: a model file from training, records and
 * updates in Parquet, results decrypted by the client that encrypted them (the model compiled by the command
 * with the service's id and version, so the client's manifest matches).
 */
class SparkCommandsTest {
    @Test
    void scoreAModelFilesRecordsFromParquetToParquet(@TempDir Path dir) throws Exception {
        Dataset d = Datasets.heartDisease(TestData.dir(), Datasets.Institution.CLEVELAND, MissingValues.Policy.DROP_ROWS);
        TrainedModel model = Trainer.train(d, TrainOptions.linear(3));
        Path modelFile = dir.resolve("cleveland.json");
        ModelFile.write(model, modelFile);
        CompiledModel asServed = CompiledModel.compile(model, "cleveland",
                ModelFile.deployedVersion(Files.readAllBytes(modelFile)));
        List<Row> records = new ArrayList<>();
        try (ModelClient client = ModelClient.create(asServed.manifest())) {
            for (int i = 0; i < 40; i++) {
                records.add(RowFactory.create("p" + i, KeySetId.of(client.keySet().orElseThrow()),
                        ModelClient.envelope(client.encryptQuery(model.imputer().apply(d.x()[i])))));
            }
            SparkSession spark = LocalSpark.start("local[2]", "records");
            spark.createDataFrame(records, RecordColumns.RECORDS).write().parquet(dir.resolve("records").toString());
            spark.stop();

            Path keySet = dir.resolve("key-set.bin");
            Files.write(keySet, client.keySet().orElseThrow());
            int exit = new CommandLine(new SparkMain()).execute("score", "--master", "local[2]", "--model",
                    modelFile.toString(), "--key-set", keySet.toString(), "--records", dir.resolve("records").toString(),
                    "--out", dir.resolve("results").toString(), "--job-id", "cli-job");
            assertEquals(0, exit);

            spark = LocalSpark.start("local[2]", "results");
            List<Row> results = spark.read().parquet(dir.resolve("results").toString()).collectAsList();
            spark.stop();
            assertEquals(records.size(), results.size());
            for (Row r : results) {
                int i = Integer.parseInt(r.<String>getAs(RecordColumns.RECORD_ID).substring(1));
                double got = client.decryptScores(Envelope.fromBytes(r.getAs(RecordColumns.REPLY))
                        .partsOf(MessageKind.REPLY).getFirst())[0];
                assertEquals(model.scores(model.imputer().apply(d.x()[i]))[0], got, 1e-4, "record p" + i);
            }
        }
    }

    @Test
    void aggregateWritesTheSumAsOneUpdateRow(@TempDir Path dir) {
        UpdateLayout layout = UpdateLayout.forSum(3_000, 3, 1.0);
        try (SharedKey key = SharedKey.generate()) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                double[] u = new double[3_000];
                java.util.Arrays.fill(u, 0.25 * (i + 1));
                rows.add(RowFactory.create("h" + i, key.encrypt(layout, u).toArray(new byte[0][])));
            }
            SparkSession spark = LocalSpark.start("local[2]", "updates");
            spark.createDataFrame(rows, RecordColumns.UPDATES).write().parquet(dir.resolve("updates").toString());
            spark.stop();

            int exit = new CommandLine(new SparkMain()).execute("aggregate", "--master", "local[2]", "--updates",
                    dir.resolve("updates").toString(), "--parameters", "3000", "--key-mode", "SHARED", "--scale",
                    String.valueOf(layout.scale()), "--out", dir.resolve("sum").toString());
            assertEquals(0, exit);

            spark = LocalSpark.start("local[2]", "sum");
            List<Row> sum = spark.read().parquet(dir.resolve("sum").toString()).collectAsList();
            spark.stop();
            assertEquals(1, sum.size());
            double[] total = key.decrypt(layout, sum.getFirst().<byte[]>getList(1));
            assertEquals(1.5, total[0], 1e-6);
            assertEquals(1.5, total[2_999], 1e-6);
        }
    }
}

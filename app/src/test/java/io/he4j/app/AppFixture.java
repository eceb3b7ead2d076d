package io.he4j.app;

import io.he4j.ml.TestData;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Datasets;
import io.he4j.ml.data.CsvOptions;
import io.he4j.ml.data.CsvReader;
import io.he4j.ml.data.RawTable;
import io.he4j.ml.data.TargetColumn;
import io.he4j.ml.data.Targets;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.TrainOptions;
import io.he4j.ml.train.Trainer;
import io.he4j.server.He4jServer;
import io.he4j.server.ServerConfig;
import io.he4j.server.auth.Role;
import io.he4j.server.db.TenantStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A real service on a loopback port with the Cleveland heart-disease LR model deployed as {@code heart}, a client
 * tenant and an admin tenant, and the hospital app in front of it with two local users. The data and the model are
 * exactly those of {@value #EVALUATE_COMMAND}: the same file, options, 75/25 split and seed, so that command
 * prints the confusion matrices the evaluation page must show.
 */
final class AppFixture implements AutoCloseable {
    static final String MODEL = "heart";
    static final String USER = "alice";
    static final String PASSWORD = "correct horse battery";
    static final String OTHER_USER = "bob";
    static final long SEED = 42;
    static final String EVALUATE_COMMAND = "./he4j evaluate --data ../shared/data/heart-disease/processed.cleveland.data"
            + " --no-header --target 13 --positive-above 0 --mode batch";

    final Path root;
    final Split split;
    final TrainedModel model;
    final He4jServer server;
    final String clientToken;
    final String adminToken;
    final HospitalApp app;

    /**
     * @param modelPrivacy false starts the service with {@code model-privacy.disable-for-trusted-clients}: replies
     *                     are neither re-randomized nor flooded (docs/server.md), so a decryption is the model's
     *                     score up to CKKS error alone
     */
    AppFixture(boolean modelPrivacy) {
        try {
            root = Files.createTempDirectory("he4j-app-test");
            split = Splits.trainTest(cleveland(), 0.25, SEED);
            model = Trainer.train(split.train(), TrainOptions.linear(SEED));
            Path models = Files.createDirectories(root.resolve("models"));
            ModelFile.write(model, models.resolve(MODEL + ".json"));
            server = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), Map.of("port", "0",
                    "host", "127.0.0.1", "data-dir", root.resolve("server").toString(), "models-dir", models.toString(),
                    "predict-plain.enabled", "true", "model-privacy.disable-for-trusted-clients",
                    Boolean.toString(!modelPrivacy))));
            TenantStore tenants = new TenantStore(server.database());
            clientToken = tenants.create("hospital-a", Role.CLIENT).token();
            adminToken = tenants.create("provider", Role.ADMIN).token();
            LocalUsers users = new LocalUsers(root.resolve("app"));
            users.add(USER, PASSWORD.toCharArray());
            users.add(OTHER_USER, "another long password".toCharArray());
            app = HospitalApp.start(new AppConfig(server.uri().toString(), clientToken, root.resolve("app"),
                    "127.0.0.1", 0, false, Duration.ofMinutes(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test split as a CSV file: the features by name, then {@code label} (the class index). */
    Path testCsv(boolean withLabel) {
        Dataset t = split.test();
        StringBuilder b = new StringBuilder(String.join(",", t.featureNames()));
        b.append(withLabel ? ",label\n" : "\n");
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < t.features(); j++) {
                double v = t.x()[i][j];
                b.append(j == 0 ? "" : ",").append(Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%s", v));
            }
            b.append(withLabel ? "," + t.labels()[i] : "").append('\n');
        }
        try {
            Path p = root.resolve(withLabel ? "test-labelled.csv" : "test-features.csv");
            Files.writeString(p, b);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cleveland as {@value #EVALUATE_COMMAND} reads it (missing values kept, imputed by the model). */
    static Dataset cleveland() {
        Path file = Datasets.heartDiseaseFile(TestData.dir(), Datasets.Institution.CLEVELAND);
        RawTable t = CsvReader.read(file, new CsvOptions(false, new TargetColumn.ByIndex(13), ',',
                java.util.Set.of("?", "NA"), 0));
        return Targets.binary(t, file.getFileName().toString(), 0, "<= 0", "> 0");
    }

    /** {@code rows} labelled rows of the whole Cleveland set (cycled when it has fewer). */
    Path labelledCsv(int rows) {
        Dataset t = cleveland();
        StringBuilder b = new StringBuilder(String.join(",", t.featureNames())).append(",label\n");
        for (int r = 0; r < rows; r++) {
            int i = r % t.rows();
            for (int j = 0; j < t.features(); j++) {
                double v = t.x()[i][j];
                b.append(j == 0 ? "" : ",").append(Double.isNaN(v) ? "?" : Double.toString(v));
            }
            b.append(',').append(t.labels()[i]).append('\n');
        }
        try {
            Path p = root.resolve("labelled-" + rows + ".csv");
            Files.writeString(p, b);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.close();
        server.close();
    }
}

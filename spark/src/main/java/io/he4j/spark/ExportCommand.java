package io.he4j.spark;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * Exports an institution's stored records of one model from the record store's database to Parquet
 * ({@link RecordColumns#RECORDS}), with the key sets they name, for {@code ./he4j spark score --records}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export an institution's encrypted records of a model from the store's database to Parquet.")
final class ExportCommand implements Runnable {
    @Mixin
    SparkOptions spark;

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
            description = "The store's database, e.g. jdbc:sqlite:DATA_DIR/he4j.db or jdbc:postgresql://host/he4j.")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (password from HE4J_DB_PASSWORD).")
    java.util.Optional<String> user;

    @Option(names = "--institution", required = true, paramLabel = "NAME", description = "The tenant's name.")
    String institution;

    @Option(names = "--model", required = true, paramLabel = "ID", description = "The deployed model's id.")
    String model;

    @Option(names = "--partitions", defaultValue = "8", paramLabel = "N", description = "Concurrent reads.")
    int partitions;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory (must not exist): DIR/records (Parquet) and DIR/key-sets/ID.keyset.")
    Path out;

    @Override
    public void run() {
        if (Files.exists(out)) {
            throw new IllegalArgumentException(out + " already exists");
        }
        Properties connection = new Properties();
        user.ifPresent(u -> connection.setProperty("user", u));
        String password = System.getenv("HE4J_DB_PASSWORD");
        if (password != null) {
            connection.setProperty("password", password);
        }
        SparkSession session = spark.session("he4j export " + institution + "/" + model);
        try {
            StoreExport.Extent extent = StoreExport.extent(url, connection, institution, model);
            if (extent.records() == 0) {
                throw new IllegalArgumentException(institution + " has no stored records of model " + model);
            }
            Map<String, byte[]> keySets = StoreExport.keySets(url, connection, extent);
            CiphertextParquet.write(StoreExport.records(session, url, connection, extent, model, partitions),
                    out.resolve("records").toString());
            Path keys = Files.createDirectories(out.resolve("key-sets"));
            for (Map.Entry<String, byte[]> k : keySets.entrySet()) {
                Files.write(keys.resolve(k.getKey() + ".keyset"), k.getValue());
            }
            System.out.println("exported " + extent.records() + " records and " + keySets.size() + " key sets to "
                    + out + "; score them with ./he4j spark score --records " + out.resolve("records")
                    + keySets.keySet().stream().map(id -> " --key-set " + keys.resolve(id + ".keyset"))
                    .reduce("", String::concat) + " --model MODEL.json --out RESULTS");
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + url + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            session.stop();
        }
    }
}

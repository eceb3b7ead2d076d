package io.he4j.spark;

import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelPrivacy;
import io.he4j.ml.model.ModelFile;
import io.he4j.ml.model.TrainedModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Scores stored encrypted records with a model file ({@code ./he4j train} output, compiled here with the id and
 * version the service gives it, so the records' manifest matches), from Parquet or a database, to Parquet or a
 * database table.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score encrypted records (QUERY or BATCH_QUERY envelopes) with a model; results stay encrypted.")
final class ScoreCommand implements Runnable {
    @Mixin
    SparkOptions spark;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "The model file.")
    Path model;

    @Option(names = "--key-set", paramLabel = "FILE",
            description = "The institution's registered key sets (public contexts; repeat for single and batch).")
    List<Path> keySets = new ArrayList<>();

    @Option(names = "--job-id", paramLabel = "ID", description = "Job id written with each result (default: random).")
    Optional<String> jobId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Output output;

    static final class Input {
        @Option(names = "--records", paramLabel = "PATH", description = "Parquet records (record_id, query).")
        Optional<String> parquet;

        @ArgGroup(exclusive = false)
        JdbcInput jdbc;
    }

    static final class JdbcInput {
        @Option(names = "--jdbc-url", required = true, paramLabel = "URL", description = "Database of the records.")
        String url;

        @Option(names = "--records-query", required = true, paramLabel = "SQL",
                description = "Query giving record_id, query and the partition column.")
        String query;

        @Option(names = "--partition-column", required = true, paramLabel = "COL",
                description = "Numeric column the reads are split by.")
        String column;

        @Option(names = "--bounds", required = true, split = ",", paramLabel = "LOW,HIGH",
                description = "Range of the partition column.")
        long[] bounds;

        @Option(names = "--partitions", defaultValue = "8", paramLabel = "N", description = "Concurrent reads.")
        int partitions;
    }

    static final class Output {
        @Option(names = "--out", paramLabel = "PATH", description = "Parquet results directory (must not exist).")
        Optional<String> parquet;

        @Option(names = "--results-table", paramLabel = "TABLE",
                description = "Upsert results into this table of --results-url, keyed by (job_id, record_id).")
        Optional<String> table;
    }

    @Option(names = "--allow-replies-without-statistical-bound", description = "Also score records of forms whose "
            + "replies cannot be flooded within a statistical bound (deeper MLP batches, the encrypted sigmoid): a "
            + "weakening of model privacy; without it such records fail with NO_STATISTICAL_PRIVACY, as the service "
            + "refuses them.")
    boolean allowUnbounded;

    @Option(names = "--results-url", paramLabel = "URL", description = "Database for --results-table.")
    Optional<String> resultsUrl;

    @Override
    public void run() {
        byte[] file;
        List<byte[]> keys = new ArrayList<>();
        try {
            file = Files.readAllBytes(model);
            for (Path k : keySets) {
                keys.add(Files.readAllBytes(k));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + e.getMessage(), e);
        }
        TrainedModel trained = ModelFile.fromJson(new String(file, java.nio.charset.StandardCharsets.UTF_8),
                model.toString());
        byte[] compiled = CompiledModel.compile(trained, ModelFile.deployedId(model), ModelFile.deployedVersion(file))
                .toBytes();
        String job = jobId.orElse("job-" + UUID.randomUUID());
        SparkSession session = spark.session("he4j score " + job);
        ModelPrivacy privacy = allowUnbounded ? ModelPrivacy.ALLOW_UNBOUNDED_FORMS : ModelPrivacy.STATISTICAL;
        try {
            if (input.parquet.isPresent() && output.parquet.isPresent()) {
                // Parquet to Parquet: ciphertexts never pass through Spark's row formats
                ParquetResults.write(ScoringJob.scoreRecords(session, ParquetRecords.read(session,
                        input.parquet.get()), compiled, keys, job, privacy), output.parquet.get());
                System.out.println("job " + job + " scored; results in " + output.parquet.get());
                return;
            }
            Dataset<Row> results = input.parquet.isPresent()
                    ? session.createDataFrame(ScoringJob.scoreRecords(session, ParquetRecords.read(session,
                    input.parquet.get()), compiled, keys, job, privacy), RecordColumns.RESULTS)
                    : ScoringJob.score(JdbcRecords.read(session, input.jdbc.url, new Properties(), input.jdbc.query,
                    input.jdbc.column, input.jdbc.bounds[0], input.jdbc.bounds[1], input.jdbc.partitions), compiled,
                    keys, job, privacy);
            if (output.parquet.isPresent()) {
                CiphertextParquet.write(results, output.parquet.get());
            } else {
                String url = resultsUrl.orElseThrow(() -> new IllegalArgumentException("--results-table needs --results-url"));
                JdbcResults.createTable(url, new Properties(), output.table.orElseThrow());
                JdbcResults.write(results, url, new Properties(), output.table.get());
            }
            System.out.println("job " + job + " scored; results in "
                    + output.parquet.orElseGet(() -> output.table.get() + " of " + resultsUrl.get()));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("results table: " + e.getMessage(), e);
        } finally {
            session.stop();
        }
    }
}

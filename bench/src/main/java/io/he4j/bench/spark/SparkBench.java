package io.he4j.bench.spark;

import io.he4j.bench.ml.HeProtocols;
import io.he4j.bench.ml.MlCase;
import io.he4j.bench.ml.ProcessCpu;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.Split;
import io.he4j.ml.data.Splits;
import io.he4j.ml.he.ModelPrivacy;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.KeySetId;
import io.he4j.spark.CiphertextParquet;
import io.he4j.spark.LocalSpark;
import io.he4j.spark.ParquetRecords;
import io.he4j.spark.ParquetResults;
import io.he4j.spark.RecordColumns;
import io.he4j.spark.ScoringJob;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Spark benchmark's measuring side, run by {@link SparkSuite} in its own JVM (Spark's flags and jars):
 * stored encrypted records (feature-major batches in Parquet, encrypted beforehand), scored by the single-machine
 * batch path (the batches in memory), by the same job as Spark's without Spark ({@link ParquetJob}: Parquet in,
 * Parquet out), and by the Spark job in {@code local[1]} and {@code local[2]}, end to end. Writes
 * {@code spark.json}: figure name to value.
 *
 * <p>Arguments: output directory, data directory, LR records, digits MLP records, repetitions.
 */
public final class SparkBench {
    private SparkBench() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path data = Path.of(args[1]);
        int lrRecords = Integer.parseInt(args[2]);
        int digitsRecords = Integer.parseInt(args[3]);
        int repeats = Integer.parseInt(args[4]);
        Map<String, Double> figures = new LinkedHashMap<>();
        measure("cleveland_lr", MlCase.CLEVELAND_LR, data, lrRecords, repeats, out, figures);
        measure("digits_mlp", MlCase.DIGITS_MLP, data, digitsRecords, repeats, out, figures);
        StringBuilder json = new StringBuilder("{\n");
        figures.forEach((k, v) -> json.append(json.length() > 2 ? ",\n" : "").append("  \"").append(k).append("\": ")
                .append(v));
        Files.writeString(out.resolve("spark.json"), json.append("\n}\n"));
    }

    private static void measure(String name, MlCase c, Path data, int count, int repeats, Path out,
                                Map<String, Double> figures) throws IOException {
        Dataset d = c.load().apply(data);
        Split s = Splits.trainTest(d, MlCase.TEST_FRACTION, MlCase.SEED);
        TrainedModel model = Trainer.train(s.train(), c.training());
        HeProtocols.Deployable compiled = HeProtocols.compile(model, name, "bench");
        int capacity = compiled.manifest().batch().capacity();
        double[][] patients = new double[capacity][];
        for (int i = 0; i < capacity; i++) {
            patients[i] = model.imputer().apply(d.x()[i % d.rows()]);
        }
        // distinct encryptions of the same rows: the cost of scoring does not depend on the values
        HeProtocols.Encrypted encrypted = HeProtocols.encryptBatches(compiled.manifest(), patients,
                (count + capacity - 1) / capacity);
        Optional<byte[]> keySet = encrypted.keySet();
        List<byte[]> queries = new ArrayList<>(encrypted.bodies());
        long predictions = (long) queries.size() * capacity;
        long storedBytes = queries.stream().mapToLong(q -> q.length).sum();
        figures.put(name + "/predictions", (double) predictions);
        figures.put(name + "/stored_bytes_per_prediction", storedBytes / (double) predictions);

        double[] single = singleMachine(compiled, keySet, queries, predictions, repeats, 1);
        figures.put(name + "/single_machine_predictions_per_s", single[0]);
        figures.put(name + "/single_machine_predictions_per_cpu_s", single[1]);
        // the machine's own ceiling for local[2] / local[1]: the same path on two threads, without Spark
        double[] two = singleMachine(compiled, keySet, queries, predictions, repeats, 2);
        figures.put(name + "/single_machine_two_threads_predictions_per_s", two[0]);
        figures.put(name + "/single_machine_two_threads_vs_one", two[0] / single[0]);

        Path records = out.resolve(name + "-records.parquet");
        SparkSession spark = LocalSpark.start("local[2]", "he4j bench records");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            rows.add(RowFactory.create("batch-" + i, keySet.map(KeySetId::of).orElse(null), queries.get(i)));
        }
        CiphertextParquet.write(spark.createDataFrame(rows, RecordColumns.RECORDS).repartition(8), records.toString());
        // a table of one record: what a job costs whatever its size (planning, tasks, files, commit)
        Path oneRecord = out.resolve(name + "-one-record.parquet");
        CiphertextParquet.write(spark.createDataFrame(rows.subList(0, 1), RecordColumns.RECORDS), oneRecord.toString());
        spark.stop();
        queries.clear();
        rows.clear();

        readOnly(records, predictions, repeats, name, figures);
        // the same job without Spark, on one thread (Parquet in, score, Parquet out: what every path pays), and the
        // Spark job on one core, run alternately so that a slow spell of the shared machine falls on both
        double[] job;
        double[] local1;
        double sparkFixed;
        double jobFixed;
        ParquetJob parquetJob = new ParquetJob();
        try (HeProtocols.BatchJobScorer scorer = HeProtocols.batchJobScorer(compiled.serverBytes(), keySet);
             SparkSession local1Session = LocalSpark.start("local[1]", "he4j bench local[1]")) {
            // and the Parquet job on two threads: what this machine's two cores give a job that reads and writes
            // Parquet, without Spark (the ceiling of local[2] / local[1])
            double[][] full = sideBySide(predictions, repeats,
                    parquetJob(parquetJob, scorer, records, out.resolve(name + "-0"), 1),
                    sparkJob(local1Session, compiled, keySet, records, out.resolve(name + "-1")),
                    parquetJob(parquetJob, scorer, records, out.resolve(name + "-00"), 2));
            job = full[0];
            local1 = full[1];
            figures.put(name + "/single_machine_parquet_job_two_threads_vs_one", full[2][0] / job[0]);
            // fixed and marginal costs: a job of one record (one file, one task) takes the fixed seconds; the rest
            // of the full job's time is per record (the full table's other files and tasks count as per record)
            double[][] one = sideBySide(capacity, repeats,
                    parquetJob(parquetJob, scorer, oneRecord, out.resolve(name + "-0one"), 1),
                    sparkJob(local1Session, compiled, keySet, oneRecord, out.resolve(name + "-1one")));
            jobFixed = capacity / one[0][0];
            sparkFixed = capacity / one[1][0];
        }
        // local[2] / local[1]: a JVM holds one Spark context, so the two take turns in fresh sessions, round by
        // round (what the JIT compiled in earlier sessions stays), and a slow spell falls on both
        double[] local2 = new double[2];
        double[] scaling = sessionsInTurn(compiled, keySet, records, predictions, repeats, out.resolve(name + "-2"),
                local2);
        figures.put(name + "/single_machine_parquet_job_predictions_per_s", job[0]);
        figures.put(name + "/single_machine_parquet_job_predictions_per_cpu_s", job[1]);
        figures.put(name + "/spark_local1_predictions_per_s", local1[0]);
        figures.put(name + "/spark_local1_predictions_per_cpu_s", local1[1]);
        figures.put(name + "/spark_local2_predictions_per_s", local2[0]);
        figures.put(name + "/spark_local2_predictions_per_cpu_s", local2[1]);
        figures.put(name + "/spark_local1_vs_single_machine", local1[0] / single[0]);
        figures.put(name + "/spark_local1_vs_single_machine_per_cpu_s", local1[1] / single[1]);
        figures.put(name + "/spark_local1_vs_parquet_job", local1[0] / job[0]);
        figures.put(name + "/spark_local1_vs_parquet_job_per_cpu_s", local1[1] / job[1]);
        figures.put(name + "/parquet_job_vs_single_machine", job[0] / single[0]);
        figures.put(name + "/spark_local1_in_turn_with_local2_predictions_per_s", scaling[0]);
        figures.put(name + "/spark_local2_vs_local1", scaling[1] / scaling[0]);
        // what two cores allow: local[1] keeps more than one core busy (its task, plus GC, the JIT and the driver)
        double local1Cores = local1[0] / local1[1];
        figures.put(name + "/spark_local1_cores_busy", local1Cores);
        figures.put(name + "/spark_local2_vs_local1_ceiling", Math.min(2, Runtime.getRuntime().availableProcessors())
                / local1Cores);
        figures.put(name + "/spark_local1_one_record_job_seconds", sparkFixed);
        figures.put(name + "/parquet_job_one_record_seconds", jobFixed);
        double sparkMarginal = predictions / (predictions / local1[0] - sparkFixed);
        double jobMarginal = predictions / (predictions / job[0] - jobFixed);
        figures.put(name + "/spark_local1_marginal_predictions_per_s", sparkMarginal);
        figures.put(name + "/single_machine_parquet_job_marginal_predictions_per_s", jobMarginal);
        figures.put(name + "/spark_local1_marginal_vs_single_machine", sparkMarginal / single[0]);
        figures.put(name + "/spark_local1_marginal_vs_parquet_job_marginal", sparkMarginal / jobMarginal);
        for (String results : List.of("-0", "-00", "-1", "-0one", "-1one", "-2")) {
            deleteTree(out.resolve(name + results));
        }
        deleteTree(records);
        deleteTree(oneRecord);
    }

    /**
     * The batch path on {@code threads} threads: every stored batch scored by the server side, median of the
     * repetitions; {predictions per wall-clock second, predictions per CPU second of the process}.
     */
    private static double[] singleMachine(HeProtocols.Deployable compiled, Optional<byte[]> keySet,
                                          List<byte[]> queries, long predictions, int repeats, int threads) {
        HeProtocols.Pass[] passes = HeProtocols.batchPasses(compiled.serverBytes(), keySet, queries, repeats + 1,
                threads);
        double[] rates = new double[passes.length];
        double[] cpuRates = new double[passes.length];
        for (int r = 0; r < passes.length; r++) { // the first pass warms up
            rates[r] = predictions / passes[r].seconds();
            cpuRates[r] = predictions / passes[r].cpuSeconds();
        }
        return new double[] {medianAfterWarmUp(rates), medianAfterWarmUp(cpuRates)};
    }

    /** Where Spark's time goes: the stored records read as the job reads them (not scored), on one core. */
    private static void readOnly(Path records, long predictions, int repeats, String name, Map<String, Double> figures) {
        SparkSession spark = LocalSpark.start("local[1]", "he4j bench read");
        try {
            double[] rates = new double[repeats + 1];
            for (int r = 0; r < repeats + 1; r++) {
                long t0 = System.nanoTime();
                long bytes = ParquetRecords.read(spark, records.toString())
                        .map(row -> (long) row.<byte[]>getAs(2).length).reduce(Long::sum); // RECORDS order
                rates[r] = predictions / ((System.nanoTime() - t0) / 1e9);
                if (bytes == 0) {
                    throw new IllegalStateException("no bytes read");
                }
            }
            figures.put(name + "/spark_local1_read_only_predictions_per_s", medianAfterWarmUp(rates));
        } finally {
            spark.stop();
        }
    }

    /**
     * The Spark job end to end as {@code ./he4j spark score --records} runs it (Parquet in, Parquet out), in the
     * session's master ({@code local[1]}, {@code local[2]}).
     */
    private static Run sparkJob(SparkSession spark, HeProtocols.Deployable compiled, Optional<byte[]> keySet,
                                Path records, Path results) {
        byte[] model = compiled.serverBytes();
        List<byte[]> keySets = keySet.stream().toList();
        int[] run = {0};
        return () -> {
            deleteTree(results);
            // the digits MLP's feature-major batch has no statistical privacy bound (the service and the job
            // refuse it by default); the bench measures what the job costs, so it allows that form
            ParquetResults.write(ScoringJob.scoreRecords(spark, ParquetRecords.read(spark, records.toString()),
                    model, keySets, "bench-" + run[0]++, ModelPrivacy.ALLOW_UNBOUNDED_FORMS), results.toString());
        };
    }

    /** Untimed runs of a job in a fresh session before its timed one. */
    private static final int SESSION_WARM_UP_RUNS = 3;

    /**
     * The Spark job in {@code local[1]} and {@code local[2]} sessions taking turns, {@code repeats} rounds after
     * one untimed round; returns the median predictions per second of each, and {@code local2} gets local[2]'s
     * {median rate, median rate per CPU second}.
     */
    private static double[] sessionsInTurn(HeProtocols.Deployable compiled, Optional<byte[]> keySet, Path records,
                                           long predictions, int repeats, Path results, double[] local2)
            throws IOException {
        String[] masters = {"local[1]", "local[2]"};
        double[][] rates = new double[2][repeats + 1];
        double[] cpuRates = new double[repeats + 1];
        for (int r = 0; r <= repeats; r++) { // round 0 is medianAfterWarmUp's warm-up slot
            for (int m = 0; m < 2; m++) {
                try (SparkSession session = LocalSpark.start(masters[m], "he4j bench " + masters[m])) {
                    Run job = sparkJob(session, compiled, keySet, records, results);
                    for (int w = 0; w < SESSION_WARM_UP_RUNS; w++) {
                        job.run();
                    }
                    long cpu0 = ProcessCpu.nanos();
                    long t0 = System.nanoTime();
                    job.run();
                    rates[m][r] = predictions / ((System.nanoTime() - t0) / 1e9);
                    if (m == 1) {
                        cpuRates[r] = predictions / ((ProcessCpu.nanos() - cpu0) / 1e9);
                    }
                }
            }
        }
        local2[0] = medianAfterWarmUp(rates[1]);
        local2[1] = medianAfterWarmUp(cpuRates);
        return new double[] {medianAfterWarmUp(rates[0]), medianAfterWarmUp(rates[1])};
    }

    /** The single-machine Parquet job ({@link ParquetJob}) on {@code threads} threads. */
    private static Run parquetJob(ParquetJob job, HeProtocols.BatchJobScorer scorer, Path records, Path results,
                                  int threads) {
        int[] run = {0};
        return () -> {
            deleteTree(results);
            job.run(records, results, scorer, "bench-" + run[0]++, threads);
        };
    }

    private interface Run {
        void run() throws IOException;
    }

    /** How long every end-to-end job is run untimed first: as long as the in-memory path's warm-up. */
    private static final long WARM_UP_NANOS = 10_000_000_000L;

    /**
     * Runs the jobs in turn, untimed for {@link #WARM_UP_NANOS} (each at least once), then {@code repeats} timed
     * rounds, so that a slow spell of a shared machine falls on every job alike; for each job, {median predictions
     * per wall-clock second, median predictions per CPU second of the process}.
     */
    private static double[][] sideBySide(long predictions, int repeats, Run... jobs) throws IOException {
        long warmUntil = System.nanoTime() + WARM_UP_NANOS;
        do {
            for (Run job : jobs) {
                job.run();
            }
        } while (System.nanoTime() < warmUntil);
        double[][] rates = new double[jobs.length][repeats + 1];
        double[][] cpuRates = new double[jobs.length][repeats + 1];
        for (int r = 1; r <= repeats; r++) { // slot 0 stays for medianAfterWarmUp's warm-up slot
            for (int j = 0; j < jobs.length; j++) {
                long cpu0 = ProcessCpu.nanos();
                long t0 = System.nanoTime();
                jobs[j].run();
                rates[j][r] = predictions / ((System.nanoTime() - t0) / 1e9);
                cpuRates[j][r] = predictions / ((ProcessCpu.nanos() - cpu0) / 1e9);
            }
        }
        double[][] out = new double[jobs.length][];
        for (int j = 0; j < jobs.length; j++) {
            out[j] = new double[] {medianAfterWarmUp(rates[j]), medianAfterWarmUp(cpuRates[j])};
        }
        return out;
    }

    private static double medianAfterWarmUp(double[] rates) {
        double[] measured = java.util.Arrays.copyOfRange(rates, 1, rates.length);
        java.util.Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

import io.he4j.bench.ml.HeProtocols;
import io.he4j.bench.ml.MlCase;
import io.he4j.bench.ml.ProcessCpu;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.model.TrainedModel;
import io.he4j.ml.train.Trainer;
import io.he4j.protocol.KeySetId;
import io.he4j.spark.CiphertextParquet;
import io.he4j.spark.LocalSpark;
import io.he4j.spark.RecordColumns;
import io.he4j.spark.ScoringJob;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a Spark local[1] scoring run's time goes, phase by phase (Cleveland LR feature-major batches in Parquet).
 * Phases (-Dphases=a,b,...): read, readwrite, score, full (Spark's Parquet source and writer); dread, dscore, dfull
 * (records read by ParquetRecords, results by Spark's writer); rfull (ParquetRecords and ParquetResults, the job as
 * it runs now); pread, pjob (no Spark: ParquetRecords alone, the bench's ParquetJob); memory (the in-memory batch
 * path). -Dconf.KEY=VALUE sets a Spark setting to try. Run with the Spark benchmark's JVM (spark/jvm.options,
 * spark/target/spark-lib/* and the bench classpath):
 *   java @spark/jvm.options -Xms4g -Xmx4g -XX:+AlwaysPreTouch -cp 'spark/target/spark-lib/*:BENCH_CP' \
 *       bench/probes/SparkPhases.java DATA_DIR WORK_DIR BATCHES REPEATS
 * WORK_DIR keeps the encrypted records between runs (model, key set, Parquet). Prints per phase the median
 * predictions/s and predictions per process-CPU second, and for the last run the bytes allocated by Java threads,
 * the minor page faults and the CPU time by thread group (docs/spark.md, Performance).
 */
public class SparkPhases {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int batches = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        Path records = work.resolve("records.parquet");
        Files.createDirectories(work);
        if (!Files.exists(records)) {
            MlCase c = MlCase.CLEVELAND_LR;
            Dataset d = c.load().apply(data);
            TrainedModel model = Trainer.train(c.split(data).train(), c.training());
            HeProtocols.Deployable compiled = HeProtocols.compile(model, "cleveland_lr", "bench");
            int capacity = compiled.manifest().batch().capacity();
            double[][] patients = new double[capacity][];
            for (int i = 0; i < capacity; i++) {
                patients[i] = model.imputer().apply(d.x()[i % d.rows()]);
            }
            HeProtocols.Encrypted enc = HeProtocols.encryptBatches(compiled.manifest(), patients, batches);
            Files.write(work.resolve("model.bin"), compiled.serverBytes());
            Files.write(work.resolve("keyset.bin"), enc.keySet().orElseThrow());
            Files.writeString(work.resolve("capacity.txt"), String.valueOf(capacity));
            SparkSession spark = LocalSpark.start("local[2]", "probe records");
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < enc.bodies().size(); i++) {
                rows.add(RowFactory.create("batch-" + i, KeySetId.of(enc.keySet().get()), enc.bodies().get(i)));
            }
            CiphertextParquet.write(spark.createDataFrame(rows, RecordColumns.RECORDS).repartition(8),
                    records.toString());
            spark.stop();
        }
        byte[] model = Files.readAllBytes(work.resolve("model.bin"));
        byte[] keySet = Files.readAllBytes(work.resolve("keyset.bin"));
        long predictions = (long) batches * Integer.parseInt(Files.readString(work.resolve("capacity.txt")).trim());
        String phases = System.getProperty("phases", "read,readwrite,score,full,memory");
        SparkSession spark = LocalSpark.start("local[1]", "probe");
        String in = records.toString();
        Path out = work.resolve("out");
        for (String phase : phases.split(",")) {
            double[] rates = new double[repeats + 1];
            double[] cpu = new double[repeats + 1];
            if (phase.equals("memory")) {
                List<byte[]> q = new ArrayList<>();
                for (Row r : spark.read().parquet(in).select(RecordColumns.QUERY).collectAsList()) {
                    q.add(r.getAs(0));
                }
                HeProtocols.Pass[] p = HeProtocols.batchPasses(model, Optional.of(keySet), q, repeats + 1);
                for (int i = 0; i < p.length; i++) {
                    rates[i] = predictions / p[i].seconds();
                    cpu[i] = predictions / p[i].cpuSeconds();
                }
            } else {
                java.util.Map<String, Long> split = new java.util.TreeMap<>();
                for (int r = 0; r < repeats + 1; r++) {
                    delete(out);
                    java.util.Map<String, Long> th0 = threadCpu();
                    long alloc0 = allocated();
                    long flt0 = minorFaults();
                    long c0 = ProcessCpu.nanos();
                    long t0 = System.nanoTime();
                    run(phase, spark, in, out.toString(), model, keySet, r);
                    rates[r] = predictions / ((System.nanoTime() - t0) / 1e9);
                    long c1 = ProcessCpu.nanos();
                    cpu[r] = predictions / ((c1 - c0) / 1e9);
                    java.util.Map<String, Long> th1 = threadCpu();
                    if (r == repeats) { // the last run: where its CPU went, by thread group
                        long java = 0;
                        for (var e : th1.entrySet()) {
                            long d = e.getValue() - th0.getOrDefault(e.getKey(), 0L);
                            java += d;
                            split.merge(e.getKey().replaceAll("@\\d+$", "").replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-"), d, Long::sum);
                        }
                        split.put("(jvm: gc, jit)", (c1 - c0) - java);
                        split.put("(wall)", System.nanoTime() - t0);
                        System.out.printf("    allocated %,d MB by Java threads, %,d minor page faults%n",
                                (allocated() - alloc0) >> 20, minorFaults() - flt0);
                    }
                }
                split.entrySet().stream().filter(e -> e.getValue() > 20_000_000L)
                        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(e -> System.out.printf("    %-40s %8.0f ms%n", e.getKey(), e.getValue() / 1e6));
            }
            System.out.printf("%-10s %,12.0f pred/s  %,12.0f pred/cpu-s   all: %s%n", phase, median(rates),
                    median(cpu), Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()));
        }
        delete(out);
        spark.stop();
    }

    static void run(String phase, SparkSession spark, String path, String out, byte[] model, byte[] keySet, int r) {
        // planned only by the phases that use Spark's source (planning runs a job: not part of the others' time)
        java.util.function.Supplier<org.apache.spark.sql.Dataset<Row>> in = () -> CiphertextParquet.read(spark, path);
        // -Dconf.KEY=VALUE: Spark settings to try, applied after CiphertextParquet's own (read when the job plans)
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("conf."))
                .forEach(k -> spark.conf().set(k.substring(5), System.getProperty(k)));
        switch (phase) {
            case "read" -> in.get().javaRDD()
                    .map(row -> (long) row.<byte[]>getAs(RecordColumns.QUERY).length).reduce(Long::sum);
            case "readwrite" -> CiphertextParquet.write(in.get().map(
                    (MapFunction<Row, Row>) row -> RowFactory.create("j", row.getString(0), row.getAs(2), null),
                    Encoders.row(RecordColumns.RESULTS)), out);
            case "score" -> ScoringJob.score(in.get(), model, List.of(keySet), "p" + r)
                    .javaRDD().map(row -> (long) row.<byte[]>getAs(2).length).reduce(Long::sum);
            case "full" -> CiphertextParquet.write(ScoringJob.score(in.get(), model,
                    List.of(keySet), "p" + r), out);
            case "dread" -> io.he4j.spark.ParquetRecords.read(spark, path)
                    .map(row -> (long) row.<byte[]>getAs(2).length).reduce(Long::sum);
            case "dscore" -> ScoringJob.score(spark, io.he4j.spark.ParquetRecords.read(spark, path), model,
                    List.of(keySet), "p" + r).javaRDD().map(row -> (long) row.<byte[]>getAs(2).length).reduce(Long::sum);
            case "dfull" -> CiphertextParquet.write(ScoringJob.score(spark, io.he4j.spark.ParquetRecords.read(spark,
                    path), model, List.of(keySet), "p" + r), out);
            case "rfull" -> io.he4j.spark.ParquetResults.write(ScoringJob.scoreRecords(spark,
                    io.he4j.spark.ParquetRecords.read(spark, path), model, List.of(keySet), "p" + r), out);
            case "pread" -> {
                org.apache.hadoop.conf.Configuration h = new org.apache.hadoop.conf.Configuration();
                long n = 0;
                for (var sp : io.he4j.spark.ParquetRecords.splits(h, path, io.he4j.spark.ParquetRecords.SPLIT_BYTES)) {
                    try (var rows = io.he4j.spark.ParquetRecords.open(h, sp)) {
                        while (rows.hasNext()) {
                            n += rows.next().<byte[]>getAs(2).length;
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
            case "pjob" -> {
                try (var scorer = HeProtocols.batchJobScorer(model, Optional.of(keySet))) {
                    new io.he4j.bench.spark.ParquetJob().run(Path.of(path), Path.of(out), scorer, "p" + r);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            default -> throw new IllegalArgumentException(phase);
        }
    }

    static java.util.Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null) {
                long c = mx.getThreadCpuTime(t.getThreadId());
                if (c > 0) {
                    out.put(t.getThreadName() + "@" + t.getThreadId(), c);
                }
            }
        }
        return out;
    }

    static long allocated() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            sum += Math.max(0, mx.getThreadAllocatedBytes(id));
        }
        return sum;
    }

    static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
        } catch (Exception e) {
            return -1;
        }
    }

    static double median(double[] a) {
        double[] m = Arrays.copyOfRange(a, 1, a.length);
        Arrays.sort(m);
        return m[m.length / 2];
    }

    static void delete(Path p) throws Exception {
        if (Files.exists(p)) {
            try (var w = Files.walk(p)) {
                for (Path f : w.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}

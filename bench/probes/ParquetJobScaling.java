import io.he4j.bench.ml.HeProtocols;
import io.he4j.bench.spark.ParquetJob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the single-machine Parquet job (the Spark job's work without Spark) scales from one thread to two, runs
 * alternating, under the JVM flags given: the probe behind the G1 region size of the Spark benchmark's JVM
 * (docs/spark.md, Performance: default regions 1.09-1.22x, -XX:G1HeapRegionSize=32m 1.53x). Uses the records that
 * {@code SparkPhases.java} encrypted into WORK_DIR (records.parquet, model.bin, keyset.bin, 245 batches). Run with
 * the Spark benchmark's JVM:
 *   java @spark/jvm.options -Xms4g -Xmx4g -XX:+AlwaysPreTouch [-XX:G1HeapRegionSize=32m] \
 *       -cp 'spark/target/spark-lib/*:BENCH_CP' bench/probes/ParquetJobScaling.java WORK_DIR ROUNDS
 * Prints the median predictions/s on one and two threads over the rounds after the first four.
 */
public class ParquetJobScaling {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        byte[] model = Files.readAllBytes(work.resolve("model.bin"));
        byte[] keySet = Files.readAllBytes(work.resolve("keyset.bin"));
        long predictions = 245L * Integer.parseInt(Files.readString(work.resolve("capacity.txt")).trim());
        ParquetJob job = new ParquetJob();
        List<Double> one = new ArrayList<>();
        List<Double> two = new ArrayList<>();
        try (HeProtocols.BatchJobScorer scorer = HeProtocols.batchJobScorer(model, Optional.of(keySet))) {
            for (int r = 0; r < rounds; r++) {
                for (int threads = 1; threads <= 2; threads++) {
                    Path out = work.resolve("scaling-out");
                    Probes.delete(out);
                    long t0 = System.nanoTime();
                    job.run(work.resolve("records.parquet"), out, scorer, "probe", threads);
                    double rate = predictions / ((System.nanoTime() - t0) / 1e9);
                    if (r >= 4) { // the first rounds warm up
                        (threads == 1 ? one : two).add(rate);
                    }
                }
            }
            Probes.delete(work.resolve("scaling-out"));
        }
        double m1 = Probes.median(one);
        double m2 = Probes.median(two);
        System.out.printf("1 thread %,.0f/s, 2 threads %,.0f/s, ratio %.2f%n", m1, m2, m2 / m1);
    }
}

import io.he4j.ckks.PublicContext;
import io.he4j.ml.he.CompiledModel;
import io.he4j.ml.he.ModelServer;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.MessageKind;
import io.he4j.spark.ParquetRecords;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A batch query answered with its ciphertexts copied out of the envelope first ({@code Envelope.fromBytes}, then
 * {@code ModelServer.predictBatch(List<byte[]>, keys)}) and loaded in place ({@code ModelServer.predictBatch(byte[],
 * keys)}), passes alternating, both replies serialized as the service sends them: the probe behind docs/protocol.md
 * "Envelope". Uses the 245 Cleveland LR batches that {@code SparkPhases.java} encrypted into WORK_DIR
 * (records.parquet, model.bin, keyset.bin). Run with the Spark benchmark's JVM:
 *   java @spark/jvm.options -Xms4g -Xmx4g -XX:+AlwaysPreTouch -XX:G1HeapRegionSize=32m \
 *       -cp 'spark/target/spark-lib/*:BENCH_CP' bench/probes/InPlaceBatch.java WORK_DIR
 * Prints the median milliseconds of a pass over all batches, each way, over the passes after the first four.
 */
public class InPlaceBatch {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        List<byte[]> batches = new ArrayList<>();
        Configuration hadoop = new Configuration();
        for (ParquetRecords.Split s : ParquetRecords.splits(hadoop,
                work.resolve("records.parquet").toString(), ParquetRecords.SPLIT_BYTES)) {
            try (ParquetRecords.Records rows = ParquetRecords.open(hadoop, s)) {
                rows.forEachRemaining(r -> batches.add(r.getAs(2)));
            }
        }
        List<Double> copied = new ArrayList<>();
        List<Double> inPlace = new ArrayList<>();
        try (ModelServer server = ModelServer.forBatchJobs(
                CompiledModel.fromBytes(Files.readAllBytes(work.resolve("model.bin"))));
             PublicContext keySet = PublicContext.fromBytes(Files.readAllBytes(work.resolve("keyset.bin")))) {
            Optional<PublicContext> keys = Optional.of(keySet);
            for (int pass = 0; pass < 16; pass++) {
                long t0 = System.nanoTime();
                for (byte[] q : batches) {
                    new Envelope(MessageKind.BATCH_REPLY, server.predictBatch(
                            Envelope.fromBytes(q).partsOf(MessageKind.BATCH_QUERY), keys)).toBytes();
                }
                long t1 = System.nanoTime();
                for (byte[] q : batches) {
                    server.predictBatch(q, keys);
                }
                long t2 = System.nanoTime();
                if (pass >= 4) {
                    copied.add((t1 - t0) / 1e6);
                    inPlace.add((t2 - t1) / 1e6);
                }
            }
        }
        double c = Probes.median(copied);
        double p = Probes.median(inPlace);
        System.out.printf("%d batches: copied out %.1f ms, in place %.1f ms, ratio %.3f%n", batches.size(), c, p, c / p);
    }
}

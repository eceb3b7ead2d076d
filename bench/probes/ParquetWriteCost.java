import io.he4j.spark.CiphertextParquet;
import io.he4j.spark.NioLocalFileSystem;
import io.he4j.spark.ParquetResults;
import io.he4j.spark.RecordColumns;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What writing a scoring job's results costs: 245 Cleveland LR replies (262 KB each, 64 MB, random bytes behind a
 * common header, as ciphertexts are) written as the job writes them (parquet-mr, the RESULTS layout, uncompressed,
 * no dictionary, the job's row groups, through the checksummed local file system), against the kernel's write of
 * the same bytes to a new file from a direct buffer. Passes alternate; docs/spark.md, Performance. Run:
 *   java @spark/jvm.options -Xms4g -Xmx4g -XX:+AlwaysPreTouch -XX:G1HeapRegionSize=32m \
 *       -Dpage=BYTES (parquet page size, default 1 MB) -Dchecksums=false (no page checksums) \
 *       -Dbuffer=BYTES (io.file.buffer.size: the streams' buffer, default 4 KB) \
 *       -cp 'spark/target/spark-lib/*:BENCH_CP' bench/probes/ParquetWriteCost.java OUT_DIR
 * Prints the median milliseconds of each way over 12 passes after 4.
 */
public class ParquetWriteCost {
    private static final int REPLIES = 245;
    private static final int REPLY_BYTES = 262_000;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        byte[][] replies = new byte[REPLIES][];
        SplittableRandom random = new SplittableRandom(1);
        byte[] header = "H4JP: the same first bytes in every reply".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < REPLIES; i++) {
            replies[i] = new byte[REPLY_BYTES];
            random.nextBytes(replies[i]);
            System.arraycopy(header, 0, replies[i], 0, header.length);
        }
        Configuration hadoop = new Configuration();
        hadoop.set(NioLocalFileSystem.SETTING, NioLocalFileSystem.class.getName()); // as LocalSpark's jobs
        hadoop.setInt("parquet.block.size.row.check.min", 1);
        hadoop.setInt("parquet.page.size.row.check.min", 1);
        hadoop.setInt("io.file.buffer.size", Integer.getInteger("buffer", 4096)); // Hadoop's default; Spark sets 64 KB
        MessageType schema = ParquetResults.schema();
        ByteBuffer direct = ByteBuffer.allocateDirect(REPLY_BYTES);
        direct.put(0, replies[0]);
        List<Double> parquet = new ArrayList<>();
        List<Double> kernel = new ArrayList<>();
        for (int pass = 0; pass < 16; pass++) {
            Probes.delete(dir);
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            try (ParquetWriter<Group> writer = ExampleParquetWriter
                    .builder(new org.apache.hadoop.fs.Path(dir.resolve("part-00000.parquet").toString()))
                    .withConf(hadoop).withType(schema).withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                    .withDictionaryEncoding(false).withRowGroupSize((long) CiphertextParquet.ROW_GROUP_BYTES)
                    .withPageSize(Integer.getInteger("page", 1 << 20))
                    .withPageWriteChecksumEnabled(Boolean.parseBoolean(System.getProperty("checksums", "true")))
                    .build()) {
                for (int i = 0; i < REPLIES; i++) {
                    writer.write(groups.newGroup().append(RecordColumns.JOB_ID, "job")
                            .append(RecordColumns.RECORD_ID, "r" + i)
                            .append(RecordColumns.REPLY, Binary.fromConstantByteArray(replies[i])));
                }
            }
            long t1 = System.nanoTime();
            try (FileChannel ch = FileChannel.open(dir.resolve("raw.bin"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                for (int i = 0; i < REPLIES; i++) {
                    direct.clear();
                    while (direct.hasRemaining()) {
                        ch.write(direct);
                    }
                }
            }
            long t2 = System.nanoTime();
            if (pass >= 4) {
                parquet.add((t1 - t0) / 1e6);
                kernel.add((t2 - t1) / 1e6);
            }
        }
        Probes.delete(dir);
        System.out.printf("%d replies of %d bytes: parquet-mr %.1f ms, kernel write %.1f ms%n", REPLIES, REPLY_BYTES,
                Probes.median(parquet), Probes.median(kernel));
    }
}

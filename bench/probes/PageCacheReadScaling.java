import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How reading files from the page cache scales from one thread to two on this machine, without Parquet or Spark:
 * the memory traffic under the Spark job's two-core ratio (docs/spark.md, Performance). Reads the data files of a
 * table (WORK_DIR/records.parquet, as {@code SparkPhases.java} writes it) in 8 MB reads with a FileChannel, each
 * thread every other file, three ways: into one reused direct buffer per thread (the kernel's copy only); into a
 * fresh heap buffer per read (plus the JDK's copy out of its temporary direct buffer, and zeroing); and the same
 * with every 1.7 MB then copied into its own array (as a reader hands a value over). Run:
 *   java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -XX:G1HeapRegionSize=32m bench/probes/PageCacheReadScaling.java WORK_DIR
 * Prints the median, p25 and p75 milliseconds of a pass per way and thread count, over 20 rounds after 4.
 */
public class PageCacheReadScaling {
    private static final int READ = 8 << 20;
    private static final int VALUE = 1_700_000;

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(Path.of(args[0]).resolve("records.parquet"))) {
            s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().forEach(files::add);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ThreadLocal<ByteBuffer> direct = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ));
        Map<String, List<Double>> times = new TreeMap<>();
        for (int round = 0; round < 24; round++) {
            for (String way : List.of("direct, reused", "heap, fresh", "heap, fresh, values copied out")) {
                for (int threads = 1; threads <= 2; threads++) {
                    long t0 = System.nanoTime();
                    List<Future<Long>> shares = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int share = t;
                        int count = threads;
                        shares.add(pool.submit(() -> read(files, share, count, way, direct)));
                    }
                    for (Future<Long> f : shares) {
                        f.get();
                    }
                    if (round >= 4) {
                        times.computeIfAbsent(way + ", " + threads + " thread(s)", k -> new ArrayList<>())
                                .add((System.nanoTime() - t0) / 1e6);
                    }
                }
            }
        }
        pool.shutdown();
        times.forEach((k, v) -> {
            Collections.sort(v);
            System.out.printf("%s: median %.1f ms (p25 %.1f, p75 %.1f)%n", k, v.get(v.size() / 2),
                    v.get(v.size() / 4), v.get(3 * v.size() / 4));
        });
    }

    /** Reads every {@code count}-th file from {@code share}; returns a checksum so that nothing is optimized away. */
    private static long read(List<Path> files, int share, int count, String way, ThreadLocal<ByteBuffer> direct)
            throws Exception {
        long sum = 0;
        for (int i = share; i < files.size(); i += count) {
            try (FileChannel ch = FileChannel.open(files.get(i))) {
                while (true) {
                    ByteBuffer b = way.startsWith("direct") ? direct.get().clear() : ByteBuffer.allocate(READ);
                    int n = ch.read(b);
                    if (n < 0) {
                        break;
                    }
                    sum += b.get(0);
                    if (way.endsWith("copied out")) {
                        for (int off = 0; off + VALUE <= n; off += VALUE) {
                            byte[] value = new byte[VALUE];
                            b.get(off, value);
                            sum += value[5];
                        }
                    }
                }
            }
        }
        return sum;
    }
}

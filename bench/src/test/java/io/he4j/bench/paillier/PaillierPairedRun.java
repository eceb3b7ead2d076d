package io.he4j.bench.paillier;

import com.n1analytics.paillier.PaillierContext;
import io.he4j.paillier.EncryptedNumber;
import io.he4j.paillier.PaillierKeyPair;
import io.he4j.paillier.ml.EncryptedRow;
import io.he4j.paillier.ml.PaillierLinearModel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * A side-by-side run that survives a loaded machine: each he4j operation and its javallier counterpart are
 * called alternately (he4j first on even rounds, javallier first on odd), and each call's thread CPU time is
 * recorded (time the thread was descheduled by other jobs does not count; GMP runs on the same thread).
 * Reports per pair the median and p99 CPU time of each side and the ratio of medians.
 * Usage: PaillierPairedRun OUT.json [seconds per pair, default 20]
 */
public final class PaillierPairedRun {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static Object sink;

    private PaillierPairedRun() {
    }

    record Pair(String label, Supplier<Object> he4j, Supplier<Object> javallier) {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        ClevelandLr lr = new ClevelandLr();
        StringBuilder json = new StringBuilder("[");
        for (int bits : new int[]{2048, 3072}) {
            PaillierKeyPair keys = BenchKeys.he4j(bits);
            var jKey = BenchKeys.javallier(bits);
            PaillierContext ctx = jKey.getPublicKey().createSignedContext();
            EncryptedNumber a = keys.publicKey().encrypt(12.75);
            var ja = ctx.encrypt(12.75).obfuscate();
            List<EncryptedNumber> batch4 = keys.privateKey().encryptAll(new double[]{1.5, -2.5, 3.25, 12.75});
            List<EncryptedNumber> batch8 = keys.privateKey().encryptAll(new double[]{1, 2, 3, 4, 5, 6, 7, 8});
            var jBatch4 = List.of(ctx.encrypt(1.5).obfuscate(), ctx.encrypt(-2.5).obfuscate(),
                    ctx.encrypt(3.25).obfuscate(), ctx.encrypt(12.75).obfuscate());
            PaillierLinearModel model = new PaillierLinearModel(lr.model);
            int[] next = {0};
            Supplier<double[]> row = () -> lr.queries[next[0]++ % lr.queries.length];
            List<Pair> pairs = List.of(
                    new Pair("encrypt (key owner) / encrypt+obfuscate", () -> keys.privateKey().encrypt(3.25),
                            () -> ctx.encrypt(3.25).obfuscate()),
                    new Pair("encrypt (public key) / encrypt+obfuscate", () -> keys.publicKey().encrypt(3.25),
                            () -> ctx.encrypt(3.25).obfuscate()),
                    new Pair("decrypt", () -> keys.privateKey().decrypt(a), () -> jKey.decrypt(ja).decodeDouble()),
                    new Pair("decrypt x4 in one batch / 4 decrypts", () -> keys.privateKey().decryptAll(batch4), () -> {
                        double s = 0;
                        for (var c : jBatch4) {
                            s += jKey.decrypt(c).decodeDouble();
                        }
                        return s;
                    }),
                    new Pair("encrypt (key owner) x4 in one batch / 4 encrypt+obfuscate",
                            () -> keys.privateKey().encryptAll(new double[]{3.25, 1.5, -2, 7}), () -> {
                                Object last = null;
                                for (double v : new double[]{3.25, 1.5, -2, 7}) {
                                    last = ctx.encrypt(v).obfuscate();
                                }
                                return last;
                            }),
                    new Pair("re-randomize x8 in one batch / 8 obfuscate", () -> EncryptedNumber.rerandomizeAll(batch8),
                            () -> {
                                Object last = null;
                                for (int i = 0; i < 8; i++) {
                                    last = ja.obfuscate();
                                }
                                return last;
                            }),
                    new Pair("multiply by scalar", () -> a.multiply(-0.0421875), () -> ja.multiply(-0.0421875)),
                    new Pair("re-randomize / obfuscate", a::rerandomize, ja::obfuscate),
                    new Pair("13-feature LR end to end", () -> {
                        EncryptedRow r = EncryptedRow.encrypt(row.get(), keys.privateKey()); // batched
                        return keys.privateKey().decrypt(model.scores(keys.publicKey(), r).getFirst().rerandomize());
                    }, () -> {
                        double[] x = row.get();
                        com.n1analytics.paillier.EncryptedNumber acc = null;
                        for (int j = 0; j < x.length; j++) {
                            var t = ctx.encrypt(x[j]).obfuscate().multiply(lr.weights[j]);
                            acc = acc == null ? t : acc.add(t);
                        }
                        return jKey.decrypt(acc.add(lr.bias).obfuscate()).decodeDouble();
                    }));
            for (Pair p : pairs) {
                run(p, 2, null, null); // JIT warm-up
                List<Long> h = new ArrayList<>();
                List<Long> j = new ArrayList<>();
                run(p, seconds, h, j);
                double mh = pct(h, 50);
                double mj = pct(j, 50);
                String line = String.format("{\"bits\":%d,\"op\":\"%s\",\"rounds\":%d,\"he4j_cpu_us_p50\":%.1f,"
                                + "\"he4j_cpu_us_p99\":%.1f,\"javallier_cpu_us_p50\":%.1f,\"javallier_cpu_us_p99\":%.1f,"
                                + "\"speedup\":%.3f}", bits, p.label, h.size(), mh, pct(h, 99), mj, pct(j, 99), mj / mh);
                System.out.println(line);
                json.append(json.length() > 1 ? ",\n" : "").append(line);
            }
            keys.close();
        }
        Files.writeString(Path.of(args[0]), json.append("]\n").toString());
        if (sink == null) {
            System.out.println();
        }
    }

    private static void run(Pair p, double seconds, List<Long> h, List<Long> j) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int round = 0; System.nanoTime() < end || (h != null && h.size() < 5); round++) {
            if (round % 2 == 0) {
                record(p.he4j, h);
                record(p.javallier, j);
            } else {
                record(p.javallier, j);
                record(p.he4j, h);
            }
        }
    }

    private static void record(Supplier<Object> op, List<Long> into) {
        long t0 = CPU.getCurrentThreadCpuTime();
        sink = op.get();
        long t1 = CPU.getCurrentThreadCpuTime();
        if (into != null) {
            into.add(t1 - t0);
        }
    }

    /** Percentile in microseconds (nearest rank). */
    private static double pct(List<Long> ns, double p) {
        long[] s = ns.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))] / 1000.0;
    }
}

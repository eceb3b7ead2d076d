package io.he4j.bench.jmh;

import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.bench.model.Stats;
import io.he4j.bench.probe.ProbeOutput;
import io.he4j.ckks.He4j;
import io.he4j.ckks.LibraryInfo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Java API overhead measured in one process, paired: for each {@link CkksOp} the public API call
 * ({@link CkksWorkload#api}) and the bare downcall of the same C ABI function on the same native objects
 * ({@link CkksDowncalls#bare}) are timed one call each, back to back, in alternating order (A B, B A, ...),
 * in thread CPU time. Each pair gives one overhead sample (api - bare) / bare; the figure is the mean of the
 * medians of the API-first and the bare-first pairs ({@link Paired#overheadEstimate}). Time the thread spends
 * preempted by other processes is not CPU time, other work slowing the core slows both calls of a pair alike,
 * and what remains is outliers the medians ignore; comparing two processes in wall time (JMH vs Google
 * Benchmark) can do none of this on a shared machine. The CPU clock read (a few hundred ns) is in both calls
 * of a pair, so it dilutes the overhead of the shortest ops slightly and biases nothing. Both paths' Java code
 * is JIT-compiled first ({@link JitWarmup}), as in a long-running service. An empty downcall
 * ({@code he4j_abi_version}, blocks of 100,000 calls) bounds the FFM transition's own share.
 *
 * <p>Run as {@code java --enable-native-access=ALL-UNNAMED -cp ... io.he4j.bench.jmh.CkksOverheadProbe
 * [--quick] PRESET...}; prints {library, figures} as JSON on stdout (like the size probe).
 */
public final class CkksOverheadProbe {
    static final String SUITE = "java-overhead";
    static final int MIN_PAIRS = 15;
    static final int EMPTY_BLOCKS = 15;
    static final int MAX_PAIRS = 20_000;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** Where the empty downcalls' results go, so that they stay observable. */
    static volatile long blackhole;

    private final long warmupNanos;
    private final long sampleNanos;

    /** Per op: {@code warmupNanos} of alternating warmup calls, then about {@code sampleNanos} of timed pairs. */
    public CkksOverheadProbe(long warmupNanos, long sampleNanos) {
        this.warmupNanos = warmupNanos;
        this.sampleNanos = sampleNanos;
    }

    /**
     * One op's paired samples: per-call times of both paths and the per-pair overhead; even pairs ran the API
     * call first, odd pairs the bare one.
     */
    record Paired(double[] apiUs, double[] bareUs, double[] overheadPercent) {
        /**
         * The mean of the medians of the two orders. Going first or second can itself cost a few percent
         * (caches), which makes the pooled samples bimodal and their median unstable; within one order the
         * effect is constant, and it has opposite signs in the two orders.
         */
        double overheadEstimate() {
            double[] apiFirst = new double[(overheadPercent.length + 1) / 2];
            double[] bareFirst = new double[overheadPercent.length / 2];
            for (int i = 0; i < overheadPercent.length; i++) {
                if (i % 2 == 0) {
                    apiFirst[i / 2] = overheadPercent[i];
                } else {
                    bareFirst[i / 2] = overheadPercent[i];
                }
            }
            return (Stats.median(apiFirst) + Stats.median(bareFirst)) / 2;
        }
    }

    public static void main(String[] args) throws Throwable {
        boolean quick = false;
        List<String> presets = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else {
                presets.add(a);
            }
        }
        if (presets.isEmpty()) {
            presets.addAll(List.of(CkksOp.PRESETS));
        }
        LibraryInfo info = He4j.info();
        String command = System.getProperty("he4j.bench.command", CkksOverheadProbe.class.getSimpleName());
        CkksOverheadProbe probe = quick ? new CkksOverheadProbe(500_000_000L, 1_000_000_000L)
                : new CkksOverheadProbe(500_000_000L, 3_000_000_000L);
        List<Figure> figures = probe.figures(presets, List.of(CkksOp.values()), info, command);
        ProbeOutput.print(info, figures);
    }

    /** The empty-downcall figure, then one overhead figure per preset and op. */
    public List<Figure> figures(List<String> presets, List<CkksOp> ops, LibraryInfo info, String command)
            throws Throwable {
        List<Figure> figures = new ArrayList<>();
        double[] emptyBlocks = emptyDowncallNs();
        double emptyNs = Stats.median(emptyBlocks);
        JitWarmup.run(ops, true);
        figures.add(figure("empty_downcall", "ns", emptyBlocks, Map.of("function", "he4j_abi_version",
                "method", "wall time per call in blocks of 100,000 calls; median over blocks"), info, command));
        for (String preset : presets) {
            try (CkksWorkload w = new CkksWorkload(preset); CkksDowncalls d = new CkksDowncalls(w)) {
                for (CkksOp op : ops) {
                    figures.add(overheadFigure(op, preset, measure(w.api(op), d.bare(op)), emptyNs, info, command));
                }
            }
        }
        return figures;
    }

    /**
     * Warms both paths up together, then times pairs of single calls, one of each path, back to back and in
     * alternating order, for about {@link #sampleNanos} (at least {@link #MIN_PAIRS} pairs).
     */
    Paired measure(CkksWorkload.Call api, CkksWorkload.Call bare) throws Throwable {
        long warmEnd = System.nanoTime() + warmupNanos;
        long pairNanos = 0;
        int warmPairs = 0;
        while (System.nanoTime() < warmEnd || warmPairs < 3) {
            pairNanos = time(api) + time(bare);
            warmPairs++;
        }
        int pairs = (int) Math.max(MIN_PAIRS, Math.min(MAX_PAIRS, sampleNanos / Math.max(1, pairNanos)));
        double[] apiUs = new double[pairs];
        double[] bareUs = new double[pairs];
        double[] overhead = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            long ta;
            long tb;
            if (i % 2 == 0) {
                ta = time(api);
                tb = time(bare);
            } else {
                tb = time(bare);
                ta = time(api);
            }
            apiUs[i] = ta / 1e3;
            bareUs[i] = tb / 1e3;
            overhead[i] = (double) (ta - tb) / tb * 100.0;
        }
        return new Paired(apiUs, bareUs, overhead);
    }

    /** The calling thread's CPU time for one call: time spent preempted by other processes does not count. */
    private static long time(CkksWorkload.Call call) throws Throwable {
        long t0 = CPU.getCurrentThreadCpuTime();
        call.run();
        return CPU.getCurrentThreadCpuTime() - t0;
    }

    /** Nanoseconds per empty downcall, one sample per block. */
    double[] emptyDowncallNs() throws Throwable {
        final int calls = 100_000;
        long sink = 0;
        long warmEnd = System.nanoTime() + warmupNanos / 2;
        while (System.nanoTime() < warmEnd) {
            sink += CkksDowncalls.emptyDowncall();
        }
        double[] ns = new double[EMPTY_BLOCKS];
        for (int r = 0; r < ns.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += CkksDowncalls.emptyDowncall();
            }
            ns[r] = (double) (System.nanoTime() - t0) / calls;
        }
        blackhole = sink;
        return ns;
    }

    static Figure overheadFigure(CkksOp op, String preset, Paired p, double emptyNs, LibraryInfo info,
                                 String command) {
        double apiUs = Stats.median(p.apiUs());
        double bareUs = Stats.median(p.bareUs());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("preset", preset);
        params.put("op", op.nativeName());
        params.put("api_us", apiUs);
        params.put("bare_downcall_us", bareUs);
        params.put("empty_downcall_ns", emptyNs);
        params.put("ffm_transition_percent", emptyNs / 1e3 / bareUs * 100.0);
        params.put("pairs", p.overheadPercent().length);
        params.put("method", "paired in one JVM: single API calls and bare downcalls on the same native objects, "
                + "back to back in alternating order, thread CPU time; (api - bare) / bare per pair, mean of the "
                + "medians of API-first and bare-first pairs");
        Spread all = Stats.spread(p.overheadPercent());
        double estimate = p.overheadEstimate();
        Spread spread = new Spread(Math.min(all.min(), estimate), Math.max(all.max(), estimate),
                Math.min(all.p25(), estimate), Math.max(all.p75(), estimate), all.n());
        return new Figure(Figure.idOf(SUITE, op.benchName(preset), info.backend()), SUITE, op.benchName(preset),
                "percent", estimate, spread, params, info.backend(), info.cpuPath(), command);
    }

    private static Figure figure(String name, String unit, double[] samples, Map<String, Object> params,
                                 LibraryInfo info, String command) {
        return new Figure(Figure.idOf(SUITE, name, info.backend()), SUITE, name, unit, Stats.median(samples),
                Stats.spread(samples), params, info.backend(), info.cpuPath(), command);
    }
}

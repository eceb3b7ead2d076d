package io.he4j.bench.ml;

import java.lang.management.ManagementFactory;

/** CPU time of this whole process (all threads, JIT and GC included): the cost a run puts on the cores. */
public final class ProcessCpu {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU this process has used so far. */
    public static long nanos() {
        return OS.getProcessCpuTime();
    }
}

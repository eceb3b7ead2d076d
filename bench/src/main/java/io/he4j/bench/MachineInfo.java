package io.he4j.bench;

import io.he4j.bench.model.Machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Describes this machine from /proc (Linux) and the JVM. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static Machine detect() {
        String model = "unknown";
        TreeSet<String> flags = new TreeSet<>();
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        for (String l : cpuinfo) {
            if (l.startsWith("model name") && model.equals("unknown")) {
                model = l.substring(l.indexOf(':') + 1).trim();
            }
            if (l.startsWith("flags") && flags.isEmpty()) {
                for (String f : l.substring(l.indexOf(':') + 1).trim().split("\\s+")) {
                    if (f.startsWith("avx512")) {
                        flags.add(f);
                    }
                }
            }
        }
        double memGib = 0;
        for (String l : lines(Path.of("/proc/meminfo"))) {
            if (l.startsWith("MemTotal:")) {
                memGib = Long.parseLong(l.replaceAll("\\D+", "")) / (1024.0 * 1024.0);
            }
        }
        memGib = Math.round(memGib * 10) / 10.0;
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        String jdk = System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.runtime.version", "?");
        return new Machine(model, Runtime.getRuntime().availableProcessors(), memGib, os, jdk,
                flags.isEmpty() ? "none" : String.join(" ", flags).toLowerCase(Locale.ROOT));
    }

    private static List<String> lines(Path p) {
        try {
            return Files.isReadable(p) ? Files.readAllLines(p) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}

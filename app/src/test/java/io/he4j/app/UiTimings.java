package io.he4j.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/** The browser measurements as a Markdown report (bench/results/ui-<timestamp>.md). */
final class UiTimings {
    static final String COMMAND = "/work/mvnj -pl app -am test -Dtest=AppBrowserTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dhe4j.ui.results=$PWD/bench/results";

    private UiTimings() {
    }

    static String report(String chromium, double[] predictMs, double[] predictServerMs, double[] evalMs,
                         double[] evalServerMs) {
        return String.format(Locale.ROOT, """
                # Hospital app in the browser: end-to-end timings

                Headless Chromium %s (Debian) driven by Selenium 4.52 over loopback: the hospital app and the
                service (`He4jServer`, Cleveland heart-disease logistic regression as model `heart`) in the test's
                JVM. Each time is the browser's own Navigation Timing of the answer page, from the form's submission
                (navigation start) to the end of its load event: request, the app's work (encrypt, call the service,
                decrypt, metrics, render), response and rendering. Warm: one untimed run of each first (keys are
                generated on the first query of each form).
                Timings are measurements, not test criteria. Machine: %d CPUs shared with other builds, %s;
                load average at the end: %s.

                | what | runs | median (ms) | min (ms) | max (ms) | target |
                | --- | ---: | ---: | ---: | ---: | --- |
                | predict one patient (encrypt, send, compute, decrypt, render), warm | %d | %.1f | %.1f | %.1f | < 100 ms |
                | of which request sent to response received (the app's work) | | %.1f | %.1f | %.1f | |
                | evaluation page, 300-row labelled CSV (upload, parse, encrypted batch + plaintext, metrics, SVG) | %d | %.1f | %.1f | %.1f | < 1000 ms |
                | of which request sent to response received (the app's work) | | %.1f | %.1f | %.1f | |

                Command: `%s`
                """, chromium, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), loadAverage(),
                predictMs.length, median(predictMs), min(predictMs), max(predictMs),
                median(predictServerMs), min(predictServerMs), max(predictServerMs),
                evalMs.length, median(evalMs), min(evalMs), max(evalMs),
                median(evalServerMs), min(evalServerMs), max(evalServerMs), COMMAND);
    }

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown". */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " / " + f[1] + " / " + f[2] + " (1 / 5 / 15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void write(Path dir, String report) {
        String ts = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("ui-" + ts + ".md"), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}

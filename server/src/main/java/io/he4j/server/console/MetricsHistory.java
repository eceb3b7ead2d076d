package io.he4j.server.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request rate and mean latency per route over time, from the service's own Prometheus text
 * ({@code he4j_http_request_seconds_count/_sum}, summed over methods and statuses). A sample is taken when the
 * console's metrics page is viewed (at most one per second; the page reloads itself every few seconds), so
 * nothing runs while nobody watches. Thread-safe.
 */
final class MetricsHistory {
    private static final Pattern LINE = Pattern.compile(
            "^he4j_http_request_seconds_(count|sum)\\{(.*)\\}\\s+(\\S+)$"); // route values contain braces
    private static final Pattern ROUTE = Pattern.compile("route=\"([^\"]*)\"");
    private static final int MAX_SAMPLES = 120;

    /** Totals per route at one instant. */
    record Sample(long atMillis, Map<String, double[]> countAndSum) {
    }

    /** Rate (requests/s) and mean latency (ms) per route between consecutive samples, at seconds since the window began. */
    record Series(String route, double[] seconds, double[] ratePerSecond, double[] meanMillis) {
    }

    private final Supplier<String> scrape;
    private final Deque<Sample> samples = new ArrayDeque<>();

    MetricsHistory(Supplier<String> scrape) {
        this.scrape = scrape;
    }

    synchronized void sample() {
        long now = System.currentTimeMillis();
        if (!samples.isEmpty() && now - samples.peekLast().atMillis() < 1000) {
            return;
        }
        samples.addLast(new Sample(now, parse(scrape.get())));
        while (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
    }

    static Map<String, double[]> parse(String prometheus) {
        Map<String, double[]> out = new TreeMap<>();
        for (String line : prometheus.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Matcher r = ROUTE.matcher(m.group(2));
            if (!r.find()) {
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                continue;
            }
            out.computeIfAbsent(r.group(1), k -> new double[2])[m.group(1).equals("count") ? 0 : 1] += v;
        }
        return out;
    }

    /** The totals of the newest sample (all time). */
    synchronized Map<String, double[]> totals() {
        return samples.isEmpty() ? Map.of() : samples.peekLast().countAndSum();
    }

    /** Per route with any traffic in the window, busiest first, at most {@code routes}. */
    synchronized List<Series> series(int routes) {
        List<Sample> s = new ArrayList<>(samples);
        if (s.size() < 2) {
            return List.of();
        }
        long start = s.getFirst().atMillis();
        Map<String, Double> traffic = new LinkedHashMap<>();
        s.getLast().countAndSum().forEach((route, cs) -> {
            double first = s.getFirst().countAndSum().getOrDefault(route, new double[2])[0];
            if (cs[0] - first > 0) {
                traffic.put(route, cs[0] - first);
            }
        });
        List<String> busiest = traffic.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(routes).map(Map.Entry::getKey).toList();
        List<Series> out = new ArrayList<>();
        for (String route : busiest) {
            int n = s.size() - 1;
            double[] ago = new double[n];
            double[] rate = new double[n];
            double[] mean = new double[n];
            for (int i = 1; i < s.size(); i++) {
                double[] a = s.get(i - 1).countAndSum().getOrDefault(route, new double[2]);
                double[] b = s.get(i).countAndSum().getOrDefault(route, new double[2]);
                double dt = Math.max(1e-3, (s.get(i).atMillis() - s.get(i - 1).atMillis()) / 1000.0);
                double dc = b[0] - a[0];
                ago[i - 1] = (s.get(i).atMillis() - start) / 1000.0;
                rate[i - 1] = dc / dt;
                mean[i - 1] = dc > 0 ? (b[1] - a[1]) / dc * 1000 : 0;
            }
            out.add(new Series(route, ago, rate, mean));
        }
        return out;
    }

    /** Seconds covered by the samples. */
    synchronized double windowSeconds() {
        return samples.size() < 2 ? 0 : (samples.peekLast().atMillis() - samples.peekFirst().atMillis()) / 1000.0;
    }
}

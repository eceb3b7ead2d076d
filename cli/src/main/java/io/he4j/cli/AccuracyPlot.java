package io.he4j.cli;

import io.he4j.web.SvgChart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Accuracy per round: a text plot for the terminal (one column per round ('*'), the central model's accuracy
 * as a line of '-', the y axis spanning the values shown, at least 5 points), and the same as an SVG line chart
 * (the web kit's {@link SvgChart}, written as a standalone file).
 */
final class AccuracyPlot {
    private static final int HEIGHT = 12;
    private static final int MAX_WIDTH = 100;

    private AccuracyPlot() {
    }

    static String text(double[] accuracy, double central) {
        if (accuracy.length == 0) {
            return "";
        }
        double lo = central;
        double hi = central;
        for (double a : accuracy) {
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        if (hi - lo < 0.05) {
            double mid = (hi + lo) / 2;
            lo = mid - 0.025;
            hi = mid + 0.025;
        }
        int width = Math.min(accuracy.length, MAX_WIDTH);
        StringBuilder sb = new StringBuilder("accuracy per round (* federated, - central)\n");
        int centralRow = row(central, lo, hi);
        for (int y = HEIGHT - 1; y >= 0; y--) {
            double level = lo + (hi - lo) * y / (HEIGHT - 1);
            sb.append(String.format("%6.1f %% |", 100 * level));
            for (int x = 0; x < width; x++) {
                int i = (int) ((long) x * accuracy.length / width);
                boolean point = row(accuracy[i], lo, hi) == y;
                sb.append(point ? '*' : y == centralRow ? '-' : ' ');
            }
            sb.append('\n');
        }
        sb.append("         +").append("-".repeat(width)).append('\n');
        sb.append(String.format("          round 1%" + Math.max(1, width - 7) + "s%n", accuracy.length));
        return sb.toString();
    }

    /** Writes the SVG chart: federated accuracy per round, the central model's accuracy as a flat line. */
    static void writeSvg(Path file, double[] accuracy, double central, String subtitle) {
        double[] rounds = new double[accuracy.length];
        for (int i = 0; i < rounds.length; i++) {
            rounds[i] = i + 1;
        }
        double last = Math.max(1, accuracy.length);
        String svg = SvgChart.lines("fl-accuracy", "Accuracy per round (" + subtitle + ")", "round",
                "accuracy on the pooled test split", List.of(new SvgChart.Series("federated", rounds, accuracy),
                        new SvgChart.Series(String.format(java.util.Locale.ROOT, "central %.1f %%", 100 * central),
                                new double[] {0, last}, new double[] {central, central})),
                last, 1.0, false);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + file, e);
        }
    }

    private static int row(double v, double lo, double hi) {
        return (int) Math.round((v - lo) / (hi - lo) * (HEIGHT - 1));
    }
}

package io.he4j.bench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/** PNG charts (XChart, headless). A chart without data becomes an image saying so, never a missing file. */
public final class Plots {
    static final int WIDTH = 900;
    static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One bar series: a name and a value per category (missing categories are drawn as 0). */
    public record Series(String name, Map<String, Double> values) {
    }

    /** One line series: x and y values. */
    public record Line(String name, List<Double> x, List<Double> y) {
    }

    private Plots() {
    }

    public static void bars(Path file, String title, String yTitle, List<String> categories, List<Series> series,
                            boolean logY) {
        List<Series> nonEmpty = series.stream().filter(s -> !s.values().isEmpty()).toList();
        // Side by side: keep the categories every series has a (positive, for log axes) value for.
        List<String> cats = categories.stream().filter(k -> nonEmpty.stream().allMatch(s -> {
            Double v = s.values().get(k);
            return v != null && Double.isFinite(v) && (!logY || v > 0);
        })).toList();
        if (cats.isEmpty() || nonEmpty.isEmpty()) {
            placeholder(file, title, "not measured in this run");
            return;
        }
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle)
                .build();
        style(c.getStyler());
        c.getStyler().setYAxisLogarithmic(logY);
        if (logY) {
            // XChart's bar charts start the axis at 0 unless told otherwise, which a log axis cannot show.
            double min = nonEmpty.stream().flatMap(s -> cats.stream().map(k -> s.values().get(k)))
                    .mapToDouble(Double::doubleValue).min().orElse(1);
            double max = nonEmpty.stream().flatMap(s -> cats.stream().map(k -> s.values().get(k)))
                    .mapToDouble(Double::doubleValue).max().orElse(10);
            c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            c.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max * 1.01))));
        }
        c.getStyler().setXAxisLabelRotation(cats.size() > 6 ? 45 : 0);
        c.getStyler().setLabelsVisible(!logY && cats.size() * nonEmpty.size() <= 24);
        for (Series s : nonEmpty) {
            c.addSeries(s.name(), cats, cats.stream().map(k -> s.values().get(k)).toList());
        }
        save(c, file);
    }

    public static void lines(Path file, String title, String xTitle, String yTitle, List<Line> lines, boolean logX,
                             boolean logY) {
        List<Line> nonEmpty = lines.stream().filter(l -> !l.x().isEmpty()).toList();
        if (nonEmpty.isEmpty()) {
            placeholder(file, title, "not measured in this run");
            return;
        }
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        if (logY) {
            double min = nonEmpty.stream().flatMap(l -> l.y().stream()).mapToDouble(Double::doubleValue).min().orElse(1);
            double max = nonEmpty.stream().flatMap(l -> l.y().stream()).mapToDouble(Double::doubleValue).max().orElse(10);
            c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            c.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max * 1.01))));
        }
        for (Line l : nonEmpty) {
            c.addSeries(l.name(), l.x(), l.y());
        }
        save(c, file);
    }

    /** An image that says why there is no chart (keeps the report's links valid). */
    public static void placeholder(Path file, String title, String message) {
        BufferedImage img = new BufferedImage(WIDTH, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            drawMessage(g, title, message);
        } catch (Error | RuntimeException e) {
            if (!fontProblem(e)) {
                throw e;
            }
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void drawMessage(Graphics2D g, String title, String message) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, 200);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString(title, 20, 70);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        g.drawString(message, 20, 120);
    }

    private static void style(Styler s) {
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setChartBackgroundColor(Color.WHITE);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (Error | RuntimeException e) {
            // A JDK without fonts (a bare CI image) cannot draw text: keep the report's link valid with a plain
            // image. Anything else is a bug and propagates.
            if (!fontProblem(e)) {
                throw e;
            }
            blank(file);
        }
    }

    /** Whether a failure comes from the JDK's font machinery (no fonts or fontconfig installed). */
    static boolean fontProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("font")) {
                return true;
            }
            for (StackTraceElement el : t.getStackTrace()) {
                if (el.getClassName().startsWith("sun.font.") || el.getClassName().contains("FontConfiguration")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void blank(Path file) {
        try {
            ImageIO.write(new BufferedImage(WIDTH, 40, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static Map<String, Double> map() {
        return new LinkedHashMap<>();
    }
}

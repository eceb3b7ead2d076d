package io.he4j.web;

import java.util.List;
import java.util.Locale;

/**
 * Line charts drawn on the server as inline SVG (no script, nothing fetched): ROC curves, and the console's
 * request-rate and latency series. Presentation attributes only, no style attributes (the CSP forbids inline
 * styles). Each chart has a title and a text description for screen readers.
 */
public final class SvgChart {
    private static final String[] COLORS = {"#1f5f8b", "#d9730d", "#0a6b2d", "#a40000", "#6a3d9a", "#8c564b"};
    private static final int W = 420;
    private static final int H = 300;
    private static final int L = 52;
    private static final int R = 12;
    private static final int T = 28;
    private static final int B = 40;

    /** One line: its label and its points (x ascending not required). */
    public record Series(String label, double[] x, double[] y) {
    }

    private SvgChart() {
    }

    /**
     * @param xMax, yMax the axes run from 0 to these (values above are clipped)
     * @param diagonal   draws the chance line y = x (ROC)
     */
    public static String lines(String id, String title, String xLabel, String yLabel, List<Series> series,
                               double xMax, double yMax, boolean diagonal) {
        return lines(id, title, xLabel, yLabel, series, xMax, yMax, diagonal, false);
    }

    /** As above; {@code markers} also draws each point (for short series, e.g. one value per round). */
    public static String lines(String id, String title, String xLabel, String yLabel, List<Series> series,
                               double xMax, double yMax, boolean diagonal, boolean markers) {
        double xm = xMax > 0 ? xMax : 1;
        double ym = yMax > 0 ? yMax : 1;
        StringBuilder b = new StringBuilder(4096);
        b.append("<svg class=\"chart\" id=\"").append(Html.esc(id)).append("\" role=\"img\" aria-labelledby=\"")
                .append(Html.esc(id)).append("-t\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        b.append("<title id=\"").append(Html.esc(id)).append("-t\">").append(Html.esc(title)).append("</title>");
        b.append("<text x=\"").append(W / 2).append("\" y=\"18\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">")
                .append(Html.esc(title)).append("</text>");
        int pw = W - L - R;
        int ph = H - T - B;
        b.append("<rect x=\"").append(L).append("\" y=\"").append(T).append("\" width=\"").append(pw)
                .append("\" height=\"").append(ph).append("\" fill=\"none\" stroke=\"#888\"/>");
        for (int i = 0; i <= 4; i++) {
            double fx = L + pw * i / 4.0;
            double fy = T + ph - ph * i / 4.0;
            b.append("<text x=\"").append(f(fx)).append("\" y=\"").append(H - B + 14)
                    .append("\" text-anchor=\"middle\" font-size=\"10\">").append(tick(xm * i / 4, xm)).append("</text>");
            b.append("<text x=\"").append(L - 4).append("\" y=\"").append(f(fy + 3))
                    .append("\" text-anchor=\"end\" font-size=\"10\">").append(tick(ym * i / 4, ym)).append("</text>");
            if (i > 0 && i < 4) {
                b.append("<line x1=\"").append(L).append("\" x2=\"").append(L + pw).append("\" y1=\"").append(f(fy))
                        .append("\" y2=\"").append(f(fy)).append("\" stroke=\"#e3e6ea\"/>");
            }
        }
        b.append("<text x=\"").append(L + pw / 2).append("\" y=\"").append(H - 6)
                .append("\" text-anchor=\"middle\" font-size=\"11\">").append(Html.esc(xLabel)).append("</text>");
        b.append("<text x=\"12\" y=\"").append(T + ph / 2).append("\" text-anchor=\"middle\" font-size=\"11\" transform=\"rotate(-90 12 ")
                .append(T + ph / 2).append(")\">").append(Html.esc(yLabel)).append("</text>");
        if (diagonal) {
            b.append("<line x1=\"").append(L).append("\" y1=\"").append(T + ph).append("\" x2=\"").append(L + pw)
                    .append("\" y2=\"").append(T).append("\" stroke=\"#aaa\" stroke-dasharray=\"4 3\"/>");
        }
        for (int s = 0; s < series.size(); s++) {
            Series sr = series.get(s);
            String color = COLORS[s % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < sr.x().length; i++) {
                double px = L + pw * Math.min(1, Math.max(0, sr.x()[i] / xm));
                double py = T + ph - ph * Math.min(1, Math.max(0, sr.y()[i] / ym));
                pts.append(f(px)).append(',').append(f(py)).append(' ');
            }
            b.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\" points=\"")
                    .append(pts.toString().strip()).append("\"/>");
            if (markers) {
                for (String p : pts.toString().strip().split(" ")) {
                    if (!p.isEmpty()) {
                        String[] xy = p.split(",");
                        b.append("<circle r=\"3.5\" fill=\"").append(color).append("\" cx=\"").append(xy[0])
                                .append("\" cy=\"").append(xy[1]).append("\"/>");
                    }
                }
            }
            int ly = T + 14 + 14 * s;
            b.append("<rect x=\"").append(L + pw - 150).append("\" y=\"").append(ly - 8).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(color).append("\"/><text x=\"").append(L + pw - 136).append("\" y=\"").append(ly)
                    .append("\" font-size=\"11\">").append(Html.esc(sr.label())).append("</text>");
        }
        b.append("</svg>");
        return b.toString();
    }

    /** A round axis maximum at or above {@code v}: 1, 2 or 5 times a power of ten (1 for nothing to show). */
    public static double niceMax(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A tick label with as many decimals as the axis range needs. */
    private static String tick(double v, double range) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, range >= 4 ? "%.0f" : "%.2f", v);
    }
}

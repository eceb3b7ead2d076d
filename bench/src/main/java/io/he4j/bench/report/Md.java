package io.he4j.bench.report;

import java.util.List;
import java.util.Locale;

/** Markdown helpers: tables and number formatting. */
final class Md {
    private Md() {
    }

    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder();
        b.append('|');
        header.forEach(h -> b.append(' ').append(h.replace("|", "\\|")).append(" |"));
        b.append("\n|");
        header.forEach(h -> b.append("---|"));
        b.append('\n');
        for (List<String> r : rows) {
            b.append('|');
            r.forEach(c -> b.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |"));
            b.append('\n');
        }
        return b.toString();
    }

    /** Three significant digits for small numbers, thousands separators for large ones. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%+.1f%%", v);
    }
}

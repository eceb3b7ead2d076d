package io.he4j.web;

/** HTML text escaping: every value that did not come from a template literal goes through {@link #esc}. */
public final class Html {
    private Html() {
    }

    /** Escapes text for element content and for double-quoted attribute values. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A number for display: up to {@code digits} decimals, "n/a" for NaN. */
    public static String num(double v, int digits) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(java.util.Locale.ROOT, "%." + digits + "f", v);
    }

    /** The hidden CSRF field every form carries. */
    public static String csrfField(Session s) {
        return "<input type=\"hidden\" name=\"" + WebGuard.CSRF_FIELD + "\" value=\"" + esc(s.csrf()) + "\">";
    }
}

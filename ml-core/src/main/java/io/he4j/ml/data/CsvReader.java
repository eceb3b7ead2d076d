package io.he4j.ml.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads numeric CSV files (optionally gzip-compressed, by the {@code .gz} suffix). Numbers may be written
 * {@code 63.0}, {@code .7}, {@code -1e-3}; {@code ?}, {@code NA} or an empty field mean "missing" (NaN).
 * Every error names the line and the column. Quoted fields ({@code "..."}) are unquoted; quotes may not
 * contain the delimiter. Blank lines are ignored.
 */
public final class CsvReader {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern BLANKS = Pattern.compile("[ \\t]+");

    private CsvReader() {
    }

    public static RawTable read(Path file, CsvOptions options) {
        try (InputStream in = open(file)) {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), file.toString(), options);
        } catch (NoSuchFileException e) {
            throw new CsvFormatException(file.toString(), 0, 0, "file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    public static RawTable read(Reader reader, String source, CsvOptions options) {
        BufferedReader br = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> names = null;
        int targetIndex = -1;
        int width = -1;
        List<double[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        int droppedTarget = 0;
        long lineNo = 0;
        try {
            String line;
            while ((line = br.readLine()) != null) {
                lineNo++;
                if (lineNo <= options.skipLines()) {
                    continue;
                }
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = split(line, options.delimiter());
                if (width < 0) {
                    width = fields.length;
                    if (width < (options.target() instanceof TargetColumn.None ? 1 : 2)) {
                        throw new CsvFormatException(source, lineNo, 0, "found " + width
                                + " column; need at least 2 (features and a target) separated by '"
                                + printable(options.delimiter()) + "'");
                    }
                    if (options.header()) {
                        names = new ArrayList<>();
                        for (String f : fields) {
                            names.add(f);
                        }
                        targetIndex = resolveTarget(options.target(), names, source, lineNo);
                        continue;
                    }
                    names = new ArrayList<>();
                    for (int i = 0; i < width; i++) {
                        names.add("x" + i);
                    }
                    targetIndex = resolveTarget(options.target(), names, source, lineNo);
                }
                if (fields.length != width) {
                    throw new CsvFormatException(source, lineNo, 0, "expected " + width + " columns (as on the first "
                            + (options.header() ? "header " : "") + "line), found " + fields.length);
                }
                double[] row = new double[targetIndex < 0 ? width : width - 1];
                double target = targetIndex < 0 ? 0 : Double.NaN;
                for (int c = 0, k = 0; c < width; c++) {
                    double v = parse(fields[c], options, source, lineNo, c, names.get(c));
                    if (c == targetIndex) {
                        target = v;
                    } else {
                        row[k++] = v;
                    }
                }
                if (Double.isNaN(target)) {
                    droppedTarget++;
                    continue;
                }
                rows.add(row);
                targets.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": read failed at line " + lineNo + ": " + e.getMessage(), e);
        }
        if (width < 0 || rows.isEmpty()) {
            throw new CsvFormatException(source, lineNo, 0, "no data rows" + (droppedTarget > 0
                    ? " with a target value (" + droppedTarget + " rows had the target missing)" : ""));
        }
        List<String> featureNames = new ArrayList<>(names);
        String targetName = targetIndex < 0 ? "" : featureNames.remove(targetIndex);
        double[] y = new double[targets.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = targets.get(i);
        }
        return new RawTable(featureNames, targetName, rows.toArray(new double[0][]), y, droppedTarget);
    }

    private static int resolveTarget(TargetColumn target, List<String> names, String source, long line) {
        int width = names.size();
        return switch (target) {
            case TargetColumn.None() -> -1;
            case TargetColumn.ByIndex(int index) -> {
                int i = index < 0 ? width + index : index;
                if (i < 0 || i >= width) {
                    throw new CsvFormatException(source, line, 0, "target column index " + index
                            + " is out of range: the file has " + width + " columns (0.." + (width - 1) + ")");
                }
                yield i;
            }
            case TargetColumn.ByName(String name) -> {
                int i = names.indexOf(name);
                if (i < 0) {
                    throw new CsvFormatException(source, line, 0, "no column named '" + name + "'; the "
                            + (names.getFirst().equals("x0") ? "file has no header (use a 0-based index)"
                            : "header has " + names));
                }
                yield i;
            }
        };
    }

    private static double parse(String raw, CsvOptions options, String source, long line, int col, String name) {
        String s = raw;
        if (s.isEmpty() || options.missingTokens().contains(s)) {
            return Double.NaN;
        }
        if (!NUMBER.matcher(s).matches()) {
            throw new CsvFormatException(source, line, col + 1, "'" + abbreviate(s) + "' in column '" + name
                    + "' is not a number (allowed: decimal numbers such as 63.0, .7, -1e-3; missing: empty, "
                    + String.join(", ", options.missingTokens().stream().sorted().toList()) + ")");
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw new CsvFormatException(source, line, col + 1, "'" + abbreviate(s) + "' in column '" + name
                    + "' is out of the double range");
        }
        return v;
    }

    static String[] split(String line, char delimiter) {
        String[] parts = delimiter == ' ' ? BLANKS.split(line.strip()) : line.split(Pattern.quote(String.valueOf(delimiter)), -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.length() >= 2 && p.charAt(0) == '"' && p.charAt(p.length() - 1) == '"') {
                p = p.substring(1, p.length() - 1).strip();
            }
            parts[i] = p;
        }
        return parts;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String printable(char c) {
        return c == ' ' ? "blank" : c == '\t' ? "tab" : String.valueOf(c);
    }
}

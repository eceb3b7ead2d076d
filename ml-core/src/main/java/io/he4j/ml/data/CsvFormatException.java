package io.he4j.ml.data;

import io.he4j.ml.MlException;

/**
 * A CSV file could not be read. {@link #line()} is 1-based; {@link #column()} is 1-based or 0 when the
 * problem concerns a whole line. The message always names both (and the column's name when known).
 */
public final class CsvFormatException extends MlException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final long line;
    private final int column;

    public CsvFormatException(String source, long line, int column, String message) {
        super(source + ": line " + line + (column > 0 ? ", column " + column : "") + ": " + message);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public int column() {
        return column;
    }
}

package io.he4j.client;

/**
 * Record ids for the rows of a CSV file, as `./he4j records upload` and the hospital app's records page give
 * them: {@code N} for row N (1-based, as the prediction CSV numbers rows) stored alone, {@code F-L} for rows F..L
 * stored as one batch record. Results are put back in row order through {@link #firstRow}.
 */
public final class RowRecordIds {
    private RowRecordIds() {
    }

    /** The id of row {@code row} (1-based) stored as a single record. */
    public static String single(int row) {
        return Integer.toString(row);
    }

    /** The id of rows {@code first..last} (1-based, inclusive) stored as one batch record. */
    public static String batch(int first, int last) {
        return first + "-" + last;
    }

    /** The first row an id names ("N" or "N-M"), or {@code Long.MAX_VALUE} for any other id (sorted last). */
    public static long firstRow(String id) {
        String first = id.contains("-") ? id.substring(0, id.indexOf('-')) : id;
        return first.matches("[0-9]{1,9}") ? Long.parseLong(first) : Long.MAX_VALUE;
    }
}

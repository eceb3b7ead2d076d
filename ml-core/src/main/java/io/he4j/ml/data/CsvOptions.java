package io.he4j.ml.data;

import java.util.Set;

/**
 * How to read a numeric CSV file.
 *
 * @param header        the first (non-skipped) line holds column names
 * @param target        which column is the target
 * @param delimiter     field separator; {@code ' '} means "one or more blanks or tabs"
 * @param missingTokens field values meaning "missing" (compared after trimming); an empty field is always missing
 * @param skipLines     lines to ignore at the top before the header or the data (e.g. a descriptor line)
 */
public record CsvOptions(boolean header, TargetColumn target, char delimiter, Set<String> missingTokens,
                         int skipLines) {
    public CsvOptions {
        missingTokens = Set.copyOf(missingTokens);
        if (skipLines < 0) {
            throw new IllegalArgumentException("skipLines must be >= 0, got " + skipLines);
        }
    }

    /** Comma-separated, {@code ?} marks a missing value. */
    public static CsvOptions csv(boolean header, TargetColumn target) {
        return new CsvOptions(header, target, ',', Set.of("?", "NA"), 0);
    }

    public CsvOptions withSkipLines(int n) {
        return new CsvOptions(header, target, delimiter, missingTokens, n);
    }

    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(header, target, d, missingTokens, skipLines);
    }
}

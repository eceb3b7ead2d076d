package io.he4j.app;

import io.he4j.ml.MlException;
import io.he4j.ml.data.CsvOptions;
import io.he4j.ml.data.CsvReader;
import io.he4j.ml.data.RawTable;
import io.he4j.ml.data.TargetColumn;
import io.he4j.protocol.ModelManifest;
import io.he4j.web.PageException;

import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An uploaded CSV (header line required; "", "?" and "NA" are missing) turned into feature rows in the model's
 * order: columns are matched by name when the header has every feature's name (other columns are ignored), else
 * by position when the count matches. Anything else is a 400 that says what was expected.
 *
 * @param features rows in manifest order (NaN = missing)
 * @param target   raw label values when a label column was read, else empty
 */
record CsvRows(double[][] features, double[] target, String targetName) {
    static final int MAX_ROWS = 100_000;

    static CsvRows read(byte[] csv, String source, ModelManifest m, TargetColumn label) {
        RawTable t = table(csv, source, label);
        List<String> want = m.featureNames();
        int[] columns = new int[want.size()];
        if (t.featureNames().containsAll(want)) {
            for (int i = 0; i < columns.length; i++) {
                columns[i] = t.featureNames().indexOf(want.get(i));
            }
        } else if (t.featureNames().size() == want.size()) {
            for (int i = 0; i < columns.length; i++) {
                columns[i] = i;
            }
        } else {
            List<String> missing = new ArrayList<>(want);
            missing.removeAll(t.featureNames());
            throw new PageException(400, "the model takes " + want.size() + " features " + want + "; the file has "
                    + t.featureNames().size() + " feature columns and lacks " + missing
                    + (label instanceof TargetColumn.None ? "" : " (besides the label column '" + t.targetName() + "')"));
        }
        double[][] rows = new double[t.rows()][columns.length];
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < columns.length; i++) {
                rows[r][i] = t.features()[r][columns[i]];
            }
        }
        return new CsvRows(rows, label instanceof TargetColumn.None ? new double[0] : t.target(), t.targetName());
    }

    /** A labelled file with every other column a feature, in file order, and their names. */
    static Labelled readLabelled(byte[] csv, String source, TargetColumn label) {
        RawTable t = table(csv, source, label);
        return new Labelled(new CsvRows(t.features(), t.target(), t.targetName()), t.featureNames());
    }

    /** {@link #readLabelled}'s result: the rows and the feature columns' names. */
    record Labelled(CsvRows rows, List<String> featureNames) {
    }

    private static RawTable table(byte[] csv, String source, TargetColumn label) {
        RawTable t;
        try {
            t = CsvReader.read(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8), source,
                    new CsvOptions(true, label, ',', Set.of("?", "NA"), 0));
        } catch (MlException e) {
            throw new PageException(400, "the CSV file cannot be read: " + e.getMessage());
        }
        if (t.rows() == 0) {
            throw new PageException(400, "the CSV file has no data rows");
        }
        if (t.rows() > MAX_ROWS) {
            throw new PageException(413, "at most " + MAX_ROWS + " rows per file; this one has " + t.rows());
        }
        return t;
    }
}

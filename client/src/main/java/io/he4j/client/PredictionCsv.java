package io.he4j.client;

import io.he4j.ml.model.OutputLink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The CSV of decrypted predictions that `./he4j predict`, `./he4j records results`, `./he4j paillier decrypt`
 * and the hospital app's jobs page produce: a header, then per row its 1-based number and the predicted class
 * with its probability ({@code row,prediction,probability}), or the regression value ({@code row,prediction}).
 */
public final class PredictionCsv {
    private final Appendable out;
    private final OutputLink link;
    private final List<String> classNames;

    /** Writes the header to {@code out} (e.g. {@code System.out} or a {@code StringBuilder}). */
    public PredictionCsv(Appendable out, OutputLink link, List<String> classNames) {
        this.out = out;
        this.link = link;
        this.classNames = List.copyOf(classNames);
        write(link != OutputLink.IDENTITY ? "row,prediction,probability\n" : "row,prediction\n");
    }

    /** One row from its decrypted scores. */
    public void row(int number, double[] scores) {
        if (link == OutputLink.IDENTITY) {
            write(String.format(Locale.ROOT, "%d,%.6f%n", number, scores[0]));
        } else {
            int c = link.label(scores);
            write(String.format(Locale.ROOT, "%d,%s,%.6f%n", number, classNames.get(c), link.probabilities(scores)[c]));
        }
    }

    /**
     * A scoring job's decrypted results ({@link RemoteModel#results}) as rows: records named by {@link RowRecordIds}
     * are put back in row order, a batch record giving its rows in turn.
     *
     * @return one line per record left out (its error, or an id that is not a row number), for the user to see
     */
    public List<String> results(List<RecordResult> results) {
        List<String> skipped = new java.util.ArrayList<>();
        List<RecordResult> sorted = results.stream()
                .sorted(java.util.Comparator.comparingLong(r -> RowRecordIds.firstRow(r.recordId()))).toList();
        for (RecordResult r : sorted) {
            long row = RowRecordIds.firstRow(r.recordId());
            if (r.error().isPresent() || row == Long.MAX_VALUE) {
                skipped.add("record " + r.recordId() + ": " + r.error().orElse("not a row number"));
                continue;
            }
            for (Prediction p : r.predictions()) {
                row((int) row++, p.scores());
            }
        }
        return skipped;
    }

    private void write(String s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.he4j.cli;

import io.he4j.ml.MlException;
import io.he4j.ml.data.CsvOptions;
import io.he4j.ml.data.CsvReader;
import io.he4j.ml.data.Dataset;
import io.he4j.ml.data.MissingValues;
import io.he4j.ml.data.RawTable;
import io.he4j.ml.data.TargetColumn;
import io.he4j.ml.data.Targets;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** CSV options shared by train and evaluate. */
final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file (.gz allowed).")
    Path data;

    @Option(names = "--target", required = true, paramLabel = "COL",
            description = "Target column: header name, or 0-based index (-1 = last).")
    String target;

    @Option(names = "--no-header", description = "The first line is data, not column names.")
    boolean noHeader;

    @Option(names = "--delimiter", paramLabel = "C", defaultValue = ",",
            description = "Field separator (default ','; 'space' or 'tab' for blank-separated files).")
    String delimiter;

    @Option(names = "--skip-lines", paramLabel = "N", defaultValue = "0",
            description = "Lines to ignore at the top (e.g. a descriptor line).")
    int skipLines;

    @Option(names = "--positive-above", paramLabel = "T",
            description = "Binary target: class 1 when the target is > T (e.g. 0 for UCI heart disease 'num').")
    Optional<Double> positiveAbove;

    @Option(names = "--task", defaultValue = "auto", paramLabel = "auto|classification|regression",
            description = "auto: classification if the target holds <= 20 distinct integers.")
    String task;

    @Option(names = "--drop-missing", description = "Drop rows with missing values ('?' or empty) instead of "
            + "imputing them with the training-split mean (the default).")
    boolean dropMissing;

    static char delimiterChar(String d) {
        return switch (d) {
            case "space", " " -> ' ';
            case "tab", "\\t", "\t" -> '\t';
            default -> {
                if (d.length() != 1) {
                    throw new MlException("--delimiter must be one character, 'space' or 'tab', got '" + d + "'");
                }
                yield d.charAt(0);
            }
        };
    }

    Dataset load() {
        CsvOptions o = new CsvOptions(!noHeader, TargetColumn.parse(target), delimiterChar(delimiter),
                Set.of("?", "NA"), skipLines);
        RawTable t = CsvReader.read(data, o);
        String name = data.getFileName().toString();
        Dataset d;
        if (positiveAbove.isPresent()) {
            double th = positiveAbove.get();
            String ts = th == Math.rint(th) ? Long.toString((long) th) : Double.toString(th);
            d = Targets.binary(t, name, th, "<= " + ts, "> " + ts);
        } else {
            d = switch (task) {
                case "auto" -> Targets.auto(t, name);
                case "classification" -> Targets.classes(t, name);
                case "regression" -> Targets.regression(t, name);
                default -> throw new MlException("--task must be auto, classification or regression, got " + task);
            };
        }
        return dropMissing ? MissingValues.dropRows(d) : d;
    }
}

package io.he4j.cli;

import io.he4j.ml.MlException;
import io.he4j.ml.data.CsvOptions;
import io.he4j.ml.data.CsvReader;
import io.he4j.ml.data.RawTable;
import io.he4j.ml.data.TargetColumn;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The feature rows a prediction command reads: one CSV file, an optional column to ignore ("?"/"NA" missing). */
final class FeatureCsvOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file of feature rows.")
    Path data;

    @Option(names = "--no-header", description = "The first line is data, not column names.")
    boolean noHeader;

    @Option(names = "--target", paramLabel = "COL",
            description = "A column to ignore (e.g. the label, if the file has one): name or 0-based index.")
    Optional<String> target = Optional.empty();

    @Option(names = "--delimiter", paramLabel = "C", defaultValue = ",", description = "Field separator.")
    String delimiter = ",";

    RawTable read() {
        TargetColumn t = target.map(TargetColumn::parse).orElse(new TargetColumn.None());
        return CsvReader.read(data, new CsvOptions(!noHeader, t, DataOptions.delimiterChar(delimiter),
                Set.of("?", "NA"), 0));
    }

    /** The rows, checked to have the model's number of features. */
    RawTable read(List<String> modelFeatures) {
        RawTable table = read();
        if (table.featureNames().size() != modelFeatures.size()) {
            throw new MlException("the model takes " + modelFeatures.size() + " features " + modelFeatures + " but "
                    + data + " has " + table.featureNames().size() + " feature columns " + table.featureNames()
                    + (target.isEmpty() ? " (use --target to ignore a label column)" : ""));
        }
        return table;
    }
}

package io.he4j.cli;

import io.he4j.ml.model.OutputLink;

import java.io.PrintStream;
import java.util.List;

/**
 * The CSV every prediction command prints (`./he4j predict`, `./he4j paillier decrypt`): a header, then per row
 * its 1-based number and the predicted class with its probability, or the regression value.
 */
final class PredictionCsv {
    private final PrintStream out;
    private final OutputLink link;
    private final List<String> classNames;

    PredictionCsv(PrintStream out, OutputLink link, List<String> classNames) {
        this.out = out;
        this.link = link;
        this.classNames = List.copyOf(classNames);
        out.println(link != OutputLink.IDENTITY ? "row,prediction,probability" : "row,prediction");
    }

    void row(int number, double[] scores) {
        if (link == OutputLink.IDENTITY) {
            out.printf("%d,%.6f%n", number, scores[0]);
        } else {
            int c = link.label(scores);
            out.printf("%d,%s,%.6f%n", number, classNames.get(c), link.probabilities(scores)[c]);
        }
    }
}

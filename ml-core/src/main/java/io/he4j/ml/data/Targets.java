package io.he4j.ml.data;

import io.he4j.ml.MlException;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Turns a {@link RawTable}'s raw target column into a classification or regression {@link Dataset}. */
public final class Targets {
    private static final int MAX_CLASSES = 100;

    private Targets() {
    }

    /** One class per distinct target value, in increasing order; the values must be integers. */
    public static Dataset classes(RawTable t, String name) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (double v : t.target()) {
            if (v != Math.rint(v)) {
                throw new MlException(name + ": target column '" + t.targetName() + "' holds " + v
                        + ", not a class label; use regression or a threshold for a binary target");
            }
            distinct.add(v);
        }
        if (distinct.size() < 2) {
            throw new MlException(name + ": target column '" + t.targetName() + "' has only one value " + distinct
                    + "; classification needs at least two classes");
        }
        if (distinct.size() > MAX_CLASSES) {
            throw new MlException(name + ": target column '" + t.targetName() + "' has " + distinct.size()
                    + " distinct values; at most " + MAX_CLASSES + " classes are supported (regression?)");
        }
        List<Double> values = new ArrayList<>(distinct);
        List<String> classNames = new ArrayList<>();
        for (double v : values) {
            classNames.add(Long.toString((long) v));
        }
        double[] y = new double[t.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = values.indexOf(t.target()[i]);
        }
        return new Dataset(name, t.featureNames(), classNames, t.features(), y);
    }

    /** Binary target: class 1 when the raw value is strictly greater than {@code threshold}. */
    public static Dataset binary(RawTable t, String name, double threshold, String negativeName, String positiveName) {
        double[] y = new double[t.rows()];
        int pos = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = t.target()[i] > threshold ? 1 : 0;
            pos += (int) y[i];
        }
        if (pos == 0 || pos == y.length) {
            throw new MlException(name + ": every row falls on the same side of threshold " + threshold
                    + " for target '" + t.targetName() + "'");
        }
        return new Dataset(name, t.featureNames(), List.of(negativeName, positiveName), t.features(), y);
    }

    public static Dataset regression(RawTable t, String name) {
        return new Dataset(name, t.featureNames(), List.of(), t.features(), t.target());
    }

    /** Classification when every target is an integer with at most 20 distinct values, else regression. */
    public static Dataset auto(RawTable t, String name) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (double v : t.target()) {
            if (v != Math.rint(v)) {
                return regression(t, name);
            }
            distinct.add(v);
            if (distinct.size() > 20) {
                return regression(t, name);
            }
        }
        return classes(t, name);
    }
}

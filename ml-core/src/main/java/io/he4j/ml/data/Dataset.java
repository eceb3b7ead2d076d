package io.he4j.ml.data;

import io.he4j.ml.MlException;

import java.util.List;

/**
 * A numeric dataset: features (NaN = missing), targets, names.
 * Classification when {@code classNames} is non-empty: then {@code y[i]} is a class index 0..K-1.
 * Regression when {@code classNames} is empty: {@code y[i]} is the value.
 * Arrays are shared, not copied: treat them as read-only.
 */
public record Dataset(String name, List<String> featureNames, List<String> classNames, double[][] x, double[] y) {
    public Dataset {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        if (x.length != y.length) {
            throw new MlException(name + ": " + x.length + " feature rows but " + y.length + " targets");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != featureNames.size()) {
                throw new MlException(name + ": row " + i + " has " + x[i].length + " features, expected "
                        + featureNames.size());
            }
        }
        if (!classNames.isEmpty()) {
            for (int i = 0; i < y.length; i++) {
                double c = y[i];
                if (c != Math.rint(c) || c < 0 || c >= classNames.size()) {
                    throw new MlException(name + ": row " + i + " has class " + c + ", expected 0.."
                            + (classNames.size() - 1));
                }
            }
        }
    }

    public int rows() {
        return y.length;
    }

    public int features() {
        return featureNames.size();
    }

    public boolean isClassification() {
        return !classNames.isEmpty();
    }

    public int classCount() {
        return classNames.size();
    }

    /** Class indices (classification only). */
    public int[] labels() {
        if (!isClassification()) {
            throw new MlException(name + " is a regression dataset: it has no class labels");
        }
        int[] l = new int[y.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (int) y[i];
        }
        return l;
    }

    public boolean hasMissing() {
        for (double[] row : x) {
            for (double v : row) {
                if (Double.isNaN(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    public Dataset subset(int[] rows, String newName) {
        double[][] sx = new double[rows.length][];
        double[] sy = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            sx[i] = x[rows[i]];
            sy[i] = y[rows[i]];
        }
        return new Dataset(newName, featureNames, classNames, sx, sy);
    }

    public Dataset withX(double[][] newX) {
        return new Dataset(name, featureNames, classNames, newX, y);
    }
}

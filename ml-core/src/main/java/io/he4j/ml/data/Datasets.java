package io.he4j.ml.data;

import io.he4j.ml.MlException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loaders for the datasets in {@code ../shared/data} (see its README for sources and licences).
 * Missing values are left as NaN unless a policy says otherwise; impute them with {@link MeanImputer}
 * fitted on the training split.
 */
public final class Datasets {
    public static final List<String> HEART_FEATURES = List.of("age", "sex", "cp", "trestbps", "chol", "fbs",
            "restecg", "thalach", "exang", "oldpeak", "slope", "ca", "thal");

    private Datasets() {
    }

    /** The four hospitals of the UCI Heart Disease data (Janosi, Steinbrunn, Pfisterer, Detrano, 1988). */
    public enum Institution {
        CLEVELAND("processed.cleveland.data"),
        HUNGARIAN("processed.hungarian.data"),
        SWITZERLAND("processed.switzerland.data"),
        VA("processed.va.data");

        private final String file;

        Institution(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }
    }

    public static Path heartDiseaseFile(Path dataDir, Institution inst) {
        return dataDir.resolve("heart-disease").resolve(inst.file());
    }

    /**
     * Heart disease with the usual binary target {@code num > 0} (classes "no disease", "disease").
     * With {@link MissingValues.Policy#DROP_ROWS} incomplete rows are removed (Cleveland: 303 -> 297);
     * otherwise missing values stay NaN for a train-mean imputer.
     */
    public static Dataset heartDisease(Path dataDir, Institution inst, MissingValues.Policy policy) {
        return heartDisease(heartDiseaseFile(dataDir, inst), "heart-" + inst.name().toLowerCase(), policy);
    }

    public static Dataset heartDisease(Path file, String name, MissingValues.Policy policy) {
        RawTable t = CsvReader.read(file, CsvOptions.csv(false, new TargetColumn.ByIndex(13)));
        if (t.featureNames().size() != 13) {
            throw new MlException(file + ": expected the 14-column processed heart-disease layout, found "
                    + (t.featureNames().size() + 1) + " columns");
        }
        RawTable named = new RawTable(HEART_FEATURES, "num", t.features(), t.target(), t.droppedTarget());
        Dataset d = Targets.binary(named, name, 0, "no disease", "disease");
        return policy == MissingValues.Policy.DROP_ROWS ? MissingValues.dropRows(d) : d;
    }

    /**
     * Breast Cancer Wisconsin (Diagnostic), as shipped by scikit-learn: the first line is a descriptor
     * {@code 569,30,malignant,benign}, not a header; 30 features then the target (0 malignant, 1 benign).
     */
    public static Dataset breastCancer(Path dataDir) {
        Path file = dataDir.resolve("sklearn").resolve("breast_cancer.csv");
        String[] descriptor = firstLine(file).split(",");
        if (descriptor.length < 4) {
            throw new CsvFormatException(file.toString(), 1, 0, "expected the descriptor 'rows,features,class0,class1'");
        }
        int features = Integer.parseInt(descriptor[1].strip());
        RawTable t = CsvReader.read(file, CsvOptions.csv(false, new TargetColumn.ByIndex(features)).withSkipLines(1));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            names.add("f" + i);
        }
        List<String> rstNames = breastCancerNames(features);
        RawTable named = new RawTable(rstNames.isEmpty() ? names : rstNames, "target", t.features(), t.target(), 0);
        Dataset d = Targets.classes(named, "breast-cancer");
        return new Dataset(d.name(), d.featureNames(), List.of(descriptor[2].strip(), descriptor[3].strip()), d.x(), d.y());
    }

    /** 8x8 handwritten digits (UCI optdigits test set, via scikit-learn): 64 pixels 0..16 then the label. */
    public static Dataset digits(Path dataDir) {
        Path file = dataDir.resolve("sklearn").resolve("digits.csv.gz");
        RawTable t = CsvReader.read(file, CsvOptions.csv(false, new TargetColumn.ByIndex(64)));
        List<String> names = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                names.add("pixel_" + r + "_" + c);
            }
        }
        return Targets.classes(new RawTable(names, "digit", t.features(), t.target(), 0), "digits");
    }

    /** Diabetes (Efron et al., 2004): 10 raw features (space-separated) and a separate target file; regression. */
    public static Dataset diabetes(Path dataDir) {
        Path xf = dataDir.resolve("sklearn").resolve("diabetes_data_raw.csv.gz");
        Path yf = dataDir.resolve("sklearn").resolve("diabetes_target.csv.gz");
        CsvOptions o = new CsvOptions(false, TargetColumn.last(), ' ', java.util.Set.of("?"), 0);
        RawTable xs = CsvReader.read(xf, o);
        double[][] x = new double[xs.rows()][];
        for (int i = 0; i < x.length; i++) {
            // the reader split off the last column as a target: glue it back, these are all features
            double[] row = java.util.Arrays.copyOf(xs.features()[i], xs.featureNames().size() + 1);
            row[row.length - 1] = xs.target()[i];
            x[i] = row;
        }
        double[] y = readColumn(yf);
        if (y.length != x.length) {
            throw new MlException(yf + " has " + y.length + " targets but " + xf + " has " + x.length + " rows");
        }
        List<String> names = List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");
        if (x.length > 0 && x[0].length != names.size()) {
            names = new ArrayList<>();
            for (int i = 0; i < x[0].length; i++) {
                names.add("x" + i);
            }
        }
        return new Dataset("diabetes", names, List.of(), x, y);
    }

    private static double[] readColumn(Path file) {
        List<Double> values = new ArrayList<>();
        try (BufferedReader br = new BufferedReader(new InputStreamReader(CsvReader.open(file), StandardCharsets.UTF_8))) {
            String line;
            long n = 0;
            while ((line = br.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    values.add(Double.parseDouble(line.strip()));
                } catch (NumberFormatException e) {
                    throw new CsvFormatException(file.toString(), n, 1, "'" + line.strip() + "' is not a number");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String firstLine(Path file) {
        try (BufferedReader br = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String l = br.readLine();
            if (l == null) {
                throw new CsvFormatException(file.toString(), 1, 0, "file is empty");
            }
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** scikit-learn's feature names (see breast_cancer.rst): 10 measurements x (mean, error, worst). */
    private static List<String> breastCancerNames(int n) {
        String[] base = {"radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
                "concave points", "symmetry", "fractal dimension"};
        if (n != 30) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String prefix : new String[]{"mean ", "", "worst "}) {
            for (String b : base) {
                names.add(prefix.isEmpty() ? b + " error" : prefix + b);
            }
        }
        return names;
    }
}

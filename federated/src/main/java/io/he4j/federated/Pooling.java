package io.he4j.federated;

import io.he4j.ml.data.Dataset;

import java.util.ArrayList;
import java.util.List;

/** Concatenation of institutions' datasets with one schema (the centrally trained baseline, pooled tests). */
public final class Pooling {
    private Pooling() {
    }

    public static Dataset concat(String name, List<Dataset> parts) {
        Dataset first = parts.getFirst();
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Dataset d : parts) {
            if (!d.featureNames().equals(first.featureNames()) || !d.classNames().equals(first.classNames())) {
                throw new FederationException(d.name() + " has another schema than " + first.name());
            }
            for (int i = 0; i < d.rows(); i++) {
                x.add(d.x()[i]);
                y.add(d.y()[i]);
            }
        }
        return new Dataset(name, first.featureNames(), first.classNames(), x.toArray(new double[0][]),
                y.stream().mapToDouble(Double::doubleValue).toArray());
    }
}

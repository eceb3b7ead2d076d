package io.he4j.ml.he;

import io.he4j.ml.model.Dense;

import java.util.SplittableRandom;

/** Random test inputs: dense layers and vectors with standard normal entries. */
final class RandomLayers {
    private RandomLayers() {
    }

    static Dense gaussian(int out, int in, SplittableRandom r) {
        double[][] w = new double[out][];
        for (int o = 0; o < out; o++) {
            w[o] = vector(in, r);
        }
        return new Dense(w, vector(out, r));
    }

    static double[] vector(int n, SplittableRandom r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }
}

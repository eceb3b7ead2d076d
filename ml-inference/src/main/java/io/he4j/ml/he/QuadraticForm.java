package io.he4j.ml.he;

import io.he4j.ml.model.Dense;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;

import java.util.List;

/**
 * Single query of a one-hidden-layer square network without rotations or relinearization. Such a network is
 * exactly a quadratic form in its input: score_c = b2_c + sum_i w2_ci (W1_i . x + b1_i)^2
 * = x^T A_c x + g_c . x + d_c with A_c = sum_i w2_ci W1_i W1_i^T, g_c = 2 sum_i w2_ci b1_i W1_i and
 * d_c = b2_c + sum_i w2_ci b1_i^2. The client, who owns x, sends the monomials phi(x) = (x_j x_k for j <= k,
 * then x_j); the server evaluates the linear model (A, g, d) on phi by coefficient encoding
 * ({@link CoefficientServer}): one plaintext product, no keys. Same scores as the network up to
 * floating-point rounding; the server still learns nothing but ciphertexts.
 * Fits when classes x (D(D+3)/2) coefficients fit the ring (D = 13 for heart disease: 104).
 *
 * <p>Batches take the same trick feature-major ({@link ProtocolKind#QUADRATIC_FORM_BATCH}): one ciphertext per
 * monomial, patient i in slot i, evaluated as a linear batch by {@link FeatureMajorServer} and flooded
 * statistically like one ({@link BatchFlood}): no ciphertext product, no evaluation key. The upload and the
 * client's encryption grow with the D(D+3)/2 monomials instead of D features; {@link #MAX_BATCH_MONOMIALS}
 * is where that stops being worth it.
 */
public final class QuadraticForm {
    private QuadraticForm() {
    }

    /** Whether the network is one hidden square layer whose expanded linear model fits {@code polyDegree}. */
    public static boolean applies(SquareNetwork net, int polyDegree) {
        return net.layers().size() == 2 && (long) net.outputs() * monomials(net.inputs()) <= polyDegree;
    }

    /**
     * Most monomials a batch query is expanded to (D <= 33). The upload and the client's encryption grow with the
     * monomial count, (D + 3) / 2 times the feature-major MLP batch's (bench/results/qf-batch-20261205: breast
     * cancer's 495 monomials are 85 MB per 4096-patient batch, 20.8 KB and ~94 us of encryption per patient,
     * against 5.2 MB for its 30 features); at 600 a batch request passes 100 MB, past what a service should
     * buffer per request, so wider one-hidden-layer networks keep the feature-major MLP batch (with the
     * precision-limited flood, no statistical bound).
     */
    static final int MAX_BATCH_MONOMIALS = 600;

    /** Whether a batch of {@code net} is sent as monomials ({@link ProtocolKind#QUADRATIC_FORM_BATCH}). */
    static boolean appliesToBatch(SquareNetwork net) {
        return net.layers().size() == 2 && monomials(net.inputs()) <= MAX_BATCH_MONOMIALS;
    }

    /** Ciphertexts in one batch query of {@code layout}: a monomial or a feature each. */
    static int batchCiphertexts(QueryLayout layout) {
        return layout.kind() == ProtocolKind.QUADRATIC_FORM_BATCH ? monomials(layout.inputs()) : layout.inputs();
    }

    /** The network a batch server of {@code layout} evaluates: the linear model over monomials, or {@code net}. */
    static SquareNetwork batchNetwork(SquareNetwork net, QueryLayout layout) {
        return layout.kind() == ProtocolKind.QUADRATIC_FORM_BATCH ? linearModel(net) : net;
    }

    /** The network as a linear model over {@link #features}. */
    static SquareNetwork linearModel(SquareNetwork net) {
        return new SquareNetwork(List.of(expand(net)), net.output());
    }

    static int monomials(int d) {
        return d * (d + 1) / 2 + d;
    }

    /** The linear model (A, g, d) over {@link #features}: off-diagonal products carry A_jk + A_kj. */
    static Dense expand(SquareNetwork net) {
        Dense l1 = net.layers().getFirst();
        Dense l2 = net.layers().getLast();
        int d = l1.in();
        double[][] w = new double[l2.out()][monomials(d)];
        double[] bias = new double[l2.out()];
        for (int c = 0; c < l2.out(); c++) {
            bias[c] = l2.bias()[c];
            for (int i = 0; i < l1.out(); i++) {
                double v = l2.weights()[c][i];
                double[] row = l1.weights()[i];
                double b1 = l1.bias()[i];
                int m = 0;
                for (int j = 0; j < d; j++) {
                    for (int k = j; k < d; k++) {
                        w[c][m++] += (j == k ? 1 : 2) * v * row[j] * row[k];
                    }
                }
                for (int j = 0; j < d; j++) {
                    w[c][m++] += 2 * v * b1 * row[j];
                }
                bias[c] += v * b1 * b1;
            }
        }
        return new Dense(w, bias);
    }

    /** phi(x): x_j x_k for j <= k, then x_j. */
    static double[] features(double[] x) {
        int d = x.length;
        double[] phi = new double[monomials(d)];
        int m = 0;
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                phi[m++] = x[j] * x[k];
            }
        }
        System.arraycopy(x, 0, phi, m, d);
        return phi;
    }
}

package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.CkksParameters;
import io.he4j.ckks.EvaluationKeys;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.Plaintext;
import io.he4j.ml.MlException;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.train.Activation;
import io.he4j.ml.train.PolynomialFit;

import java.util.ArrayList;
import java.util.List;

/**
 * Batch logistic regression that returns encrypted PROBABILITIES: the sigmoid is replaced by its odd
 * least-squares cubic p(s) = 1/2 + c1 s + c3 s^3 on [-R, R] (the approach of HomoPAI and of Kim et al.,
 * "Logistic regression model training based on the approximate homomorphic encryption", BMC Med. Genomics
 * 2018), evaluated homomorphically in two multiplicative levels after the linear layer:
 * <pre>
 *   s       = sum_j w_j x_j + b              (weights at scale q_3; rescale: level 2, scale D)
 *   s^2     = square(s)                      (rescale: level 1)
 *   c3 s    = s * c3                         (scale q_2; rescale: level 1, scale D)
 *   c3 s^3  = (c3 s) * s^2                   (rescale: level 0)
 *   c1 s    = s * c1                         (multiplier scale chosen so that, rescaled and mod-switched
 *                                             to level 0, it has exactly the scale of c3 s^3)
 *   p       = c3 s^3 + c1 s + 1/2
 * </pre>
 * Outside [-R, R] the cubic diverges from the sigmoid: the fit's maximum error is stated by {@link #fit()},
 * and R is chosen by the caller from the training scores. Needs the P8K-IFMA preset (3 levels + relinearization).
 */
public final class EncryptedSigmoidBatch implements BatchProtocol {
    private static final String PRESET = "P8K-IFMA";
    private final CkksContext context;
    private final ClientKeys client;
    private final EvaluationKeys keys;
    private final Evaluator evaluator;
    private final Dense layer;
    private final ActivationFit fit;
    private final double c1;
    private final double c3;
    private long computeNanos;

    /** @param radius the sigmoid is approximated on [-radius, radius] */
    public EncryptedSigmoidBatch(SquareNetwork net, double radius) {
        if (!net.isLinear() || net.output() != OutputLink.SIGMOID) {
            throw new MlException("the encrypted sigmoid applies to binary logistic regression only");
        }
        if (!(radius > 0)) {
            throw new MlException("sigmoid range must be > 0, got " + radius);
        }
        this.layer = net.layers().getFirst();
        ActivationFit f = PolynomialFit.fit(Activation.of("sigmoid"), -radius, radius, 3);
        // on a symmetric interval the even coefficients are 1/2 and 0; drop round-off in c2
        this.c1 = f.polynomial().coefficient(1);
        this.c3 = f.polynomial().coefficient(3);
        io.he4j.ml.model.Polynomial odd = new io.he4j.ml.model.Polynomial(new double[]{0.5, c1, 0, c3});
        double max = 0;
        double sq = 0;
        int n = 20001;
        for (int i = 0; i < n; i++) {
            double x = -radius + 2 * radius * i / (n - 1);
            double e = Activation.sigmoid(x) - odd.apply(x);
            max = Math.max(max, Math.abs(e));
            sq += e * e;
        }
        this.fit = new ActivationFit("sigmoid", odd, -radius, radius, max, Math.sqrt(sq / n));
        this.context = CkksContext.create(CkksParameters.preset(PRESET));
        try {
            this.client = new ClientKeys(context);
            this.keys = client.evaluationKeys();
            this.evaluator = new Evaluator(context, keys);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** The polynomial used, its range and its approximation error against the true sigmoid. */
    public ActivationFit fit() {
        return fit;
    }

    @Override
    public int capacity() {
        return context.slotCount();
    }

    @Override
    public List<byte[]> encryptBatch(double[][] rows) {
        return client.encryptColumns(rows, layer.in(), context.maxLevel());
    }

    @Override
    public List<byte[]> evaluate(List<byte[]> features) {
        if (features.size() != layer.in()) {
            throw new MlException("expected " + layer.in() + " feature ciphertexts, got " + features.size());
        }
        long[] q = context.moduli();
        int top = context.maxLevel();
        List<Ciphertext> in = new ArrayList<>();
        try (Ciphertext s = new Ciphertext(context); Ciphertext tmp = new Ciphertext(context);
             Ciphertext s2 = new Ciphertext(context); Ciphertext c3s = new Ciphertext(context)) {
            for (byte[] b : features) {
                in.add(Ciphertext.fromBytes(context, b));
            }
            long t0 = System.nanoTime();
            double[] w = layer.weights()[0];
            evaluator.mulScalar(in.getFirst(), w[0], q[top], s);
            for (int j = 1; j < w.length; j++) {
                evaluator.mulScalar(in.get(j), w[j], q[top], tmp);
                evaluator.add(s, tmp, s);
            }
            evaluator.addScalar(s, layer.bias()[0], s);
            evaluator.rescale(s, s);                           // level top-1, scale D
            evaluator.squareRelin(s, s2);
            evaluator.rescale(s2, s2);                         // level top-2
            evaluator.mulScalar(s, c3, q[top - 1], c3s);
            evaluator.rescale(c3s, c3s);                       // level top-2, scale D
            evaluator.mulRelin(c3s, s2, c3s);
            evaluator.rescale(c3s, c3s);                       // level top-3
            // c1 * s, with the multiplier's scale chosen so that after one rescale it has c3 s^3's scale
            double target = c3s.scale();
            evaluator.mulScalar(s, c1, target * q[top - 1] / s.scale(), tmp);
            evaluator.rescale(tmp, tmp);
            evaluator.modSwitchTo(tmp, c3s.level(), tmp);
            tmp.setScale(target); // equal up to double rounding
            evaluator.add(c3s, tmp, c3s);
            evaluator.addScalar(c3s, 0.5, c3s);
            computeNanos = System.nanoTime() - t0;
            return List.of(c3s.toBytes());
        } finally {
            in.forEach(Ciphertext::close);
        }
    }

    @Override
    public double[][] decryptScores(List<byte[]> response, int rows) {
        if (response.size() != 1) {
            throw new MlException("expected 1 probability ciphertext, got " + response.size());
        }
        try (Ciphertext ct = Ciphertext.fromBytes(context, response.getFirst());
             Plaintext pt = client.decryptor.decrypt(ct)) {
            double[] v = client.encoder.decode(pt);
            double[][] out = new double[rows][];
            for (int i = 0; i < rows; i++) {
                out[i] = new double[]{v[i]};
            }
            return out;
        }
    }

    @Override
    public long lastComputeNanos() {
        return computeNanos;
    }

    @Override
    public HeParams params() {
        return HeParams.of(PRESET, context);
    }

    @Override
    public String description() {
        return String.format("feature-major batch with encrypted sigmoid ~ %s on [%.1f, %.1f] (max |error| %.4f)",
                fit.polynomial(), fit.lo(), fit.hi(), fit.maxAbsError()) + "; levels " + context.maxLevel() + " -> 0";
    }

    @Override
    public void close() {
        keys.close();
        client.close();
        context.close();
    }
}

package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Evaluator;
import io.he4j.ml.MlException;
import io.he4j.ml.model.ActivationFit;
import io.he4j.ml.model.Dense;
import io.he4j.ml.model.OutputLink;
import io.he4j.ml.model.Polynomial;
import io.he4j.ml.train.Activation;
import io.he4j.ml.train.PolynomialFit;
import io.he4j.protocol.KeyRequirements;
import io.he4j.protocol.ProtocolKind;
import io.he4j.protocol.QueryLayout;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Server side of batch logistic regression that returns encrypted PROBABILITIES: the sigmoid is replaced by
 * its odd least-squares cubic p(s) = 1/2 + c1 s + c3 s^3 on [-R, R] (the approach of HomoPAI and of Kim et al.,
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
 * Outside [-R, R] the cubic diverges from the sigmoid: the fit's maximum error is stated by {@link #fit}.
 * Needs {@link #PRESET} (3 levels + relinearization).
 */
final class EncryptedSigmoidServer implements ProtocolServer {
    static final String PRESET = "P8K-IFMA";
    private final QueryLayout layout;
    private final CkksContext context;
    private final Dense layer;
    private final ActivationFit fit;

    static QueryLayout layout(SquareNetwork net, CkksContext context) {
        requireLogistic(net);
        return new QueryLayout(ProtocolKind.ENCRYPTED_SIGMOID_BATCH, PRESET, context.parameterId(),
                context.securityBits(), net.inputs(), 1, context.maxLevel(), context.defaultScale(), 0, new int[0],
                context.slotCount(), new KeyRequirements(true, true, new int[0]));
    }

    private static void requireLogistic(SquareNetwork net) {
        if (!net.isLinear() || net.output() != OutputLink.SIGMOID) {
            throw new MlException("the encrypted sigmoid applies to binary logistic regression only");
        }
    }

    /** The odd cubic fit of the sigmoid on [-radius, radius] and its error against the true sigmoid. */
    static ActivationFit fit(double radius) {
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new MlException("sigmoid range must be a finite number > 0, got " + radius);
        }
        ActivationFit f = PolynomialFit.fit(Activation.of("sigmoid"), -radius, radius, 3);
        // on a symmetric interval the even coefficients are 1/2 and 0; drop round-off in c2
        Polynomial odd = new Polynomial(new double[] {0.5, f.polynomial().coefficient(1), 0,
                f.polynomial().coefficient(3)});
        double max = 0;
        double sq = 0;
        int n = 20001;
        for (int i = 0; i < n; i++) {
            double x = -radius + 2 * radius * i / (n - 1);
            double e = Activation.sigmoid(x) - odd.apply(x);
            max = Math.max(max, Math.abs(e));
            sq += e * e;
        }
        return new ActivationFit("sigmoid", odd, -radius, radius, max, Math.sqrt(sq / n));
    }

    EncryptedSigmoidServer(CkksContext context, QueryLayout layout, SquareNetwork net, double radius) {
        requireLogistic(net);
        this.layout = layout;
        this.context = context;
        this.layer = net.layers().getFirst();
        this.fit = fit(radius);
    }

    @Override
    public MaskRecipe maskRecipe() {
        return SlotMask.batch();
    }

    @Override
    public QueryLayout layout() {
        return layout;
    }

    @Override
    public ServerReply evaluate(List<MemorySegment> query, Evaluator evaluator, ReplyPrivacy privacy) {
        long[] q = context.moduli();
        int top = layout.level();
        double c1 = fit.polynomial().coefficient(1);
        double c3 = fit.polynomial().coefficient(3);
        List<Ciphertext> in = QueryInput.load(context, layout, query, layer.in());
        try (Ciphertext s = new Ciphertext(context); Ciphertext tmp = new Ciphertext(context);
             Ciphertext s2 = new Ciphertext(context); Ciphertext c3s = new Ciphertext(context)) {
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
            privacy.protect(c3s);
            long nanos = System.nanoTime() - t0;
            return new ServerReply(List.of(c3s.toBytes()), nanos);
        } finally {
            in.forEach(Ciphertext::close);
        }
    }

    @Override
    public String description() {
        return String.format("feature-major batch with encrypted sigmoid ~ %s on [%.1f, %.1f] (max |error| %.4f)",
                fit.polynomial(), fit.lo(), fit.hi(), fit.maxAbsError()) + "; levels " + layout.level() + " -> 0";
    }

    @Override
    public void close() {
        // scalars only: nothing native held
    }
}

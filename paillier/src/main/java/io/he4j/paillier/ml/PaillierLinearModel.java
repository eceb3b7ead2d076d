package io.he4j.paillier.ml;

import io.he4j.ml.model.Dense;
import io.he4j.ml.model.TrainedModel;
import io.he4j.paillier.EncryptedNumber;
import io.he4j.paillier.FixedPointEncoding;
import io.he4j.paillier.KeyMismatchException;
import io.he4j.paillier.MalformedInputException;
import io.he4j.paillier.PaillierException;
import io.he4j.paillier.PaillierPublicKey;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's side of encrypted linear inference: scores s = W z + b on standardized inputs
 * z = (x - mean) / scale, evaluated on the client's encrypted raw features x. The scaler is folded into the
 * weights, W' = W / scale and b' = b - W' mean, so the server computes s = W' x + b' with one scalar
 * multiplication per nonzero weight and one plaintext addition per score; a missing x_j contributes
 * W'_j * imputed_j to the plaintext bias. Needs no private key; thread-safe.
 * <p>
 * Linear, logistic (scores = the logit) and softmax regression from {@code ./he4j train}; the sigmoid or
 * softmax is applied by the client after decryption, as {@code ./he4j predict} does.
 */
public final class PaillierLinearModel {
    private final ModelOutput output;
    private final List<String> featureNames;
    private final FixedPointEncoding encoding;
    private final double[][] foldedWeights; // [output][feature]
    private final BigInteger[][] encodedWeights;
    private final double[] foldedBias;
    private final double[] imputedMeans;

    public PaillierLinearModel(TrainedModel model) {
        this(model, FixedPointEncoding.DEFAULT);
    }

    /** @param encoding fixed-point encoding of the weights (the client's features use the default one) */
    public PaillierLinearModel(TrainedModel model, FixedPointEncoding encoding) {
        if (model.network().layers().size() != 1) {
            throw new PaillierException("Paillier inference evaluates linear models only (one layer, additive "
                    + "homomorphism); '" + model.type().jsonName() + "' has " + model.network().layers().size()
                    + " layers");
        }
        Dense d = model.network().layers().getFirst();
        double[] mean = model.scaler().mean();
        double[] scale = model.scaler().scale();
        int k = d.out();
        int f = d.in();
        this.foldedWeights = new double[k][f];
        this.encodedWeights = new BigInteger[k][f];
        this.foldedBias = new double[k];
        for (int o = 0; o < k; o++) {
            double b = d.bias()[o];
            for (int j = 0; j < f; j++) {
                double w = d.weights()[o][j] / scale[j];
                foldedWeights[o][j] = w;
                encodedWeights[o][j] = encoding.encode(w);
                b -= w * mean[j];
            }
            foldedBias[o] = b;
        }
        this.encoding = encoding;
        this.imputedMeans = model.imputer().means();
        this.featureNames = model.featureNames();
        this.output = new ModelOutput(model.type().jsonName(), model.network().output(), model.classNames());
    }

    public ModelOutput output() {
        return output;
    }

    public int features() {
        return featureNames.size();
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The encrypted scores of one row, not yet re-randomized (serialization does it; or call
     * {@link EncryptedNumber#fresher()}).
     */
    public List<EncryptedNumber> scores(PaillierPublicKey key, EncryptedRow row) {
        if (row.size() != features()) {
            throw new MalformedInputException("the model takes " + features() + " features " + featureNames
                    + ", the encrypted row has " + row.size());
        }
        // Every product w_oj * x_j of the row in one batch (the model weights are secret exponents).
        List<EncryptedNumber> xs = new ArrayList<>();
        List<BigInteger> ws = new ArrayList<>();
        double[] bias = foldedBias.clone();
        for (int o = 0; o < foldedBias.length; o++) {
            for (int j = 0; j < features(); j++) {
                Optional<EncryptedNumber> x = row.values().get(j);
                if (x.isEmpty()) {
                    bias[o] += foldedWeights[o][j] * imputedMeans[j];
                    continue;
                }
                EncryptedNumber xj = x.get();
                if (!xj.publicKey().equals(key)) {
                    throw new KeyMismatchException("feature " + j + " is encrypted under key " + xj.publicKey().id()
                            + ", the query names key " + key.id());
                }
                if (encodedWeights[o][j].signum() != 0) {
                    xs.add(xj);
                    ws.add(encodedWeights[o][j]);
                }
            }
        }
        List<EncryptedNumber> products = EncryptedNumber.multiplySignedAll(xs, ws, encoding.fractionBits());
        List<EncryptedNumber> out = new ArrayList<>(foldedBias.length);
        int next = 0;
        for (int o = 0; o < foldedBias.length; o++) {
            EncryptedNumber acc = null;
            for (int j = 0; j < features(); j++) {
                if (row.values().get(j).isPresent() && encodedWeights[o][j].signum() != 0) {
                    EncryptedNumber t = products.get(next++);
                    acc = acc == null ? t : acc.add(t);
                }
            }
            out.add(acc == null ? key.encrypt(bias[o], new FixedPointEncoding(2 * encoding.fractionBits()))
                    : acc.add(bias[o]));
        }
        return out;
    }

    /** Scores every row of a query. */
    public EncryptedAnswer evaluate(EncryptedData data) {
        if (data.featureNames().size() != features()) {
            throw new MalformedInputException("the model takes " + features() + " features " + featureNames
                    + " but the encrypted data has " + data.featureNames().size() + " " + data.featureNames());
        }
        List<List<EncryptedNumber>> rows = new ArrayList<>(data.rows().size());
        for (EncryptedRow r : data.rows()) {
            rows.add(scores(data.publicKey(), r));
        }
        return new EncryptedAnswer(data.publicKey(), output, rows);
    }
}

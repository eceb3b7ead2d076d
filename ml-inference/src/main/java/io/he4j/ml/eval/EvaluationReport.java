package io.he4j.ml.eval;

import io.he4j.ml.he.HeParams;
import io.he4j.ml.metrics.ClassificationMetrics;
import io.he4j.ml.metrics.RegressionMetrics;

import java.util.Optional;

/**
 * Plaintext vs encrypted run of one model on one test split.
 *
 * @param dataset         dataset name
 * @param model           model type (JSON name)
 * @param mode            "single" or "batch"
 * @param testRows        rows evaluated
 * @param plain           plaintext metrics (classification)
 * @param encrypted       encrypted metrics (classification)
 * @param plainRegression plaintext metrics (regression)
 * @param encryptedRegression encrypted metrics (regression)
 * @param labelAgreement  share of rows with the same predicted class (1 for regression by convention: NaN)
 * @param maxAbsScoreDiff max over rows and scores of |plaintext score - decrypted score|
 * @param params          CKKS parameters
 * @param description     how the model was compiled
 * @param single          single-query timings (single mode)
 * @param batch           batch timings (batch mode)
 */
public record EvaluationReport(String dataset, String model, String mode, int testRows,
                               Optional<ClassificationMetrics> plain, Optional<ClassificationMetrics> encrypted,
                               Optional<RegressionMetrics> plainRegression,
                               Optional<RegressionMetrics> encryptedRegression, double labelAgreement,
                               double maxAbsScoreDiff, HeParams params, String description,
                               Optional<SingleTimings> single, Optional<BatchTimings> batch) {

    /**
     * @param endToEnd   client encode+encrypt+serialize, server deserialize+evaluate+serialize, client
     *                   deserialize+decrypt+decode (one thread)
     * @param server     the server's part
     * @param serverCompute the server's homomorphic computation alone (no deserialization/serialization)
     * @param encrypt    the client's encrypt part
     * @param decrypt    the client's decrypt part
     * @param queryBytes serialized query size
     * @param replyBytes serialized reply size
     */
    public record SingleTimings(Latencies endToEnd, Latencies server, Latencies serverCompute, Latencies encrypt,
                                Latencies decrypt, int queryBytes, int replyBytes) {
    }

    /**
     * @param batchSize          patients per batch (slot count)
     * @param serverMs           server time per full batch (deserialize + evaluate + serialize), median
     * @param serverPerSecond    predictions per second, server side
     * @param computeMs          the homomorphic computation alone, median
     * @param computePerSecond   predictions per second counting the computation alone
     * @param clientEncryptMs    client time to encrypt one full batch
     * @param clientDecryptMs    client time to decrypt one batch of scores
     * @param uploadBytes        bytes uploaded per batch
     */
    public record BatchTimings(int batchSize, double serverMs, double serverPerSecond, double computeMs,
                               double computePerSecond, double clientEncryptMs, double clientDecryptMs,
                               long uploadBytes) {
    }

    public double accuracyPlain() {
        return plain.map(ClassificationMetrics::accuracy).orElse(Double.NaN);
    }

    public double accuracyEncrypted() {
        return encrypted.map(ClassificationMetrics::accuracy).orElse(Double.NaN);
    }
}

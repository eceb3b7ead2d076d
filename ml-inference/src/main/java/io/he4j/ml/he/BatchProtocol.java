package io.he4j.ml.he;

import java.util.List;

/**
 * Many patients per request, feature-major (one ciphertext per input feature, one patient per slot), so
 * a layer is sum_j w_j * ct_j + b: scalar multiplications and additions, no rotation (the SIMD packing of
 * CryptoNets, Gilad-Bachrach et al., ICML 2016, and of batched logistic-regression inference).
 * Instances hold native resources: close them. Not thread-safe.
 */
public interface BatchProtocol extends AutoCloseable {
    /** Patients per request (the slot count). */
    int capacity();

    /** Client: up to {@link #capacity()} raw rows to one ciphertext per feature. */
    List<byte[]> encryptBatch(double[][] rows);

    /** Server: one ciphertext per feature to one ciphertext per score. */
    List<byte[]> evaluate(List<byte[]> features);

    /** Client: scores[row][k] for the first {@code rows} patients. */
    double[][] decryptScores(List<byte[]> response, int rows);

    /** Nanoseconds the last {@link #evaluate} spent computing, without (de)serialization. */
    long lastComputeNanos();

    HeParams params();

    String description();

    @Override
    void close();
}

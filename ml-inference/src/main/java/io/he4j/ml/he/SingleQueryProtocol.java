package io.he4j.ml.he;

/**
 * One patient per request. The three calls are the three places the work happens, exchanging only bytes:
 * the client encrypts its (imputed, raw) features, the server evaluates the model on the ciphertext
 * without any secret key, and the client decrypts the scores (logits, or the regression value) and applies
 * the output link itself.
 * Instances hold native resources: close them. Not thread-safe.
 */
public interface SingleQueryProtocol extends AutoCloseable {
    /** Client: raw feature vector to serialized ciphertext. */
    byte[] encryptQuery(double[] features);

    /** Server: serialized query to serialized encrypted scores. */
    byte[] evaluate(byte[] query);

    /** Client: serialized encrypted scores to scores. */
    double[] decryptScores(byte[] response);

    /** Nanoseconds the last {@link #evaluate} spent computing, without (de)serialization. */
    long lastComputeNanos();

    HeParams params();

    /** One line: mode, packing, levels. */
    String description();

    @Override
    void close();
}

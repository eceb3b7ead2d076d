package io.he4j.ml.he;

import java.util.List;

/**
 * What a server side returns for one query.
 *
 * @param parts        the encrypted scores, serialized (one ciphertext, or one per score for batch queries)
 * @param computeNanos time spent on homomorphic operations, without (de)serialization
 */
public record ServerReply(List<byte[]> parts, long computeNanos) {
    public ServerReply {
        parts = List.copyOf(parts);
    }
}

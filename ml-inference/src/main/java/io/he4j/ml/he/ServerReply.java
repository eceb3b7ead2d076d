package io.he4j.ml.he;

import io.he4j.protocol.Envelope;
import io.he4j.protocol.MessageKind;

import java.util.List;

/**
 * What a server side returns for one query.
 *
 * @param parts        the encrypted scores, serialized (one ciphertext per score for batch queries; for a single
 *                     query one ciphertext, or one per group of classes for a coefficient kind of several products)
 * @param computeNanos time spent on homomorphic operations, without (de)serialization
 */
public record ServerReply(List<byte[]> parts, long computeNanos) {
    public ServerReply {
        parts = List.copyOf(parts);
    }

    /** A single query's reply as sent for a bare query: its one ciphertext, or a REPLY envelope of several. */
    public byte[] singleReply() {
        return parts.size() == 1 ? parts.getFirst() : new Envelope(MessageKind.REPLY, parts).toBytes();
    }
}

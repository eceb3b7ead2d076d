package io.he4j.ml.he;

import io.he4j.ckks.Evaluator;
import io.he4j.protocol.QueryLayout;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The server's half of one protocol: built from the compiled plan and the model's weights only, it holds
 * plaintexts and parameters, never a key. Thread-safe: all per-query state lives on the stack of
 * {@link #evaluate}. The client's public material arrives as the {@code evaluator} (keys bound to it).
 */
interface ProtocolServer extends AutoCloseable {
    QueryLayout layout();

    /**
     * Validates the query's ciphertexts (serialized, read in place) against {@link #layout()}, computes the
     * encrypted scores and passes each reply ciphertext through {@code privacy} (re-randomization and flooding,
     * or nothing).
     */
    ServerReply evaluate(List<MemorySegment> query, Evaluator evaluator, ReplyPrivacy privacy);

    /** What a mask of this protocol's reply holds besides the encryption of zero. */
    MaskRecipe maskRecipe();

    /** One line: the encoding and what one query costs. */
    String description();

    @Override
    void close();
}

package io.he4j.spark;

import io.he4j.ckks.PublicContext;
import io.he4j.ml.he.ModelServer;
import io.he4j.ml.he.QueryRejectedException;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.MessageKind;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores one stored record as the service's {@code /predict} or {@code /predict-batch} would: a QUERY envelope
 * (or one ciphertext's bytes) gets the reply the service would send, a BATCH_QUERY envelope a BATCH_REPLY, each
 * with the key set the record names (the institution's public key re-randomizes the reply). Bad input becomes a {@link Outcome#failed} record with the loader's reason; an engine fault is
 * thrown, so Spark retries the task.
 */
record RecordScorer(ModelServer server, Map<String, PublicContext> keySets) {

    /** A record's result: the reply, or why the record could not be scored. */
    record Outcome(byte[] reply, String error) {
        static Outcome failed(QueryRejectedException e) {
            return new Outcome(null, e.reason() + ": " + e.getMessage());
        }
    }

    /** @param keySetId the key set the record was encrypted under (absent or unknown: the model may need none) */
    Outcome score(Optional<String> keySetId, byte[] query) {
        Optional<PublicContext> keys = keySetId.map(keySets::get);
        try {
            Optional<Envelope> envelope = Envelope.looksLikeEnvelope(query)
                    ? Optional.of(Envelope.fromBytes(query)) : Optional.empty();
            if (envelope.isPresent() && envelope.get().kind() == MessageKind.BATCH_QUERY) {
                List<byte[]> columns = envelope.get().partsOf(MessageKind.BATCH_QUERY);
                return new Outcome(new Envelope(MessageKind.BATCH_REPLY, server.predictBatch(columns, keys))
                        .toBytes(), null);
            }
            return new Outcome(server.predict(query, keys), null);
        } catch (RuntimeException e) {
            return Outcome.failed(QueryRejectedException.of(e).orElseThrow(() -> e));
        }
    }
}

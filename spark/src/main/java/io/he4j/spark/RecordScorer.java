package io.he4j.spark;

import io.he4j.ckks.PublicContext;
import io.he4j.ml.he.ModelPrivacy;
import io.he4j.ml.he.ModelServer;
import io.he4j.ml.he.QueryRejectedException;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.MessageKind;

import java.util.Map;
import java.util.Optional;

/**
 * Scores one stored record as the service's {@code /predict} or {@code /predict-batch} would: a QUERY envelope
 * (or one ciphertext's bytes) gets the reply the service would send, a BATCH_QUERY envelope a BATCH_REPLY, each
 * with the key set the record names (the institution's public key re-randomizes the reply). Bad input becomes a
 * {@link Outcome#failed} record with the loader's reason, and so does a record of a form the job's
 * {@link ModelPrivacy} does not answer (no statistical privacy bound), as the service would refuse it; an engine
 * fault is thrown, so Spark retries the task.
 */
record RecordScorer(ModelServer server, Map<String, PublicContext> keySets, ModelPrivacy privacy) {

    /** A record's result: the reply, or why the record could not be scored. */
    record Outcome(byte[] reply, String error) {
        static Outcome failed(QueryRejectedException e) {
            return new Outcome(null, e.reason() + ": " + e.getMessage());
        }

        /** The reason a record of a form without a statistical privacy bound fails (the service's problem code). */
        static final String NO_STATISTICAL_PRIVACY = "NO_STATISTICAL_PRIVACY";

        static Outcome refused(boolean batch) {
            return new Outcome(null, NO_STATISTICAL_PRIVACY + ": the model's " + (batch ? "batch" : "single-query")
                    + " form multiplies ciphertexts, so its replies cannot be flooded within a statistical bound; "
                    + "the job answers it only with ModelPrivacy.ALLOW_UNBOUNDED_FORMS "
                    + "(--allow-replies-without-statistical-bound, a weakening)");
        }
    }

    /** @param keySetId the key set the record was encrypted under (absent or unknown: the model may need none) */
    Outcome score(Optional<String> keySetId, byte[] query) {
        Optional<PublicContext> keys = keySetId.map(keySets::get);
        try {
            boolean batch = Envelope.looksLikeEnvelope(query, MessageKind.BATCH_QUERY);
            if (!privacy.answers(server.statisticallyPrivate(batch))) {
                return Outcome.refused(batch);
            }
            return new Outcome(batch ? server.predictBatch(query, keys) : server.predict(query, keys), null);
        } catch (RuntimeException e) {
            return Outcome.failed(QueryRejectedException.of(e).orElseThrow(() -> e));
        }
    }
}

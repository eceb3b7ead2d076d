package io.he4j.client;

import java.util.List;
import java.util.Optional;

/**
 * One stored record's outcome in a scoring job, decrypted on the client: a prediction per patient it holds
 * (one for a single record, up to the batch capacity for a batch record), or the service's error code.
 */
public record RecordResult(String recordId, List<Prediction> predictions, Optional<String> error) {
}

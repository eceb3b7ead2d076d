package io.he4j.client;

import java.time.Instant;

/**
 * One encrypted record the tenant stored on the service, as {@code GET /v1/records} describes it: metadata only
 * (the service has nothing else in clear; the ciphertext is not fetched).
 *
 * @param patient the pseudonym given at upload for erasure, or ""
 * @param layout  {@code single} (one patient) or {@code batch} (up to the batch capacity, feature-major)
 * @param keySet  the id of the public key set the record's scoring needs, or "" when the protocol needs none
 */
public record StoredRecord(String id, String patient, String modelId, String modelVersion, String layout, int rows,
                           String keySet, long sizeBytes, Instant createdAt, Instant updatedAt) {
}

package io.he4j.server.records;

import java.util.Locale;
import java.util.Optional;

/** How a stored record's ciphertexts hold its patients: one patient's query, or a feature-major batch. */
public enum RecordLayout {
    /** One patient: the model's single-query ciphertext. */
    SINGLE,
    /** Up to the model's batch capacity of patients: a BATCH_QUERY envelope, a ciphertext per feature or monomial. */
    BATCH;

    /** The name in the database and the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RecordLayout> parse(String s) {
        for (RecordLayout l : values()) {
            if (l.wireName().equals(s)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}

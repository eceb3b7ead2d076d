package io.he4j.protocol;

/** What an {@link Envelope} carries; the code is its value on the wire. */
public enum MessageKind {
    /** One patient's query: one ciphertext. */
    QUERY(1),
    /** The encrypted scores of one query: one ciphertext (or its reduced form). */
    REPLY(2),
    /** A feature-major query: one ciphertext per feature (per monomial for a quadratic-form batch). */
    BATCH_QUERY(3),
    /** A feature-major reply: one ciphertext per score. */
    BATCH_REPLY(4),
    /** A client's public material: one serialized public context. */
    KEY_SET(5);

    private final int code;

    MessageKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static MessageKind of(int code) {
        for (MessageKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new ProtocolException("unknown message kind " + code + "; known: 1-" + values().length);
    }
}

package io.he4j.server.model;

/**
 * How the service's deployed models protect their replies (ml-inference/README.md, "Security model"), from the
 * two {@code model-privacy.*} settings (docs/server.md).
 */
public enum ModelPrivacy {
    /**
     * The default: every reply is re-randomized and flooded within a stated statistical distance (2^-30 or
     * less) of one that depends on the scores alone; query forms whose circuit leaves no room for that flood
     * (deeper MLP batches, the encrypted-sigmoid batch, slot-encoded single queries) are refused.
     */
    STATISTICAL,
    /**
     * Also answers those forms, with a flood only as wide as their precision allows (no statistical bound):
     * a weakening ({@code model-privacy.allow-replies-without-statistical-bound}).
     */
    ALLOW_UNBOUNDED_FORMS,
    /** No masks at all: one reply reveals the weights; for clients trusted with the model. */
    DISABLED
}

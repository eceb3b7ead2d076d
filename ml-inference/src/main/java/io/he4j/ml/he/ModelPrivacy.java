package io.he4j.ml.he;

/**
 * How a serving layer (the inference service, the Spark scoring job) protects the replies it sends
 * (ml-inference/README.md, "Security model"); the service sets it from its two {@code model-privacy.*} settings
 * (docs/server.md). {@link ModelServer} itself evaluates every form; the serving layer refuses, by this policy,
 * the forms whose {@link ModelServer#statisticallyPrivate} is false.
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
    DISABLED;

    /** Whether a form whose replies are {@code statisticallyPrivate} (or not) is answered under this policy. */
    public boolean answers(boolean statisticallyPrivate) {
        return this != STATISTICAL || statisticallyPrivate;
    }
}

package io.he4j.ml.he;

import io.he4j.ckks.Ciphertext;

/**
 * What a protocol server does to a reply ciphertext before it leaves: re-randomize and flood it
 * ({@link ReplyMasks}), or nothing when model privacy is disabled for a trusted client.
 */
interface ReplyPrivacy {
    /** Model privacy disabled: the reply leaves as computed (its c1 reveals the weights to the client). */
    ReplyPrivacy NONE = reply -> { };

    /** Adds a fresh mask (an encryption of zero plus flooding) to {@code reply}, in place. */
    void protect(Ciphertext reply);

    /** Called once the reply is computed: asks the background thread to replace the masks used (off the reply's path). */
    default void settle() {
    }
}

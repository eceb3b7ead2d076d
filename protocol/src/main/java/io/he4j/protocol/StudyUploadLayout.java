package io.he4j.protocol;

/**
 * The one definition of a research-study upload (docs/server.md, "Research studies"): an institution's rows,
 * encrypted under the study's public key, feature-major. Rows fill the slots of consecutive blocks (block b holds
 * rows b*slots .. b*slots+slots-1); each block is {@code features} ciphertexts (slot i of ciphertext f = feature
 * f of that row, 0 in unused slots) followed by one indicator ciphertext (1 in the slots holding a row, 0 elsewhere),
 * so that the count stays encrypted like the values. The ciphertexts travel as one {@code Chunks} list, block by
 * block. Immutable.
 */
public record StudyUploadLayout(int features, int slots, int rows) {
    /** Rows one upload may hold. */
    public static final int MAX_ROWS = 1 << 20;
    /** Features a study may name. */
    public static final int MAX_FEATURES = 256;

    public StudyUploadLayout {
        if (features < 1 || features > MAX_FEATURES) {
            throw new ProtocolException("a study has 1.." + MAX_FEATURES + " features, got " + features);
        }
        if (slots < 1) {
            throw new ProtocolException("slots must be >= 1, got " + slots);
        }
        if (rows < 1 || rows > MAX_ROWS) {
            throw new ProtocolException("an upload holds 1.." + MAX_ROWS + " rows, got " + rows);
        }
    }

    /** Blocks of {@code slots} rows. */
    public int blocks() {
        return (rows + slots - 1) / slots;
    }

    /** Ciphertexts per block: one per feature and the indicator. */
    public int perBlock() {
        return features + 1;
    }

    /** Ciphertexts in the upload. */
    public int ciphertexts() {
        return blocks() * perBlock();
    }

    /** Position of feature {@code f}'s ciphertext of block {@code b} in the list. */
    public int featureIndex(int b, int f) {
        return b * perBlock() + f;
    }

    /** Position of block {@code b}'s indicator ciphertext in the list. */
    public int indicatorIndex(int b) {
        return b * perBlock() + features;
    }

    /** Rows in block {@code b}. */
    public int rowsIn(int b) {
        return Math.min(slots, rows - b * slots);
    }
}

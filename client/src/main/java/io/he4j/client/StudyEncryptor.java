package io.he4j.client;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Encryptor;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.PublicContext;
import io.he4j.federated.Chunks;
import io.he4j.protocol.StudyUploadLayout;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An institution's side of a study: encrypts rows under the study's public key (public-key CKKS encryption; the
 * institution holds no secret key and cannot decrypt what it uploads, nor anything else of the study) in the
 * feature-major {@link StudyUploadLayout}. Not thread-safe; close when done.
 */
public final class StudyEncryptor implements AutoCloseable {
    private final PublicContext keys;
    private final Encoder encoder;
    private final Encryptor encryptor;

    private StudyEncryptor(PublicContext keys) {
        this.keys = keys;
        this.encoder = new Encoder(keys.context());
        this.encryptor = keys.encryptor();
    }

    /**
     * From the study's public context as the service hands it out.
     *
     * @param expectedKeySha256 the fingerprint the authority published; if present and different, refused (a
     *                          service that substitutes its own key would otherwise be able to decrypt)
     */
    public static StudyEncryptor of(byte[] publicContext, Optional<String> expectedKeySha256) {
        String sha = sha256Hex(publicContext);
        if (expectedKeySha256.isPresent() && !expectedKeySha256.get().equalsIgnoreCase(sha)) {
            throw new IllegalStateException("the study's public key has SHA-256 " + sha + ", not the "
                    + expectedKeySha256.get() + " the authority published: refusing to encrypt under it");
        }
        return new StudyEncryptor(PublicContext.fromBytes(publicContext));
    }

    /** The upload body: rows[i][f] = feature f of row i; every row has the study's feature count. */
    public byte[] encrypt(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("an upload holds at least one row");
        }
        int f = rows[0].length;
        CkksContext ctx = keys.context();
        StudyUploadLayout layout = new StudyUploadLayout(f, ctx.slotCount(), rows.length);
        List<byte[]> out = new ArrayList<>(layout.ciphertexts());
        double[] slots = new double[ctx.slotCount()];
        for (int b = 0; b < layout.blocks(); b++) {
            int first = b * ctx.slotCount();
            int n = layout.rowsIn(b);
            for (int j = 0; j < f; j++) {
                java.util.Arrays.fill(slots, 0);
                for (int i = 0; i < n; i++) {
                    double[] row = rows[first + i];
                    if (row.length != f) {
                        throw new IllegalArgumentException("row " + (first + i) + " has " + row.length
                                + " features, row 0 has " + f);
                    }
                    if (!Double.isFinite(row[j])) {
                        throw new IllegalArgumentException("row " + (first + i) + ", feature " + j + " is not a "
                                + "finite number (drop or impute missing values first)");
                    }
                    slots[i] = row[j];
                }
                out.add(encrypt(slots));
            }
            java.util.Arrays.fill(slots, 0);
            java.util.Arrays.fill(slots, 0, n, 1.0);
            out.add(encrypt(slots));
        }
        java.util.Arrays.fill(slots, 0);
        return Chunks.encode(out);
    }

    private byte[] encrypt(double[] values) {
        try (Plaintext p = encoder.encode(values); Ciphertext c = encryptor.encrypt(p)) {
            return c.toBytes();
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public void close() {
        keys.close();
    }
}

package io.he4j.federated;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Decryptor;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.SecretKey;
import io.he4j.ckks.SecretKeyAccess;
import io.he4j.ckks.SymmetricEncryptor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shared-key mode: the institutions hold one secret key between them (distributed out of band, e.g. as the
 * exported bytes of {@link #exportSecret}); the coordinator holds none and sees only ciphertexts. Whoever
 * holds the key, any institution included, can decrypt another's update: the weaker mode, as in the
 * TenSEAL/FLARE deployments it replaces. Not thread-safe.
 */
public final class SharedKey implements AutoCloseable {
    private final CkksContext context;
    private final SecretKey secretKey;
    private final Encoder encoder;
    private final SymmetricEncryptor encryptor;
    private final Decryptor decryptor;

    private SharedKey(CkksContext context, SecretKey secretKey) {
        this.context = context;
        this.secretKey = secretKey;
        this.encoder = new Encoder(context);
        this.encryptor = new SymmetricEncryptor(context, secretKey);
        this.decryptor = new Decryptor(context, secretKey);
    }

    /** A fresh key (by the institution that sets the federation up). */
    public static SharedKey generate() {
        CkksContext ctx = CkksContext.create(KeyMode.SHARED.preset());
        return new SharedKey(ctx, new KeyGenerator(ctx).secretKey());
    }

    /** The key's bytes for the other institutions; secret: send them only over a confidential channel. */
    public byte[] exportSecret() {
        return secretKey.toBytes(SecretKeyAccess.insecureExport());
    }

    /** An institution's copy of the federation's key. */
    public static SharedKey fromSecret(byte[] secret) {
        CkksContext ctx = CkksContext.create(KeyMode.SHARED.preset());
        try {
            return new SharedKey(ctx, SecretKey.fromBytes(ctx, secret, SecretKeyAccess.insecureExport()));
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
    }

    /** {@code values} (exactly layout.parameters()) as seeded symmetric ciphertexts, N coefficients each. */
    public List<byte[]> encrypt(UpdateLayout layout, double[] values) {
        requireShared(layout);
        if (values.length != layout.parameters()) {
            throw new FederationException("the layout has " + layout.parameters() + " parameters, got "
                    + values.length);
        }
        int n = layout.ringDegree();
        List<byte[]> out = new ArrayList<>(layout.chunks());
        try (Plaintext pt = new Plaintext(context); Ciphertext ct = new Ciphertext(context)) {
            for (int c = 0; c < layout.chunks(); c++) {
                double[] chunk = Arrays.copyOfRange(values, c * n, Math.min(values.length, (c + 1) * n));
                encoder.encodeCoefficients(chunk, layout.scale(), 0, pt);
                out.add(encryptor.encrypt(pt, ct).toBytes());
            }
        }
        return out;
    }

    /** The values of an (aggregated) update. */
    public double[] decrypt(UpdateLayout layout, List<byte[]> chunks) {
        requireShared(layout);
        if (chunks.size() != layout.chunks()) {
            throw new FederationException("expected " + layout.chunks() + " ciphertexts, got " + chunks.size());
        }
        int n = layout.ringDegree();
        double[] out = new double[layout.parameters()];
        double[] coefficients = new double[n];
        for (int c = 0; c < chunks.size(); c++) {
            try (Ciphertext ct = Ciphertext.fromBytes(context, chunks.get(c));
                 Plaintext pt = decryptor.decrypt(ct)) {
                encoder.decodeCoefficients(pt, coefficients);
                System.arraycopy(coefficients, 0, out, c * n, Math.min(n, out.length - c * n));
            }
        }
        return out;
    }

    private static void requireShared(UpdateLayout layout) {
        if (layout.mode() != KeyMode.SHARED) {
            throw new FederationException("a shared key works only with shared-key layouts, got " + layout.mode());
        }
    }

    @Override
    public void close() {
        secretKey.close();
        context.close();
    }
}

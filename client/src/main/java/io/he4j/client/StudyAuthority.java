package io.he4j.client;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Decryptor;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.EvaluationKeys;
import io.he4j.ckks.Evaluator;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.PublicContext;
import io.he4j.ckks.PublicKey;
import io.he4j.ckks.SafeDecryption;
import io.he4j.ckks.SecretKey;
import io.he4j.ckks.SecretKeyAccess;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The research authority's keys for a study: a CKKS secret key that never leaves this object except through
 * {@link #exportKeys()} (for the authority's own key file), and the public context the service and the
 * institutions get (parameters, public key, relinearization key, Galois keys for summing all slots). Only this
 * decrypts a study's aggregates. Thread-safe for {@link #decrypt} and {@link #release}; close when done (native memory is zeroized).
 */
public final class StudyAuthority implements AutoCloseable {
    /** Parameters by default: N = 8192, data primes 60+40+40 bits, scale 2^40, 128-bit secure, depth 2. */
    public static final String DEFAULT_PRESET = "P8K";
    private static final byte[] MAGIC = {'H', 'E', '4', 'J', 'S', 'T', 'A', 'U'};
    private static final int VERSION = 1;

    private final CkksContext ctx;
    private final SecretKey secretKey;
    private final byte[] publicContext;
    private final String keySha256;
    private final List<AutoCloseable> owned;

    private StudyAuthority(CkksContext ctx, SecretKey secretKey, byte[] publicContext, List<AutoCloseable> owned) {
        this.ctx = ctx;
        this.secretKey = secretKey;
        this.publicContext = publicContext;
        this.keySha256 = StudyEncryptor.sha256Hex(publicContext);
        this.owned = owned;
    }

    /** New keys under a preset of the engine ({@link #DEFAULT_PRESET} unless there is a reason). */
    public static StudyAuthority generate(String preset) {
        CkksContext ctx = CkksContext.create(preset);
        List<AutoCloseable> owned = new ArrayList<>(List.of(ctx));
        try {
            KeyGenerator kg = new KeyGenerator(ctx);
            SecretKey sk = kg.secretKey();
            owned.add(sk);
            PublicKey pk = kg.publicKey(sk);
            owned.add(pk);
            EvaluationKeys evk = kg.evaluationKeys(sk, Evaluator.rotateSumSteps(ctx.slotCount()));
            owned.add(evk);
            byte[] pc;
            try (PublicContext p = PublicContext.of(ctx, pk, evk)) {
                pc = p.toBytes();
            }
            return new StudyAuthority(ctx, sk, pc, owned);
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    /** Keys saved by {@link #exportKeys()}. */
    public static StudyAuthority load(byte[] saved) {
        List<AutoCloseable> owned = new ArrayList<>();
        byte[] sk = null;
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC) || in.readInt() != VERSION) {
                throw new IllegalArgumentException("not a study authority key file (version " + VERSION + ")");
            }
            byte[] pc = section(in, saved.length);
            sk = section(in, saved.length);
            PublicContext p = PublicContext.fromBytes(pc);
            owned.add(p);
            SecretKey secret = SecretKey.fromBytes(p.context(), sk, SecretKeyAccess.insecureExport());
            owned.add(secret);
            return new StudyAuthority(p.context(), secret, pc, owned);
        } catch (IOException e) {
            closeAll(owned);
            throw new IllegalArgumentException("truncated study authority key file", e);
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        } finally {
            if (sk != null) {
                Arrays.fill(sk, (byte) 0);
            }
        }
    }

    /** The public context and the secret key, for the authority's own key file (keep it like a password). */
    public byte[] exportKeys() {
        byte[] sk = secretKey.toBytes(SecretKeyAccess.insecureExport());
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(publicContext.length);
            out.write(publicContext);
            out.writeInt(sk.length);
            out.write(sk);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    /** What the service and the institutions get: no secret key in it. */
    public byte[] publicContextBytes() {
        return publicContext.clone();
    }

    /** SHA-256 (hex) of {@link #publicContextBytes()}: publish it so institutions can check the key they get. */
    public String keySha256() {
        return keySha256;
    }

    /**
     * Decrypts a study's aggregates exactly, for the authority's own use (each ciphertext holds its total in every
     * slot; the slots are averaged). Values that are published go through {@link #release} instead.
     */
    public StudyAggregates decrypt(EncryptedStudyAggregates a) {
        return open(a, ct -> ct.mean);
    }

    /**
     * The aggregates for publishing: each value flooded and rounded by {@code safe} ({@link SafeDecryption},
     * IND-CPA-D: a published decryption's noise is a linear function of the secret key, Li and Micciancio,
     * eprint 2020/1533). The flood is sized from each ciphertext's own noise, estimated by the spread of its
     * slots (they all hold the same total, so they differ by noise alone): max |slot - mean| is about sqrt(N)
     * times the noise of the released mean (one coefficient), a conservative bound.
     */
    public StudyRelease release(EncryptedStudyAggregates a, SafeDecryption safe) {
        double[] weakest = {Double.POSITIVE_INFINITY};
        StudyAggregates released = open(a, ct -> {
            weakest[0] = Math.min(weakest[0], safe.statisticalBits(ct.noiseBound()));
            return safe.release(new double[] {ct.mean}, ct.noiseBound())[0];
        });
        return new StudyRelease(released, safe.precision(), weakest[0]);
    }

    /** One aggregate ciphertext decoded: the slots' mean and their largest distance from it. */
    private record Decoded(double mean, double spread, double scale) {
        /** At least one unit of the scale's grid, so a noiseless-looking ciphertext still gets a flood. */
        double noiseBound() {
            return Math.max(spread, 1 / scale);
        }
    }

    private StudyAggregates open(EncryptedStudyAggregates a, ToDoubleFunction<Decoded> value) {
        if (!a.keySha256().equals(keySha256)) {
            throw new IllegalArgumentException("these aggregates are under key " + a.keySha256() + ", not this "
                    + "authority's " + keySha256);
        }
        Encoder encoder = new Encoder(ctx);
        Decryptor decryptor = new Decryptor(ctx, secretKey);
        Function<byte[], Double> one = ct -> value.applyAsDouble(decode(encoder, decryptor, ct));
        Function<List<byte[]>, double[]> all = cts -> cts.stream().mapToDouble(one::apply).toArray();
        Optional<double[]> standardized = a.standardizedSum().map(all);
        return new StudyAggregates(a.study(), a.features(), a.institutions(), a.declaredRows(),
                one.apply(a.count()), all.apply(a.sum()), all.apply(a.mean()), all.apply(a.sumOfSquares()),
                standardized);
    }

    private Decoded decode(Encoder encoder, Decryptor decryptor, byte[] ct) {
        try (Ciphertext c = Ciphertext.fromBytes(ctx, ct); Plaintext p = decryptor.decrypt(c)) {
            double[] slots = encoder.decode(p);
            double s = 0;
            for (double v : slots) {
                s += v;
            }
            double mean = s / slots.length;
            double spread = 0;
            for (double v : slots) {
                spread = Math.max(spread, Math.abs(v - mean));
            }
            return new Decoded(mean, spread, c.scale());
        }
    }

    private static byte[] section(DataInputStream in, int cap) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > cap) {
            throw new IllegalArgumentException("corrupt study authority key file");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static void closeAll(List<AutoCloseable> xs) {
        for (int i = xs.size() - 1; i >= 0; i--) {
            try {
                xs.get(i).close();
            } catch (Exception ignored) {
                // native frees do not fail
            }
        }
    }

    @Override
    public void close() {
        closeAll(owned);
    }
}

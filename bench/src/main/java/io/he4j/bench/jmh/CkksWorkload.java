package io.he4j.bench.jmh;

import io.he4j.ckks.Ciphertext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.GaloisKeys;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.RelinKey;

/**
 * Every {@link CkksOp} through the public Java API at one preset, on a {@link CkksSession} with outputs
 * preallocated once, as {@code ckks_<op>/<preset>} in native/bench/ckks_bench.cpp does: each op writes into
 * an output object of the same shape on every call (out-of-place, never in-place), and key generation
 * creates and frees a key per call. Shared by {@link CkksPrimitivesBench} and {@link CkksOverheadProbe}, so
 * both time exactly the same calls. Not thread-safe.
 */
public final class CkksWorkload implements AutoCloseable {
    /** One operation, run for its side effect. */
    @FunctionalInterface
    public interface Call {
        void run() throws Throwable;
    }

    public final CkksSession s;
    final Plaintext ptOut;
    final Ciphertext ctOut;
    final Ciphertext product;
    final Ciphertext[] hoistedOut;
    final double[] decoded;

    public CkksWorkload(String preset) {
        this(new CkksSession(preset));
    }

    /** A workload on {@code session}, which it then owns (closes). */
    public CkksWorkload(CkksSession session) {
        s = session;
        ptOut = new Plaintext(s.context);
        ctOut = new Ciphertext(s.context);
        product = s.evaluator.mulRelin(s.a, s.b);
        hoistedOut = new Ciphertext[CkksSession.HOISTED_STEPS.length];
        for (int i = 0; i < hoistedOut.length; i++) {
            hoistedOut[i] = new Ciphertext(s.context);
        }
        decoded = new double[s.context.slotCount()];
    }

    public Plaintext encode() {
        return s.encoder.encode(s.values, s.context.defaultScale(), Encoder.TOP_LEVEL, ptOut);
    }

    public Ciphertext encryptPk() {
        return s.encryptor.encrypt(s.plain, ctOut);
    }

    public Ciphertext encryptSk() {
        return s.symmetricEncryptor.encrypt(s.plain, ctOut);
    }

    public Plaintext decrypt() {
        return s.decryptor.decrypt(s.a, ptOut);
    }

    public double[] decode() {
        return s.encoder.decode(s.plain, decoded);
    }

    public Ciphertext add() {
        return s.evaluator.add(s.a, s.b, ctOut);
    }

    public Ciphertext multiplyPlain() {
        return s.evaluator.mulPlain(s.a, s.plain, ctOut);
    }

    public Ciphertext multiplyRelin() {
        return s.evaluator.mulRelin(s.a, s.b, ctOut);
    }

    public Ciphertext rescale() {
        return s.evaluator.rescale(product, ctOut);
    }

    public Ciphertext rotate1() {
        return s.evaluator.rotate(s.a, 1, ctOut);
    }

    public Ciphertext[] rotateHoisted8() {
        return s.evaluator.rotateHoisted(s.a, CkksSession.HOISTED_STEPS, hoistedOut);
    }

    public int relinKeygen() {
        try (RelinKey k = s.keyGenerator.relinKey(s.secretKey)) {
            return k.hashCode();
        }
    }

    public int galoisKeygen1step() {
        try (GaloisKeys k = s.keyGenerator.galoisKeys(s.secretKey, 1)) {
            return k.hashCode();
        }
    }

    /** {@code op} through the public API (the same method {@link CkksPrimitivesBench} times). */
    public Call api(CkksOp op) {
        return switch (op) {
            case ENCODE -> this::encode;
            case ENCRYPT_PK -> this::encryptPk;
            case ENCRYPT_SK -> this::encryptSk;
            case DECRYPT -> this::decrypt;
            case DECODE -> this::decode;
            case ADD -> this::add;
            case MULTIPLY_PLAIN -> this::multiplyPlain;
            case MULTIPLY_RELIN -> this::multiplyRelin;
            case RESCALE -> this::rescale;
            case ROTATE_1 -> this::rotate1;
            case ROTATE_HOISTED_8 -> this::rotateHoisted8;
            case RELIN_KEYGEN -> this::relinKeygen;
            case GALOIS_KEYGEN_1STEP -> this::galoisKeygen1step;
        };
    }

    @Override
    public void close() {
        for (Ciphertext c : hoistedOut) {
            c.close();
        }
        product.close();
        ctOut.close();
        ptOut.close();
        s.close();
    }
}

package io.he4j.ckks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every evaluator operation against plain Java arithmetic on the same vectors: values in [-1, 1], scale 2^40,
 * |error| &lt; 2^-20 after at most one multiplication and rescale.
 */
class EvaluatorTest {
    private final CkksContext ctx = Fixture.context();
    private final int n = ctx.slotCount();
    private final Encoder encoder = new Encoder(ctx);
    private final Encryptor encryptor = new Encryptor(ctx, Fixture.publicKey());
    private final Decryptor decryptor = new Decryptor(ctx, Fixture.secretKey());
    private final Evaluator eval = new Evaluator(ctx, Fixture.evaluationKeys());
    private final double[] a = Fixture.random(21, n);
    private final double[] b = Fixture.random(22, n);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T track(T t) {
        toClose.add(t);
        return t;
    }

    private Ciphertext enc(double[] v) {
        try (Plaintext p = encoder.encode(v)) {
            return track(encryptor.encrypt(p));
        }
    }

    private Plaintext plain(double[] v, Ciphertext like) {
        return track(encoder.encode(v, like.scale(), like.level()));
    }

    private double[] dec(Ciphertext c) {
        try (Plaintext p = decryptor.decrypt(c)) {
            return encoder.decode(p);
        }
    }

    private static double[] zip(double[] x, double[] y, DoubleBinaryOperator f) {
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.applyAsDouble(x[i], y[i]);
        }
        return r;
    }

    private double[] rotated(double[] x, int step) {
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[Math.floorMod(i + step, x.length)];
        }
        return r;
    }

    private static void assertClose(double[] expected, double[] actual) {
        double err = Fixture.maxError(expected, actual);
        assertTrue(err < Fixture.EPS, "max error " + err + " >= 2^-20");
    }

    @Test
    void addSubNegate() {
        Ciphertext ca = enc(a);
        Ciphertext cb = enc(b);
        assertClose(zip(a, b, Double::sum), dec(track(eval.add(ca, cb))));
        assertClose(zip(a, b, (x, y) -> x - y), dec(track(eval.sub(ca, cb))));
        assertClose(zip(a, a, (x, y) -> -x), dec(track(eval.negate(ca))));
    }

    @Test
    void inPlaceOutputMayAliasAnInput() {
        Ciphertext ca = enc(a);
        Ciphertext cb = enc(b);
        assertSame(ca, eval.add(ca, cb, ca));
        assertClose(zip(a, b, Double::sum), dec(ca));
        eval.sub(ca, cb, ca);
        assertClose(a, dec(ca));
        eval.negate(ca, ca);
        eval.negate(ca, ca);
        assertClose(a, dec(ca));
    }

    @Test
    void plaintextOperands() {
        Ciphertext ca = enc(a);
        Plaintext pb = plain(b, ca);
        assertClose(zip(a, b, Double::sum), dec(track(eval.addPlain(ca, pb))));
        assertClose(zip(a, b, (x, y) -> x - y), dec(track(eval.subPlain(ca, pb))));
        Ciphertext prod = track(eval.mulPlain(ca, pb));
        assertEquals(ca.scale() * pb.scale(), prod.scale(), prod.scale() * 1e-12);
        Ciphertext r = track(eval.rescale(prod));
        assertEquals(ca.level() - 1, r.level());
        assertClose(zip(a, b, (x, y) -> x * y), dec(r));
    }

    @Test
    void scalars() {
        Ciphertext ca = enc(a);
        assertClose(zip(a, a, (x, y) -> x + 0.375), dec(track(eval.addScalar(ca, 0.375))));
        Ciphertext m = track(eval.mulScalar(ca, -0.625, ctx.defaultScale()));
        assertClose(zip(a, a, (x, y) -> x * -0.625), dec(track(eval.rescale(m))));
    }

    @Test
    void multiplyRelinearizeRescale() {
        Ciphertext ca = enc(a);
        Ciphertext cb = enc(b);
        double[] ab = zip(a, b, (x, y) -> x * y);
        Ciphertext m = track(eval.mul(ca, cb));
        assertEquals(3, m.size());
        Ciphertext rl = track(eval.relinearize(m));
        assertEquals(2, rl.size());
        assertClose(ab, dec(track(eval.rescale(rl))));

        Ciphertext mr = track(eval.mulRelin(ca, cb));
        assertEquals(2, mr.size());
        Ciphertext rs = track(eval.rescale(mr));
        assertEquals(ctx.maxLevel() - 1, rs.level());
        assertClose(ab, dec(rs));

        Ciphertext sq = track(eval.rescale(track(eval.squareRelin(ca))));
        assertClose(zip(a, a, (x, y) -> x * y), dec(sq));
    }

    @Test
    void depthTwo() {
        Ciphertext ca = enc(a);
        Ciphertext cb = enc(b);
        Ciphertext ab = track(eval.rescale(track(eval.mulRelin(ca, cb))));
        Ciphertext abb = track(eval.rescale(track(eval.mulRelin(ab, track(eval.modSwitchTo(cb, ab.level()))))));
        assertEquals(0, abb.level());
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = a[i] * b[i] * b[i];
        }
        double err = Fixture.maxError(expected, dec(abb));
        assertTrue(err < Math.scalb(1.0, -16), "depth-2 error " + err);
    }

    @Test
    void modSwitchKeepsValuesAndScale() {
        Ciphertext ca = enc(a);
        Ciphertext low = track(eval.modSwitchTo(ca, 0));
        assertEquals(0, low.level());
        assertEquals(ca.scale(), low.scale());
        assertClose(a, dec(low));
        Plaintext p = track(encoder.encode(b));
        Plaintext pl = track(eval.modSwitchTo(p, 1));
        assertEquals(1, pl.level());
        assertClose(b, encoder.decode(pl));
        assertThrows(InvalidArgumentException.class, () -> eval.modSwitchTo(ca, 3));
    }

    @Test
    void rotations() {
        Ciphertext ca = enc(a);
        assertClose(rotated(a, 3), dec(track(eval.rotate(ca, 3))));
        assertClose(rotated(a, -1), dec(track(eval.rotate(ca, -1))));
        Ciphertext[] hs = eval.rotateHoisted(ca, 1, 2, 4);
        for (Ciphertext h : hs) {
            track(h);
        }
        assertClose(rotated(a, 1), dec(hs[0]));
        assertClose(rotated(a, 2), dec(hs[1]));
        assertClose(rotated(a, 4), dec(hs[2]));
        assertEquals(0, eval.rotateHoisted(ca, new int[0]).length);
        Ciphertext alias = track(ca.copy());
        Ciphertext other = track(new Ciphertext(ctx));
        eval.rotateHoisted(alias, new int[] {0, -1}, new Ciphertext[] {other, alias});
        assertClose(a, dec(other));
        assertClose(rotated(a, -1), dec(alias));
        double[] sum8 = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 8; j++) {
                sum8[i] += a[(i + j) % n];
            }
        }
        double err = Fixture.maxError(sum8, dec(track(eval.rotateSum(ca, 8))));
        assertTrue(err < 8 * Fixture.EPS, "rotateSum error " + err);
        assertArrayEquals(new int[] {1, 2, 4}, KeyGenerator.rotateSumSteps(8));
    }

    @Test
    void conjugation() {
        double[] z = Fixture.random(23, 2 * n);
        double[] conj = z.clone();
        for (int i = 1; i < conj.length; i += 2) {
            conj[i] = -conj[i];
        }
        try (Plaintext p = encoder.encodeComplex(z, ctx.defaultScale(), -1)) {
            Ciphertext c = track(encryptor.encrypt(p));
            try (Plaintext d = decryptor.decrypt(track(eval.conjugate(c)))) {
                double err = Fixture.maxError(conj, encoder.decodeComplex(d));
                assertTrue(err < Fixture.EPS, "conjugate error " + err);
            }
        }
    }

    @Test
    void batches() {
        double[] c = Fixture.random(24, n);
        Ciphertext ca = enc(a);
        Ciphertext cb = enc(b);
        Ciphertext cc = enc(c);
        double[] sum = zip(zip(a, b, Double::sum), c, Double::sum);
        assertClose(sum, dec(track(eval.addAll(List.of(ca, cb, cc)))));
        Ciphertext copy = track(cc.copy());
        eval.addAll(List.of(ca, cb, copy), copy); // out aliases the last term
        assertClose(sum, dec(copy));

        Plaintext p = plain(b, ca);
        List<Ciphertext> prods = eval.mulPlain(List.of(ca, cc), p);
        prods.forEach(this::track);
        assertClose(zip(a, b, (x, y) -> x * y), dec(track(eval.rescale(prods.get(0)))));
        assertClose(zip(c, b, (x, y) -> x * y), dec(track(eval.rescale(prods.get(1)))));

        Ciphertext dot = track(eval.mulPlainAndSum(List.of(ca, cc), List.of(p, p)));
        assertClose(zip(zip(a, c, Double::sum), b, (x, y) -> x * y), dec(track(eval.rescale(dot))));
    }

    @Test
    void missingKeysAndMismatchedOperandsNameTheOperation() {
        Ciphertext ca = enc(a);
        Evaluator keyless = new Evaluator(ctx);
        IncompatibleOperandsException e = assertThrows(IncompatibleOperandsException.class, () -> keyless.mulRelin(ca, ca));
        assertTrue(e.getMessage().startsWith("Evaluator.mulRelin: "), e.getMessage());
        assertThrows(IncompatibleOperandsException.class, () -> keyless.rotate(ca, 1));
        He4jException noStep = assertThrows(He4jException.class, () -> eval.rotate(ca, 5));
        assertTrue(noStep instanceof IncompatibleOperandsException || noStep instanceof InvalidArgumentException, noStep.toString());
        assertTrue(noStep.getMessage().startsWith("Evaluator.rotate: he4j_eval_rotate"), noStep.getMessage());

        Ciphertext low = track(eval.modSwitchTo(ca, 1));
        IncompatibleOperandsException lv = assertThrows(IncompatibleOperandsException.class, () -> eval.add(ca, low));
        assertTrue(lv.getMessage().startsWith("Evaluator.add: he4j_eval_add"), lv.getMessage());
        assertThrows(InvalidArgumentException.class, () -> eval.rotateSum(ca, 3));
        assertThrows(InvalidArgumentException.class, () -> eval.addAll(List.of()));
        assertThrows(NullPointerException.class, () -> eval.add(ca, null));
    }

    @Test
    void galoisKeysReportTheirSteps() {
        GaloisKeys gk = Fixture.evaluationKeys().galoisKeys().orElseThrow();
        assertTrue(gk.canRotate(3));
        assertTrue(gk.canRotate(-1));
        assertTrue(!gk.canRotate(5));
        assertTrue(gk.canConjugate());
    }
}

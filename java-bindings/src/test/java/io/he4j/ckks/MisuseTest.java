package io.he4j.ckks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arguments out of range reach the engine's checks and come back as exceptions naming the operation. */
class MisuseTest {
    private final CkksContext ctx = Fixture.context();
    private final Encoder encoder = new Encoder(ctx);
    private final Evaluator eval = new Evaluator(ctx, Fixture.evaluationKeys());

    private static void refused(Class<? extends He4jException> type, String op, Executable call) {
        He4jException e = assertThrows(type, call);
        assertTrue(e.getMessage().startsWith(op + ": "), e.getMessage());
    }

    @Test
    void outOfRangeArguments() {
        try (Plaintext p = encoder.encode(new double[] {0.5});
             Ciphertext c = new Encryptor(ctx, Fixture.publicKey()).encrypt(p);
             Ciphertext bottom = eval.modSwitchTo(c, 0)) {
            refused(InvalidArgumentException.class, "Encoder.encode", () -> encoder.encode(new double[] {1e30}, Math.scalb(1.0, 60), -1));
            refused(InvalidArgumentException.class, "Encoder.encode", () -> encoder.encode(new double[] {1}, Double.NaN, -1));
            refused(InvalidArgumentException.class, "Encoder.encode", () -> encoder.encode(new double[] {1}, 1e6, -2));
            refused(InvalidArgumentException.class, "Encoder.encodeScalar",
                    () -> encoder.encodeScalar(Double.POSITIVE_INFINITY, 1e6, -1));
            refused(InvalidArgumentException.class, "Ciphertext.setScale", () -> c.setScale(0));
            assertThrows(He4jException.class, () -> eval.rescale(bottom));
            assertThrows(He4jException.class, () -> eval.addScalar(c, Double.NaN));
            assertThrows(He4jException.class, () -> eval.mulScalar(c, 1, Double.NaN));
            assertThrows(He4jException.class, () -> eval.rotate(c, ctx.slotCount()));
            assertThrows(He4jException.class, () -> eval.rotate(c, Integer.MIN_VALUE));
            refused(IncompatibleOperandsException.class, "Evaluator.modSwitchTo",
                    () -> eval.modSwitchTo(bottom, 2));
            try (Ciphertext m = eval.mul(c, c)) {
                refused(IncompatibleOperandsException.class, "Evaluator.rotate", () -> eval.rotate(m, 1));
            }
            try (Ciphertext empty = new Ciphertext(ctx); Plaintext emptyPt = new Plaintext(ctx)) {
                assertThrows(He4jException.class, () -> eval.negate(empty));
                assertThrows(He4jException.class, empty::toBytes);
                assertThrows(He4jException.class, () -> encoder.decode(emptyPt));
                assertThrows(He4jException.class, () -> new Decryptor(ctx, Fixture.secretKey()).decrypt(empty));
            }
            assertThrows(He4jException.class, () -> new KeyGenerator(ctx).galoisKeys(Fixture.secretKey(), ctx.slotCount()));
        }
    }

    @Test
    void parametersWithoutSpecialPrimesCannotSwitchKeys() {
        try (CkksContext small = CkksContext.create("P4K-IFMA")) {
            KeyGenerator kg = new KeyGenerator(small);
            try (SecretKey sk = kg.secretKey()) {
                assertThrows(UnsupportedByBackendException.class, () -> kg.relinKey(sk));
            }
        }
    }
}

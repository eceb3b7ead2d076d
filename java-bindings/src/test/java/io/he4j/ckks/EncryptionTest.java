package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncryptionTest {
    private final CkksContext ctx = Fixture.context();
    private final Encoder encoder = new Encoder(ctx);
    private final Decryptor decryptor = new Decryptor(ctx, Fixture.secretKey());

    @Test
    void publicKeyEncryptionRoundTrips() {
        double[] v = Fixture.random(10, ctx.slotCount());
        Encryptor enc = new Encryptor(ctx, Fixture.publicKey());
        try (Plaintext p = encoder.encode(v); Ciphertext c = enc.encrypt(p)) {
            assertEquals(2, c.size());
            assertEquals(ctx.maxLevel(), c.level());
            assertEquals(ctx.defaultScale(), c.scale());
            try (Plaintext d = decryptor.decrypt(c)) {
                assertTrue(Fixture.maxError(v, encoder.decode(d)) < Fixture.EPS);
            }
        }
    }

    @Test
    void symmetricEncryptionRoundTripsAndIsHalfSize() {
        double[] v = Fixture.random(11, ctx.slotCount());
        SymmetricEncryptor sym = new SymmetricEncryptor(ctx, Fixture.secretKey());
        Encryptor pub = new Encryptor(ctx, Fixture.publicKey());
        try (Plaintext p = encoder.encode(v); Ciphertext c = sym.encrypt(p); Ciphertext full = pub.encrypt(p);
             Plaintext out = new Plaintext(ctx)) {
            assertSame(out, decryptor.decrypt(c, out));
            assertTrue(Fixture.maxError(v, encoder.decode(out)) < Fixture.EPS);
            NativeRequire.exported("he4j_ciphertext_save");
            int seeded = c.toBytes().length;
            int plain = full.toBytes().length;
            assertTrue(seeded < 0.6 * plain, seeded + " vs " + plain);
        }
    }

    @Test
    void encryptIntoExistingCiphertextAtLowerLevel() {
        double[] v = Fixture.random(12, 10);
        Encryptor enc = new Encryptor(ctx, Fixture.publicKey());
        try (Plaintext p = encoder.encode(v, ctx.defaultScale(), 0); Ciphertext c = new Ciphertext(ctx)) {
            assertSame(c, enc.encrypt(p, c));
            assertEquals(0, c.level());
            try (Plaintext d = decryptor.decrypt(c)) {
                double[] r = encoder.decode(d, new double[10]);
                assertTrue(Fixture.maxError(v, r) < Fixture.EPS);
            }
        }
    }

    @Test
    void objectsOfOtherParametersAreRefused() {
        try (CkksContext other = CkksContext.create(CkksParameters.builder().logPolyDegree(12).dataPrimeBits(50, 40)
                .specialPrimeBits(50).defaultScale(Math.scalb(1.0, 40)).allowInsecure().build());
             Plaintext p = new Encoder(other).encode(new double[] {1})) {
            Encryptor enc = new Encryptor(ctx, Fixture.publicKey());
            IncompatibleOperandsException e = assertThrows(IncompatibleOperandsException.class, () -> enc.encrypt(p));
            assertTrue(e.getMessage().contains("Encryptor.encrypt"), e.getMessage());
            assertThrows(IncompatibleOperandsException.class, () -> new Decryptor(other, Fixture.secretKey()));
        }
    }
}

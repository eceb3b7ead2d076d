package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threshold keys through the Java API: three parties, a collective key (shares sent as bytes), a sum of
 * their encryptions decrypted only from every party's decryption share. On the SEAL backend every entry
 * point must report itself unsupported.
 */
class MultipartyTest {
    private static final boolean SEAL = BackendUnderTest.NAME.equals("seal");
    private static final double SCALE = Math.scalb(1.0, 84);

    @Test
    void everyShareDecryptsOneMissingDoesNot() {
        if (SEAL) {
            try (CkksContext ctx = CkksContext.create("P4K-IFMA")) {
                assertThrows(UnsupportedByBackendException.class, () -> SecretShare.generate(ctx));
            }
            return;
        }
        int parties = 3;
        try (CkksContext ctx = CkksContext.create("P4K-IFMA")) {
            byte[] seed = Multiparty.newCommonSeed();
            List<SecretShare> shares = new ArrayList<>();
            List<PublicKey> published = new ArrayList<>();
            for (int i = 0; i < parties; i++) {
                SecretShare s = SecretShare.generate(ctx);
                shares.add(s);
                assertEquals("SecretShare[redacted]", s.toString());
                try (PublicKey p = s.publicKeyShare(seed)) {
                    published.add(PublicKey.fromBytes(ctx, p.toBytes()));  // as received over the wire
                }
            }
            PublicKey collective = Multiparty.aggregatePublicKey(ctx, published);
            Encoder enc = new Encoder(ctx);
            Evaluator eval = new Evaluator(ctx);
            double[] expected = new double[8];
            Ciphertext sum = null;
            for (int i = 0; i < parties; i++) {
                double[] x = new double[8];
                for (int k = 0; k < x.length; k++) {
                    x[k] = (i + 1) * 0.125 * (k - 3);
                    expected[k] += x[k];
                }
                try (Plaintext pt = enc.encodeCoefficients(x, SCALE, -1)) {
                    Ciphertext ct = new Encryptor(ctx, collective).encrypt(pt);
                    if (sum == null) {
                        sum = ct;
                    } else {
                        eval.add(sum, ct, sum);
                        ct.close();
                    }
                }
            }
            int bits = Multiparty.smudgingBits(ctx, parties, parties, 40);
            List<Plaintext> d = new ArrayList<>();
            for (SecretShare s : shares) {
                d.add(Plaintext.fromBytes(ctx, s.decryptionShare(sum, bits).toBytes()));
            }
            double[] got = new double[8];
            try (Plaintext all = Multiparty.combine(ctx, sum, d)) {
                enc.decodeCoefficients(all, got);
            }
            for (int k = 0; k < got.length; k++) {
                assertEquals(expected[k], got[k], 1e-6, "coefficient " + k);
            }
            try (Plaintext partial = Multiparty.combine(ctx, sum, d.subList(1, parties))) {
                enc.decodeCoefficients(partial, got);
            }
            double far = 0;
            for (int k = 0; k < got.length; k++) {
                far = Math.max(far, Math.abs(got[k] - expected[k]));
            }
            assertTrue(far > 1e3, "a missing share must not decrypt; max error " + far);
            List<byte[]> compact = new ArrayList<>();
            for (SecretShare s : shares) {
                compact.add(s.compactDecryptionShare(sum, bits, 44));
            }
            assertTrue(compact.getFirst().length < d.getFirst().toBytes().length / 2, "compact shares are smaller");
            double[] viaCompact = Multiparty.combineCompact(ctx, sum, compact, 44, 8);
            for (int k = 0; k < viaCompact.length; k++) {
                assertEquals(expected[k], viaCompact[k], 1e-6, "compact, coefficient " + k);
            }
            Ciphertext total = sum;
            assertThrows(IncompatibleOperandsException.class,
                    () -> Multiparty.combineCompact(ctx, total, compact, 40, 8));
            assertThrows(MalformedInputException.class,
                    () -> Multiparty.combineCompact(ctx, total, List.of(new byte[] {1, 2, 3}), 44, 8));
            assertThrows(InvalidArgumentException.class, () -> shares.get(0).publicKeyShare(new byte[31]));
            try (Ciphertext c = collectiveCiphertext(ctx, collective)) {
                assertThrows(InvalidArgumentException.class, () -> shares.get(0).decryptionShare(c, 200));
            }
            try (PublicKey other = shares.get(0).publicKeyShare(Multiparty.newCommonSeed())) {
                assertThrows(IncompatibleOperandsException.class,
                        () -> Multiparty.aggregatePublicKey(ctx, List.of(published.get(0), other)));
            }
            SecretShare closed = shares.get(0);
            closed.close();
            assertThrows(IllegalStateException.class, () -> closed.publicKeyShare(seed));
            assertEquals("SecretShare[closed]", closed.toString());
            shares.forEach(SecretShare::close);
            d.forEach(Plaintext::close);
            published.forEach(PublicKey::close);
            collective.close();
            sum.close();
        }
    }

    private static Ciphertext collectiveCiphertext(CkksContext ctx, PublicKey key) {
        try (Plaintext pt = new Encoder(ctx).encodeCoefficients(new double[] {1}, SCALE, -1)) {
            return new Encryptor(ctx, key).encrypt(pt);
        }
    }
}

package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class SmokeTest {
    @Test
    void encryptAddDecrypt() {
        CkksContext ctx = Fixture.context();
        System.out.println(ctx);
        Encoder enc = new Encoder(ctx);
        double[] a = Fixture.random(1, ctx.slotCount());
        try (Plaintext p = enc.encode(a); Ciphertext c = new Encryptor(ctx, Fixture.publicKey()).encrypt(p);
             Ciphertext s = new Evaluator(ctx).add(c, c); Plaintext d = new Decryptor(ctx, Fixture.secretKey()).decrypt(s)) {
            double[] r = enc.decode(d);
            double[] e = a.clone();
            for (int i = 0; i < e.length; i++) e[i] *= 2;
            System.out.println("err " + Fixture.maxError(e, r) + " " + c + " " + s);
            assertTrue(Fixture.maxError(e, r) < Fixture.EPS);
        }
    }
}

package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The overhead probe compares the API to BareDowncalls: both must do the same work on the same objects. */
class BareDowncallsTest {
    @Test
    void bareEncodeAndAddGiveWhatTheApiGives() throws Throwable {
        CkksContext ctx = Fixture.context();
        Encoder encoder = new Encoder(ctx);
        Decryptor decryptor = new Decryptor(ctx, Fixture.secretKey());
        double[] x = Fixture.random(1, ctx.slotCount());
        double[] y = Fixture.random(2, ctx.slotCount());
        try (Plaintext viaApi = encoder.encode(x); Plaintext bare = new Plaintext(ctx);
             Ciphertext a = new Encryptor(ctx, Fixture.publicKey()).encrypt(viaApi);
             Ciphertext b = new Encryptor(ctx, Fixture.publicKey()).encrypt(encoder.encode(y));
             Ciphertext sumApi = new Evaluator(ctx, Fixture.evaluationKeys()).add(a, b);
             Ciphertext sumBare = new Ciphertext(ctx); BareDowncalls d = new BareDowncalls()) {
            d.encode(ctx, x, ctx.defaultScale(), Encoder.TOP_LEVEL, bare).run();
            assertArrayEquals(viaApi.toBytes(), bare.toBytes(), "encode is deterministic");
            d.add(ctx, a, b, sumBare).run();
            assertArrayEquals(encoder.decode(decryptor.decrypt(sumApi)), encoder.decode(decryptor.decrypt(sumBare)));
            assertEquals(BareDowncalls.emptyDowncall(), BareDowncalls.emptyDowncall());
        }
    }
}

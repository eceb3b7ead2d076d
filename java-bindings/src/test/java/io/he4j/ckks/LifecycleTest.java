package io.he4j.ckks;

import io.he4j.ckks.internal.Diagnostics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest {
    private final CkksContext ctx = Fixture.context();
    private final Encoder encoder = new Encoder(ctx);
    private final Evaluator eval = new Evaluator(ctx, Fixture.evaluationKeys());

    @Test
    void useAfterCloseThrowsIllegalStateAndDoubleCloseIsHarmless() {
        Ciphertext c = new Encryptor(ctx, Fixture.publicKey()).encrypt(encoder.encode(new double[] {1}));
        Plaintext p = encoder.encode(new double[] {2});
        c.close();
        c.close();
        p.close();
        p.close();
        assertThrows(IllegalStateException.class, c::level);
        assertThrows(IllegalStateException.class, c::toBytes);
        assertThrows(IllegalStateException.class, () -> c.setScale(2));
        assertThrows(IllegalStateException.class, () -> eval.add(c, c));
        assertThrows(IllegalStateException.class, p::scale);
        assertThrows(IllegalStateException.class, () -> encoder.decode(p));
        assertThrows(IllegalStateException.class, () -> encoder.encode(new double[] {1}, 1e6, -1, p));
        assertEquals("Ciphertext[closed]", c.toString());

        KeyGenerator kg = new KeyGenerator(ctx);
        SecretKey sk = kg.secretKey();
        PublicKey pk = kg.publicKey(sk);
        sk.close();
        sk.close();
        assertThrows(IllegalStateException.class, () -> kg.publicKey(sk));
        assertThrows(IllegalStateException.class, () -> new Decryptor(ctx, sk).decrypt(new Ciphertext(ctx)));
        pk.close();
        assertThrows(IllegalStateException.class, () -> new Encryptor(ctx, pk).encrypt(encoder.encode(new double[] {1})));
    }

    @Test
    void closingTheContextFirstIsMemorySafe() {
        CkksContext own = CkksContext.create(Fixture.PARAMS);
        KeyGenerator kg = new KeyGenerator(own);
        SecretKey sk = kg.secretKey();
        Encoder enc = new Encoder(own);
        Plaintext p = enc.encode(new double[] {0.5});
        Ciphertext c = new SymmetricEncryptor(own, sk).encrypt(p);
        own.close();
        own.close();
        // The native objects keep the engine's tables alive: reading them still works ...
        assertEquals(own.maxLevel(), c.level());
        assertTrue(c.toBytes().length > 0);
        // ... while anything that needs the closed context handle refuses cleanly.
        assertThrows(IllegalStateException.class, () -> new Evaluator(own).add(c, c));
        assertThrows(IllegalStateException.class, () -> new Decryptor(own, sk).decrypt(c));
        assertThrows(IllegalStateException.class, () -> new Ciphertext(own));
        c.close();
        p.close();
        sk.close();
    }

    @Test
    void tenThousandCreateCloseCyclesLeaveNoNativeObjects() {
        Plaintext p = encoder.encode(Fixture.random(1, 16));
        Encryptor encryptor = new Encryptor(ctx, Fixture.publicKey());
        long before = Diagnostics.liveObjects();
        for (int i = 0; i < 10_000; i++) {
            try (Ciphertext c = new Ciphertext(ctx); Plaintext q = new Plaintext(ctx)) {
                if (i % 10 == 0) {
                    encryptor.encrypt(p, c);
                    eval.add(c, c, c);
                    encoder.encode(new double[] {i}, 1e6, 0, q);
                    eval.add(c, c).close();
                }
            }
            if (i % 1000 == 0) {
                long live = Diagnostics.liveObjects();
                assertTrue(live <= before, "iteration " + i + ": " + live + " live objects, baseline " + before);
            }
        }
        for (int i = 0; i < 100; i++) {
            try (CkksContext c = CkksContext.create(Fixture.PARAMS); SecretKey sk = new KeyGenerator(c).secretKey()) {
                assertTrue(sk.toString().contains("redacted"));
            }
        }
        long after = Diagnostics.liveObjects();
        // Equal unless the Cleaner freed objects other tests dropped meanwhile (which only lowers it).
        assertTrue(after <= before, "live native objects grew from " + before + " to " + after);
        p.close();
        assertTrue(Diagnostics.liveObjects() <= after - 1, "close() frees at once");
    }

    @Test
    void theCleanerFreesForgottenObjects() throws InterruptedException {
        long before = Diagnostics.liveObjects();
        for (int i = 0; i < 1000; i++) {
            new Ciphertext(ctx); // never closed
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Diagnostics.liveObjects() > before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(Diagnostics.liveObjects() <= before, "cleaner did not free unreachable ciphertexts");
    }

    @Test
    void closeRacingWithUseNeverCrashes() throws Exception {
        Ciphertext fresh = new Encryptor(ctx, Fixture.publicKey()).encrypt(encoder.encode(new double[] {1}));
        for (int round = 0; round < 50; round++) {
            Ciphertext c = fresh.copy();
            Thread user = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50; i++) {
                    try {
                        eval.add(c, c).close();
                        c.level();
                    } catch (IllegalStateException closed) {
                        return;
                    }
                }
            });
            Thread.sleep(round % 3);
            c.close();
            user.join();
            assertThrows(IllegalStateException.class, c::level);
        }
        fresh.close();
    }

    @Test
    void ownershipOfBundles() {
        KeyGenerator kg = new KeyGenerator(ctx);
        SecretKey sk = kg.secretKey();
        RelinKey rk = kg.relinKey(sk);
        EvaluationKeys view = EvaluationKeys.of(rk);
        view.close();
        assertDoesNotThrow(rk::toBytes); // of(...) does not own
        EvaluationKeys owned = kg.evaluationKeys(sk, 1);
        owned.close();
        assertThrows(IllegalStateException.class, () -> owned.relinKey().toBytes());
        assertThrows(IllegalStateException.class, () -> owned.galoisKeys().orElseThrow().toBytes());
        try (EvaluationKeys relinOnly = kg.evaluationKeys(sk)) {
            assertTrue(relinOnly.galoisKeys().isEmpty());
        }
        List.of(rk, sk).forEach(k -> {
            try {
                k.close();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}

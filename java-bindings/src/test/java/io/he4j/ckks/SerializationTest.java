package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerializationTest {
    private final CkksContext ctx = Fixture.context();
    private final Encoder encoder = new Encoder(ctx);
    private final Decryptor decryptor = new Decryptor(ctx, Fixture.secretKey());

    private double[] dec(Ciphertext c) {
        try (Plaintext p = decryptor.decrypt(c)) {
            return encoder.decode(p);
        }
    }

    @Test
    void ciphertextsAndPlaintextsRoundTrip() throws IOException {
        double[] v = Fixture.random(31, ctx.slotCount());
        try (Plaintext p = encoder.encode(v); Ciphertext full = new Encryptor(ctx, Fixture.publicKey()).encrypt(p);
             Ciphertext seeded = new SymmetricEncryptor(ctx, Fixture.secretKey()).encrypt(p)) {
            for (Ciphertext c : new Ciphertext[] {full, seeded}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                c.writeTo(out);
                assertArrayEquals(c.toBytes(), out.toByteArray());
                try (Ciphertext back = Ciphertext.fromBytes(ctx, out.toByteArray())) {
                    assertEquals(c.level(), back.level());
                    assertEquals(c.scale(), back.scale());
                    assertTrue(Fixture.maxError(v, dec(back)) < Fixture.EPS);
                }
            }
            try (Plaintext back = Plaintext.fromBytes(ctx, p.toBytes())) {
                assertTrue(Fixture.maxError(v, encoder.decode(back)) < Math.scalb(1.0, -30));
            }
        }
    }

    @Test
    void aCiphertextLoadsInPlaceFromASliceOfALargerMessage() {
        double[] v = Fixture.random(33, ctx.slotCount());
        try (Plaintext p = encoder.encode(v);
             Ciphertext c = new SymmetricEncryptor(ctx, Fixture.secretKey()).encrypt(p)) {
            byte[] bytes = c.toBytes();
            byte[] message = new byte[bytes.length + 11];   // the ciphertext between other bytes, as in an envelope
            System.arraycopy(bytes, 0, message, 5, bytes.length);
            MemorySegment slice = MemorySegment.ofArray(message).asSlice(5, bytes.length);
            assertEquals(ctx.parameterId(), ObjectHeader.read(slice, "test").parameterId());
            try (Ciphertext back = Ciphertext.fromBytes(ctx, slice)) {
                assertTrue(Fixture.maxError(v, dec(back)) < Fixture.EPS);
            }
            // the slice's bounds are the object's: one byte short or long is refused, not read past
            assertThrows(MalformedInputException.class,
                    () -> Ciphertext.fromBytes(ctx, MemorySegment.ofArray(message).asSlice(5, bytes.length - 1)));
            assertThrows(MalformedInputException.class,
                    () -> Ciphertext.fromBytes(ctx, MemorySegment.ofArray(message).asSlice(5, bytes.length + 1)));
            assertThrows(MalformedInputException.class, () -> ObjectHeader.read(slice.asSlice(0, 23), "test"));
        }
    }

    @Test
    void keysRoundTripAndStillWork() {
        double[] v = Fixture.random(32, ctx.slotCount());
        try (PublicKey pk = PublicKey.fromBytes(ctx, Fixture.publicKey().toBytes());
             RelinKey rk = RelinKey.fromBytes(ctx, Fixture.evaluationKeys().relinKey().toBytes());
             GaloisKeys gk = GaloisKeys.fromBytes(ctx, Fixture.evaluationKeys().galoisKeys().orElseThrow().toBytes());
             Plaintext p = encoder.encode(v); Ciphertext c = new Encryptor(ctx, pk).encrypt(p)) {
            Evaluator eval = new Evaluator(ctx, EvaluationKeys.of(rk, gk));
            try (Ciphertext sq = eval.rescale(eval.squareRelin(c)); Ciphertext rot = eval.rotate(sq, 2)) {
                double[] got = dec(rot);
                int n = v.length;
                for (int i = 0; i < n; i++) {
                    double e = v[(i + 2) % n] * v[(i + 2) % n];
                    assertTrue(Math.abs(e - got[i]) < Fixture.EPS);
                }
            }
            assertTrue(gk.canRotate(2) && gk.canConjugate());
        }
    }

    @Test
    void secretKeyNeedsTheAccessToken() {
        SecretKey sk = Fixture.secretKey();
        assertThrows(NullPointerException.class, () -> sk.toBytes(null));
        byte[] bytes = sk.toBytes(SecretKeyAccess.insecureExport());
        assertThrows(NullPointerException.class, () -> SecretKey.fromBytes(ctx, bytes, null));
        try (SecretKey back = SecretKey.fromBytes(ctx, bytes, SecretKeyAccess.insecureExport());
             Plaintext p = encoder.encode(new double[] {0.25});
             Ciphertext c = new SymmetricEncryptor(ctx, back).encrypt(p)) {
            assertEquals(0.25, dec(c)[0], Fixture.EPS);
        }
        assertEquals("SecretKey[redacted]", sk.toString());
        // A secret key is not a public key, whatever the caller claims.
        assertThrows(MalformedInputException.class, () -> PublicKey.fromBytes(ctx, bytes));
    }

    @Test
    void publicContextCarriesNoSecretAndServesAServer() throws IOException {
        PublicContext client = PublicContext.of(ctx, Fixture.publicKey(), Fixture.evaluationKeys());
        byte[] bytes = client.toBytes();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        client.writeTo(stream);
        stream.write(new byte[] {42}); // the stream form is self-delimiting
        try (PublicContext server = PublicContext.fromBytes(bytes, true);
             PublicContext fromStream = PublicContext.readFrom(new ByteArrayInputStream(stream.toByteArray()), true)) {
            assertEquals(ctx.parameterId(), server.context().parameterId());
            assertEquals(ctx.parameterId(), fromStream.context().parameterId());
            assertTrue(server.evaluationKeys().galoisKeys().isPresent());
            // The server encrypts and evaluates; only the client decrypts.
            double[] v = Fixture.random(33, 8);
            Encoder serverEncoder = new Encoder(server.context());
            try (Plaintext p = serverEncoder.encode(v); Ciphertext c = server.encryptor().encrypt(p);
                 Ciphertext r = server.evaluator().rotate(c, 1);
                 Ciphertext back = Ciphertext.fromBytes(ctx, r.toBytes())) {
                double[] got = dec(back);
                for (int i = 0; i < 7; i++) {
                    assertEquals(v[i + 1], got[i], Fixture.EPS);
                }
            }
        }
        assertThrows(MalformedInputException.class, () -> PublicContext.fromBytes(bytes), "insecure parameters refused by default");
    }

    @Test
    void nothingReachableFromAPublicContextHoldsASecretKey() {
        for (Class<?> type : new Class<?>[] {PublicContext.class, EvaluationKeys.class, Evaluator.class, Encryptor.class,
                PublicKey.class, RelinKey.class, GaloisKeys.class, CkksContext.class}) {
            for (java.lang.reflect.Method m : type.getMethods()) {
                assertTrue(m.getReturnType() != SecretKey.class && m.getReturnType() != Decryptor.class, m.toString());
            }
        }
    }

    @Test
    void publicContextRefusesSecretKeyBytes() {
        byte[] sk = Fixture.secretKey().toBytes(SecretKeyAccess.insecureExport());
        MalformedInputException direct = assertThrows(MalformedInputException.class, () -> PublicContext.fromBytes(sk, true));
        assertTrue(direct.getMessage().contains("secret key"), direct.getMessage());
        // A forged container whose "public key" section holds the secret key.
        byte[] good = PublicContext.of(ctx, Fixture.publicKey()).toBytes();
        byte[] ctxBytes = ctx.toBytes();
        java.nio.ByteBuffer forged = java.nio.ByteBuffer.allocate(16 + 2 * 12 + ctxBytes.length + sk.length);
        forged.put(java.util.Arrays.copyOf(good, 8)).putInt(1).putInt(2);
        forged.putInt(1).putLong(ctxBytes.length).put(ctxBytes);
        forged.putInt(5).putLong(sk.length).put(sk);
        MalformedInputException hidden = assertThrows(MalformedInputException.class,
                () -> PublicContext.fromBytes(forged.array(), true));
        assertTrue(hidden.getMessage().contains("secret key"), hidden.getMessage());
        forged.putInt(16 + 12 + ctxBytes.length, 4);
        assertThrows(MalformedInputException.class, () -> PublicContext.fromBytes(forged.array(), true));
    }
}

package io.he4j.ckks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** writeTo/readFrom: objects back to back in one stream, and every way a stream can be cut or forged. */
class StreamSerializationTest {
    private final CkksContext ctx = Fixture.context();
    private final Encoder encoder = new Encoder(ctx);

    @Test
    void everyKindRoundTripsBackToBackInOneStream() throws IOException {
        double[] v = Fixture.random(41, ctx.slotCount());
        SecretKeyAccess access = SecretKeyAccess.insecureExport();
        try (Plaintext p = encoder.encode(v); Ciphertext c = new Encryptor(ctx, Fixture.publicKey()).encrypt(p)) {
            RelinKey rk = Fixture.evaluationKeys().relinKey();
            GaloisKeys gk = Fixture.evaluationKeys().galoisKeys().orElseThrow();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ctx.writeTo(out);
            c.writeTo(out);
            p.writeTo(out);
            Fixture.publicKey().writeTo(out);
            rk.writeTo(out);
            gk.writeTo(out);
            Fixture.secretKey().writeTo(out, access);
            out.write(new byte[] {7, 7});  // whatever follows is left for the caller

            InputStream in = new TrickleInputStream(out.toByteArray(), 1000);
            try (CkksContext ctx2 = CkksContext.readFrom(in, true); Ciphertext c2 = Ciphertext.readFrom(ctx, in);
                 Plaintext p2 = Plaintext.readFrom(ctx, in); PublicKey pk2 = PublicKey.readFrom(ctx, in);
                 RelinKey rk2 = RelinKey.readFrom(ctx, in); GaloisKeys gk2 = GaloisKeys.readFrom(ctx, in);
                 SecretKey sk2 = SecretKey.readFrom(ctx, in, access)) {
                assertArrayEquals(ctx.toBytes(), ctx2.toBytes());
                assertArrayEquals(c.toBytes(), c2.toBytes());
                assertArrayEquals(p.toBytes(), p2.toBytes());
                assertArrayEquals(Fixture.publicKey().toBytes(), pk2.toBytes());
                assertArrayEquals(rk.toBytes(), rk2.toBytes());
                assertArrayEquals(gk.toBytes(), gk2.toBytes());
                assertArrayEquals(Fixture.secretKey().toBytes(access), sk2.toBytes(access));
                assertArrayEquals(new byte[] {7, 7}, in.readAllBytes());
                try (Plaintext d = new Decryptor(ctx, sk2).decrypt(c2)) {
                    assertTrue(Fixture.maxError(v, encoder.decode(d)) < Fixture.EPS);
                }
            }
        }
    }

    @Test
    void aStreamCutAnywhereIsMalformed() throws IOException {
        byte[] bytes = ciphertextBytes();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 40; i++) {
            int cut = i < 30 ? i : r.nextInt(bytes.length);
            byte[] prefix = Arrays.copyOf(bytes, cut);
            MalformedInputException e = assertThrows(MalformedInputException.class,
                    () -> Ciphertext.readFrom(ctx, new ByteArrayInputStream(prefix)), "cut at " + cut);
            assertTrue(e.getMessage().startsWith("Ciphertext.readFrom: the stream ended"), e.getMessage());
        }
    }

    @Test
    void aForgedLengthCostsOnlyTheBytesThatArrive() {
        byte[] header = Arrays.copyOf(ciphertextBytes(), ObjectFrame.HEADER_BYTES);
        for (long forged : new long[] {Integer.MAX_VALUE - 40L, 1L << 40, -1L}) {
            byte[] h = header.clone();
            for (int b = 0; b < 8; b++) {
                h[16 + b] = (byte) (forged >>> (8 * b));
            }
            byte[] stream = Arrays.copyOf(h, h.length + 100);
            assertThrows(MalformedInputException.class, () -> Ciphertext.readFrom(ctx, new ByteArrayInputStream(stream)));
        }
    }

    @Test
    void wrongMagicKindOrParametersAreMalformed() {
        byte[] bytes = ciphertextBytes();
        byte[] magic = bytes.clone();
        magic[0] = 'X';
        assertThrows(MalformedInputException.class, () -> Ciphertext.readFrom(ctx, new ByteArrayInputStream(magic)));
        assertThrows(MalformedInputException.class, () -> Plaintext.readFrom(ctx, new ByteArrayInputStream(bytes)));
        assertThrows(MalformedInputException.class, () -> RelinKey.readFrom(ctx, new ByteArrayInputStream(bytes)));
        try (CkksContext other = CkksContext.create(CkksParameters.preset("P8K"))) {
            assertThrows(MalformedInputException.class, () -> Ciphertext.readFrom(other, new ByteArrayInputStream(bytes)));
        }
        assertThrows(MalformedInputException.class, () -> CkksContext.readFrom(new ByteArrayInputStream(bytes), true));
        // The fixture's parameters are below 128-bit security: refused unless allowed.
        ByteArrayOutputStream insecure = new ByteArrayOutputStream();
        assertThrows(MalformedInputException.class, () -> {
            ctx.writeTo(insecure);
            CkksContext.readFrom(new ByteArrayInputStream(insecure.toByteArray())).close();
        });
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThrows(NullPointerException.class, () -> Ciphertext.readFrom(ctx, null));
        assertThrows(NullPointerException.class, () -> Ciphertext.readFrom(null, new ByteArrayInputStream(new byte[0])));
        assertThrows(NullPointerException.class, () -> SecretKey.readFrom(ctx, new ByteArrayInputStream(new byte[0]), null));
        assertThrows(NullPointerException.class, () -> Fixture.secretKey().writeTo(new ByteArrayOutputStream(), null));
    }

    private byte[] ciphertextBytes() {
        try (Plaintext p = encoder.encode(new double[] {1, 2, 3});
             Ciphertext c = new SymmetricEncryptor(ctx, Fixture.secretKey()).encrypt(p)) {
            assertEquals(2, c.size());
            return c.toBytes();
        }
    }

    /** Delivers at most {@code chunk} bytes per read, as a socket does. */
    private static final class TrickleInputStream extends ByteArrayInputStream {
        private final int chunk;

        TrickleInputStream(byte[] bytes, int chunk) {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}

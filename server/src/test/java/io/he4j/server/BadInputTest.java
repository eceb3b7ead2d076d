package io.he4j.server;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.Encoder;
import io.he4j.ckks.Encryptor;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.PublicKey;
import io.he4j.ckks.SecretKey;
import io.he4j.server.auth.Role;
import io.he4j.protocol.Envelope;
import io.he4j.protocol.MessageKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random, truncated, bit-flipped and oversized bodies: each gets a 4xx (or a 200), never a 5xx, and the server keeps serving. */
class BadInputTest {
    private static final int BODY_CAP = 300_000;
    @TempDir
    static Path dataDir;
    static TestServer s;
    static String token;
    static String predict = "/v1/models/" + TestServer.MODEL + "/predict";
    static String batch = "/v1/models/" + TestServer.MODEL + "/predict-batch";

    @BeforeAll
    static void start() {
        s = TestServer.start(dataDir, Map.of("limits.body-bytes", Integer.toString(BODY_CAP)));
        token = s.tenant("fuzzer", Role.CLIENT);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** A well-formed ciphertext under the model's parameter set but someone else's key, at the top level. */
    static byte[] foreignCiphertext() {
        try (CkksContext ctx = CkksContext.create("P2K-IFMA")) {
            KeyGenerator kg = new KeyGenerator(ctx);
            try (SecretKey sk = kg.secretKey(); PublicKey pk = kg.publicKey(sk)) {
                return new Encryptor(ctx, pk).encrypt(new Encoder(ctx).encode(new double[] {1, 2, 3})).toBytes();
            }
        }
    }

    static void assertRefusedOrAnswered(HttpResponse<String> r, String what) {
        int c = r.statusCode();
        assertTrue(c == 200 || (c >= 400 && c < 500), what + ": " + c + " " + r.body());
        if (c >= 400) {
            assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""), what);
        }
    }

    @Test
    void randomTruncatedAndFlippedQueries() {
        SecureRandom rnd = new SecureRandom();
        List<byte[]> bodies = new ArrayList<>();
        for (int n : new int[] {0, 1, 7, 64, 4096, 100_000}) {
            byte[] b = new byte[n];
            rnd.nextBytes(b);
            bodies.add(b);
        }
        byte[] ct = foreignCiphertext();
        for (int cut : new int[] {1, 8, 16, 40, ct.length / 2, ct.length - 1}) {
            bodies.add(Arrays.copyOf(ct, cut));
        }
        for (int i = 0; i < 40; i++) {
            byte[] f = ct.clone();
            int pos = i < 20 ? i : rnd.nextInt(f.length);
            f[pos] ^= (byte) (1 << rnd.nextInt(8));
            bodies.add(f);
        }
        byte[] appended = Arrays.copyOf(ct, ct.length + 5);
        bodies.add(appended);
        for (byte[] b : bodies) {
            assertRefusedOrAnswered(s.post(predict, token, b, Map.of()), "predict " + b.length + " bytes");
            assertRefusedOrAnswered(s.post(batch, token, b, Map.of()), "batch " + b.length + " bytes");
        }
        // random bytes are never a ciphertext: 400 with the loader's message
        HttpResponse<String> r = s.post(predict, token, bodies.get(4), Map.of());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":\"malformed-query\""), r.body());
        assertEquals(200, s.get("/health", null).statusCode());
    }

    @Test
    void oversizedAndWrongTypeBodies() {
        HttpResponse<String> r = s.post(predict, token, new byte[BODY_CAP + 1], Map.of());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":\"body-too-large\""), r.body());
        r = s.post(predict, token, new byte[10], Map.of("Content-Type", "text/plain"));
        assertEquals(415, r.statusCode(), r.body());
        assertEquals(200, s.get("/health", null).statusCode());
    }

    @Test
    void malformedBatchEnvelopes() {
        byte[] ct = foreignCiphertext();
        byte[] good = new Envelope(MessageKind.BATCH_QUERY, List.of(ct, ct)).toBytes();
        for (byte[] b : List.of(new byte[] {0, 0, 0, 0}, new byte[] {(byte) 0xff, 0, 0, 1},
                Arrays.copyOf(good, good.length - 3), Arrays.copyOf(good, good.length + 3),
                new byte[] {0, 0, 0, 1, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff})) {
            HttpResponse<String> r = s.post(batch, token, b, Map.of());
            assertEquals(400, r.statusCode(), r.body());
        }
    }

    @Test
    void concurrentGarbageDoesNotStopTheServer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                fs.add(pool.submit(() -> {
                    SecureRandom rnd = new SecureRandom();
                    for (int i = 0; i < 25; i++) {
                        byte[] b = new byte[rnd.nextInt(20_000)];
                        rnd.nextBytes(b);
                        assertRefusedOrAnswered(s.post(i % 2 == 0 ? predict : batch, token, b, Map.of()), "garbage");
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(200, s.get("/health", null).statusCode());
        assertEquals(200, s.get("/v1/models", token).statusCode());
    }
}

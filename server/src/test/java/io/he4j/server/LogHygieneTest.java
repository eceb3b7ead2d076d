package io.he4j.server;

import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Everything logged while tokens, key sets and ciphertexts pass through: none of them appears. */
class LogHygieneTest {
    @Test
    void tokensKeysAndCiphertextsNeverReachTheLog(@TempDir Path dir) {
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                StringBuilder sb = new StringBuilder(String.valueOf(r.getMessage()));
                if (r.getParameters() != null) {
                    for (Object p : r.getParameters()) {
                        sb.append(' ').append(p);
                    }
                }
                for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                    sb.append(' ').append(t);
                }
                lines.add(sb.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level oldLevel = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        String token;
        byte[] keySet = TestServer.newKeySet("P2K-IFMA");
        byte[] ciphertext = BadInputTest.foreignCiphertext();
        try (TestServer s = TestServer.start(dir, Map.of())) {
            token = s.tenant("hospital", Role.CLIENT);
            s.post("/v1/keysets", token, keySet, Map.of());
            s.post("/v1/models/" + TestServer.MODEL + "/predict", token, ciphertext, Map.of());
            s.post("/v1/models/" + TestServer.MODEL + "/predict", token + "wrong", ciphertext, Map.of());
            s.post("/v1/models/" + TestServer.MODEL + "/predict", token, "garbage".getBytes(), Map.of());
            s.get("/v1/keysets", token);
        } finally {
            root.removeHandler(capture);
            root.setLevel(oldLevel);
        }
        assertTrue(lines.size() > 0, "the capture saw the server's log");
        String log = String.join("\n", lines);
        assertFalse(log.contains(token.substring(5, 25)), "token in the log");
        for (byte[] secretish : new byte[][] {keySet, ciphertext}) {
            byte[] sample = java.util.Arrays.copyOfRange(secretish, secretish.length / 2, secretish.length / 2 + 12);
            assertFalse(log.contains(HexFormat.of().formatHex(sample)), "bytes in hex in the log");
            assertFalse(log.contains(Base64.getEncoder().encodeToString(sample).substring(0, 12)),
                    "bytes in base64 in the log");
        }
    }
}

package io.he4j.server;

import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** HTTPS with a PKCS12 keystore generated here by the JDK's keytool. */
class TlsTest {
    private static final String PASSWORD = "test-only-password";

    static Path keystore(Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "he4j", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return ks;
    }

    static SSLContext trusting(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = ks.getCertificate("he4j");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("he4j", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void httpsWithHttp2(@TempDir Path dir) throws Exception {
        Path ks = keystore(dir);
        try (TestServer s = TestServer.start(dir.resolve("data"), Map.of("tls.keystore", ks.toString(),
                "tls.keystore-password", PASSWORD));
             HttpClient https = HttpClient.newBuilder().sslContext(trusting(ks))
                     .version(HttpClient.Version.HTTP_2).build()) {
            assertEquals("https", s.server.uri().getScheme());
            String token = s.tenant("hospital", Role.CLIENT);
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(s.uri("/v1/models"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(HttpClient.Version.HTTP_2, r.version(), "ALPN negotiates h2");
            try (HttpClient http1 = HttpClient.newBuilder().sslContext(trusting(ks))
                    .version(HttpClient.Version.HTTP_1_1).build()) {
                assertEquals(401, http1.send(HttpRequest.newBuilder(s.uri("/v1/models")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            // a client that does not trust the certificate cannot connect
            try (HttpClient untrusting = HttpClient.newHttpClient()) {
                assertThrows(java.io.IOException.class, () -> untrusting.send(
                        HttpRequest.newBuilder(s.uri("/health")).build(), HttpResponse.BodyHandlers.ofString()));
            }
        }
    }
}

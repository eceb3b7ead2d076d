package io.he4j.server;

import io.he4j.server.auth.Role;
import io.he4j.server.console.ConsoleRoutes;
import io.he4j.server.db.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's cookie, CSRF and sign-in rules over HTTP and HTTPS (the browser test covers the pages). */
class ConsoleSecurityTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Test
    void signInNeedsTheCsrfTokenAndAnAdminToken(@TempDir Path dir) throws Exception {
        try (TestServer s = TestServer.start(dir.resolve("data"), Map.of());
             HttpClient http = HttpClient.newHttpClient()) {
            String client = s.tenant("hospital", Role.CLIENT);
            String admin = s.tenant("provider", Role.ADMIN);
            HttpResponse<String> signedOut = http.send(HttpRequest.newBuilder(s.uri("/console/audit")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, signedOut.statusCode());
            assertEquals("/console/login", signedOut.headers().firstValue("Location").orElse(""));

            HttpResponse<String> login = http.send(HttpRequest.newBuilder(s.uri("/console/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith(ConsoleRoutes.COOKIE + "=") && cookie.contains("HttpOnly")
                    && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"), cookie);
            assertTrue(login.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
            Matcher m = CSRF.matcher(login.body());
            assertTrue(m.find(), login.body());
            String session = cookie.substring(0, cookie.indexOf(';'));

            assertEquals(403, post(http, s, session, "token=" + enc(admin)).statusCode(), "no CSRF token");
            assertEquals(403, post(http, s, session, "csrf=wrong&token=" + enc(admin)).statusCode());
            assertEquals(401, post(http, s, session, "csrf=" + enc(m.group(1)) + "&token=" + enc(client)).statusCode());
            HttpResponse<String> ok = post(http, s, session, "csrf=" + enc(m.group(1)) + "&token=" + enc(admin));
            assertEquals(303, ok.statusCode());
            String newCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
            assertFalse(newCookie.startsWith(session + ";"), "a new session id after sign-in");
            assertFalse(ok.headers().map().toString().contains(admin), "the token is never echoed");

            var trail = new AuditLog(s.server.database()).recent(10);
            assertEquals("console.login", trail.get(0).action());
            assertEquals("provider", trail.get(0).actor());
            assertEquals("refused: not an admin", trail.get(1).outcome());
        }
    }

    @Test
    void theCookieIsSecureUnderTls(@TempDir Path dir) throws Exception {
        Path ks = TlsTest.keystore(dir);
        try (TestServer s = TestServer.start(dir.resolve("data"), Map.of("tls.keystore", ks.toString(),
                "tls.keystore-password", "test-only-password"));
             HttpClient https = HttpClient.newBuilder().sslContext(TlsTest.trusting(ks)).build()) {
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(s.uri("/console/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode());
            assertTrue(login.headers().firstValue("Set-Cookie").orElseThrow().contains("; Secure"));
        }
    }

    private static HttpResponse<String> post(HttpClient http, TestServer s, String cookie, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(s.uri("/console/login")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package io.he4j.server;

import io.he4j.client.FederationClient;
import io.he4j.client.He4jClient;
import io.he4j.client.RemoteModel;
import io.he4j.client.ScoringJob;
import io.he4j.federated.KeyMode;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's records, jobs and federations pages over HTTP on SQLite and on PostgreSQL (their SQL runs on
 * both): counts, states and names of what a tenant did, and never a record id. The browser test in the app
 * module covers the same pages in Chromium.
 */
class ConsoleWorkPagesTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String RECORD = "r-distinctive-0042";

    @Test
    void onSqlite(@TempDir Path dir) throws Exception {
        pages(dir, Map.of());
    }

    @Test
    void onPostgresql(@TempDir Path dir) throws Exception {
        try (ThrowawayPostgres pg = new ThrowawayPostgres()) {
            pages(dir, Map.of("database.url", pg.url, "database.user", "he4j"));
        }
    }

    private static void pages(Path dir, Map<String, String> database) throws Exception {
        try (TestServer s = TestServer.start(dir.resolve("data"), database);
             HttpClient http = HttpClient.newHttpClient()) {
            String client = s.tenant("st-marys", Role.CLIENT);
            String admin = s.tenant("provider", Role.ADMIN);
            ScoringJob job;
            String federation;
            try (He4jClient c = He4jClient.builder(s.server.uri().toString()).token(client).build();
                 RemoteModel m = c.model(TestServer.MODEL)) {
                double[] x = TestServer.cleveland().test().x()[0];
                m.uploadRecord(RECORD, x, "", false);
                m.uploadRecord(RECORD + "b", x, "", false);
                job = m.score();
                m.await(job.id(), Duration.ofMillis(50), j -> { });
                federation = new FederationClient(c).create("console-fed", KeyMode.SHARED, 2, 3, 1, 2,
                        Duration.ofMinutes(5)).id();
            }
            String session = signIn(http, s, admin);

            String records = page(http, s, session, "/console/records");
            assertTrue(records.contains("<td>st-marys</td><td>" + TestServer.MODEL + "</td><td class=\"num\">2</td>"),
                    records);
            assertFalse(records.contains(RECORD), "no record id on the console");
            String jobs = page(http, s, session, "/console/jobs");
            assertTrue(jobs.contains(job.id()) && jobs.contains("<td class=\"state\">done</td>")
                    && jobs.contains("2 of 2"), jobs);
            String feds = page(http, s, session, "/console/federations");
            assertTrue(feds.contains(federation) && feds.contains("console-fed") && feds.contains("0 of 2"), feds);
        }
    }

    /** Signs in with the admin token as a browser would (anonymous session, CSRF token, form post). */
    private static String signIn(HttpClient http, TestServer s, String admin) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(s.uri("/console/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        Matcher m = CSRF.matcher(login.body());
        assertTrue(m.find(), login.body());
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(s.uri("/console/login"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + enc(m.group(1)) + "&token=" + enc(admin))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, ok.statusCode());
        String signedIn = ok.headers().firstValue("Set-Cookie").orElseThrow();
        return signedIn.substring(0, signedIn.indexOf(';'));
    }

    private static String page(HttpClient http, TestServer s, String session, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.uri(path)).header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}

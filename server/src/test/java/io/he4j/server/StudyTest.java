package io.he4j.server;

import io.he4j.ckks.CkksContext;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.Plaintext;
import io.he4j.ckks.PublicKey;
import io.he4j.ckks.SecretKey;
import io.he4j.ckks.SafeDecryption;
import io.he4j.client.EncryptedStudyAggregates;
import io.he4j.client.He4jClient;
import io.he4j.client.He4jServiceException;
import io.he4j.client.StudyAggregates;
import io.he4j.client.StudyAuthority;
import io.he4j.client.StudyRelease;
import io.he4j.client.StudyClient;
import io.he4j.client.StudyEncryptor;
import io.he4j.federated.Chunks;
import io.he4j.ml.data.Dataset;
import io.he4j.server.auth.Role;
import io.he4j.server.db.AuditLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.DoubleStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Research studies end to end over real HTTP with the real SDK, on SQLite and on PostgreSQL: an authority and
 * three institutions (one with a two-block upload), the decrypted aggregates equal to the plaintext statistics,
 * isolation (404 for outsiders, 403 for an institution asking for aggregates), refused uploads (400/422), no
 * plaintext value in the database, every aggregate audited, and a restart that keeps the study.
 */
class StudyTest {
    /** Relative precision of every decrypted aggregate (docs/server.md, "Research studies"). */
    static final double PRECISION = 1e-6;
    static ThrowawayPostgres pg;

    /** The research authority's keys and a second authority's (made once: key generation is the slow part). */
    static StudyAuthority authority;
    static StudyAuthority other;

    @BeforeAll
    static void start() {
        pg = new ThrowawayPostgres();
        authority = StudyAuthority.generate(StudyAuthority.DEFAULT_PRESET);
        other = StudyAuthority.generate(StudyAuthority.DEFAULT_PRESET);
    }

    @AfterAll
    static void stop() {
        pg.close();
        authority.close();
        other.close();
    }

    @Test
    void sqlite(@TempDir Path dir) throws Exception {
        Scenario sc;
        try (TestServer s = TestServer.start(dir, Map.of())) {
            sc = scenario(s, "sq-");
        }
        for (Path f : RecordsTest.dbFiles(dir)) {
            RecordsTest.assertNoSentinel(Files.readAllBytes(f), f.toString());
        }
        try (TestServer s = TestServer.start(dir, Map.of())) {
            afterRestart(s, sc);
        }
    }

    @Test
    void postgresql(@TempDir Path dir) throws Exception {
        Map<String, String> onPg = Map.of("database.url", pg.url, "database.user", "he4j");
        Scenario sc;
        try (TestServer s = TestServer.start(dir, onPg)) {
            sc = scenario(s, "pg-");
        }
        try (Connection c = DriverManager.getConnection(pg.url, "he4j", "");
             Statement st = c.createStatement()) {
            for (String table : List.of("studies", "study_institutions", "study_uploads", "audit_log")) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int cols = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= cols; i++) {
                            byte[] b = rs.getBytes(i);
                            if (b != null) {
                                RecordsTest.assertNoSentinel(b, table);
                            }
                        }
                    }
                }
            }
        }
        try (TestServer s = TestServer.start(dir, onPg)) {
            afterRestart(s, sc);
        }
    }

    /** What the restart check needs: the study, the authority's saved keys and token, the expected statistics. */
    record Scenario(String study, byte[] authorityKeys, String authorityToken, double[][] pooled, double[] mu,
                    double[] sigma) {
    }

    static Scenario scenario(TestServer s, String prefix) throws Exception {
        String authorityToken = s.tenant(prefix + "research-authority", Role.CLIENT);
        String[] inst = {prefix + "hospital-1", prefix + "hospital-2", prefix + "hospital-3"};
        List<String> tokens = new ArrayList<>();
        for (String name : inst) {
            tokens.add(s.tenant(name, Role.CLIENT));
        }
        String outsiderToken = s.tenant(prefix + "outsider", Role.CLIENT);
        Dataset data = TestServer.cleveland().train();
        int f = data.features();
        double[][] x = data.x();
        // rows 0..59, 60..119, 120.. for the institutions; institution 3 also uploads 4,100 synthetic rows
        double[][][] parts = {Arrays.copyOfRange(x, 0, 60), Arrays.copyOfRange(x, 60, 120),
                Arrays.copyOfRange(x, 120, x.length), synthetic(4_100, f)};
        parts[0][5] = parts[0][5].clone();
        parts[0][5][4] = RecordsTest.SENTINEL;  // a cholesterol value no real record has
        double[][] pooled = Arrays.stream(parts).flatMap(Arrays::stream).toArray(double[][]::new);
        double[] mu = new double[f];
        double[] sigma = new double[f];
        for (int j = 0; j < f; j++) {
            mu[j] = 1.5 * j + 0.25;   // public constants, deliberately not the pooled means
            sigma[j] = 2.0 + j;
        }
        try (He4jClient a = client(s, authorityToken); He4jClient o = client(s, outsiderToken)) {
            StudyClient studies = new StudyClient(a);
            StudyClient.State st = studies.create("cholesterol study", data.featureNames(),
                    new double[][] {mu, sigma}, 2, false);
            String id = st.id();
            assertEquals("authority", st.role());
            // nothing can be uploaded before the key is registered
            try (He4jClient i1 = client(s, tokens.get(0))) {
                studies.invite(id, inst[0]);
                problem(409, "study-key-missing", () -> new StudyClient(i1).publicKey(id));
            }
            keysAreChecked(s, id, authorityToken, tokens.get(0), other);
            assertEquals(authority.keySha256(), studies.registerKey(id, authority));
            assertEquals(authority.keySha256(), studies.registerKey(id, authority));  // idempotent
            problem(409, "study-key-exists", () -> studies.registerKey(id, other));  // a key never changes
            studies.invite(id, inst[1]);
            // a closed study: joining by id answers 404 until invited
            try (He4jClient i3 = client(s, tokens.get(2))) {
                problem(404, "study-not-found", () -> new StudyClient(i3).join(id));
            }
            studies.invite(id, inst[2]);
            problem(404, "tenant-not-found", () -> studies.invite(id, prefix + "nobody"));

            StudyClient outsider = new StudyClient(o);
            problem(404, "study-not-found", () -> outsider.state(id));
            problem(404, "study-not-found", () -> outsider.publicKey(id));
            problem(404, "study-not-found", () -> outsider.aggregate(id));
            problem(404, "study-not-found", () -> outsider.upload(id, "u1", parts[0], Optional.empty()));
            problem(403, "not-an-institution", () -> studies.upload(id, "mine", parts[0], Optional.empty()));

            // institution 1 uploads alone: too few institutions for an aggregate yet
            try (He4jClient i1 = client(s, tokens.get(0))) {
                StudyClient c1 = new StudyClient(i1);
                byte[] body;
                try (StudyEncryptor enc = StudyEncryptor.of(c1.publicKey(id), Optional.of(authority.keySha256()))) {
                    body = enc.encrypt(parts[0]);
                }
                assertEquals("created", c1.uploadEncrypted(id, "batch-1", parts[0].length, body));
                assertEquals("unchanged", c1.uploadEncrypted(id, "batch-1", parts[0].length, body));
                problem(409, "upload-conflict", () -> c1.upload(id, "batch-1", parts[0],
                        Optional.of(authority.keySha256())));
                problem(409, "too-few-institutions", () -> studies.close(id));  // it could never aggregate
                refusedUploads(c1, id, body, f);
                assertThrows(IllegalStateException.class, () -> c1.upload(id, "batch-x", parts[0],
                        Optional.of("00".repeat(32))));  // a substituted key is refused before encrypting
                problem(403, "not-the-authority", () -> c1.aggregate(id));
                assertEquals(1, c1.state(id).uploads().size());
                assertEquals(List.of(), c1.state(id).institutions());  // institutions do not see each other
            }
            try (He4jClient i2 = client(s, tokens.get(1)); He4jClient i3 = client(s, tokens.get(2))) {
                new StudyClient(i2).upload(id, "all", parts[1], Optional.of(authority.keySha256()));
                new StudyClient(i3).upload(id, "cleveland", parts[2], Optional.of(authority.keySha256()));
                new StudyClient(i3).upload(id, "registry", parts[3], Optional.of(authority.keySha256()));
            }
            problem(409, "study-open", () -> studies.aggregate(id));  // no aggregate while uploads can change it
            try (He4jClient i1 = client(s, tokens.get(0))) {
                problem(403, "not-the-authority", () -> new StudyClient(i1).close(id));
            }
            studies.close(id);
            studies.close(id);  // idempotent
            assertTrue(studies.state(id).closed());
            try (He4jClient i2 = client(s, tokens.get(1))) {
                problem(409, "study-closed", () -> new StudyClient(i2).upload(id, "late", parts[1],
                        Optional.of(authority.keySha256())));
            }
            EncryptedStudyAggregates encrypted = studies.aggregate(id);
            StudyAggregates agg = authority.decrypt(encrypted);
            assertEquals(3, agg.institutions());
            checkAggregates(agg, pooled, mu, sigma);
            releasedForPublishing(authority, encrypted, agg);
            assertTrue(new AuditLog(s.server.database()).recent(50).stream().anyMatch(e ->
                    e.action().equals("study.aggregate") && e.target().equals(id)
                            && e.outcome().startsWith("3 institutions, 4 uploads")));
            assertTrue(new AuditLog(s.server.database()).verify().intact());
            return new Scenario(id, authority.exportKeys(), authorityToken, pooled, mu, sigma);
        }
    }

    /** Keys the study cannot use, and a key from someone else than the authority, are refused. */
    static void keysAreChecked(TestServer s, String id, String authorityToken, String institutionToken,
                               StudyAuthority other) {
        String path = "/v1/studies/" + id + "/key";
        assertEquals(400, putKey(s, path, authorityToken, "not a key".getBytes()).statusCode());
        // a public key alone (no relinearization or Galois keys) cannot aggregate
        var noEvalKeys = putKey(s, path, authorityToken, TestServer.newKeySet("P8K"));
        assertEquals(400, noEvalKeys.statusCode(), noEvalKeys.body());
        assertTrue(noEvalKeys.body().contains("malformed-key-set"), noEvalKeys.body());
        var notAuthority = putKey(s, path, institutionToken, other.publicContextBytes());
        assertEquals(403, notAuthority.statusCode(), notAuthority.body());
        assertTrue(notAuthority.body().contains("not-the-authority"), notAuthority.body());
    }

    static java.net.http.HttpResponse<String> putKey(TestServer s, String path, String token, byte[] body) {
        return s.send(java.net.http.HttpRequest.newBuilder(s.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Bodies the loader must refuse, each with its status and code; none is stored. */
    static void refusedUploads(StudyClient c, String id, byte[] good, int features) {
        problem(400, "malformed-query", () -> c.uploadEncrypted(id, "bad-1", 60, "not ciphertexts".getBytes()));
        List<byte[]> cts = Chunks.decode(good);
        problem(400, "wrong-shape", () -> c.uploadEncrypted(id, "bad-2", 60,
                Chunks.encode(cts.subList(0, features))));
        problem(400, "wrong-shape", () -> c.uploadEncrypted(id, "bad-3", 5_000, good));  // 2 blocks declared
        List<byte[]> flipped = new ArrayList<>(cts);
        byte[] broken = cts.get(3).clone();
        Arrays.fill(broken, broken.length - 64, broken.length, (byte) 0xff);  // coefficients out of range
        flipped.set(3, broken);
        problem(400, "malformed-query", () -> c.uploadEncrypted(id, "bad-4", 60, Chunks.encode(flipped)));
        // a ciphertext under another key with other parameters (another key set, P4K-IFMA)
        List<byte[]> other = new ArrayList<>(cts);
        try (CkksContext ctx = CkksContext.create("P4K-IFMA"); SecretKey sk = new KeyGenerator(ctx).secretKey();
             PublicKey pk = new KeyGenerator(ctx).publicKey(sk);
             Plaintext p = new io.he4j.ckks.Encoder(ctx).encode(new double[] {1, 2, 3});
             io.he4j.ckks.Ciphertext ct = new io.he4j.ckks.Encryptor(ctx, pk).encrypt(p)) {
            other.set(0, ct.toBytes());
        }
        problem(422, "wrong-parameters", () -> c.uploadEncrypted(id, "bad-5", 60, Chunks.encode(other)));
        problem(400, "bad-parameter", () -> c.uploadEncrypted(id, "bad-6", 0, good));
        assertEquals(1, c.state(id).uploads().size());
    }

    static void afterRestart(TestServer s, Scenario sc) {
        try (He4jClient a = client(s, sc.authorityToken());
             StudyAuthority authority = StudyAuthority.load(sc.authorityKeys())) {
            StudyClient studies = new StudyClient(a);
            StudyClient.State st = studies.state(sc.study());
            assertEquals(4, st.uploads().size());
            assertEquals(3, st.institutions().size());
            EncryptedStudyAggregates enc = studies.aggregate(sc.study());
            checkAggregates(authority.decrypt(enc), sc.pooled(), sc.mu(), sc.sigma());
        }
    }

    /**
     * Published aggregates (safe decryption): on the precision's grid and within it of the exact values. At 1e-6
     * the flood is p/2 wide (far above the noise), so a value a quarter grid step or more from the grid moves to
     * the neighbouring point in at least a quarter of the releases: releasing the same ciphertexts 40 times gives
     * more than one value for every such aggregate (all alike: probability <= 0.75^40 each). At 1e-3 the flood
     * is 2^30 x the noise, which the rounding may hide.
     */
    static void releasedForPublishing(StudyAuthority authority, EncryptedStudyAggregates encrypted,
                                      StudyAggregates exact) {
        double[] e = values(exact);
        for (double p : new double[] {1e-6, 1e-3}) {
            SafeDecryption safe = SafeDecryption.toPrecision(p);
            List<Set<Double>> seen = new ArrayList<>();
            double bits = 0;
            for (int round = 0; round < 40; round++) {
                StudyRelease r = authority.release(encrypted, safe);
                assertEquals(p, r.precision());
                bits = r.statisticalBits();
                double[] v = values(r.aggregates());
                for (int i = 0; i < v.length; i++) {
                    assertEquals(e[i], v[i], p, "released value " + i);
                    assertEquals(Math.rint(v[i] / p) * p, v[i], 0.0, "on the grid");
                    if (round == 0) {
                        seen.add(new HashSet<>());
                    }
                    seen.get(i).add(v[i]);
                }
            }
            int offGrid = 0;
            for (int i = 0; p < 1e-5 && i < seen.size(); i++) {
                double fromGrid = Math.abs(e[i] / p - Math.rint(e[i] / p));
                if (fromGrid >= 0.25 && Math.ulp(e[i]) < p / 100) {
                    offGrid++;
                    assertTrue(seen.get(i).size() > 1, "value " + i + " was released alike 40 times: no flood");
                }
            }
            assertTrue(p > 1e-5 || offGrid > 0, "no value to see the flood on");
            // below the noise at 1e-6 (the flood is capped at p/2), above it at 1e-3
            assertTrue(bits <= SafeDecryption.STATISTICAL_BITS && (p < 1e-5 || bits > 0), "statistical bits " + bits);
            System.out.printf("StudyTest: released to %.0e with %.1f statistical bits (weakest value)%n", p, bits);
        }
    }

    private static double[] values(StudyAggregates a) {
        DoubleStream.Builder b = DoubleStream.builder();
        b.add(a.count());
        for (double[] xs : List.of(a.sum(), a.mean(), a.sumOfSquares(), a.standardizedSum().orElse(new double[0]))) {
            Arrays.stream(xs).forEach(b);
        }
        return b.build().toArray();
    }

    /** The decrypted aggregates against the plaintext statistics of the pooled rows. */
    static void checkAggregates(StudyAggregates agg, double[][] pooled, double[] mu, double[] sigma) {
        int n = pooled.length;
        assertEquals(n, agg.declaredRows());
        assertEquals(n, agg.count(), n * PRECISION, "encrypted count");
        assertTrue(agg.countMatchesDeclaredRows());
        for (int j = 0; j < mu.length; j++) {
            double sum = 0;
            double sq = 0;
            double scaled = 0;
            double scaledAbs = 0;
            for (double[] row : pooled) {
                sum += row[j];
                sq += row[j] * row[j];
                scaled += (row[j] - mu[j]) / sigma[j];
                scaledAbs += Math.abs(row[j] / sigma[j]) + Math.abs(mu[j] / sigma[j]);
            }
            String fj = agg.features().get(j);
            close(sum, agg.sum()[j], PRECISION * Math.max(1, Math.abs(sum)), "sum of " + fj);
            close(sum / n, agg.mean()[j], PRECISION * Math.max(1, Math.abs(sum / n)), "mean of " + fj);
            close(sq, agg.sumOfSquares()[j], PRECISION * Math.max(1, sq), "sum of squares of " + fj);
            // relative to the terms' magnitude: the standardized sum itself may be near 0
            close(scaled, agg.standardizedSum().orElseThrow()[j], PRECISION * scaledAbs, "standardized sum of " + fj);
        }
        System.out.printf("StudyTest: %d rows, largest relative error %.2e%n", n, worst);
    }

    private static void close(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance, what);
        worst = Math.max(worst, Math.abs(expected - actual) / tolerance * PRECISION);
    }

    /** The largest error seen, relative to the tolerance's reference magnitude (reported, for docs/server.md). */
    private static double worst;

    static double[][] synthetic(int rows, int features) {
        Random r = new Random(17);
        double[][] x = new double[rows][features];
        for (double[] row : x) {
            for (int j = 0; j < features; j++) {
                row[j] = Math.round(r.nextGaussian() * 40 + 100 * (j % 3)) / 4.0;
            }
        }
        return x;
    }

    static He4jClient client(TestServer s, String token) {
        return He4jClient.builder(s.server.uri().toString()).token(token).timeout(java.time.Duration.ofSeconds(60))
                .build();
    }

    static void problem(int status, String code, Executable call) {
        He4jServiceException e = assertThrows(He4jServiceException.class, call);
        assertEquals(status, e.status(), e.getMessage());
        assertEquals(code, e.code(), e.getMessage());
    }
}

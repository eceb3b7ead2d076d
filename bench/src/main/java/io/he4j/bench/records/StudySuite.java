package io.he4j.bench.records;

import io.he4j.bench.BenchContext;
import io.he4j.bench.model.Figure;
import io.he4j.bench.model.Spread;
import io.he4j.client.EncryptedStudyAggregates;
import io.he4j.client.He4jClient;
import io.he4j.client.StudyAggregates;
import io.he4j.client.StudyAuthority;
import io.he4j.client.StudyClient;
import io.he4j.client.StudyEncryptor;
import io.he4j.server.He4jServer;
import io.he4j.server.ServerConfig;
import io.he4j.server.auth.Role;
import io.he4j.server.db.TenantStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Research-study aggregates (docs/server.md, "Research studies") on SQLite: INSTITUTIONS tenants each upload
 * ROWS patients encrypted under the study's public key (a handful of distinct encryptions, cycled: the client's
 * encryption is not what is measured), then the authority asks for the aggregates. Measured: upload ingest, the
 * aggregate request end to end (reading every upload from the database, validating, summing, rotating, serializing
 * the reply), sizes, and the decrypted values' largest relative error against the plaintext statistics.
 */
final class StudySuite {
    static final int ROWS = 1000;
    static final int DISTINCT = 5;

    private StudySuite() {
    }

    static List<Figure> run(BenchContext ctx, Path dataDir, double[][] x, String command) throws Exception {
        int institutions = ctx.quick() ? 20 : 100;
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data-dir", dataDir.toString());
        settings.put("port", "0");
        settings.put("limits.rate-per-second", "1000000");
        List<Figure> out = new ArrayList<>();
        int f = x[0].length;
        try (He4jServer server = He4jServer.start(ServerConfig.load(Optional.empty(), Map.of(), settings));
             StudyAuthority authority = StudyAuthority.generate(StudyAuthority.DEFAULT_PRESET)) {
            TenantStore tenants = new TenantStore(server.database());
            String url = server.uri().toString();
            String token = tenants.create("study-authority", Role.CLIENT).token();
            List<String> features = new ArrayList<>();
            double[] mu = new double[f];
            double[] sigma = new double[f];
            for (int j = 0; j < f; j++) {
                features.add("x" + j);
                mu[j] = j;
                sigma[j] = 1 + j;
            }
            // DISTINCT encrypted uploads of ROWS patients (rows of the dataset, shifted so that they differ)
            double[][][] plain = new double[DISTINCT][ROWS][];
            List<byte[]> bodies = new ArrayList<>();
            String id;
            List<String> instTokens = new ArrayList<>();
            try (He4jClient c = He4jClient.builder(url).token(token).build()) {
                StudyClient studies = new StudyClient(c);
                id = studies.create("bench", features, new double[][] {mu, sigma}, 2, false).id();
                studies.registerKey(id, authority);
                try (StudyEncryptor enc = StudyEncryptor.of(studies.publicKey(id), Optional.of(authority.keySha256()))) {
                    for (int d = 0; d < DISTINCT; d++) {
                        for (int i = 0; i < ROWS; i++) {
                            double[] row = x[(i + 37 * d) % x.length].clone();
                            row[0] += d;
                            plain[d][i] = row;
                        }
                        bodies.add(enc.encrypt(plain[d]));
                    }
                }
                for (int i = 0; i < institutions; i++) {
                    instTokens.add(tenants.create("inst-" + i, Role.CLIENT).token());
                    studies.invite(id, "inst-" + i);
                }
            }
            ctx.progress("records/study: " + institutions + " institutions upload " + ROWS + " patients each");
            long t0 = System.nanoTime();
            for (int i = 0; i < institutions; i++) {
                try (He4jClient c = He4jClient.builder(url).token(instTokens.get(i)).build()) {
                    new StudyClient(c).uploadEncrypted(id, "u", ROWS, bodies.get(i % DISTINCT));
                }
            }
            double uploadSeconds = (System.nanoTime() - t0) / 1e9;
            out.add(exact("study/ingest/uploads_per_s", "uploads/s", institutions / uploadSeconds,
                    Map.of("rows_per_upload", ROWS, "upload_bytes", bodies.getFirst().length), command));
            out.add(exact("study/upload_bytes_per_patient", "bytes", bodies.getFirst().length / (double) ROWS,
                    Map.of("features", f, "slots", 4096), command));
            out.add(exact("study/public_key_bytes", "bytes", authority.publicContextBytes().length,
                    Map.of("what", "public context: P8K parameters, public key, relinearization key, 12 Galois keys"),
                    command));

            ctx.progress("records/study: aggregate " + institutions + " x " + ROWS + " patients");
            try (He4jClient c = He4jClient.builder(url).token(token).timeout(java.time.Duration.ofMinutes(10)).build()) {
                StudyClient studies = new StudyClient(c);
                studies.close(id);
                long a0 = System.nanoTime();
                EncryptedStudyAggregates enc = studies.aggregate(id);
                double aggSeconds = (System.nanoTime() - a0) / 1e9;
                long d0 = System.nanoTime();
                StudyAggregates agg = authority.decrypt(enc);
                double decryptSeconds = (System.nanoTime() - d0) / 1e9;
                double err = largestRelativeError(agg, plain, institutions, mu, sigma);
                if (!(err < 1e-6)) {
                    throw new IllegalStateException("study aggregates off by " + err + " (relative)");
                }
                Map<String, Object> p = Map.of("institutions", institutions, "rows_per_institution", ROWS,
                        "features", f, "seconds", aggSeconds, "what", "POST /aggregate end to end over loopback: "
                                + "read + validate + sum + rotateSum + serialize");
                out.add(exact("study/aggregate/seconds", "s", aggSeconds, p, command));
                out.add(exact("study/aggregate/patients_per_s", "patients/s",
                        (double) institutions * ROWS / aggSeconds, p, command));
                out.add(exact("study/decrypt/seconds", "s", decryptSeconds, Map.of("ciphertexts", 1 + 4 * f), command));
                out.add(exact("study/largest_relative_error", "ratio", err, Map.of("bar", 1e-6), command));
            }
        }
        return out;
    }

    /** Against the plaintext: the sum of uploads is institutions/DISTINCT (rounded per distinct body) copies. */
    private static double largestRelativeError(StudyAggregates a, double[][][] plain, int institutions,
                                               double[] mu, double[] sigma) {
        int f = mu.length;
        double worst = Math.abs(a.count() - (double) institutions * ROWS) / ((double) institutions * ROWS);
        for (int j = 0; j < f; j++) {
            double sum = 0;
            double sq = 0;
            double z = 0;
            double zTerms = 0;
            for (int i = 0; i < institutions; i++) {
                for (double[] row : plain[i % DISTINCT]) {
                    sum += row[j];
                    sq += row[j] * row[j];
                    z += (row[j] - mu[j]) / sigma[j];
                    zTerms += Math.abs(row[j] / sigma[j]) + Math.abs(mu[j] / sigma[j]);
                }
            }
            double n = (double) institutions * ROWS;
            worst = Math.max(worst, Math.abs(a.sum()[j] - sum) / Math.max(1, Math.abs(sum)));
            worst = Math.max(worst, Math.abs(a.mean()[j] - sum / n) / Math.max(1, Math.abs(sum / n)));
            worst = Math.max(worst, Math.abs(a.sumOfSquares()[j] - sq) / Math.max(1, sq));
            worst = Math.max(worst, Math.abs(a.standardizedSum().orElseThrow()[j] - z) / zTerms);
        }
        return worst;
    }

    private static Figure exact(String name, String unit, double value, Map<String, Object> params, String command) {
        return new Figure(Figure.idOf(RecordsSuite.SUITE, name, "he4j"), RecordsSuite.SUITE, name, unit, value,
                Spread.exact(value), params, "he4j", "n/a", command);
    }
}

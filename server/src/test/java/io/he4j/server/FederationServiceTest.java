package io.he4j.server;

import io.he4j.client.FederationClient;
import io.he4j.client.He4jClient;
import io.he4j.client.He4jServiceException;
import io.he4j.federated.KeyMode;
import io.he4j.federated.ThresholdKey;
import io.he4j.federated.UpdateEnvelope;
import io.he4j.federated.UpdateLayout;
import io.he4j.server.auth.Role;
import io.he4j.server.db.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Federations over the real service on loopback, with the SDK as the institutions: a threshold round with a
 * coordinator restart in the middle of each phase (on SQLite and on PostgreSQL), replays and other-round uploads refused, a round without an
 * answer timing out with nothing decrypted, outsiders answered 404, every step audited.
 */
class FederationServiceTest {
    private static final int PARAMS = 5000;

    private record Institution(String name, String token, ThresholdKey key, double[] weighted) {
    }

    private static <T> T as(TestServer s, String token, Function<FederationClient, T> call) {
        try (He4jClient c = He4jClient.builder(s.server.uri().toString()).token(token).retries(0).build()) {
            return call.apply(new FederationClient(c));
        }
    }

    private static void code(String expected, int status, Runnable call) {
        He4jServiceException e = assertThrows(He4jServiceException.class, call::run);
        assertEquals(expected, e.code(), e.getMessage());
        assertEquals(status, e.status(), e.getMessage());
    }

    private static byte[] seal(UpdateEnvelope.Purpose p, String fed, int round, String name, UpdateLayout layout,
                               List<byte[]> chunks, KeyPair signingKey) {
        return new UpdateEnvelope(p, fed, round, name, layout, chunks).seal(signingKey.getPrivate());
    }

    @Test
    void thresholdRoundSurvivesRestartsAndRefusesReplays(@TempDir Path dataDir) {
        thresholdRound(dataDir, Map.of());
    }

    @Test
    void thresholdRoundSurvivesRestartsOnPostgresql(@TempDir Path dataDir) {
        try (ThrowawayPostgres pg = new ThrowawayPostgres()) {
            thresholdRound(dataDir, Map.of("database.url", pg.url, "database.user", "he4j"));
        }
    }

    private static void thresholdRound(Path dataDir, Map<String, String> database) {
        List<Institution> inst = new ArrayList<>();
        List<KeyPair> memberKeys = new ArrayList<>();
        String owner;
        FederationClient.State state;
        double[] expected = new double[PARAMS];
        TestServer s = TestServer.start(dataDir, database);
        try {
            owner = s.tenant("coordinator-owner", Role.CLIENT);
            state = as(s, owner, f -> f.create("heart", KeyMode.THRESHOLD, 3, PARAMS, 64, 2, Duration.ofMinutes(5)));
            assertEquals("enrolling", state.status());
            SplittableRandom r = new SplittableRandom(5);
            for (int i = 0; i < 3; i++) {
                double[] w = new double[PARAMS];
                for (int k = 0; k < PARAMS; k++) {
                    w[k] = r.nextGaussian() / 3;
                    expected[k] += w[k];
                }
                Institution x = new Institution("hospital-" + i, s.tenant("hospital-" + i, Role.CLIENT),
                        ThresholdKey.generate(), w);
                inst.add(x);
                byte[] share = x.key().publicKeyShare(state.commonSeed());
                long rows = 100 + i;
                KeyPair signing = UpdateEnvelope.newSigningKey();
                memberKeys.add(signing);
                if (i == 0) {  // without an invitation, or with one that is not the federation's: refused
                    code("invitation-required", 403, () -> as(s, x.token(),
                            f -> f.join(state.id(), x.name(), rows, share, signing)));
                    code("invalid-invitation", 403, () -> as(s, x.token(),
                            f -> f.join(state.id(), x.name(), rows, share, signing, "fli_forged")));
                }
                String invitation = as(s, owner, f -> f.invite(state.id()));
                as(s, x.token(), f -> f.join(state.id(), x.name(), rows, share, signing, invitation));
                if (i == 0) {  // an invitation is good once
                    String other = s.tenant("hospital-x", Role.CLIENT);
                    code("invalid-invitation", 403, () -> as(s, other, f -> f.join(state.id(), "x", 5, share,
                            UpdateEnvelope.newSigningKey(), invitation)));
                    code("not-owner", 403, () -> as(s, x.token(), f -> f.invite(state.id())));
                }
            }
            code("already-joined", 409, () -> as(s, inst.getFirst().token(),
                    f -> f.join(state.id(), "again", 5, inst.getFirst().key().publicKeyShare(state.commonSeed()),
                            UpdateEnvelope.newSigningKey())));
            String outsider = s.tenant("outsider", Role.CLIENT);
            code("federation-not-found", 404, () -> as(s, outsider, f -> f.state(state.id())));
            byte[] collective = as(s, owner, f -> f.collectiveKey(state.id()));
            inst.forEach(x -> x.key().useCollectiveKey(collective));
            UpdateLayout layout = as(s, owner, f -> f.state(state.id())).layout();
            // two of three updates, one replayed, one addressed to round 2
            for (int i = 0; i < 2; i++) {
                Institution x = inst.get(i);
                byte[] sealed = seal(UpdateEnvelope.Purpose.UPDATE, state.id(), 1, x.name(), layout,
                        x.key().encrypt(layout, x.weighted()), memberKeys.get(i));
                as(s, x.token(), f -> {
                    f.uploadUpdate(state.id(), 1, sealed);
                    return null;
                });
                if (i == 0) {
                    code("already-uploaded", 409, () -> as(s, x.token(), f -> {
                        f.uploadUpdate(state.id(), 1, sealed);
                        return null;
                    }));
                }
            }
            Institution third = inst.get(2);
            byte[] wrongRound = seal(UpdateEnvelope.Purpose.UPDATE, state.id(), 2, third.name(), layout,
                    third.key().encrypt(layout, third.weighted()), memberKeys.get(2));
            code("update-rejected", 422, () -> as(s, third.token(), f -> {
                f.uploadUpdate(state.id(), 1, wrongRound);
                return null;
            }));
            code("wrong-round", 422, () -> as(s, third.token(), f -> {
                f.uploadUpdate(state.id(), 2, wrongRound);
                return null;
            }));
        } finally {
            s.close();
        }
        // restart mid-round: the third update completes the round on a new coordinator process state
        UpdateLayout layout = state.layout();
        List<byte[]> aggregate;
        try (TestServer s2 = TestServer.start(dataDir, database)) {
            Institution third = inst.get(2);
            byte[] sealed = seal(UpdateEnvelope.Purpose.UPDATE, state.id(), 1, third.name(), layout,
                    third.key().encrypt(layout, third.weighted()), memberKeys.get(2));
            as(s2, third.token(), f -> {
                f.uploadUpdate(state.id(), 1, sealed);
                return null;
            });
            FederationClient.State now = as(s2, owner, f -> f.state(state.id()));
            assertEquals("shares", now.phase());
            aggregate = as(s2, owner, f -> f.aggregate(state.id(), 1));
            for (int i = 0; i < 2; i++) {
                Institution x = inst.get(i);
                byte[] shares = seal(UpdateEnvelope.Purpose.DECRYPTION_SHARES, state.id(), 1, x.name(), layout,
                        x.key().decryptionShares(layout, aggregate), memberKeys.get(i));
                as(s2, x.token(), f -> {
                    f.uploadDecryptionShares(state.id(), 1, shares);
                    return null;
                });
            }
            code("not-ready", 409, () -> as(s2, owner, f -> f.result(state.id(), 1)));
        }
        // restart while collecting shares: the last share decrypts the round
        try (TestServer s3 = TestServer.start(dataDir, database)) {
            Institution x = inst.get(2);
            byte[] shares = seal(UpdateEnvelope.Purpose.DECRYPTION_SHARES, state.id(), 1, x.name(), layout,
                    x.key().decryptionShares(layout, aggregate), memberKeys.get(2));
            as(s3, x.token(), f -> {
                f.uploadDecryptionShares(state.id(), 1, shares);
                return null;
            });
            double[] got = as(s3, owner, f -> f.result(state.id(), 1));
            double err = 0;
            double norm = 0;
            for (int k = 0; k < PARAMS; k++) {
                err += (got[k] - expected[k]) * (got[k] - expected[k]);
                norm += expected[k] * expected[k];
            }
            assertTrue(Math.sqrt(err / norm) < 1e-6, "relative error " + Math.sqrt(err / norm));
            FederationClient.State next = as(s3, owner, f -> f.state(state.id()));
            assertEquals(2, next.round());
            assertEquals("updates", next.phase());
            List<String> actions = new ArrayList<>();
            new AuditLog(s3.server.database()).recent(200).forEach(e -> actions.add(e.action() + " " + e.outcome()));
            String all = String.join("\n", actions);
            for (String step : List.of("federation.create", "federation.join", "federation.update accepted",
                    "federation.update rejected: already-uploaded", "federation.update rejected: wrong-round",
                    "federation.shares accepted; round decrypted")) {
                assertTrue(all.contains(step), "audit lacks '" + step + "':\n" + all);
            }
        } finally {
            inst.forEach(x -> x.key().close());
        }
    }

    @Test
    void aRoundWithoutAnAnswerTimesOutAndNothingIsDecrypted(@TempDir Path dataDir) throws Exception {
        try (TestServer s = TestServer.start(dataDir, Map.of());
             ThresholdKey a = ThresholdKey.generate(); ThresholdKey b = ThresholdKey.generate()) {
            String owner = s.tenant("owner", Role.CLIENT);
            String ta = s.tenant("a", Role.CLIENT);
            String tb = s.tenant("b", Role.CLIENT);
            FederationClient.State st = as(s, owner,
                    f -> f.create("slow", KeyMode.THRESHOLD, 2, 10, 1, 1, Duration.ofMillis(1500)));
            KeyPair ka = UpdateEnvelope.newSigningKey();
            String ia = as(s, owner, f -> f.invite(st.id()));
            String ib = as(s, owner, f -> f.invite(st.id()));
            as(s, ta, f -> f.join(st.id(), "a", 10, a.publicKeyShare(st.commonSeed()), ka, ia));
            as(s, tb, f -> f.join(st.id(), "b", 10, b.publicKeyShare(st.commonSeed()), UpdateEnvelope.newSigningKey(),
                    ib));
            byte[] collective = as(s, owner, f -> f.collectiveKey(st.id()));
            a.useCollectiveKey(collective);
            UpdateLayout layout = st.layout();
            byte[] sealed = seal(UpdateEnvelope.Purpose.UPDATE, st.id(), 1, "a", layout,
                    a.encrypt(layout, new double[10]), ka);
            as(s, ta, f -> {
                f.uploadUpdate(st.id(), 1, sealed);
                return null;
            });
            Thread.sleep(1700);
            FederationClient.State after = as(s, owner, f -> f.state(st.id()));
            assertEquals("failed", after.status());
            assertTrue(after.failure().contains("round 1 timed out") && after.failure().contains("from b")
                    && after.failure().contains("nothing was decrypted"), after.failure());
            code("not-ready", 409, () -> as(s, owner, f -> f.aggregate(st.id(), 1)));
            code("not-ready", 409, () -> as(s, owner, f -> f.result(st.id(), 1)));
            code("federation-failed", 409, () -> as(s, tb, f -> {
                f.uploadUpdate(st.id(), 1, sealed);
                return null;
            }));
        }
    }

    @Test
    void aMissingDecryptionShareTimesOutAndNothingIsDecrypted(@TempDir Path dataDir) throws Exception {
        try (TestServer s = TestServer.start(dataDir, Map.of());
             ThresholdKey a = ThresholdKey.generate(); ThresholdKey b = ThresholdKey.generate()) {
            String owner = s.tenant("owner", Role.CLIENT);
            String ta = s.tenant("a", Role.CLIENT);
            String tb = s.tenant("b", Role.CLIENT);
            FederationClient.State st = as(s, owner,
                    f -> f.create("silent", KeyMode.THRESHOLD, 2, 10, 1, 1, Duration.ofMillis(2500)));
            KeyPair ka = UpdateEnvelope.newSigningKey();
            KeyPair kb = UpdateEnvelope.newSigningKey();
            String ia = as(s, owner, f -> f.invite(st.id()));
            String ib = as(s, owner, f -> f.invite(st.id()));
            as(s, ta, f -> f.join(st.id(), "a", 10, a.publicKeyShare(st.commonSeed()), ka, ia));
            as(s, tb, f -> f.join(st.id(), "b", 10, b.publicKeyShare(st.commonSeed()), kb, ib));
            byte[] collective = as(s, owner, f -> f.collectiveKey(st.id()));
            a.useCollectiveKey(collective);
            b.useCollectiveKey(collective);
            UpdateLayout layout = st.layout();
            as(s, ta, f -> {
                f.uploadUpdate(st.id(), 1, seal(UpdateEnvelope.Purpose.UPDATE, st.id(), 1, "a", layout,
                        a.encrypt(layout, new double[10]), ka));
                return null;
            });
            as(s, tb, f -> {
                f.uploadUpdate(st.id(), 1, seal(UpdateEnvelope.Purpose.UPDATE, st.id(), 1, "b", layout,
                        b.encrypt(layout, new double[10]), kb));
                return null;
            });
            List<byte[]> aggregate = as(s, ta, f -> f.aggregate(st.id(), 1));
            as(s, ta, f -> {  // a answers; b never sends its decryption shares
                f.uploadDecryptionShares(st.id(), 1, seal(UpdateEnvelope.Purpose.DECRYPTION_SHARES, st.id(), 1, "a",
                        layout, a.decryptionShares(layout, aggregate), ka));
                return null;
            });
            Thread.sleep(2700);
            FederationClient.State after = as(s, owner, f -> f.state(st.id()));
            assertEquals("failed", after.status());
            assertTrue(after.failure().contains("round 1 timed out") && after.failure().contains("decryption shares")
                    && after.failure().contains("from b") && after.failure().contains("nothing was decrypted"),
                    after.failure());
            code("not-ready", 409, () -> as(s, owner, f -> f.result(st.id(), 1)));
        }
    }
}

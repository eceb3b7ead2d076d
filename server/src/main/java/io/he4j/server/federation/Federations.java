package io.he4j.server.federation;

import io.he4j.ckks.Multiparty;
import io.he4j.federated.Aggregator;
import io.he4j.federated.Chunks;
import io.he4j.federated.FederationException;
import io.he4j.federated.KeyMode;
import io.he4j.federated.UpdateEnvelope;
import io.he4j.federated.UpdateLayout;
import io.he4j.server.auth.Tenant;
import io.he4j.server.auth.Tokens;
import io.he4j.server.db.AuditLog;
import io.he4j.server.db.Database;
import io.he4j.server.http.ApiException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The coordinator: federations as a state machine over the database, so that a restart at any point loses
 * nothing acknowledged. enrolling (members join; threshold mode: each with its public-key share; the last join
 * computes the collective key) -> running: per round, phase "updates" (each member uploads one sealed
 * {@link UpdateEnvelope}; the last upload makes the encrypted aggregate) then, in threshold mode, phase "shares"
 * (each member uploads its decryption shares of the aggregate; the last one makes the decrypted average) ->
 * the next round, or done. A phase past its deadline fails the federation, naming who did not answer, and
 * nothing further is decrypted. Every step is audited. Thread-safe (each step is one database transaction).
 */
public final class Federations implements AutoCloseable {
    static final int MAX_INSTITUTIONS = 100;
    static final int MAX_PARAMETERS = 10_000_000;
    static final int MAX_INVITATIONS = 1000;

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final Aggregator aggregator = new Aggregator();
    private final SecureRandom random = new SecureRandom();

    public Federations(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** Settings of a new federation. */
    public record Settings(String name, KeyMode keyMode, int institutions, int parameters, double bound,
                           int rounds, long roundTimeoutMs) {
    }

    /** What a member receives when joining: its number. */
    public record Joined(int member) {
    }

    Federation create(Tenant t, Settings s) {
        if (s.name() == null || s.name().isBlank() || s.name().length() > 200) {
            throw invalid("name must be 1..200 characters");
        }
        if (s.institutions() < 2 || s.institutions() > MAX_INSTITUTIONS) {
            throw invalid("institutions must be in [2, " + MAX_INSTITUTIONS + "], got " + s.institutions());
        }
        if (s.parameters() < 1 || s.parameters() > MAX_PARAMETERS) {
            throw invalid("parameters must be in [1, " + MAX_PARAMETERS + "], got " + s.parameters());
        }
        if (!(s.bound() > 0) || Double.isInfinite(s.bound())) {
            throw invalid("bound (the largest |weighted sum| of a parameter) must be positive and finite");
        }
        if (s.rounds() < 1 || s.rounds() > 10_000) {
            throw invalid("rounds must be in [1, 10000], got " + s.rounds());
        }
        if (s.roundTimeoutMs() < 100 || s.roundTimeoutMs() > 86_400_000L) {
            throw invalid("round_timeout_seconds must be in [0.1, 86400]");
        }
        try {
            UpdateLayout.forSum(s.keyMode(), s.parameters(), 1, s.bound(), s.institutions());
        } catch (FederationException e) {
            throw invalid(e.getMessage());
        }
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        Federation f = new Federation("fed-" + HexFormat.of().formatHex(idBytes), t.id(), s.name(), s.keyMode(),
                s.institutions(), s.parameters(), s.bound(), s.rounds(), s.roundTimeoutMs(),
                Multiparty.newCommonSeed(), null, "enrolling", 0, "enrolling", 0, "");
        db.write(c -> {
            FederationStore.insert(c, f, clock.millis());
            return null;
        });
        audit.append(t.name(), "federation.create", f.id(), f.keyMode().label() + ", " + f.institutions()
                + " institutions, " + f.parameters() + " parameters, " + f.rounds() + " rounds");
        return f;
    }

    /** The federation as its owner or a member sees it (after applying a passed deadline). */
    Federation get(Tenant t, String id) {
        expire(id);
        return db.read(c -> visible(c, t, id));
    }

    /** The federations the tenant owns or belongs to, newest first (at most {@code limit}), deadlines applied. */
    List<Federation> list(Tenant t, int limit) {
        List<String> ids = db.read(c -> FederationStore.visibleIds(c, t.id(), limit));
        ids.forEach(this::expire);
        return db.read(c -> {
            List<Federation> out = new ArrayList<>();
            for (String id : ids) {
                FederationStore.find(c, id).ifPresent(out::add);
            }
            return out;
        });
    }

    List<FederationStore.Member> members(String id) {
        return db.read(c -> FederationStore.members(c, id));
    }

    /**
     * Joins {@code t} as a member. {@code signingKey} is the member's Ed25519 public key (X.509 bytes): the
     * database keeps only it, so reading the database is not enough to seal an update in the member's name.
     */
    /**
     * A one-time invitation to join {@code id}, issued by its owner while it is enrolling. Only its SHA-256 is
     * stored. Anyone else who can see the federation gets 403, anyone who cannot 404.
     */
    String invite(Tenant t, String id) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = "fli_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        db.write(c -> {
            Federation f = visible(c, t, id);
            if (f.ownerTenantId() != t.id()) {
                throw new ApiException(403, "not-owner", "Not the owner", "only the owner of " + id
                        + " invites members");
            }
            if (!f.status().equals("enrolling")) {
                throw new ApiException(409, "federation-full", "Federation full",
                        "federation " + id + " is no longer enrolling (" + f.status() + ")");
            }
            if (FederationStore.invitations(c, id) >= MAX_INVITATIONS) {
                throw new ApiException(409, "too-many-invitations", "Too many invitations",
                        "federation " + id + " already has " + MAX_INVITATIONS + " invitations");
            }
            FederationStore.insertInvitation(c, id, Tokens.sha256Hex(token.getBytes(StandardCharsets.UTF_8)),
                    clock.millis());
            return null;
        });
        audit.append(t.name(), "federation.invite", id, "one invitation issued");
        return token;
    }

    /** Joins without an invitation: only the owner may. */
    Joined join(Tenant t, String id, String name, long rows, byte[] publicKeyShare, byte[] signingKey) {
        return join(t, id, name, rows, publicKeyShare, signingKey, null);
    }

    /**
     * Joins {@code t} as a member, with a one-time {@code invitation} from the owner unless {@code t} is the owner.
     * {@code signingKey} is the member's Ed25519 public key (X.509 bytes): the database keeps only it, so reading
     * the database is not enough to seal an update in the member's name.
     */
    Joined join(Tenant t, String id, String name, long rows, byte[] publicKeyShare, byte[] signingKey,
                String invitation) {
        if (name == null || name.isBlank() || name.length() > 200 || rows < 1) {
            throw invalid("a member needs a name of 1..200 characters and rows >= 1");
        }
        try {
            UpdateEnvelope.verificationKey(signingKey);
        } catch (FederationException e) {
            throw new ApiException(422, "invalid-signing-key", "Invalid signing key", e.getMessage());
        }
        byte[] memberKey = signingKey.clone();
        Joined joined = db.write(c -> {
            Federation f = FederationStore.find(c, id).orElseThrow(() -> notFound(id));
            List<FederationStore.Member> members = FederationStore.members(c, id);
            for (FederationStore.Member m : members) {
                if (m.tenantId() == t.id() || m.name().equals(name)) {
                    throw new ApiException(409, "already-joined", "Already joined",
                            "this tenant or the name '" + name + "' is already member " + m.no() + " of " + id);
                }
            }
            if (!f.status().equals("enrolling")) {
                throw new ApiException(409, "federation-full", "Federation full",
                        "federation " + id + " has all its " + f.institutions() + " members (" + f.status() + ")");
            }
            List<byte[]> shares = new ArrayList<>();
            if (f.keyMode() == KeyMode.THRESHOLD) {
                if (publicKeyShare == null) {
                    throw invalid("threshold mode: joining needs public_key_share (base64)");
                }
                members.forEach(m -> shares.add(m.publicKeyShare()));
                shares.add(publicKeyShare);
                try {
                    aggregator.collectiveKey(shares);  // validates the share and its common seed
                } catch (FederationException e) {
                    throw new ApiException(422, "invalid-key-share", "Invalid public-key share", e.getMessage());
                }
            } else if (publicKeyShare != null) {
                throw invalid("shared-key mode takes no public-key share");
            }
            if (f.ownerTenantId() != t.id()) {
                if (invitation == null || invitation.isEmpty()) {
                    throw new ApiException(403, "invitation-required", "Invitation required", "joining " + id
                            + " needs an invitation from its owner (POST .../invitations)");
                }
                if (invitation.length() > 200 || !FederationStore.useInvitation(c, id,
                        Tokens.sha256Hex(invitation.getBytes(StandardCharsets.UTF_8)), t.id(), clock.millis())) {
                    throw new ApiException(403, "invalid-invitation", "Invalid invitation", "the invitation is not one"
                            + " of " + id + "'s, or it was used already");
                }
            }
            int no = members.size();
            FederationStore.insertMember(c, id, new FederationStore.Member(no, t.id(), name, rows, memberKey,
                    publicKeyShare), clock.millis());
            if (no + 1 == f.institutions()) {
                byte[] collective = f.keyMode() == KeyMode.THRESHOLD ? aggregator.collectiveKey(shares) : null;
                FederationStore.advance(c, id, "running", 1, "updates", clock.millis() + f.roundTimeoutMs(), "",
                        collective);
            }
            return new Joined(no);
        });
        audit.append(t.name(), "federation.join", id, "member " + joined.member() + " (" + name + ")");
        return joined;
    }

    /** Threshold mode: the collective public key (once every member joined). */
    byte[] collectiveKey(Tenant t, String id) {
        Federation f = get(t, id);
        if (f.collectiveKey() == null) {
            throw new ApiException(409, "not-ready", "Not ready", f.keyMode() == KeyMode.SHARED
                    ? "shared-key mode has no collective key" : "waiting for all " + f.institutions() + " members");
        }
        return f.collectiveKey();
    }

    /** A member's sealed update for the current round. */
    void uploadUpdate(Tenant t, String id, int round, byte[] sealed) {
        upload(t, id, round, sealed, UpdateEnvelope.Purpose.UPDATE);
    }

    /** A member's sealed decryption shares of the current round's aggregate (threshold mode). */
    void uploadShares(Tenant t, String id, int round, byte[] sealed) {
        upload(t, id, round, sealed, UpdateEnvelope.Purpose.DECRYPTION_SHARES);
    }

    private void upload(Tenant t, String id, int round, byte[] sealed, UpdateEnvelope.Purpose purpose) {
        expire(id);
        String kind = purpose == UpdateEnvelope.Purpose.UPDATE ? "update" : "shares";
        String outcome;
        try {
            outcome = collect(t, id, round, sealed, purpose, kind);
        } catch (ApiException e) {
            audit.append(t.name(), "federation." + kind, id + "/" + round, "rejected: " + e.code() + ": "
                    + e.detail());
            throw e;
        }
        audit.append(t.name(), "federation." + kind, id + "/" + round, outcome);
    }

    private String collect(Tenant t, String id, int round, byte[] sealed, UpdateEnvelope.Purpose purpose,
                           String kind) {
        return db.write(c -> {
            Federation f = visible(c, t, id);
            FederationStore.Member me = member(c, t, f);
            requireRunning(f);
            String phase = purpose == UpdateEnvelope.Purpose.UPDATE ? "updates" : "shares";
            if (round != f.currentRound()) {
                throw new ApiException(422, "wrong-round", "Wrong round", "round " + round + " is not the round "
                        + "being collected (" + f.currentRound() + ", phase " + f.phase() + ")");
            }
            if (!f.phase().equals(phase)) {
                throw new ApiException(409, "wrong-phase", "Wrong phase", "round " + round + " is collecting "
                        + f.phase() + ", not " + phase);
            }
            UpdateLayout layout = f.layout();
            UpdateEnvelope env;
            try {
                env = UpdateEnvelope.open(sealed, me.memberKey(), purpose, f.id(), round, me.name(), layout);
                if (purpose == UpdateEnvelope.Purpose.UPDATE) {
                    aggregator.sum(layout, List.of(env.chunks()));  // validates every ciphertext
                } else {
                    byte[] stored = FederationStore.round(c, id, round).orElseThrow()[0];
                    aggregator.checkShares(layout, Chunks.decode(stored), env.chunks());
                }
            } catch (FederationException e) {
                throw new ApiException(422, "update-rejected", "Update rejected", e.getMessage());
            }
            if (!FederationStore.insertUpload(c, id, round, kind, me.no(), Chunks.encode(env.chunks()),
                    clock.millis())) {
                throw new ApiException(409, "already-uploaded", "Already uploaded", me.name() + " already sent its "
                        + kind + " for round " + round + " (replays are refused)");
            }
            List<Integer> who = new ArrayList<>();
            List<byte[]> all = FederationStore.uploads(c, id, round, kind, who);
            if (all.size() < f.institutions()) {
                return "accepted (" + all.size() + "/" + f.institutions() + ")";
            }
            List<List<byte[]>> parts = new ArrayList<>();
            all.forEach(b -> parts.add(Chunks.decode(b)));
            if (purpose == UpdateEnvelope.Purpose.UPDATE) {
                FederationStore.insertRound(c, id, round, Chunks.encode(aggregator.sum(layout, parts)));
                if (f.keyMode() == KeyMode.THRESHOLD) {
                    FederationStore.advance(c, id, "running", round, "shares", clock.millis() + f.roundTimeoutMs(),
                            "", null);
                    FederationStore.deleteUploads(c, id, round);
                    return "accepted; aggregated, collecting decryption shares";
                }
                finishRound(c, f, round, null);
                return "accepted; aggregated (shared key: members decrypt)";
            }
            byte[] aggregate = FederationStore.round(c, id, round).orElseThrow()[0];
            double[] average = aggregator.combine(layout, Chunks.decode(aggregate), parts);
            ByteBuffer b = ByteBuffer.allocate(8 * average.length);
            b.asDoubleBuffer().put(average);
            finishRound(c, f, round, b.array());
            return "accepted; round decrypted";
        });
    }

    private void finishRound(Connection c, Federation f, int round, byte[] result) throws SQLException {
        FederationStore.completeRound(c, f.id(), round, result, clock.millis());
        FederationStore.deleteUploads(c, f.id(), round);
        if (round == f.rounds()) {
            FederationStore.advance(c, f.id(), "done", round, "done", 0, "", null);
        } else {
            FederationStore.advance(c, f.id(), "running", round + 1, "updates", clock.millis() + f.roundTimeoutMs(),
                    "", null);
        }
    }

    /** The encrypted aggregate of a round (once every update is in). */
    byte[] aggregate(Tenant t, String id, int round) {
        Federation f = get(t, id);
        return db.read(c -> FederationStore.round(c, f.id(), round)).map(r -> r[0]).orElseThrow(() ->
                new ApiException(409, "not-ready", "Not ready", "round " + round + " of " + id
                        + " is not aggregated" + (f.status().equals("failed") ? ": " + f.failure() : " yet")));
    }

    /** The decrypted average of a round (threshold mode, once every share is in). */
    double[] result(Tenant t, String id, int round) {
        Federation f = get(t, id);
        if (f.keyMode() == KeyMode.SHARED) {
            throw new ApiException(409, "not-decrypted-by-coordinator", "Not decrypted here",
                    "shared-key mode: the coordinator cannot decrypt; members decrypt the aggregate themselves");
        }
        byte[] r = db.read(c -> FederationStore.round(c, f.id(), round)).map(x -> x[1]).orElse(null);
        if (r == null) {
            throw new ApiException(409, "not-ready", "Not ready", "round " + round + " of " + id
                    + " is not decrypted" + (f.status().equals("failed") ? ": " + f.failure() : " yet"));
        }
        double[] out = new double[r.length / 8];
        ByteBuffer.wrap(r).asDoubleBuffer().get(out);
        return out;
    }

    /** Fails the federation if its phase's deadline has passed; nothing is decrypted afterwards. */
    void expire(String id) {
        String failure = db.write(c -> {
            Federation f = FederationStore.find(c, id).orElse(null);
            if (f == null || !f.status().equals("running") || clock.millis() <= f.deadlineAt()) {
                return null;
            }
            String kind = f.phase().equals("updates") ? "update" : "shares";
            List<Integer> who = new ArrayList<>();
            FederationStore.uploads(c, id, f.currentRound(), kind, who);
            List<String> missing = new ArrayList<>();
            for (FederationStore.Member m : FederationStore.members(c, id)) {
                if (!who.contains(m.no())) {
                    missing.add(m.name());
                }
            }
            String why = "round " + f.currentRound() + " timed out after " + f.roundTimeoutMs() / 1000.0
                    + " s waiting for " + (kind.equals("update") ? "updates" : "decryption shares") + " from "
                    + String.join(", ", missing) + "; nothing was decrypted";
            FederationStore.deleteUploads(c, id, f.currentRound());
            FederationStore.advance(c, id, "failed", f.currentRound(), "failed", 0, why, null);
            return why;
        });
        if (failure != null) {
            audit.append("coordinator", "federation.timeout", id, failure);
        }
    }

    private static Federation visible(Connection c, Tenant t, String id) throws SQLException {
        Federation f = FederationStore.find(c, id).orElseThrow(() -> notFound(id));
        if (f.ownerTenantId() == t.id()) {
            return f;
        }
        for (FederationStore.Member m : FederationStore.members(c, id)) {
            if (m.tenantId() == t.id()) {
                return f;
            }
        }
        throw notFound(id);
    }

    private static FederationStore.Member member(Connection c, Tenant t, Federation f) throws SQLException {
        for (FederationStore.Member m : FederationStore.members(c, f.id())) {
            if (m.tenantId() == t.id()) {
                return m;
            }
        }
        throw new ApiException(403, "not-a-member", "Not a member", "only members of " + f.id() + " upload");
    }

    private static void requireRunning(Federation f) {
        if (!f.status().equals("running")) {
            throw new ApiException(409, "federation-" + f.status(), "Federation " + f.status(),
                    "federation " + f.id() + " is " + f.status() + (f.failure().isEmpty() ? "" : ": " + f.failure()));
        }
    }

    static ApiException notFound(String id) {
        String shown = id.length() > 60 ? id.substring(0, 60) + "..." : id;
        return new ApiException(404, "federation-not-found", "Unknown federation", "no federation '" + shown + "'");
    }

    private static ApiException invalid(String detail) {
        return new ApiException(422, "invalid-federation", "Invalid federation", detail);
    }

    @Override
    public void close() {
        aggregator.close();
    }
}

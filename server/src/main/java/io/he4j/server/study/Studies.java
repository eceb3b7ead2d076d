package io.he4j.server.study;

import io.he4j.ckks.PublicContext;
import io.he4j.protocol.ProtocolException;
import io.he4j.protocol.StudyUploadLayout;
import io.he4j.server.auth.Tenant;
import io.he4j.server.auth.Tokens;
import io.he4j.server.db.AuditLog;
import io.he4j.server.db.Database;
import io.he4j.server.db.TenantStore;
import io.he4j.server.http.ApiException;
import io.he4j.server.model.QueryRejection;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Research studies: a research authority (the creating tenant) registers the study's public key; institutions
 * (tenants it invited, or that joined an open study by its id) upload rows encrypted under it; only the authority
 * obtains the encrypted aggregates, and only it can decrypt them. Visibility: the authority and the institutions
 * see the study, anyone else gets 404 as for a missing one; an institution that asks for the aggregates, or a
 * non-institution that uploads, gets 403. Every step is audited (identifiers and counts only).
 * Thread-safe (each step is one transaction; aggregation reads uploads one at a time).
 */
public final class Studies {
    static final int MAX_NAME = 200;
    private static final String FEATURE_NAME = "[A-Za-z0-9._ -]{1,64}";

    private final Database db;
    private final AuditLog audit;
    private final TenantStore tenants;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Loaded public contexts by study id and key hash (a study's key never changes once registered). */
    private final Map<String, PublicContext> keys = new ConcurrentHashMap<>();

    public Studies(Database db, AuditLog audit, TenantStore tenants, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** A new study's settings; {@code mu}/{@code sigma} both null or both one per feature. */
    record Settings(String name, List<String> features, double[] mu, double[] sigma, int minInstitutions,
                    boolean open) {
    }

    /** How an idempotent step ended. */
    enum Outcome { CREATED, UNCHANGED }

    /** The study as {@code t} may see it, with what it may see of the institutions and uploads. */
    record View(Study study, boolean authority, List<String> institutions, List<StudyStore.Upload> uploads) {
    }

    Study create(Tenant t, Settings s) {
        if (s.name() == null || s.name().isBlank() || s.name().length() > MAX_NAME) {
            throw invalid("name must be 1.." + MAX_NAME + " characters");
        }
        List<String> f = s.features();
        if (f == null || f.isEmpty() || f.size() > StudyUploadLayout.MAX_FEATURES) {
            throw invalid("features: 1.." + StudyUploadLayout.MAX_FEATURES + " names");
        }
        Set<String> seen = new HashSet<>();
        for (String name : f) {
            if (name == null || !name.matches(FEATURE_NAME) || !seen.add(name)) {
                throw invalid("feature names are distinct, 1-64 letters, digits, '.', '_', '-' or spaces: "
                        + (name == null ? "null" : name.length() > 70 ? name.substring(0, 70) + "..." : name));
            }
        }
        if ((s.mu() == null) != (s.sigma() == null)) {
            throw invalid("standardization needs both mean and std");
        }
        if (s.mu() != null) {
            if (s.mu().length != f.size() || s.sigma().length != f.size()) {
                throw invalid("standardization: one mean and one std per feature (" + f.size() + ")");
            }
            for (int i = 0; i < f.size(); i++) {
                if (!Double.isFinite(s.mu()[i]) || !(s.sigma()[i] > 0) || !Double.isFinite(s.sigma()[i])) {
                    throw invalid("standardization of " + f.get(i) + ": mean finite, std finite and > 0");
                }
            }
        }
        if (s.minInstitutions() < 1 || s.minInstitutions() > 1000) {
            throw invalid("min_institutions must be in [1, 1000], got " + s.minInstitutions());
        }
        byte[] idBytes = new byte[16];
        random.nextBytes(idBytes);
        Study study = new Study("study-" + HexFormat.of().formatHex(idBytes), t.id(), s.name(), List.copyOf(f),
                s.mu(), s.sigma(), s.minInstitutions(), s.open(), false, null, "");
        db.write(c -> {
            StudyStore.insert(c, study, clock.millis());
            audit.appendIn(c, t.name(), "study.create", study.id(), f.size() + " features, min "
                    + s.minInstitutions() + " institutions, " + (s.open() ? "open" : "by invitation")
                    + (s.mu() == null ? "" : ", standardization constants"));
            return null;
        });
        return study;
    }

    View view(Tenant t, String id) {
        return db.read(c -> {
            Study s = visible(c, t, id);
            boolean authority = s.authorityTenantId() == t.id();
            return new View(s, authority, authority ? StudyStore.institutions(c, id) : List.of(),
                    StudyStore.uploads(c, id, authority ? -1 : t.id()));
        });
    }

    /**
     * Registers the study's public context (authority only, once): loaded in full by the engine (128-bit
     * security, every coefficient; a secret key is refused) and checked to carry the keys aggregation needs.
     */
    Outcome setKey(Tenant t, String id, byte[] bytes) {
        String sha = Tokens.sha256Hex(bytes);
        Study s = db.read(c -> authority(c, t, id));
        if (s.hasKey()) {
            return sameKey(t, s, sha);
        }
        try (PublicContext pc = PublicContext.fromBytes(bytes)) {
            StudyAggregator.checkKey(pc);
        } catch (RuntimeException e) {
            audit.append(t.name(), "study.key", id, "rejected: " + e.getMessage());
            throw e;
        }
        return db.write(c -> {
            Study now = authority(c, t, id);
            if (now.hasKey()) {
                return sameKey(t, now, sha);
            }
            StudyStore.setKey(c, id, bytes, sha);
            audit.appendIn(c, t.name(), "study.key", id, "registered " + sha.substring(0, 16) + ", "
                    + bytes.length + " bytes");
            return Outcome.CREATED;
        });
    }

    private static Outcome sameKey(Tenant t, Study s, String sha) {
        if (s.keySha256().equals(sha)) {
            return Outcome.UNCHANGED;
        }
        throw new ApiException(409, "study-key-exists", "Study key exists", "study " + s.id() + " already has "
                + "its public key (sha256 " + s.keySha256().substring(0, 16) + "...); a study's key never changes");
    }

    /**
     * Checks, before a large body is read, that {@code t} may send it: the authority for the key, an institution
     * of a study with a key for an upload (404 / 403 / 409 as the step itself would answer).
     */
    void requireAllowed(Tenant t, String id, boolean key) {
        Study s = db.read(c -> key ? authority(c, t, id) : institution(c, t, id));
        if (!key && !s.hasKey()) {
            throw keyMissing(id);
        }
        if (!key && s.closed()) {
            throw closed(id);
        }
    }

    /** The study's public context: what institutions encrypt under. */
    byte[] key(Tenant t, String id) {
        Study s = db.read(c -> visible(c, t, id));
        if (!s.hasKey()) {
            throw keyMissing(id);
        }
        return s.publicContext();
    }

    /** The authority adds an institution by tenant name. */
    Outcome invite(Tenant t, String id, String tenantName) {
        return db.write(c -> {
            authority(c, t, id);
            Tenant who = tenants.byName(tenantName).orElseThrow(() -> new ApiException(404, "tenant-not-found",
                    "Unknown tenant", "no tenant named '" + shorten(tenantName) + "'"));
            boolean added = StudyStore.addInstitution(c, id, who.id(), clock.millis());
            audit.appendIn(c, t.name(), "study.invite", id, who.name() + (added ? " added" : " already in"));
            return added ? Outcome.CREATED : Outcome.UNCHANGED;
        });
    }

    /** A tenant joins an open study by its id (a study by invitation answers 404, as an unknown one). */
    Outcome join(Tenant t, String id) {
        return db.write(c -> {
            Study s = StudyStore.find(c, id).orElseThrow(() -> notFound(id));
            if (!s.open() && s.authorityTenantId() != t.id() && !StudyStore.isInstitution(c, id, t.id())) {
                throw notFound(id);
            }
            boolean added = StudyStore.addInstitution(c, id, t.id(), clock.millis());
            audit.appendIn(c, t.name(), "study.join", id, added ? "joined" : "already in");
            return added ? Outcome.CREATED : Outcome.UNCHANGED;
        });
    }

    /**
     * An institution's upload: checked by the engine's loader against the study's key, then stored; the same id
     * with the same bytes is a no-op, with other bytes 409.
     */
    Outcome upload(Tenant t, String id, String uploadId, int rows, byte[] body) {
        Study s = db.read(c -> institution(c, t, id));
        if (!s.hasKey()) {
            throw keyMissing(id);
        }
        if (s.closed()) {
            throw closed(id);
        }
        String sha = Tokens.sha256Hex(body);
        String target = id + "/" + uploadId;
        try {
            StudyUploadLayout layout;
            try {
                layout = new StudyUploadLayout(s.features().size(), publicContext(s).context().slotCount(), rows);
            } catch (ProtocolException e) {
                throw new ApiException(400, "bad-parameter", "Bad parameter", e.getMessage());
            }
            StudyAggregator.checkUpload(publicContext(s), layout, body);
        } catch (ApiException e) {
            audit.append(t.name(), "study.upload", target, "rejected: " + e.code());
            throw e;
        } catch (QueryRejection e) {
            audit.append(t.name(), "study.upload", target, "rejected: " + e.reason().name().toLowerCase());
            throw e;
        }
        Outcome o = db.write(c -> {
            StudyStore.lock(c, db.dialect(), id);
            if (institution(c, t, id).closed()) {  // closed while this upload was being checked
                throw closed(id);
            }
            var stored = StudyStore.uploadSha(c, id, t.id(), uploadId);
            if (stored.isPresent()) {
                boolean same = stored.get().equals(sha);
                audit.appendIn(c, t.name(), "study.upload", target, same ? "unchanged" : "conflict");
                if (!same) {
                    return null;
                }
                return Outcome.UNCHANGED;
            }
            StudyStore.insertUpload(c, id, t.id(), uploadId, rows, body, sha, clock.millis());
            audit.appendIn(c, t.name(), "study.upload", target, "created, " + rows + " rows, " + body.length
                    + " bytes");
            return Outcome.CREATED;
        });
        if (o == null) {
            throw new ApiException(409, "upload-conflict", "Upload exists with other content", "upload " + uploadId
                    + " of this institution is stored with other bytes; choose another upload id");
        }
        return o;
    }

    /**
     * The authority closes the study: no upload is accepted afterwards, and only then are aggregates computed, so
     * that two aggregates never differ by one institution's upload (which would reveal that institution's totals).
     */
    Outcome close(Tenant t, String id) {
        return db.write(c -> {
            StudyStore.lock(c, db.dialect(), id);
            Study s = authority(c, t, id);
            if (s.closed()) {
                return Outcome.UNCHANGED;
            }
            List<StudyStore.Upload> uploads = StudyStore.uploads(c, id, -1);
            long institutions = uploads.stream().mapToLong(StudyStore.Upload::tenantId).distinct().count();
            if (institutions < s.minInstitutions()) {  // a study closed now could never release an aggregate
                throw tooFew(id, institutions, s.minInstitutions());
            }
            StudyStore.close(c, id);
            audit.appendIn(c, t.name(), "study.close", id, institutions + " institutions, " + uploads.size()
                    + " uploads");
            return Outcome.CREATED;
        });
    }

    /** The encrypted aggregates over every upload (authority only; at least min_institutions must have uploaded). */
    Aggregate aggregate(Tenant t, String id) {
        Study s = db.read(c -> authority(c, t, id));
        if (!s.closed()) {
            throw new ApiException(409, "study-open", "Study still open", "close " + id + " first (POST "
                    + "/v1/studies/{id}/close): aggregates are computed once no upload can change them");
        }
        List<StudyStore.Upload> uploads = db.read(c -> StudyStore.uploads(c, id, -1));
        long institutions = uploads.stream().mapToLong(StudyStore.Upload::tenantId).distinct().count();
        if (!s.hasKey() || institutions < s.minInstitutions()) {
            audit.append(t.name(), "study.aggregate", id, "refused: " + institutions + " of " + s.minInstitutions()
                    + " institutions");
            throw tooFew(id, institutions, s.minInstitutions());
        }
        PublicContext pc = publicContext(s);
        int slots = pc.context().slotCount();
        try (StudyAggregator agg = new StudyAggregator(pc, s.features().size())) {
            for (StudyStore.Upload u : uploads) {
                byte[] content = db.read(c -> StudyStore.content(c, id, u.tenantId(), u.id())).orElseThrow();
                agg.add(new StudyUploadLayout(s.features().size(), slots, u.rows()), content);
            }
            StudyAggregator.Result r = agg.finish(s.mu(), s.sigma());
            audit.append(t.name(), "study.aggregate", id, institutions + " institutions, " + uploads.size()
                    + " uploads, " + agg.rows() + " rows");
            return new Aggregate(s, (int) institutions, uploads.size(), agg.rows(), r);
        }
    }

    /** An aggregate with what it covers. */
    record Aggregate(Study study, int institutions, int uploads, long rows, StudyAggregator.Result result) {
    }

    private PublicContext publicContext(Study s) {
        String cacheKey = s.id() + "/" + s.keySha256();
        PublicContext pc = keys.get(cacheKey);
        if (pc == null) {
            if (keys.size() > 16) {
                keys.clear(); // dropped contexts are freed by their Cleaner once no request uses them
            }
            pc = keys.computeIfAbsent(cacheKey, k -> PublicContext.fromBytes(s.publicContext()));
        }
        return pc;
    }

    private static Study visible(Connection c, Tenant t, String id) throws SQLException {
        Study s = StudyStore.find(c, id).orElseThrow(() -> notFound(id));
        if (s.authorityTenantId() != t.id() && !StudyStore.isInstitution(c, id, t.id())) {
            throw notFound(id);
        }
        return s;
    }

    private static Study authority(Connection c, Tenant t, String id) throws SQLException {
        Study s = visible(c, t, id);
        if (s.authorityTenantId() != t.id()) {
            throw new ApiException(403, "not-the-authority", "Not the research authority", "only the research "
                    + "authority of " + id + " registers its key, invites institutions and obtains aggregates");
        }
        return s;
    }

    private static Study institution(Connection c, Tenant t, String id) throws SQLException {
        Study s = visible(c, t, id);
        if (!StudyStore.isInstitution(c, id, t.id())) {
            throw new ApiException(403, "not-an-institution", "Not an institution of the study", "only "
                    + "institutions of " + id + " upload (the authority invites them)");
        }
        return s;
    }

    static ApiException notFound(String id) {
        return new ApiException(404, "study-not-found", "Unknown study", "no study '" + shorten(id) + "'");
    }

    private static ApiException keyMissing(String id) {
        return new ApiException(409, "study-key-missing", "Study key missing", "the research authority has not "
                + "registered the public key of " + id + " yet");
    }

    private static ApiException tooFew(String id, long institutions, int min) {
        return new ApiException(409, "too-few-institutions", "Too few institutions", institutions
                + " institution(s) uploaded to " + id + "; the study releases aggregates from " + min + " on");
    }

    private static ApiException closed(String id) {
        return new ApiException(409, "study-closed", "Study closed", "the research authority closed " + id
                + "; it takes no more uploads");
    }

    private static ApiException invalid(String detail) {
        return new ApiException(422, "invalid-study", "Invalid study", detail);
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}

-- Multi-institution research studies (io.he4j.server.study, docs/server.md "Research studies"): a research
-- authority registers the study's public key (public context: parameters, public key, relinearization and
-- Galois keys, never a secret key) and its feature names, then invited institutions upload rows encrypted under that
-- key, feature-major, and the service sums them without decrypting. In clear: ids, names, the feature names, the
-- optional public standardization constants, the rows per upload, sizes, hashes and times, never a value.
-- A study is closed by its authority before any aggregate: no upload after that, so two aggregates never
-- differ by one institution's data.
-- ${...} placeholders are the dialect's types (Dialect.java). No semicolons inside statements.
CREATE TABLE studies (
    id TEXT PRIMARY KEY,
    authority_tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    features TEXT NOT NULL,
    standardization TEXT NOT NULL,
    min_institutions INTEGER NOT NULL,
    open_to_join INTEGER NOT NULL,
    closed INTEGER NOT NULL,
    public_context ${BLOB},
    key_sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE study_institutions (
    study_id TEXT NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (study_id, tenant_id)
);

CREATE TABLE study_uploads (
    study_id TEXT NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    content ${BLOB} NOT NULL,
    size_bytes BIGINT NOT NULL,
    content_sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (study_id, tenant_id, id)
)

-- Encrypted patient records, batch-scoring jobs and their encrypted results (docs/server.md, "Records").
-- In clear only what the service must see: owner, the client's record id, an optional client-chosen patient
-- pseudonym (for erasure), key set, model id and version, layout, patients in the record, sizes and times.
-- ${...} placeholders are the dialect's types (Dialect.java). No semicolons inside statements.
CREATE TABLE records (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    patient TEXT NOT NULL,
    key_set_id TEXT NOT NULL,
    model_id TEXT NOT NULL,
    model_version TEXT NOT NULL,
    layout TEXT NOT NULL CHECK (layout IN ('single', 'batch')),
    row_count INTEGER NOT NULL,
    content ${BLOB} NOT NULL,
    size_bytes BIGINT NOT NULL,
    content_sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX records_by_model ON records (tenant_id, model_id, id);

CREATE INDEX records_by_patient ON records (tenant_id, patient);

CREATE INDEX records_by_age ON records (tenant_id, updated_at);

-- Each institution's retention period: its records not updated for longer are erased by the hourly sweep.
CREATE TABLE record_retention (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    max_age_ms BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- One row per scoring job. A replica runs a job only while it holds the lease (lease_owner until
-- lease_expires_at, renewed at every checkpoint). An expired lease is taken over by any replica.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'cancelled')),
    total BIGINT NOT NULL,
    lease_owner TEXT NOT NULL,
    lease_expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX jobs_claimable ON jobs (state, lease_expires_at);

-- The job's items, made when the job is created (one per record it scores), and their encrypted results:
-- state 'pending' until scored ('done', content = the encrypted scores) or refused ('failed', error = a code).
-- A done item is the job's checkpoint: a job taken over or resumed scores only the pending ones.
CREATE TABLE job_results (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    record_id TEXT NOT NULL,
    tenant_id BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    layout TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    content ${BLOB},
    error TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (job_id, record_id)
);

CREATE INDEX job_results_by_record ON job_results (tenant_id, record_id)

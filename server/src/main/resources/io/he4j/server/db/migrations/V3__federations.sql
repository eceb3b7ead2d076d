-- Federated learning (io.he4j.server.federation): federations, their members, the uploads of each round
-- (encrypted updates and decryption shares, kept until the round is done) and each round's aggregate and
-- result. Everything a coordinator needs to resume a round after a restart is here.
-- ${...} placeholders are the dialect's types (Dialect.java). No semicolons inside statements.
CREATE TABLE federations (
    id TEXT PRIMARY KEY,
    owner_tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    key_mode TEXT NOT NULL CHECK (key_mode IN ('threshold', 'shared')),
    institutions INTEGER NOT NULL,
    parameters INTEGER NOT NULL,
    bound DOUBLE PRECISION NOT NULL,
    rounds INTEGER NOT NULL,
    round_timeout_ms BIGINT NOT NULL,
    common_seed ${BLOB} NOT NULL,
    collective_key ${BLOB},
    status TEXT NOT NULL CHECK (status IN ('enrolling', 'running', 'done', 'failed')),
    current_round INTEGER NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('enrolling', 'updates', 'shares', 'done', 'failed')),
    deadline_at BIGINT NOT NULL,
    failure TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE federation_members (
    federation_id TEXT NOT NULL REFERENCES federations (id) ON DELETE CASCADE,
    member_no INTEGER NOT NULL,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    rows_count BIGINT NOT NULL,
    member_key ${BLOB} NOT NULL,
    public_key_share ${BLOB},
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (federation_id, member_no),
    UNIQUE (federation_id, tenant_id)
);

CREATE TABLE federation_uploads (
    federation_id TEXT NOT NULL REFERENCES federations (id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('update', 'shares')),
    member_no INTEGER NOT NULL,
    content ${BLOB} NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (federation_id, round, kind, member_no)
);

CREATE TABLE federation_rounds (
    federation_id TEXT NOT NULL REFERENCES federations (id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    aggregate ${BLOB} NOT NULL,
    result ${BLOB},
    completed_at BIGINT,
    PRIMARY KEY (federation_id, round)
);

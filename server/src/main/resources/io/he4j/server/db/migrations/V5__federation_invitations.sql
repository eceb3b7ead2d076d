-- Joining a federation needs a one-time invitation issued by its owner (the owner joins without one). Only the
-- SHA-256 of an invitation is stored, like tokens: reading the database does not let anyone join.
-- Members now register an Ed25519 public key in federation_members.member_key instead of receiving an HMAC key
-- from the server. Federations in progress when this runs cannot go on (their members hold HMAC keys) and are
-- failed with a message saying so.
CREATE TABLE federation_invitations (
    federation_id TEXT NOT NULL REFERENCES federations (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_by_tenant_id BIGINT,
    used_at BIGINT,
    PRIMARY KEY (federation_id, token_hash)
);

UPDATE federations SET status = 'failed', phase = 'failed',
    failure = 'stopped by the upgrade to signed uploads (migration V5): members held server-issued HMAC keys, create the federation again'
    WHERE status IN ('enrolling', 'running')

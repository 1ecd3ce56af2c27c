-- Registered clusters: agent credentials (SHA-256 of the credential, never the credential), the
-- feed floor (a feed position older than this gets a snapshot) and what the agent last reported.

ALTER TABLE clusters ADD COLUMN credential_hash VARCHAR(128);
ALTER TABLE clusters ADD COLUMN feed_floor BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE clusters ADD COLUMN agent_version VARCHAR(256);
ALTER TABLE clusters ADD COLUMN flux_version VARCHAR(256);
ALTER TABLE clusters ADD COLUMN kubernetes_version VARCHAR(256);

-- The agent API finds a cluster by its credential; NULLs (emulated clusters) do not collide.
CREATE UNIQUE INDEX clusters_by_credential ON clusters (credential_hash);

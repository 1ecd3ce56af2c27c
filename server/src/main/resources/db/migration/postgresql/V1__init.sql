-- fluxrp schema, PostgreSQL 13+; the same tables as db/migration/h2/V1__init.sql. Instants are
-- TIMESTAMP(6) WITH TIME ZONE (microseconds). JSON is TEXT (the store reads and writes it as text).
-- Keys are the lower-cased ARM ids and names, compared byte-wise (COLLATE "C") so that keyset
-- paging orders them exactly as on H2, whatever the database's default collation.

-- The global change sequence: every desired-state change of a configuration takes the next value.
-- CACHE 1 (the default, spelled out): SqlDialect.sequenceCeilingSql reads last_value as a ceiling.
CREATE SEQUENCE change_seq START WITH 1 INCREMENT BY 1 NO CYCLE CACHE 1;

CREATE TABLE clusters (
    cluster_key     VARCHAR(2048) COLLATE "C" NOT NULL,
    cluster_id      VARCHAR(2048) NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    registered_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_report_at  TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT clusters_pk PRIMARY KEY (cluster_key)
);

CREATE INDEX clusters_by_kind ON clusters (kind, cluster_key);

CREATE TABLE flux_configurations (
    cluster_key           VARCHAR(2048) COLLATE "C" NOT NULL,
    name_key              VARCHAR(512)  COLLATE "C" NOT NULL,
    resource_id           VARCHAR(4096) NOT NULL,
    name                  VARCHAR(512)  NOT NULL,
    seq                   BIGINT        NOT NULL,
    generation            BIGINT        NOT NULL,
    lifecycle             VARCHAR(32)   NOT NULL,
    desired_json          TEXT          NOT NULL,
    secrets_json          TEXT,
    provisioning_state    VARCHAR(32)   NOT NULL,
    error_message         TEXT,
    current_operation_id  VARCHAR(256),
    reported_json         TEXT,
    system_data_json      TEXT,
    -- LIST pages in this order with a keyset cursor (name_key > ?).
    CONSTRAINT flux_configurations_pk PRIMARY KEY (cluster_key, name_key),
    CONSTRAINT flux_configurations_seq_unique UNIQUE (seq)
);

-- A cluster's change feed: seq > ? ORDER BY seq.
CREATE INDEX flux_configurations_feed ON flux_configurations (cluster_key, seq);

CREATE TABLE operations (
    id                       VARCHAR(256)  NOT NULL,
    cluster_key              VARCHAR(2048) COLLATE "C" NOT NULL,
    name_key                 VARCHAR(512)  COLLATE "C" NOT NULL,
    resource_id              VARCHAR(4096) NOT NULL,
    kind                     VARCHAR(32)   NOT NULL,
    generation               BIGINT        NOT NULL,
    status                   VARCHAR(32)   NOT NULL,
    start_time               TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    end_time                 TIMESTAMP(6) WITH TIME ZONE,
    deadline                 TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    wait_for_reconciliation  BOOLEAN       NOT NULL,
    error_code               VARCHAR(256),
    error_message            TEXT,
    CONSTRAINT operations_pk PRIMARY KEY (id)
);

-- Running operations past their deadline: status IN (running states) AND deadline <= ?.
CREATE INDEX operations_running_deadline ON operations (status, deadline);

-- Retention: end_time < ? (running operations have no end time).
CREATE INDEX operations_end_time ON operations (end_time);

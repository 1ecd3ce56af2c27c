-- fluxrp schema, H2 2.x. Instants are TIMESTAMP(6) WITH TIME ZONE written in UTC (microseconds,
-- the store truncates finer values). JSON is unbounded CHARACTER VARYING (kept in the row, unlike a
-- CLOB). Keys are the lower-cased ARM ids and names; ARM ids can be about 1,500 characters long.

-- The global change sequence: every desired-state change of a configuration takes the next value.
CREATE SEQUENCE change_seq START WITH 1 INCREMENT BY 1 NO CYCLE;

CREATE TABLE clusters (
    cluster_key     CHARACTER VARYING(2048) NOT NULL,
    cluster_id      CHARACTER VARYING(2048) NOT NULL,
    kind            CHARACTER VARYING(32)   NOT NULL,
    registered_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_report_at  TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT clusters_pk PRIMARY KEY (cluster_key)
);

CREATE INDEX clusters_by_kind ON clusters (kind, cluster_key);

CREATE TABLE flux_configurations (
    cluster_key           CHARACTER VARYING(2048) NOT NULL,
    name_key              CHARACTER VARYING(512)  NOT NULL,
    resource_id           CHARACTER VARYING(4096) NOT NULL,
    name                  CHARACTER VARYING(512)  NOT NULL,
    seq                   BIGINT                  NOT NULL,
    generation            BIGINT                  NOT NULL,
    lifecycle             CHARACTER VARYING(32)   NOT NULL,
    desired_json          CHARACTER VARYING       NOT NULL,
    secrets_json          CHARACTER VARYING,
    provisioning_state    CHARACTER VARYING(32)   NOT NULL,
    error_message         CHARACTER VARYING,
    current_operation_id  CHARACTER VARYING(256),
    reported_json         CHARACTER VARYING,
    system_data_json      CHARACTER VARYING,
    -- LIST pages in this order with a keyset cursor (name_key > ?).
    CONSTRAINT flux_configurations_pk PRIMARY KEY (cluster_key, name_key),
    CONSTRAINT flux_configurations_seq_unique UNIQUE (seq)
);

-- A cluster's change feed: seq > ? ORDER BY seq.
CREATE INDEX flux_configurations_feed ON flux_configurations (cluster_key, seq);

CREATE TABLE operations (
    id                       CHARACTER VARYING(256)  NOT NULL,
    cluster_key              CHARACTER VARYING(2048) NOT NULL,
    name_key                 CHARACTER VARYING(512)  NOT NULL,
    resource_id              CHARACTER VARYING(4096) NOT NULL,
    kind                     CHARACTER VARYING(32)   NOT NULL,
    generation               BIGINT                  NOT NULL,
    status                   CHARACTER VARYING(32)   NOT NULL,
    start_time               TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    end_time                 TIMESTAMP(6) WITH TIME ZONE,
    deadline                 TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    wait_for_reconciliation  BOOLEAN                 NOT NULL,
    error_code               CHARACTER VARYING(256),
    error_message            CHARACTER VARYING,
    CONSTRAINT operations_pk PRIMARY KEY (id)
);

-- Running operations past their deadline: status IN (running states) AND deadline <= ?.
CREATE INDEX operations_running_deadline ON operations (status, deadline);

-- Retention: end_time < ? (running operations have no end time).
CREATE INDEX operations_end_time ON operations (end_time);

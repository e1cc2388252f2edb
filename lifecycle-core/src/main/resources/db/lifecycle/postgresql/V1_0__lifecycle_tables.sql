-- Data Lifecycle for CRM: the library's own tables (version 1.0).
-- Run by LifecycleSchema.install(...), or point Flyway at classpath:db/lifecycle/<database>.
-- Ids of host records are kept as text, so one table serves every id type (Long, Integer, UUID, String).

-- One row per deletion: in the bin, restored, or purged (then a tombstone: label erased, counts kept).
CREATE TABLE lc_deletion (
    id          VARCHAR(36)  NOT NULL,
    tenant_id   VARCHAR(100),
    actor_id    VARCHAR(100) NOT NULL,
    reason      VARCHAR(500),
    root_type   VARCHAR(200) NOT NULL,
    label       VARCHAR(500),
    state       VARCHAR(10)  NOT NULL,
    fingerprint VARCHAR(64),
    deleted_at  TIMESTAMP    NOT NULL,
    expires_at  TIMESTAMP    NOT NULL,
    restored_at TIMESTAMP,
    purged_at   TIMESTAMP,
    CONSTRAINT lc_deletion_pk PRIMARY KEY (id)
);
-- The bin as a tenant lists it (keyset paging by deleted_at, id), and what purge picks up.
CREATE INDEX lc_deletion_bin ON lc_deletion (tenant_id, state, deleted_at, id);
CREATE INDEX lc_deletion_expiry ON lc_deletion (state, expires_at);

-- The records a deletion was asked for (one, or several for a batch).
CREATE TABLE lc_deletion_root (
    deletion_id VARCHAR(36)  NOT NULL,
    entity_type VARCHAR(200) NOT NULL,
    record_id   VARCHAR(100) NOT NULL,
    CONSTRAINT lc_deletion_root_pk PRIMARY KEY (deletion_id, entity_type, record_id),
    CONSTRAINT lc_deletion_root_deletion FOREIGN KEY (deletion_id) REFERENCES lc_deletion (id)
);

-- How many records of each type a deletion took; kept after purge.
CREATE TABLE lc_deletion_count (
    deletion_id VARCHAR(36)  NOT NULL,
    entity_type VARCHAR(200) NOT NULL,
    records     BIGINT       NOT NULL,
    CONSTRAINT lc_deletion_count_pk PRIMARY KEY (deletion_id, entity_type),
    CONSTRAINT lc_deletion_count_deletion FOREIGN KEY (deletion_id) REFERENCES lc_deletion (id)
);

-- References a deletion cleared (DETACH), with their old values, so a restore can re-link them.
CREATE TABLE lc_detached_link (
    deletion_id VARCHAR(36)  NOT NULL,
    dependency  VARCHAR(200) NOT NULL,
    record_id   VARCHAR(100) NOT NULL,
    old_value   VARCHAR(100) NOT NULL,
    CONSTRAINT lc_detached_link_pk PRIMARY KEY (deletion_id, dependency, record_id, old_value),
    CONSTRAINT lc_detached_link_deletion FOREIGN KEY (deletion_id) REFERENCES lc_deletion (id)
);

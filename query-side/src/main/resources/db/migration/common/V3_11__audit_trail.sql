-- The auditors' history (AuditTrail): every event with who, when, what changed (before → after) and its document.
-- Kept by a processor of its own, which reads the whole store from the beginning when it first starts.
create table q_audit (
    event_id        varchar(255)  not null primary key,
    global_index    bigint        not null,
    occurred_at     timestamp with time zone not null,
    event_type      varchar(100)  not null,
    aggregate_id    varchar(255),
    commune_id      varchar(64),
    year            integer,
    subject         varchar(255)  not null,
    role            varchar(16)   not null,
    unit            varchar(64)   not null,
    indicator_code  varchar(16),
    value_before    varchar(1000),
    value_after     varchar(1000),
    document_number varchar(100)
);
create index ix_q_audit_order on q_audit (global_index);
create index ix_q_audit_assessment on q_audit (commune_id, year);
create index ix_q_audit_subject on q_audit (subject);
create index ix_q_audit_unit on q_audit (unit);

-- the values as the trail last saw them, for the next change's "before"
create table q_audit_value (
    assessment_id  varchar(96) not null,
    indicator_code varchar(16) not null,
    kind           varchar(16) not null,
    value          varchar(1000) not null,
    primary key (assessment_id, indicator_code, kind)
);

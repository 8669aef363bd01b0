-- The store's verification as a job (issue 25): it walks every event, which on a national log takes minutes, so it
-- runs in the background and every node answers where it stands. A job whose node stopped shows as interrupted
-- (its heartbeat, updated_at, stops).
create table integrity_verification (
    id             varchar(36)              not null primary key,
    requested_by   varchar(255)             not null,
    state          varchar(16)              not null,
    events_checked bigint                   not null,
    events_total   bigint                   not null,
    started_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    finished_at    timestamp with time zone,
    report         text,
    failure        varchar(1000)
);

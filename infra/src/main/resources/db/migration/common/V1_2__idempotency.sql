-- Idempotency-Key of each command, recorded in the transaction that appended the command's events.
create table idempotency_key (
    actor_subject       varchar(255)  not null,
    idempotency_key     varchar(255)  not null,
    command_name        varchar(255)  not null,
    request_fingerprint varchar(128)  not null,
    result_type         varchar(255),
    result_json         varchar(4000),
    recorded_at         timestamp     not null,
    primary key (actor_subject, idempotency_key)
);

-- A framework's amendment asks every assessment under it whether its verdict still holds (VerdictReviews): the
-- questions are queued here in the transaction that reads the amendment, and asked one at a time, each in a unit of
-- work of its own; a restart carries on with those not yet asked; the province reads the progress.
create table cmd_verdict_review (
    amendment_id    varchar(255)  not null,
    assessment_id   varchar(96)   not null,
    framework_id    varchar(64)   not null,
    decision_number varchar(100)  not null,
    decision_date   date,
    decision_title  varchar(500)  not null,
    subject         varchar(255)  not null,
    role            varchar(16)   not null,
    unit            varchar(64)   not null,
    acted_at        timestamp with time zone not null,
    queued_at       timestamp with time zone not null,
    attempts        integer       not null default 0,
    done_at         timestamp with time zone,
    failure         varchar(2000),
    primary key (amendment_id, assessment_id)
);
create index ix_cmd_verdict_review_framework on cmd_verdict_review (framework_id);

-- Integrity (issue 10): each event's hash, chained to the previous event of its stream (EventHash), written by the
-- append statement (ChainedAppend); events stored before this column existed get theirs at the next start
-- (IntegrityBackfill). Signed checkpoints of the whole log (Checkpoints).
alter table domainevententry add column eventHash varchar(64);

create table integrity_checkpoint (
    tree_size         bigint       not null primary key,
    last_global_index bigint       not null,
    root              varchar(64)  not null,
    sealed_at         varchar(40)  not null,
    signature         varchar(200) not null
);

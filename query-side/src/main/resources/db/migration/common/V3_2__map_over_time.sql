-- The map over time on the read side: a unit's name and parent by period, and its lineage.
create table q_unit_version (
    unit_id    varchar(64)  not null,
    valid_from date         not null,
    valid_to   date,
    name       varchar(255) not null,
    parent_id  varchar(64),
    primary key (unit_id, valid_from)
);
create index ix_q_unit_version_parent on q_unit_version (parent_id);

create table q_lineage (
    predecessor_id varchar(64)  not null,
    successor_id   varchar(64)  not null,
    share          varchar(16)  not null,
    effective_date date         not null,
    basis          varchar(4000),
    primary key (predecessor_id, successor_id)
);
create index ix_q_lineage_successor on q_lineage (successor_id);

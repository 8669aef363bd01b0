-- The map over time on the command side: lineage (to check a transfer goes to a successor) and the designated
-- appraisers of communes with no district above them.
create table cmd_lineage (
    predecessor_id varchar(64) not null,
    successor_id   varchar(64) not null,
    share          varchar(16) not null,
    primary key (predecessor_id, successor_id)
);

create table cmd_appraiser (
    appraiser_id   varchar(64) not null,
    effective_from date        not null,
    primary key (appraiser_id, effective_from)
);

alter table cmd_assessment add column commune_id varchar(64);

-- Lookups the command side validates against (set-based rules the aggregates cannot see on their own).
-- Kept by a subscribing processor, in the transaction that appends the events they are built from.
create table cmd_unit (
    unit_id        varchar(64)  not null primary key,
    code           varchar(16)  not null,
    name           varchar(255) not null,
    level          varchar(16)  not null,
    parent_id      varchar(64),
    effective_from date         not null,
    effective_to   date
);
create index ix_cmd_unit_code on cmd_unit (code);

create table cmd_framework (
    framework_id varchar(64)    not null primary key,
    year         integer        not null,
    definition   varchar(200000) not null
);

-- which assessment a commune code and year name in a request
create table cmd_assessment (
    assessment_id varchar(96) not null primary key,
    commune_code  varchar(16) not null,
    year          integer     not null
);
create index ix_cmd_assessment_code_year on cmd_assessment (commune_code, year);

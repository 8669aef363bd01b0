-- The commune officer's workspace (ReportingProjection): each year's framework and reporting period, extensions for
-- single communes, each assessment's latest return with its reasons and the commune's answers, its comments.
create table q_reporting_year (
    year                    integer      not null primary key,
    framework_id            varchar(64)  not null,
    framework_decision      varchar(100),
    framework_decision_date date,
    opens_on                date,
    closes_on               date,
    closed_on               date,
    period_decision         varchar(100),
    period_decision_date    date,
    closing_decision        varchar(100)
);

create table q_reporting_extension (
    year         integer       not null,
    commune_id   varchar(64)   not null,
    commune_code varchar(16)   not null,
    until        date          not null,
    reason       varchar(2000) not null,
    decision     varchar(100),
    primary key (year, commune_id)
);

create table q_return (
    assessment_id   varchar(96)   not null primary key,
    returned_at     timestamp with time zone not null,
    reason          varchar(2000) not null,
    document_number varchar(100),
    document_date   date
);

-- indicator_code '' is the general reason
create table q_return_reason (
    assessment_id  varchar(96)   not null,
    indicator_code varchar(16)   not null,
    position       integer       not null,
    reason         varchar(2000) not null,
    answer         varchar(2000),
    answered_at    timestamp with time zone,
    primary key (assessment_id, indicator_code)
);

-- the commune's comment on each indicator, as it stands
create table q_indicator_comment (
    assessment_id  varchar(96)   not null,
    indicator_code varchar(16)   not null,
    comment        varchar(2000) not null,
    commented_at   timestamp with time zone not null,
    subject        varchar(255)  not null,
    primary key (assessment_id, indicator_code)
);

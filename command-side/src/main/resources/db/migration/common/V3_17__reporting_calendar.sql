-- What the province decided about each year's reporting (ReportingCalendarLookup): the framework, the period, and
-- the communes given more time. Written in the transaction of the events; rebuilt with the other command lookups.
create table cmd_reporting_year (
    year            integer      not null primary key,
    framework_id    varchar(64)  not null,
    opens_on        date,
    closes_on       date,
    closed_on       date,
    decision_number varchar(100)
);

create table cmd_reporting_extension (
    year       integer     not null,
    commune_id varchar(64) not null,
    until      date        not null,
    primary key (year, commune_id)
);

-- Each amendment of a framework's points with its decision's date: the dashboards "in force on" a date score with
-- the points in force that day (the amendments decided later undone). Stores projected before this version have no
-- rows here until the read models are rebuilt (POST /api/read-models/rebuild).
create table q_framework_amendment (
    framework_id    varchar(64)   not null,
    sequence        integer       not null,
    decided_on      date          not null,
    indicator_code  varchar(32)   not null,
    previous_points numeric(10,2),
    new_points      numeric(10,2),
    primary key (framework_id, sequence, indicator_code)
);

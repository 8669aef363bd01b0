-- The appraisal council of an assessment (issue 27): its lead and each member's pillars, as the appraising unit last
-- assigned them. The appraisal page shows who appraises what.
create table q_appraisal_council (
    assessment_id varchar(96)   not null primary key,
    lead          varchar(255)  not null,
    members       varchar(30000) not null,
    assigned_at   timestamp with time zone not null
);

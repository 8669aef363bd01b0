-- The appraiser's queue (issue 27): each assessment with its appraiser, its stage, when it was submitted and when it
-- was last appraised (concluded or returned). What the commune changed since then is read from the card's timeline.
create table q_appraisal_queue (
    assessment_id     varchar(96)  not null primary key,
    commune_id        varchar(64)  not null,
    commune_code      varchar(16)  not null,
    year              integer      not null,
    appraiser_id      varchar(64),
    stage             varchar(32)  not null,
    submitted_at      timestamp with time zone,
    last_appraisal_at timestamp with time zone
);
create index ix_q_appraisal_queue_appraiser on q_appraisal_queue (appraiser_id, stage);


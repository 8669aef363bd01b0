-- The province's steps after a pass (issue 27): the department's review and inspection, the proposal (tờ trình) each
-- commune is listed in, and the decision on it. The chairman's page lists the proposals waiting for a decision.
alter table q_appraisal_queue add column reviewed_at timestamp with time zone;
alter table q_appraisal_queue add column inspected_on date;
alter table q_appraisal_queue add column proposal_number varchar(100);
alter table q_appraisal_queue add column proposal_date date;
alter table q_appraisal_queue add column decision_number varchar(100);
create index ix_q_appraisal_queue_stage on q_appraisal_queue (year, stage);

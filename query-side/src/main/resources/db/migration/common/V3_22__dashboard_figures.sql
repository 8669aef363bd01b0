-- What the dashboards show of each assessment, kept by the card's projection when it scores (issue 26, item 2), so
-- that no request scores and none reads a commune's values one by one: the pillars of the self-assessment (JSON:
-- code, met, indicators, points, maxPoints), the indicators it meets (JSON array of codes), and, for a framework
-- whose points were amended, the same figures under each earlier version of its points (JSON; null otherwise).
-- The versions of the rows (q_assessment_known) keep them too. Rows projected before this version have none: the
-- dashboards score those from their values until the read models are rebuilt (CommuneResults).
alter table q_assessment add column pillars varchar(20000);
alter table q_assessment add column met_indicators varchar(20000);
alter table q_assessment add column earlier_scores varchar(200000);
alter table q_assessment_known add column pillars varchar(20000);
alter table q_assessment_known add column met_indicators varchar(20000);
alter table q_assessment_known add column earlier_scores varchar(200000);
-- the amendment's event, so that the reference data and the card apply it once whichever handles it first
alter table q_framework_amendment add column event_id varchar(64);

-- A score's cause as facts (issue 26): the event that scored and its document's number, phrased by the pages in the
-- reader's language; rows written before keep their Vietnamese cause and no facts.
alter table q_score_history add column event_type varchar(64);
alter table q_score_history add column document_number varchar(255);
alter table q_score_history alter column cause drop not null;

-- The timeline holds what happened, not a sentence (issue 26): the event's facts as JSON (an indicator, a value, a
-- document's number, a reason; each free text cut to 1 000 characters), phrased by the pages in the reader's
-- language. Rows written before keep their Vietnamese summary and no facts.
alter table q_timeline add column facts varchar(200000);
alter table q_timeline alter column summary drop not null;

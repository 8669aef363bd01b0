-- The read side holds anything the write side accepts (events/common/Limits): a request body is at most 256 KiB, so
-- no text derived from one — even re-serialised with every quote escaped — passes 1,000,000 characters. Names are
-- titles (500). Same statements on PostgreSQL and H2.
alter table q_unit alter column name set data type varchar(500);
alter table q_unit_version alter column name set data type varchar(500);
alter table q_framework alter column title set data type varchar(1000);
alter table q_framework alter column definition set data type varchar(1000000);
alter table q_indicator alter column evidence set data type varchar(1000000);
alter table q_indicator alter column appraisal_note set data type varchar(4000);
alter table q_score_history alter column cause set data type varchar(1000);

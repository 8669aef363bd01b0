-- Which assessments a framework's amendment concerns (VerdictReviews). The lookups are derived from the events:
-- emptied here, they are rebuilt from the event store at the next start (CommandLookupsRebuild), this time with the
-- framework of every assessment.
alter table cmd_assessment add column framework_id varchar(64);
create index ix_cmd_assessment_framework on cmd_assessment (framework_id);
delete from cmd_assessment;
delete from cmd_lineage;
delete from cmd_appraiser;
delete from cmd_unit_parent;
delete from cmd_framework;
delete from cmd_unit;

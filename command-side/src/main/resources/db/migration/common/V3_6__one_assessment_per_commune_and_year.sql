-- One commune, one assessment a year — its own or one transferred to it — enforced where both meet: the lookup row
-- written in the transaction that appends the registration or the transfer. Rows from before V2_2 have no commune_id:
-- it is the unit in the assessment's own id ("14923@2020-01-01/2022" → "14923@2020-01-01"); they were never transferred.
-- (Numbered after the read side's migrations: Flyway refuses a version lower than one a store has already applied.)
update cmd_assessment set commune_id = substring(assessment_id from 1 for position('/' in assessment_id) - 1)
where commune_id is null;
alter table cmd_assessment alter column commune_id set not null;
create unique index ux_cmd_assessment_commune_year on cmd_assessment (commune_id, year);

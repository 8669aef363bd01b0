-- A unit's parent by period on the command side, as the read side keeps it (q_unit_version): a move recorded today
-- for 2027 changes who appraises from 2027, not from today.
-- The lookups are derived from the events: emptied here, they are rebuilt from the event store at the next start
-- (CommandLookupsRebuild), this time with the dates of every move.
-- (Numbered after the read side's migrations: Flyway refuses a version lower than one a store has already applied.)
create table cmd_unit_parent (
    unit_id    varchar(64) not null,
    valid_from date        not null,
    parent_id  varchar(64),
    primary key (unit_id, valid_from)
);
delete from cmd_assessment;
delete from cmd_lineage;
delete from cmd_appraiser;
delete from cmd_framework;
delete from cmd_unit;

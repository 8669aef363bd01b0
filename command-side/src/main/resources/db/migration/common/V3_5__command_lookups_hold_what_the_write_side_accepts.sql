-- (Numbered after the read side's migrations: Flyway refuses a version lower than one a store has already applied.)
-- The command-side lookups hold anything the write side accepts (events/common/Limits): names are titles (500), and
-- a framework's definition comes from a request of at most 256 KiB.
alter table cmd_unit alter column name set data type varchar(500);
alter table cmd_framework alter column definition set data type varchar(1000000);

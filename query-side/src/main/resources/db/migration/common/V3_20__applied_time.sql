-- "As known at" counts what the read models had applied by then, not what the events' stamps say (issue 25: a
-- district's average was shown as 814,6 at an instant and answered 822,1 as known at it, from events stamped 30-120 ms
-- before it and applied after). When the dashboards' processor applied each event is kept here for good: it is not a
-- read model (no q_ prefix), so a rebuild keeps it, and with it the times the pages changed.
create table read_model_applied (
    event_id   varchar(255)             not null primary key,
    applied_at timestamp with time zone not null
);

-- an indicator's version names its event too: its known_from follows the event's applied time
alter table q_indicator_known add column event_id varchar(255);
create index ix_q_indicator_known_event on q_indicator_known (event_id);

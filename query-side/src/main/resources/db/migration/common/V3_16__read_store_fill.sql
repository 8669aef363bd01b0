-- A read store filled at start by the rebuild's fold (ReadModelRebuild.fillAtStart): the row says a fill has begun and
-- not finished (the platform stopped in the middle), so the next start empties the read tables and fills them again.
create table q_read_store_fill (
    started_at timestamp with time zone not null
);

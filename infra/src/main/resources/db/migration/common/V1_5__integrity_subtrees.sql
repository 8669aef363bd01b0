-- Integrity (issue 25): the hashes of the complete subtrees of 1024 events and more, stored as they are sealed, so
-- that a proof reads what was sealed in bounded memory (SealedTree) instead of every leaf of the log. A block (1024
-- events, height 10) also names the global indices of its first and last event, where a proof reads its leaves.
create table integrity_subtree (
    subtree_height     integer     not null,
    subtree_index      bigint      not null,
    hash               varchar(64) not null,
    first_global_index bigint,
    last_global_index  bigint      not null,
    primary key (subtree_height, subtree_index)
);

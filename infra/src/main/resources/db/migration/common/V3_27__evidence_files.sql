-- Evidence files (issue 28), kept once by the SHA-256 of their content, in pieces of 1 MiB. Never deleted: a
-- replacement is another file, and what was shown stays provable.
create table evidence_file (
    sha256     varchar(64)  not null primary key,
    size       bigint       not null,
    media_type varchar(100) not null,
    kept_at    timestamp with time zone not null
);
create table evidence_piece (
    sha256   varchar(64) not null,
    position integer     not null,
    bytes    bytea       not null,
    primary key (sha256, position)
);

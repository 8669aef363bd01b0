-- Axon's sequenced dead-letter queue (JdbcSequencedDeadLetterQueue with DeadLetterSchema.defaultSchema()): events the
-- 'dashboards' projections could not apply, and the later events of the same stream waiting behind them. Column
-- names are the camelCase ones Axon's statements use, unquoted as there, so PostgreSQL folds both to lower case.
-- Axon writes the times as ISO-8601 text and the serialized payload, metadata, token and diagnostics as bytes
-- (JSON, with the Jackson serializer); bytea is PostgreSQL's binary type and an alias of varbinary in H2.
create table deadletterentry (
    deadLetterIdentifier varchar(255)  not null,
    processingGroup      varchar(255)  not null,
    sequenceIdentifier   varchar(255)  not null,
    sequenceIndex        bigint        not null,
    messageType          varchar(255)  not null,
    eventIdentifier      varchar(255)  not null,
    timestamp            varchar(255)  not null,
    payloadType          varchar(255)  not null,
    payloadRevision      varchar(255),
    payload              bytea         not null,
    metaData             bytea,
    type                 varchar(255),
    aggregateIdentifier  varchar(255),
    sequenceNumber       bigint,
    tokenType            varchar(255),
    token                bytea,
    enqueuedAt           varchar(255)  not null,
    lastTouched          varchar(255),
    processingStarted    varchar(255),
    causeType            varchar(255),
    -- Axon truncates the cause's message to 1,023 characters
    causeMessage         varchar(1023),
    diagnostics          bytea,
    constraint pk_deadletterentry primary key (deadLetterIdentifier),
    -- one position per letter in its sequence: the order in which the letters are retried
    constraint uk_deadletterentry_sequence unique (processingGroup, sequenceIdentifier, sequenceIndex)
);

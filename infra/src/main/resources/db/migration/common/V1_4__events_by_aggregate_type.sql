-- The card as known at an instant (KnownAt) reads the reference data's events — every stream that is not a commune's
-- assessment — beside one assessment's: by aggregate type, without walking the whole store.
create index ix_domainevententry_type on domainevententry (type);

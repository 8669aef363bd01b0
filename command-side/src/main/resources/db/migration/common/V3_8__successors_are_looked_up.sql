-- Every command now asks which predecessors the acting unit stepped in for (Succession): by successor.
create index ix_cmd_lineage_successor on cmd_lineage (successor_id);

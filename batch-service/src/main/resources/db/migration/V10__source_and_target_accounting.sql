-- Row accounting as Spring Batch counts (issue 14), from mapping-service's RunResult version 3: per
-- source table read = written + skipped + failed (source_counts), per destination table what the merge
-- did (target_counts). table_counts stays for runs finished before; the new columns are NULL there.
alter table run add column source_counts jsonb;
alter table run add column target_counts jsonb;

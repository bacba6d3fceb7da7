-- Every row read is accounted for (issue 13): the merge's unchanged rows, the counts per source table
-- (read = inserted + updated + unchanged + skipped + failed) and the skipped rows by table and reason,
-- from mapping-service's RunResult (version 2). NULL for runs finished before.
alter table run add column rows_unchanged bigint;
alter table run add column table_counts jsonb;
alter table run add column skipped_rows jsonb;

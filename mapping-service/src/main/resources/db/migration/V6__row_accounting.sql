-- Every row read is accounted for, per source table (issue 13): a chunk's counts per source table
-- (read, staged, skipped, failed, rows no table mapping reads with a few sample keys), and the run's
-- account once finished (read = inserted + updated + unchanged + skipped + failed per table) with the
-- skipped rows by table and reason. NULL for chunks and runs staged before this migration.
alter table run_chunk add column tables jsonb;
alter table mapping_run add column tables jsonb;
alter table mapping_run add column skipped_rows jsonb;

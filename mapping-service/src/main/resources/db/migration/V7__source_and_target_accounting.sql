-- Row accounting as Spring Batch counts (issue 14): per source row one outcome, written, skipped or
-- failed (read = written + skipped + failed, per source table in sources), and per destination table
-- what the merge did (received = inserted + updated + unchanged + skipped, in targets). A job writing
-- several tables from one row made the old per-source-table figures (tables) add up to more than read.
-- tables stays for runs finished before; written, sources and targets are NULL there.
alter table mapping_run add column written bigint;
alter table mapping_run add column sources jsonb;
alter table mapping_run add column targets jsonb;
-- Row errors per table mapping in a chunk, for the destination tables' failed figures.
alter table run_chunk_mapping add column failed bigint not null default 0;

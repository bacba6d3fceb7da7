-- A destination table's figures count the rows its table mappings left out before the merge too
-- (conditionals, null handling: skipped), so received = inserted + updated + unchanged + skipped holds
-- with every row a mapping of the table was given. Per table mapping in a chunk: the rows it skipped that
-- no other mapping of the same destination table staged or failed (opposite conditionals count once).
alter table run_chunk_mapping add column skipped bigint not null default 0;

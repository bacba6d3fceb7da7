-- Execution of runs: chunks are staged per run in unlogged tables mapping.stage_<stage_id>_<commerce table>
-- (created by the service on the run's first chunk with rows for that table, shaped like the commerce
-- table, dropped after the merge), then merged in one transaction when the run is sealed and complete.

-- A short number per run for the names of its staging tables (run ids are free text).
alter table mapping_run add column stage_id bigint generated always as identity;
alter table mapping_run add column row_count bigint;
-- The merge's figures, for the API and the logs (RunResult carries them too).
alter table mapping_run add column read bigint;
alter table mapping_run add column inserted bigint;
alter table mapping_run add column updated bigint;
alter table mapping_run add column unchanged bigint;
alter table mapping_run add column skipped bigint;
alter table mapping_run add column failed bigint;
alter table mapping_run add column removed bigint;
-- Why a chunk makes the run fail (a failing row of a mapping that does not skip failing rows).
alter table run_chunk add column fatal_message text;
create index mapping_run_staging on mapping_run (created_at) where status = 'STAGING';

-- The staging tables of a run, one per destination table.
create table run_stage_table (
    run_id       text not null references mapping_run (run_id) on delete cascade,
    destination  text not null,   -- commerce table name as the catalog reports it
    stage_table  text not null,   -- table name in the staging schema
    primary key (run_id, destination)
);

-- Per chunk and table mapping: rows staged and which destination columns they wrote. union_mask has a
-- bit per destination column written by any staged row of the chunk, common_mask by every one; a staged
-- row whose columns equal union_mask stores NULL in stage_written (the usual case: every row alike).
create table run_chunk_mapping (
    run_id        text not null,
    sequence      bigint not null,
    mapping_index integer not null,
    staged        bigint not null,
    kept          bigint not null,  -- failed rows staged for their key only (remove rows not in source)
    union_mask    bit varying not null,
    common_mask   bit varying not null,
    primary key (run_id, sequence, mapping_index),
    foreign key (run_id, sequence) references run_chunk (run_id, sequence) on delete cascade
);

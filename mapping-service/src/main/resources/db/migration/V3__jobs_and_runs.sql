-- mapping-service's own tables (schema `mapping`): saved job versions and the runs it executes.
-- Staging tables (mapping.stage_<commerce table>) are created by the service from the commerce
-- schema it reads at start (StagingTables), so they always match the commerce tables.

-- Every saved version of a job; the highest version is the current one. Shipped job files are
-- used until a version is saved over the API.
create table job (
    name        text not null,
    version     integer not null,
    definition  text not null,
    saved_at    timestamptz not null default now(),
    primary key (name, version)
);

-- A run as mapping-service sees it: created by its first chunk, sealed by RunSealed, then merged.
create table mapping_run (
    run_id       text primary key,
    job          text not null,
    status       text not null default 'STAGING',    -- STAGING, MERGED, FAILED
    sealed       boolean not null default false,
    chunk_count  bigint,
    full_import  boolean not null default false,
    message      text,
    created_at   timestamptz not null default now(),
    finished_at  timestamptz
);

-- One row per chunk staged: its counts and errors, so the run result can be summed at the merge.
create table run_chunk (
    run_id      text not null references mapping_run (run_id) on delete cascade,
    sequence    bigint not null,
    read        bigint not null,
    staged      bigint not null,
    skipped     bigint not null,
    failed      bigint not null,
    fatal       boolean not null default false,  -- a failing row of a mapping that does not skip failing rows
    touched     text not null default '',        -- per mapping index: the auto-mapped column ordinals seen
    errors      jsonb not null default '[]'::jsonb,
    staged_at   timestamptz not null default now(),
    primary key (run_id, sequence)
);

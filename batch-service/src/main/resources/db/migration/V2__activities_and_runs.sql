-- batch-service: activities (scheduled tasks), runs, their pages and errors.
-- Runs are claimed by workers with FOR UPDATE SKIP LOCKED and held through a heartbeat lease.

create table activity (
    id                     bigserial primary key,
    name                   text not null unique,
    description            text,
    -- IMPORT, IMPORT_WITH_PAGING, IMPORT_WITH_CUSTOM_REQUEST, EXPORT
    type                   text not null,
    -- the request document sent to the ERP (a GetEcomData for the IF v2 imports)
    request_xml            text,
    -- ERP connector endpoint; null = erplink.erp.url
    endpoint               text,
    -- mapping-service job that maps the rows (e.g. ifv2-import-products)
    mapping_job            text,
    -- ONCE, MINUTES, HOURLY, DAILY, WEEKLY, CRON
    schedule_interval      text not null default 'ONCE',
    schedule_every         integer not null default 1 check (schedule_every >= 1),
    cron                   text,
    begin_at               timestamptz,
    end_at                 timestamptz,
    enabled                boolean not null default false,
    -- true: full reimport (reimport="true"); false: only changes since the last successful run
    reimport               boolean not null default false,
    custom_modifier        text,
    page_size              integer,
    timeout_seconds        integer not null default 3600 check (timeout_seconds > 0),
    -- null: the service default (erplink.batch.archive.enabled)
    archive_responses      boolean,
    last_successful_run_at timestamptz,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now()
);

create table run (
    id                  uuid primary key,
    activity_id         bigint not null references activity (id) on delete cascade,
    activity_name       text not null,
    -- IMPORT, EXPORT, REPLAY
    kind                text not null,
    -- SCHEDULE, MANUAL, REPLAY
    trigger             text not null,
    -- the schedule's due time: (activity_id, due_time) is unique, so a due time fires once whatever the replica count
    due_time            timestamptz,
    replay_of           uuid,
    -- STARTING, STARTED, COMPLETED, FAILED, STOPPED, ABANDONED
    status              text not null,
    -- QUEUED, FETCHING, AWAITING_MERGE, DONE
    phase               text not null,
    request_xml         text,
    mapping_job         text,
    full_import         boolean not null default false,
    archive             boolean not null default false,
    batch_id            text,
    -- paging progress: the last page whose chunks Kafka acknowledged, and the next chunk sequence
    last_committed_page integer not null default 0,
    next_erp_page       integer,
    next_sequence       bigint not null default 0,
    pages_fetched       integer not null default 0,
    rows_read           bigint not null default 0,
    bytes_read          bigint not null default 0,
    total_count         bigint,
    rows_written        bigint not null default 0,
    rows_skipped        bigint not null default 0,
    rows_failed         bigint not null default 0,
    rows_inserted       bigint,
    rows_updated        bigint,
    rows_removed        bigint,
    chunks_reported     bigint not null default 0,
    attempt             integer not null default 0,
    lease_owner         text,
    lease_until         timestamptz,
    heartbeat_at        timestamptz,
    not_before          timestamptz not null default now(),
    deadline_at         timestamptz,
    waiting_since       timestamptz,
    exit_code           text,
    exit_message        text,
    created_at          timestamptz not null default now(),
    started_at          timestamptz,
    sealed_at           timestamptz,
    ended_at            timestamptz,
    last_updated        timestamptz not null default now(),
    constraint run_due_once unique (activity_id, due_time)
);
create index run_claimable on run (not_before) where status = 'STARTING';
create index run_leased on run (lease_until) where status = 'STARTED' and phase = 'FETCHING';
create index run_awaiting on run (deadline_at) where status = 'STARTED' and phase = 'AWAITING_MERGE';
create index run_by_activity on run (activity_id, created_at desc);

-- One row per committed page: its chunks were acknowledged by Kafka before the row was written.
create table run_page (
    run_id         uuid not null references run (id) on delete cascade,
    page_number    integer not null,
    erp_page       integer,
    sequence_from  bigint not null,
    chunk_count    integer not null,
    row_count      bigint not null,
    bytes          bigint not null,
    archive_path   text,
    fetch_millis   bigint not null,
    committed_at   timestamptz not null default now(),
    primary key (run_id, page_number)
);

-- What mapping-service reported per chunk; the key makes a redelivered result count once.
create table run_chunk_result (
    run_id   uuid not null references run (id) on delete cascade,
    sequence bigint not null,
    read     bigint not null,
    staged   bigint not null,
    skipped  bigint not null,
    failed   bigint not null,
    primary key (run_id, sequence)
);

create table run_error (
    id         bigserial primary key,
    run_id     uuid not null references run (id) on delete cascade,
    -- FETCH (ERP, parsing, publishing), LEASE, MAPPING (from mapping-service), EXPORT
    source     text not null,
    page       integer,
    row_number bigint,
    table_name text,
    row_key    text,
    message    text not null,
    created_at timestamptz not null default now()
);
create index run_error_by_run on run_error (run_id, id);

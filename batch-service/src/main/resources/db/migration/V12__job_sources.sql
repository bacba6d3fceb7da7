-- The current version of each mapping job as mapping-service last published it (JobSourcesChanged on
-- jobs.changed, the highest job version received): an activity created or pointed at a job through the API
-- takes it at once instead of keeping the columns it was given until the job is saved again.
create table job_source (
    job text primary key,
    job_version integer not null,
    event text not null,
    received_at timestamp with time zone not null default now()
);

-- What an eager merge (a first import written into the commerce tables as its chunks arrived) did,
-- written in the same transaction as those rows. The run's merge, a transaction of its own right after,
-- reads it when it finds the eager merge committed already (a crash or error between the two): the
-- rows are in, and the run reports them as inserted, not as unchanged. Deleted when the run is MERGED.
-- No foreign key to mapping_run: the merge holds that row FOR UPDATE while the eager transaction commits.
create table run_eager_outcome (
    run_id   text primary key,
    outcome  jsonb not null,
    created_at timestamptz not null default now()
);

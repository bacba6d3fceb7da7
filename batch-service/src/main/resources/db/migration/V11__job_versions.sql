-- Activities follow their mapping job: mapping-service publishes each saved version of an import job
-- (JobSourcesChanged on jobs.changed, its source columns and conditionals per source table), and
-- batch-service puts them into the odata source of every activity of that job. The version applied is
-- kept, so an older event never overwrites a newer one (null: as shipped or as set through the API).
alter table activity add column job_version integer;

-- The job version whose odata source the run planned its first request from (its plan log names it).
-- A run takes the activity's odata source and job version at its first claim, not at its creation, so a
-- run queued before a job edit was applied still asks for the job's current columns; once its first
-- request is planned (next_link) it keeps it, resumptions included.
alter table run add column job_version integer;

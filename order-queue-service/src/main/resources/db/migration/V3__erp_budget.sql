-- The ERP budget for queued orders, shared by every replica: a token bucket in one row. A replica
-- takes a token (row lock, refill by elapsed time, minus one) before each call to the ERP, so the
-- configured rate holds for the whole installation however many replicas drain.
create table erp_budget (
    name          text primary key,
    tokens        double precision not null,
    -- the bucket was refilled up to this time; a 429 moves it into the future (a pause)
    refreshed_at  timestamptz not null
);
insert into erp_budget (name, tokens, refreshed_at) values ('erp', 0, now());

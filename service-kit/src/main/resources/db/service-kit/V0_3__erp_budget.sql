-- service-kit: the ERP call budget per endpoint (ErpBudget), shared by every replica of every service
-- that calls the ERP. Unlike the kit's other tables it lives in a schema of its own, erplink_budget,
-- outside the services' schemas: live-, batch- and order-queue-service each run this script from
-- their own Flyway history (every service lists classpath:db/service-kit), so it must be idempotent
-- and safe when two services start at once. The advisory lock serialises the concurrent runs (DDL is
-- transactional in PostgreSQL: the second run sees the first one's tables and creates nothing).
-- A later change to these tables must be written the same way (if not exists, idempotent).
select pg_advisory_xact_lock(hashtext('erplink_budget'));

create schema if not exists erplink_budget;

-- One row per endpoint, locked (select ... for update) by every permit request: the serialisation point.
create table if not exists erplink_budget.endpoint_budget (
    endpoint     text primary key,
    -- a 429's Retry-After: no permits for anyone until then (the database's clock)
    paused_until timestamptz
);

-- One row per permit granted, for the sliding window: a request may go out when fewer than
-- permits-per-window rows are younger than the window. Rows older than the window are deleted.
create table if not exists erplink_budget.permit_grant (
    endpoint   text not null,
    granted_at timestamptz not null
);
create index if not exists permit_grant_window on erplink_budget.permit_grant (endpoint, granted_at);

-- One row per request in flight. The holder renews its leases while it lives; a killed holder's
-- leases expire (expires_at, the database's clock) and free their slots.
create table if not exists erplink_budget.lease (
    id         bigserial primary key,
    endpoint   text not null,
    holder     text not null,
    expires_at timestamptz not null
);
create index if not exists lease_endpoint on erplink_budget.lease (endpoint, expires_at);
create index if not exists lease_holder on erplink_budget.lease (holder);

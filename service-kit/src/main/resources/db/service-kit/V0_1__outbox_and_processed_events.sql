-- service-kit: the transactional outbox and the idempotent-consumer record, created in the
-- service's own schema (Flyway's default schema). Services add `classpath:db/service-kit` to
-- quarkus.flyway.locations; their own migrations start at V1.

-- Events written in the same transaction as the change that caused them; OutboxRelay sends them
-- to Kafka in (created_at, seq) order and stamps published_at once Kafka acknowledged them.
create table outbox_event (
    id           uuid primary key,
    seq          bigserial not null,
    topic        text not null,
    event_key    text,
    event_type   text not null,
    payload      jsonb not null,
    created_at   timestamptz not null default clock_timestamp(),
    published_at timestamptz
);
-- The relay only ever looks at unpublished events.
create index outbox_event_unpublished on outbox_event (created_at, seq) where published_at is null;

-- Event ids a consumer has applied, recorded in the same transaction as the effect, so a
-- redelivered event changes nothing.
create table processed_event (
    event_id     text not null,
    consumer     text not null,
    processed_at timestamptz not null default now(),
    primary key (event_id, consumer)
);

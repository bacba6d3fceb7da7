-- service-kit: the W3C traceparent of the span that wrote an event (null with tracing off), which
-- the relay puts on the Kafka record, so a trace continues across the outbox.
alter table outbox_event add column trace_parent text;

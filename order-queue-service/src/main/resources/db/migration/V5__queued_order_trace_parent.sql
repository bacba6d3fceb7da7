-- order-queue-service: the W3C traceparent of the orders.queued delivery that queued the order
-- (null with tracing off), so its ERP create and orders.synced continue the order's trace.
alter table queued_order add column trace_parent text;

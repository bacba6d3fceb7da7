-- Orders placed through the storefront API. order_id is the shop's OrderID: the idempotency key.
create table placed_order (
    order_id          text primary key,
    customer_id       text,
    client_id         text,
    shop_id           text not null,
    payload_hash      text not null,
    status            text not null check (status in ('PLACING', 'CREATED', 'QUEUED', 'SYNCED', 'FAILED')),
    erp_order_number  text,
    currency          text,
    total_with_vat    numeric(28, 8),
    calculate_order_xml text not null,
    queue_reason      text,
    error             text,
    placed_at         timestamptz not null,
    updated_at        timestamptz not null
);

create index placed_order_placing on placed_order (placed_at) where status = 'PLACING';
create index placed_order_customer on placed_order (customer_id, placed_at);

-- the batched existence checks: due orders whose earlier create had an unknown outcome, longest due first
create index queued_order_unknown_due on queued_order (next_attempt_at, id) where status = 'QUEUED' and outcome_unknown;

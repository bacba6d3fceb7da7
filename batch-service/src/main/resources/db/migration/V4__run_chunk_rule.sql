-- How a run splits its pages into RecordChunks, fixed at its first claim. A page sent again (a retry, or a
-- resumption on another worker) must split into the same chunk sequences, or mapping-service's dedup by
-- (run, sequence) would drop or repeat rows; so a changed erplink.batch.chunk-size applies to new runs only.
alter table run add column chunk_rows integer;
alter table run add column chunk_bytes integer;

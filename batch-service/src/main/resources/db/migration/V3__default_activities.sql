-- One default activity per Integration Framework v2 batch feature (seed 003), with the standard
-- request and the mapping job mapping-service ships for it (jobs/if-v2/ifv2-import-*.yaml).
-- They are shipped disabled: an operator sets the endpoint and shop and enables them, so a fresh
-- installation never starts importing on its own.
insert into activity (name, description, type, request_xml, mapping_job, schedule_interval, schedule_every, reimport, timeout_seconds)
values
 ('import-currencies', 'Import Currencies (IF v2)', 'IMPORT_WITH_PAGING',
  '<GetEcomData><tables><Currencies type="all"/></tables></GetEcomData>', 'ifv2-import-currencies', 'DAILY', 1, true, 1800),
 ('import-languages', 'Import Languages (IF v2)', 'IMPORT_WITH_PAGING',
  '<GetEcomData><tables><Languages type="all"/></tables></GetEcomData>', 'ifv2-import-languages', 'DAILY', 1, true, 1800),
 ('import-units', 'Import Units (IF v2)', 'IMPORT_WITH_PAGING',
  '<GetEcomData><tables><Units type="all"/></tables></GetEcomData>', 'ifv2-import-units', 'DAILY', 1, true, 1800),
 ('import-manufacturers', 'Import Manufacturers (IF v2)', 'IMPORT_WITH_PAGING',
  '<GetEcomData><tables><Manufacturers type="all"/></tables></GetEcomData>', 'ifv2-import-manufacturers', 'DAILY', 1, false, 1800),
 ('import-customers', 'Import Customers (IF v2)', 'IMPORT_WITH_PAGING',
  '<GetEcomData><tables><Customers type="all"/></tables></GetEcomData>', 'ifv2-import-customers', 'HOURLY', 1, false, 3600),
 ('import-product-groups', 'Import Product Groups (IF v2)', 'IMPORT_WITH_PAGING',
  '<GetEcomData><tables><ProductGroups type="all"/></tables></GetEcomData>', 'ifv2-import-product-groups', 'DAILY', 1, false, 1800),
 ('import-products', 'Import Products (IF v2)', 'IMPORT_WITH_PAGING',
  '<GetEcomData><tables><Products type="all"/></tables></GetEcomData>', 'ifv2-import-products', 'HOURLY', 1, false, 7200),
 ('import-related-products', 'Import Related Products (IF v2)', 'IMPORT_WITH_PAGING',
  '<GetEcomData><tables><RelatedProducts type="all"/></tables></GetEcomData>', 'ifv2-import-related-products', 'DAILY', 1, false, 3600),
 ('import-prices', 'Import Prices (IF v2)', 'IMPORT_WITH_PAGING',
  '<GetEcomData><tables><ProductPrices type="all"/></tables></GetEcomData>', 'ifv2-import-prices', 'MINUTES', 15, false, 1800),
 ('import-stock', 'Import Product Stock (IF v2)', 'IMPORT_WITH_PAGING',
  '<GetEcomData><tables><ProductStock type="all"/></tables></GetEcomData>', 'ifv2-import-stock', 'MINUTES', 5, false, 900),
 ('import-orders', 'Import Orders (IF v2)', 'IMPORT_WITH_PAGING',
  '<GetEcomData><tables><SalesHeaders type="all"/></tables></GetEcomData>', 'ifv2-import-orders', 'HOURLY', 1, false, 3600),
 ('export-orders', 'Export Orders (IF v2): completed shop orders without an ERP order number, sent as CalculateOrder CreateOrder=True; the ERP order number is written back',
  'EXPORT', null, null, 'MINUTES', 5, false, 900);

-- OData v4 exports (Business Central): an export activity on an odata-v4 endpoint names its table mappings,
-- entity sets, key fields and response mappings (JSON: mappings, conflictRetries, transientRetries; ODataExport).
-- Read when a run is claimed.
alter table activity add column odata_export text;

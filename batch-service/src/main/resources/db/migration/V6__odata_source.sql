-- OData v4 sources (Business Central): an activity on an odata-v4 endpoint names its entity set and the
-- parts of its mapping job the server can apply; a run pages with @odata.nextLink, and each committed page
-- records the link to the next one, so a resumed run continues after the last committed page.

-- JSON: entitySet, table, apiPath, deltaField, overlapSeconds, pushdown, columns, conditions (ODataSource)
alter table activity add column odata_source text;
-- the largest delta-field value (e.g. SystemModifiedAt) the ERP returned in the last successful run, as sent
alter table activity add column odata_watermark text;

-- the activity's OData source as the run was created (a later edit does not change a running run)
alter table run add column odata_source text;
-- the watermark a delta run filters from (null: full import)
alter table run add column odata_since text;
-- the request for the page after the last committed one: the first page's URL, then each @odata.nextLink
alter table run add column next_link text;
-- the largest delta-field value over the committed pages
alter table run add column odata_max_delta text;

alter table run_page add column next_link text;
alter table run_page add column max_delta text;

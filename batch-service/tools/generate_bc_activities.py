#!/usr/bin/env python3
"""Writes the migration that ships seed 004's blueprint as batch-service activities.

Usage (from the repository root; needs PyYAML, Debian package python3-yaml):

    python3 batch-service/tools/generate_bc_activities.py > batch-service/src/main/resources/db/migration/V8__bc_blueprint_activities.sql

Every import and export job of mapping-service's jobs/bc-odata-v4 becomes one activity (an import
job reading two entity sets, bc-import-orders, becomes one activity per entity set), on endpoint
`bc`, disabled, in the blueprint's order (seed 004's "Activities and mappings" sections). An import's
`odata` source takes the entity set from the job's `source.entity` and `columns` (the mapped source
columns, in order, without repeats; none when a mapping auto-maps) and `conditions` (each table
mapping's conditionals) from its table mappings, so they are never copied by hand.
batch-service's BcBlueprintActivitiesTest reads the same job files and fails when the shipped
activities and the jobs disagree: after changing a job, run this again into a new migration that
updates the rows.
"""
import json, os, sys
import yaml

JOBS = os.path.join(os.path.dirname(__file__), '..', '..', 'mapping-service', 'src', 'main', 'resources',
                    'jobs', 'bc-odata-v4')
ENDPOINT = 'bc'

# seed 004, "Activities and mappings - imports", in the document's order; (interval, every, timeout)
IMPORTS = [
    ('bc-import-countries', 'DAILY', 1, 1800),
    ('bc-import-currencies', 'DAILY', 1, 1800),
    ('bc-import-salespersons-purchasers', 'DAILY', 1, 1800),
    ('bc-import-contacts', 'HOURLY', 1, 3600),
    ('bc-import-customers', 'HOURLY', 1, 3600),
    ('bc-import-contact-alt-addresses', 'HOURLY', 1, 3600),
    ('bc-import-ship-to-addresses', 'HOURLY', 1, 3600),
    ('bc-import-vendors', 'DAILY', 1, 1800),
    ('bc-import-locations', 'DAILY', 1, 1800),
    ('bc-import-item-categories', 'DAILY', 1, 1800),
    ('bc-import-items', 'HOURLY', 1, 7200),
    ('bc-import-item-variants-1-variant-groups', 'HOURLY', 1, 3600),
    ('bc-import-item-variants-2-variant-options', 'HOURLY', 1, 3600),
    ('bc-import-item-variants-3-variant-product-information', 'HOURLY', 1, 3600),
    ('bc-import-item-variants-4-variant-product-relations', 'HOURLY', 1, 3600),
    ('bc-import-units-of-measure', 'DAILY', 1, 1800),
    ('bc-import-item-units', 'DAILY', 1, 3600),
    ('bc-import-item-translations', 'DAILY', 1, 3600),
    ('bc-import-unit-of-measure-translations', 'DAILY', 1, 1800),
    ('bc-import-stock', 'MINUTES', 5, 900),
    ('bc-import-resources', 'DAILY', 1, 1800),
    ('bc-import-assembly-bom', 'DAILY', 1, 3600),
    ('bc-import-orders', 'HOURLY', 1, 3600),
    ('bc-import-prices-old-pricing-1-all-customers', 'MINUTES', 15, 1800),
    ('bc-import-prices-old-pricing-2-customer', 'MINUTES', 15, 1800),
    ('bc-import-prices-old-pricing-3-customer-price-group', 'MINUTES', 15, 1800),
    ('bc-import-discounts-old-pricing-1-all-customers', 'MINUTES', 15, 1800),
    ('bc-import-discounts-old-pricing-2-customer-discount-groups', 'MINUTES', 15, 1800),
    ('bc-import-discounts-old-pricing-3-customer', 'MINUTES', 15, 1800),
    ('bc-import-prices-and-discounts-new-pricing', 'MINUTES', 15, 1800),
]
# "Activities and mappings - exports", in the document's order
EXPORTS = [
    'bc-export-countries', 'bc-export-accessusers-employees', 'bc-export-accessusers-contacts',
    'bc-export-accessusers-customers', 'bc-export-user-addresses', 'bc-export-ship-to-addresses',
    'bc-export-vendors', 'bc-export-item-categories', 'bc-export-items', 'bc-export-item-variants',
    'bc-export-item-units-of-measure', 'bc-export-item-translations', 'bc-export-item-units',
    'bc-export-unit-of-measure-translations', 'bc-export-assembly-bom', 'bc-export-orders',
]
# the activity of the second entity set of a job that reads two
SECOND_SOURCES = {('bc-import-orders', 'DynamicwebSalesOrderSalesLines'): 'bc-import-order-lines'}
IMPORT_GROUP = 'Business Central OData v4 - imports'
EXPORT_GROUP = 'Business Central OData v4 - exports'


def load(name):
    with open(os.path.join(JOBS, name + '.yaml'), encoding='utf-8') as f:
        return yaml.safe_load(f)


def sources(job):
    """One odata source per entity set the job reads, in the order its table mappings name them."""
    by_table = {}
    for mapping in job['tableMappings']:
        table = mapping['sourceTable']
        source = by_table.setdefault(table, {'entitySet': table, 'columns': [], 'conditions': [], 'auto': False})
        source['auto'] |= bool(mapping.get('autoMap'))
        for column in mapping.get('columns', []):
            if column.get('source') and column['source'] not in source['columns']:
                source['columns'].append(column['source'])
        # anyOf groups are not pushed down (the filter only gets weaker), but their columns must travel
        for group in mapping.get('anyOf', []):
            for c in group:
                if c['column'] not in source['columns']:
                    source['columns'].append(c['column'])
        source['conditions'].append([{'column': c['column'], 'operator': c['operator'], 'value': str(c['value'])}
                                     for c in mapping.get('conditionals', [])])
    result = []
    for source in by_table.values():
        odata = {'entitySet': source['entitySet']}
        if not source['auto']:
            odata['columns'] = source['columns']
        odata['conditions'] = source['conditions']
        result.append(odata)
    return result


def sql(value):
    return 'null' if value is None else "'" + str(value).replace("'", "''") + "'"


def main():
    shipped = {f[:-5] for f in os.listdir(JOBS) if f.endswith('.yaml')}
    listed = {name for name, *_ in IMPORTS} | set(EXPORTS)
    if shipped != listed:
        sys.exit('jobs and this script disagree: not listed ' + str(sorted(shipped - listed))
                 + ', not shipped ' + str(sorted(listed - shipped)))
    rows = []
    position = 0
    for name, interval, every, timeout in IMPORTS:
        job = load(name)
        odatas = sources(job)
        for odata in odatas:
            position += 1
            activity = name if odata is odatas[0] else SECOND_SOURCES[(name, odata['entitySet'])]
            title = job['description'].split(': ', 1)[1].rsplit(' (seed 004).', 1)[0]
            if len(odatas) > 1:
                title += ' - ' + odata['entitySet']
            rows.append((activity, title + ' (BC OData v4)', 'IMPORT_WITH_PAGING', name, interval, every, timeout,
                         json.dumps(odata, separators=(',', ':'), ensure_ascii=False), IMPORT_GROUP, position))
    position = 0
    for name in EXPORTS:
        job = load(name)
        position += 1
        title = job['description'].split(': ', 1)[1].rsplit(' (seed 004).', 1)[0]
        rows.append((name, title + ' (BC OData v4) to ' + job['destination']['entity'], 'EXPORT', name, 'MINUTES', 15,
                     900, None, EXPORT_GROUP, position))
    out = sys.stdout
    out.write('-- Generated by batch-service/tools/generate_bc_activities.py from mapping-service\'s jobs/bc-odata-v4;\n'
              '-- BcBlueprintActivitiesTest fails when these rows and the jobs disagree. Seed 004\'s blueprint as\n'
              '-- activities on endpoint bc, disabled (an operator configures the endpoint and enables them), in the\n'
              '-- blueprint\'s order within two groups. An import\'s odata source holds its job\'s mapped source\n'
              '-- columns ($select) and conditionals ($filter where BC can apply them).\n')
    out.write('alter table activity add column activity_group text;\n')
    out.write('alter table activity add column group_position integer;\n\n')
    out.write('insert into activity (name, description, type, endpoint, mapping_job, schedule_interval, schedule_every,'
              ' reimport, timeout_seconds, odata_source, activity_group, group_position)\nvalues\n')
    out.write(',\n'.join(
        ' (%s, %s, %s, %s, %s, %s, %d, false, %d, %s, %s, %d)' % (
            sql(a), sql(d), sql(t), sql(ENDPOINT), sql(j), sql(i), e, to, sql(o), sql(g), p)
        for a, d, t, j, i, e, to, o, g, p in rows))
    out.write(';\n')


if __name__ == '__main__':
    main()

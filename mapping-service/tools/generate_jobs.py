#!/usr/bin/env python3
"""Writes the shipped job files of mapping-service.

Usage (from the repository root; needs PyYAML, Debian package python3-yaml):

    python3 mapping-service/tools/generate_jobs.py SEED_004

SEED_004 is the seed document "Business Central OData v4 blueprint", seeds/004_761b6ee5b42f3c7c.txt
of the project's shared source documents (not in this repository; on a project machine it is
/work/shared/seeds/004_761b6ee5b42f3c7c.txt, i.e. ../shared/seeds/004_761b6ee5b42f3c7c.txt from a
clone in /work/main). The script rewrites src/main/resources/jobs/ and its index.txt:

- jobs/bc-odata-v4/*.yaml: the Business Central OData v4 blueprint, one job per activity of the
  blueprint document (seed 004), every table mapping with its conditionals and scripts, parsed from
  the document's text.
- jobs/if-v2/*.yaml: the default jobs of the Integration Framework v2 import features (auto-mapping).

Key columns and options are chosen here per destination table (the document leaves them to the
destination provider's settings); everything else is the document's.
"""
import json, re, sys, os
import yaml

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'main', 'resources', 'jobs')

def parse_blueprint(path):
    txt = open(path, encoding='utf-8').read().splitlines()
    jobs = []; job = None; mode = None; cur = None; last_pair = None; state = None
    def new_job(title, direction):
        nonlocal job
        job = {'title': title, 'direction': direction, 'mappings': []}; jobs.append(job)
    for raw in txt:
        line = raw.strip()
        if not line: continue
        if line.startswith('Activities and mappings - exports'): mode = 'export'; continue
        if line.startswith('Activities and mappings - imports'): mode = 'import'; continue
        if mode is None: continue
        m = re.match(r'^(Import|Export) (.+)$', line)
        if m and len(line) < 90 and not line.endswith('.'):
            new_job(line, mode); state = None; continue
        m = re.match(r'^Activity (\d+) - (.+)$', line)
        if m:
            base = job['title'].split(' / ')[0]
            if job['mappings']: new_job(base + ' / ' + line, mode)
            else: job['title'] = base + ' / ' + line
            continue
        m = re.match(r'^Predefined mappings for (\S+) → (\S+)(?: \((.+)\))?$', line)
        if m:
            last_pair = (m.group(1), m.group(2))
            cur = {'source': m.group(1), 'destination': m.group(2), 'label': m.group(3), 'conditionals': [], 'columns': []}
            job['mappings'].append(cur); state = 'pre'; continue
        m = re.match(r'^Table (\d+) - (.+)$', line)
        if m and last_pair:
            if cur and not cur['columns'] and not cur['conditionals'] and cur.get('label') is None:
                cur['label'] = line
            else:
                cur = {'source': last_pair[0], 'destination': last_pair[1], 'label': line, 'conditionals': [], 'columns': []}
                job['mappings'].append(cur)
            state = 'pre'; continue
        if state is None: continue
        if line == 'Conditionals:': state = 'cond'; continue
        if state == 'cond':
            m = re.match(r"^•\s+(\S+) (EqualTo|DifferentFrom|GreatherThan|LessThan|Contains|NotContains|In|NotIn) (.+)$", line)
            if m:
                v = m.group(3).strip()
                if v.startswith("'") and v.endswith("'"): v = v[1:-1]
                cur['conditionals'].append({'column': m.group(1), 'operator': m.group(2), 'value': v}); continue
        hdr = line.split()
        if len(hdr) in (2, 3) and hdr[0] == cur['source'] and (len(hdr) == 2 or hdr[2] == 'Script'):
            state = 'cols'; continue
        if len(hdr) >= 2 and hdr[0] == cur['source'] and hdr[1] == 'DynamicwebSalesOrder':
            state = 'cols'; continue
        if state == 'cols':
            if line.startswith('To top') or line in ('Manual configuration', 'Description', 'Note', 'Important', 'Overall description'):
                state = None; continue
            m = re.match(r"^(\S+) (Constant)=(.*)$", line)
            if m:
                cur['columns'].append({'destination': m.group(1), 'script': 'Constant', 'value': m.group(3).strip().strip('’‘\'')}); continue
            m = re.match(r"^(\S+) (\S+)(?: (Prepend|Append)=(.*)| (Invert))?$", line)
            if m:
                col = {'source': m.group(1), 'destination': m.group(2)}
                if m.group(3): col['script'] = m.group(3); col['value'] = m.group(4).strip().strip('’‘\'')
                if m.group(5): col['script'] = 'Invert'
                cur['columns'].append(col); continue
            state = None
    return jobs

DISCOUNT_KEYS = ['DiscountProductsAndGroups', 'DiscountProductVariantId', 'DiscountAccessUserGroup', 'DiscountAccessUser',
                 'DiscountAccessUserCustomerNumber', 'DiscountCurrencyCode', 'DiscountProductQuantity', 'DiscountValidFrom',
                 'DiscountValidTo', 'DiscountDescription']

def keys_and_options(job_title, m):
    dest = m['destination']; mapped = [c['destination'] for c in m['columns']]
    label = (m.get('label') or '').lower()
    if dest == 'AccessUser': return ['AccessUserExternalId'], {}
    if dest == 'AccessUserGroup': return ['AccessGroupName'], {}
    if dest == 'AccessUserAddress':
        if 'AccessUserAddressExternalId' in mapped: return ['AccessUserAddressUserId', 'AccessUserAddressExternalId'], {}
        return ['AccessUserAddressUserId', 'AccessUserAddressCallName'], {}
    if dest == 'EcomDiscount': return [k for k in DISCOUNT_KEYS if k in mapped], {}
    if dest == 'EcomOrders' and 'fee' in label: return ['OrderIntegrationOrderId'], {'updateOnlyExisting': True}
    return None, {}

def slug(text):
    text = text.lower().replace('&', 'and')
    text = re.sub(r"\('old' price experience in business central\)", 'old-pricing', text)
    text = re.sub(r'\(new pricing experience\)', 'new-pricing', text)
    text = re.sub(r'activity (\d+) - ', r'\1-', text)
    return re.sub(r'[^a-z0-9]+', '-', text).strip('-')

def blueprint_jobs(path):
    files = {}
    for j in parse_blueprint(path):
        name = 'bc-' + slug(j['title'])
        mappings = []
        for m in j['mappings']:
            tm = {}
            if m.get('label'): tm['name'] = m['label']
            tm['sourceTable'] = m['source']; tm['destinationTable'] = m['destination']; tm['autoMap'] = False
            if m['conditionals']: tm['conditionals'] = m['conditionals']
            tm['columns'] = m['columns']
            if j['direction'] == 'import':
                keys, options = keys_and_options(j['title'], m)
                if keys: tm['keyColumns'] = keys
                if options: tm['options'] = options
            mappings.append(tm)
        entity = sorted({m['source'] if j['direction'] == 'import' else m['destination'] for m in j['mappings']})
        doc = {'name': name,
               'description': 'Business Central OData v4 blueprint: ' + j['title'] + ' (seed 004).',
               'direction': j['direction'],
               'source': {'provider': 'odata-v4', 'entity': ','.join(entity)} if j['direction'] == 'import' else {'provider': 'commerce'},
               'destination': {'provider': 'commerce'} if j['direction'] == 'import' else {'provider': 'odata-v4', 'entity': ','.join(entity)},
               'tableMappings': mappings}
        files['bc-odata-v4/' + name + '.yaml'] = doc
    return files

def auto(table, keys=None, **options):
    tm = {'sourceTable': table, 'destinationTable': table, 'autoMap': True}
    if keys: tm['keyColumns'] = keys
    if options: tm['options'] = options
    return tm

IFV2 = [
    ('currencies', 'Currencies', [auto('EcomCurrencies')]),
    ('languages', 'Languages', [auto('EcomLanguages')]),
    ('units', 'Units', [auto('EcomVariantGroups'), auto('EcomVariantsGroups'), auto('EcomVariantsOptions'), auto('EcomStockUnit')]),
    ('manufacturers', 'Manufacturers', [auto('EcomManufacturers')]),
    ('customers', 'Customers', [auto('AccessUser', ['AccessUserExternalId']),
                                auto('AccessUserAddress', ['AccessUserAddressUserId', 'AccessUserAddressName']),
                                auto('AccessUserGroup', ['AccessGroupName']), auto('AccessUserSecondaryRelation')]),
    ('product-groups', 'ProductGroups', [auto('EcomGroups')]),
    ('products', 'Products', [auto('EcomProducts', None, deactivateMissing=True, removalThreshold=50),
                              auto('EcomProductCategoryFieldValue'), auto('EcomVariantGroups'), auto('EcomVariantsOptions'),
                              auto('EcomVariantgroupProductRelation'), auto('EcomVariantOptionsProductRelation'),
                              auto('EcomStockUnit')]),
    ('related-products', 'RelatedProducts', [auto('EcomProductsRelated')]),
    ('prices', 'ProductPrices', [auto('EcomProducts', None, updateOnlyExisting=True)]),
    ('stock', 'ProductStock', [auto('EcomProducts', None, updateOnlyExisting=True)]),
    ('orders', 'SalesHeaders', [auto('EcomOrders'), auto('EcomOrderLines')]),
    ('assortments', 'Assortments', [auto('EcomAssortments'), auto('EcomAssortmentPermissions'),
                                    auto('EcomAssortmentProductRelations'), auto('EcomAssortmentShopRelations'),
                                    auto('EcomAssortmentGroupRelations')]),
]

def ifv2_jobs():
    files = {}
    for slug_, request, mappings in IFV2:
        name = 'ifv2-import-' + slug_
        files['if-v2/' + name + '.yaml'] = {
            'name': name,
            'description': 'Integration Framework v2 import of ' + request + ' (GetEcomData <' + request
                           + ' type="all"/>): source columns map to commerce columns by name, unknown ones go to CustomFields.',
            'direction': 'import', 'source': {'provider': 'erp-xml', 'entity': request},
            'destination': {'provider': 'commerce'}, 'tableMappings': mappings}
    return files

SEED_004 = '004_761b6ee5b42f3c7c.txt'

if __name__ == '__main__':
    if len(sys.argv) != 2 or not os.path.isfile(sys.argv[1]):
        sys.exit('usage: python3 mapping-service/tools/generate_jobs.py PATH/TO/seeds/' + SEED_004
                 + '\n(the Business Central OData v4 blueprint, seed 004; e.g. /work/shared/seeds/' + SEED_004 + ')')
    if os.path.basename(sys.argv[1]) != SEED_004:
        print('warning: expected the seed document ' + SEED_004 + ', got ' + sys.argv[1], file=sys.stderr)
    files = {}
    files.update(ifv2_jobs())
    files.update(blueprint_jobs(sys.argv[1]))
    for rel, doc in files.items():
        target = os.path.join(OUT, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, 'w', encoding='utf-8') as f:
            f.write('# Generated by mapping-service/tools/generate_jobs.py; edit freely, the service validates it at start.\n')
            yaml.safe_dump(doc, f, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)
    with open(os.path.join(OUT, 'index.txt'), 'w') as f:
        f.write('\n'.join(sorted(files)) + '\n')
    print(len(files), 'job files')

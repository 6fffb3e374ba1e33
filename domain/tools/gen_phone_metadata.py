import phonenumbers, re
from phonenumbers import PhoneMetadata
from phonenumbers.data import _COUNTRY_CODE_TO_REGION_CODE as CC2R

TYPES = ['premium_rate','toll_free','shared_cost','voip','personal_number','pager','uan','voicemail','fixed_line','mobile']

def rs(s):
    assert '"#' not in s
    assert '"' not in s
    return 'r"' + s + '"'

def lens(t):
    return '&[' + ','.join(str(x) for x in t) + ']'

def desc(d):
    return 'd(' + rs(d.national_number_pattern) + ',' + lens(d.possible_length) + ')'

def conv_transform(t):
    if t is None: return ''
    return re.sub(r'\\(\d)', r'${\1}', t)

out = []
metas = []
for cc, regs in sorted(CC2R.items()):
    for r in regs:
        m = PhoneMetadata.metadata_for_nongeo_region(cc) if r == '001' else PhoneMetadata.metadata_for_region(r)
        metas.append((r, cc, m))

def key(x):
    r, cc, m = x
    return (r, cc)
metas.sort(key=key)
lines = []
for r, cc, m in metas:
    g = m.general_desc
    ts = []
    for t in TYPES:
        d = getattr(m, t)
        if t == 'mobile' and m.same_mobile_and_fixed_line_pattern:
            d = None
        ts.append('None' if d is None else 'Some(' + desc(d) + ')')
    lines.append('    M { id: "%s", cc: %d, npp: %s, npt: %s, ld: %s, smf: %s, g: %s, loc: %s, t: [%s] },' % (
        r, cc,
        rs(m.national_prefix_for_parsing or ''),
        rs(conv_transform(m.national_prefix_transform_rule)),
        rs(m.leading_digits or ''),
        'true' if m.same_mobile_and_fixed_line_pattern else 'false',
        desc(g), lens(g.possible_length_local_only or ()),
        ', '.join(ts)))
print('#[rustfmt::skip]\nstatic METADATA: &[M] = &[')
print('\n'.join(lines))
print('];')
print()
print('#[rustfmt::skip]\nstatic CC_REGIONS: &[(u16, &[&str])] = &[')
for cc, regs in sorted(CC2R.items()):
    print('    (%d, &[%s]),' % (cc, ', '.join('"%s"' % r for r in regs)))
print('];')

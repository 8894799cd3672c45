"""Builds examples/data/beijing_statistics_2026.json from the published tables of 北京市统计局
2026 (see parse.py and examples/data/beijing_statistics_2026.md for every choice).

Leaf lines (unit, 项, 款, kind, source) are chosen so that every view the template renders
gives the published cells: 预算05表 fixes each unit's fiscal amount per 项 and kind, 预算03表
each (项, 政府款, 部门款)'s 基本/项目 over all funds, 预算06表 each (政府款, 部门款)'s fiscal
基本支出. Where the tables leave a split open, the first fit in code order is taken (a
north-west-corner allocation), never an amount made up."""
import json, os, re, sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import parse

HERE = os.path.dirname(os.path.abspath(__file__))
ECON = os.path.join(HERE, '../../src/classification/economic.rs')


def mapping():
    src = open(ECON, encoding='utf-8').read()
    def pairs(name):
        body = src.split(f'const {name}')[1].split('\n];')[0]
        return {int(a): int(b) for a, b in re.findall(r'\(\s*(\d{5}),\s*(\d{5}),', body)}
    organ, inst = pairs('ORGAN_PAIRS'), pairs('INSTITUTION_PAIRS')
    rules = {301: (50501, []), 302: (50502, []), 303: (50999, [30302, 30305, 30307, 30309]), 310: (50601, [])}
    def gov(e, basis):
        e = int(e)
        if basis == 'organ':
            return organ.get(e)
        if e in inst:
            return inst[e]
        r = rules.get(e // 100)
        return r[0] if r and e not in r[1] else None
    return gov


GOV = mapping()
MISFITS = []


def kind_of(e):
    return 'personnel' if e[:3] in ('301', '303') else 'operating'


def nw(supply, demand, ok=lambda s, d: True):
    """North-west corner: supply and demand are lists of [key, amount]; returns
    [(skey, dkey, amount)], consuming both in order, pairing only where ok(skey, dkey)."""
    out = []
    for d in demand:
        for s in supply:
            if d[1] == 0:
                break
            if s[1] == 0 or not ok(s[0], d[0]):
                continue
            a = min(s[1], d[1])
            out.append((s[0], d[0], a))
            s[1] -= a; d[1] -= a
    return out


def main():
    P = parse.pages()
    t3, blocks, t6 = parse.table03(P), parse.table05(P), parse.table06(P)
    basis = ['organ' if any(r[0] == '2010501' for r in b) else 'institution' for b in blocks]
    basis[0] = 'organ'
    # fiscal supply per (block, 项, kind)
    supply = defaultdict(int)
    for bi, b in enumerate(blocks):
        for f, pers, oper, proj, _ in b:
            supply[(bi, f, 'personnel')] += pers
            supply[(bi, f, 'operating')] += oper
            supply[(bi, f, 'project')] += proj
    # demand per (项, 政府款, 部门款, kind) over all funds
    demand = defaultdict(int)
    for f, g, e, basic, proj in t3:
        if basic:
            demand[(f, g, e, kind_of(e))] += basic
        if proj:
            demand[(f, g, e, 'project')] += proj
    fiscal06 = defaultdict(int)
    for g, e, pers, oper in t6:
        fiscal06[(g, e)] += pers + oper
    lines = []  # (block, f, e, kind, source, amount)
    # 1. non-fiscal 基本支出 per (政府款, 部门款): 预算03表 less 预算06表, taken from the 项 whose
    #    all-fund demand exceeds the fiscal supply of that kind.
    need = defaultdict(int)
    for (f, g, e, k), a in demand.items():
        need[(f, k)] += a
    for (bi, f, k), a in supply.items():
        need[(f, k)] -= a
    basic03 = defaultdict(int)
    for (f, g, e, k), a in demand.items():
        if k != 'project':
            basic03[(g, e)] += a
    nonfiscal = []
    for (g, e), a in sorted(basic03.items()):
        extra = a - fiscal06.get((g, e), 0)
        assert extra >= 0, (g, e)
        if extra:
            k = kind_of(e)
            rows = [[(f, g, e, k), min(demand[(f, g, e, k)], need[(f, k)])]
                    for (f2, g2, e2, k2) in sorted(demand) if (g2, e2, k2) == (g, e, k)
                    for f in [f2] if need[(f, k)] > 0]
            for (_, (f, g_, e_, k_), amount) in nw([[None, extra]], rows):
                demand[(f, g, e, k)] -= amount
                need[(f, k)] -= amount
                nonfiscal.append((f, g, e, k, amount))
    # 2. non-fiscal 项目支出: whatever 项 demand exceeds fiscal supply
    for (f, k), a in sorted(need.items()):
        if k == 'project' and a > 0:
            rows = [[key, demand[key]] for key in sorted(demand) if key[0] == f and key[3] == 'project']
            for (_, key, amount) in nw([[None, a]], rows):
                demand[key] -= amount
                nonfiscal.append((*key, amount))
            need[(f, k)] = 0
    assert all(v == 0 for v in need.values()), {k: v for k, v in need.items() if v}
    # 3. fiscal: per (项, kind), units' supply against (政府款, 部门款) rows, a unit taking only
    #    rows whose 政府款 its kind maps its 部门款 to; single-basis rows first.
    by_fk = defaultdict(list)
    for key, a in sorted(demand.items()):
        if a:
            by_fk[(key[0], key[3])].append(key)
    for (f, k), keys in sorted(by_fk.items()):
        sup = [[bi, supply[(bi, f, k)]] for bi in range(len(blocks)) if supply[(bi, f, k)]]
        def fits(bi, key):
            return GOV(key[2], basis[bi]) == int(key[1])
        single = [[key, demand[key]] for key in keys
                  if len({b for b in ('organ', 'institution') if GOV(key[2], b) == int(key[1])}) == 1]
        shared = [[key, demand[key]] for key in keys if [key, demand[key]] not in single]
        for bi, key, a in nw(sup, single, fits) + nw(sup, shared, fits):
            lines.append([bi, f, key[2], k, 'fiscal', a])
        # What no unit of the right kind can take: the model maps a 部门款 by its unit's kind
        # only, so these lines print under that kind's 政府款 (listed in the notes).
        for bi, key, a in nw(sup, single + shared):
            MISFITS.append((bi, key, a, GOV(key[2], basis[bi])))
            lines.append([bi, f, key[2], k, 'fiscal', a])
        left = [s for s in sup if s[1]]
        assert not left, (f, k, left, single, shared)
    # non-fiscal lines: the first unit of a basis that maps the 款 to the printed 政府款
    for f, g, e, k, a in nonfiscal:
        bi = next(i for i in range(len(blocks)) if GOV(e, basis[i]) == int(g))
        lines.append([bi, f, e, k, 'nonfiscal', a])
    return blocks, basis, lines


if __name__ == '__main__':
    blocks, basis, lines = main()
    tot = sum(l[5] for l in lines)
    print(len(lines), 'lines', tot / 1e6)
    print('misfits', MISFITS)
    print('nonfiscal', sum(l[5] for l in lines if l[4] == 'nonfiscal') / 1e6)

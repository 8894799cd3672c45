"""Writes examples/data/beijing_statistics_2026.json from gen.py's leaf lines.

Run: python3 tools/beijing/write_json.py"""
import json, os, re, sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen, parse

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '../../examples/data/beijing_statistics_2026.json')
TEXT = os.path.join(HERE, '../../tests/data/disclosures/22_beijing_statistics_2026_dept.txt')


def W(printed):
    """元 of an amount printed in 万元."""
    return yuan(parse.fen(printed))


def yuan(fen):
    return f'{fen // 100}.{fen % 100:02d}'


def listed_projects():
    """预算12表: (code, name, total, fiscal, other) in 分, in printed order."""
    P = parse.pages()
    out = []
    for p in range(27, 41):
        for r in P[p]:
            for i, c in enumerate(r):
                m = re.match(r'(1100002\d[TY]\d{8}) (\d{4}-.*)', c)
                if m and i + 2 < len(r) and re.fullmatch(r'[\d,]+\.\d+', r[i + 1] or 'x'):
                    name = m.group(2).replace(' ', '')
                    out.append((m.group(1), name, parse.fen(r[i + 1]), parse.fen(r[i + 2]), parse.fen(r[i + 3])))
    # 4244 is mangled in the grid (merged into its neighbours' cell): read from the text
    txt = open(TEXT, encoding='utf-8').read()
    assert '446.953858 | 446.953858' in txt
    out.append(('11000024T00000285', '4244-数说北京主题宣传策划执行与电视栏目制作项目', 446953858, 446953858, 0))
    order = ['0551', '5703', '5737', '6100', '6223', '4226', '4276', '2113', '3682', '3691', '3712',
             '4244', '4292', '4480', '4546', '3794', '6949', '7305', '0849', '5486', '6836']
    by = {p[1][:4]: p for p in out}
    assert sorted(by) == sorted(order), sorted(by)
    return [by[k] for k in order]


def main():
    blocks, basis, lines = gen.main()
    units = [{'name': f'预算单位{i + 1:02d}',
              'unit_kind': 'civil_servant_managed' if basis[i] == 'organ' else 'public_institution'}
             for i in range(1, len(blocks))]
    projects = listed_projects()
    # projects: the listed ones take fiscal project cells in order, then non-fiscal for their
    # 其他资金; the rest is one project of the projects 预算12表 does not list.
    REST = 'P99'
    fiscal_cells = [[i, l[5]] for i, l in enumerate(lines) if l[3] == 'project' and l[4] == 'fiscal']
    other_cells = [[i, l[5]] for i, l in enumerate(lines) if l[3] == 'project' and l[4] == 'nonfiscal']
    split = []  # (line index, project key, amount)
    split += gen.nw(fiscal_cells, [[f'P{k + 1:02d}', p[3]] for k, p in enumerate(projects)])
    split += gen.nw(other_cells, [[f'P{k + 1:02d}', p[4]] for k, p in enumerate(projects) if p[4]])
    split += [(i, REST, a) for i, a in fiscal_cells + other_cells if a]
    out_lines = []
    for i, l in enumerate(lines):
        if l[3] != 'project':
            out_lines.append(l + [None])
    for i, key, a in split:
        l = lines[i]
        out_lines.append([l[0], l[1], l[2], l[3], l[4], a, key])
    # sources: 一般公共预算 this year, 152.679076 万元 of it carried over (taken from P99's lines
    # in order); non-fiscal: 其他收入 0.957320 first, the rest 非财政拨款结转结余.
    carry_general = 152679076
    other_income = 957320
    final = []
    for l in sorted(out_lines, key=lambda l: (l[0], l[1], l[2], l[3], l[6] or '')):
        b, f, e, k, src, a, proj = l
        parts = []
        if src == 'fiscal':
            take = min(a, carry_general) if proj == REST else 0
            carry_general -= take
            if a - take:
                parts.append(('general_budget_own', None, a - take))
            if take:
                parts.append(('general_budget_carry_over', 'C1', take))
        else:
            take = min(a, other_income)
            other_income -= take
            if take:
                parts.append(('other_income', None, take))
            if a - take:
                key = {'personnel': 'C2', 'operating': 'C3', 'project': 'C4'}[k]
                parts.append(('non_fiscal_carry_over', key, a - take))
        for source, carry, amount in parts:
            final.append((b, f, e, k, proj, source, carry, amount))
    assert carry_general == 0 and other_income == 0
    merged = defaultdict(int)
    for b, f, e, k, proj, source, carry, amount in final:
        merged[(b, f, e, k, proj, source, carry)] += amount
    carry_sums = defaultdict(int)
    json_lines = []
    for (b, f, e, k, proj, source, carry), amount in merged.items():
        line = {}
        if b:
            line['unit'] = units[b - 1]['name']
        line.update({'functional': f, 'economic': e, 'kind': k})
        if proj:
            line['project'] = proj
        line['source'] = source
        if carry:
            line['carry_over'] = carry
            carry_sums[carry] += amount
        line['amount'] = yuan(amount)
        json_lines.append(line)
    carry_overs = [
        {'key': 'C1', 'notice': '上年结转结余：一般公共预算拨款（预算04表）', 'fund': {'fiscal': 'general_public_budget'},
         'use': 'project', 'amount': yuan(carry_sums['C1'])},
        {'key': 'C2', 'notice': '上年结转结余：单位资金（预算02表），用于人员经费', 'fund': 'non_fiscal',
         'use': {'basic': 'personnel'}, 'amount': yuan(carry_sums['C2'])},
        {'key': 'C3', 'notice': '上年结转结余：单位资金（预算02表），用于公用经费', 'fund': 'non_fiscal',
         'use': {'basic': 'operating'}, 'amount': yuan(carry_sums['C3'])},
        {'key': 'C4', 'notice': '上年结转结余：单位资金（预算02表），用于项目支出', 'fund': 'non_fiscal',
         'use': 'project', 'amount': yuan(carry_sums['C4'])},
    ]
    carry_overs = [c for c in carry_overs if carry_sums[c['key']]]
    proj_json = [{'key': f'P{k + 1:02d}', 'name': p[1]} for k, p in enumerate(projects)]
    proj_json.append({'key': REST, 'name': '预算12表未列示的项目（合并）'})
    targets = [{'project': f'P{k + 1:02d}', 'printed_name': f'{p[0]} {p[1]}', 'total': yuan(p[2]),
                'fiscal': yuan(p[3]), 'other': yuan(p[4]), 'goal': '', 'indicators': []}
               for k, p in enumerate(projects)]
    budget = {
        'department': {'name': '北京市统计局', 'year': 2026, 'unit_kind': 'administrative',
                       'organization': '北京市统计局下属全额拨款事业单位8个，即：北京市经济社会调查总队、北京市统计局综合事务中心、北京市统计局普查中心、北京市统计监测评价中心、北京市统计数据管理中心、北京市统计应用研究所、北京市统计发展促进中心、北京市社情民意调查中心。'},
        'units': units,
        'projects': proj_json,
        'carry_overs': carry_overs,
        'lines': json_lines,
        'control_figures': {'general_budget_own': W('50,665.496773'), 'other_income': W('0.957320')},
        # 情况说明: 2025 年年初预算数 45557.68 万元 (its split by source is not published)
        'prior_year': {'income': {'general_budget_own': W('45557.68')}},
        'procurement': {'goods': W('3,887.172900'), 'works': '0.00', 'services': W('5,177.883268'),
                        'stated_total': W('9,065.056168')},
        'assets': {'vehicles': [{'kind': 'other', 'count': 39, 'value': '0.00'}],
                   'equipment_over_1m': 12, 'planned_equipment_over_1m': 0},
        'operating_classes': ['310'],
        'narrative': {'reason.total': '增加北京市第四次全国农业普查项目经费'},
        'performance': {'profile': {'indicators_total': '0', 'execution_rate': '0', 'grade_floors': ['90', '80', '60']},
                        'projects': targets},
    }
    json.dump(budget, open(OUT, 'w', encoding='utf-8'), ensure_ascii=False, indent=2)
    open(OUT, 'a').write('\n')
    print(len(json_lines), 'lines written')


if __name__ == '__main__':
    main()

"""Reads the published tables of 北京市统计局 2026 (22_beijing_statistics_2026_dept.grid.txt)
into Python structures: amounts in 分 (six-decimal 万元 × 10^6)."""
import re, os

HERE = os.path.dirname(os.path.abspath(__file__))
GRID = os.path.join(HERE, '../../tests/data/disclosures/22_beijing_statistics_2026_dept.grid.txt')
SUB = {'3021101': '30211', '3021202': '30212', '3021503': '30215'}


def fen(s):
    s = s.strip().replace(',', '')
    if not s:
        return 0
    w, _, d = s.partition('.')
    d = (d + '000000')[:6]
    return int(w) * 1_000_000 + int(d)


def pages():
    out, cur = {}, None
    for line in open(GRID, encoding='utf-8'):
        m = re.match(r'===== \[page (\d+) table', line)
        if m:
            cur = int(m.group(1)); out[cur] = []
        elif cur and line.strip() and not line.startswith('#'):
            out[cur].append([c.strip() for c in line.rstrip('\n').split('|')])
    return out


def money(cells):
    return [c for c in cells]


def table03(P):
    rows = []
    for p in range(3, 8):
        for r in P[p]:
            m = [re.search(r'(\d{7})-', c) for c in r]
            idx = [i for i, x in enumerate(m) if x]
            if not idx:
                continue
            i = idx[0]
            f = m[i].group(1)
            g = re.match(r'(\d{5})-', r[i + 1]).group(1)
            e = re.match(r'(\d{5,7})-', r[i + 2]).group(1)
            e = SUB.get(e, e)
            tot, basic, proj = fen(r[i + 3]), fen(r[i + 4]), fen(r[i + 5])
            assert tot == basic + proj, r
            rows.append((f, g, e, basic, proj))
    return rows


def table05(P):
    blocks, prev = [], None
    for p in range(9, 19):
        for r in P[p]:
            cells = r[:]
            while cells and cells[0] == '' and len(cells) > 8:
                cells = cells[1:]
            if not re.fullmatch(r'\d{7}', cells[0]):
                continue
            f = cells[0]
            tot, sub, pers, oper, proj, nocap = [fen(c) for c in cells[2:8]]
            assert tot == sub + proj and sub == pers + oper, cells
            if prev is None or f <= prev:
                blocks.append([])
            blocks[-1].append((f, pers, oper, proj, nocap))
            prev = f
    return blocks


def table06(P):
    rows = []
    for p in range(19, 22):
        for r in P[p]:
            m = [re.match(r'(\d{5})-', c) for c in r]
            idx = [i for i, x in enumerate(m) if x]
            if not idx:
                continue
            i = idx[0]
            g = m[i].group(1)
            e = re.match(r'(\d{5,7})-', r[i + 1]).group(1)
            e = SUB.get(e, e)
            tot, pers, oper = fen(r[i + 2]), fen(r[i + 3]), fen(r[i + 4])
            assert tot == pers + oper
            rows.append((g, e, pers, oper))
    return rows


if __name__ == '__main__':
    P = pages()
    t3 = table03(P); b5 = table05(P); t6 = table06(P)
    print(len(t3), 'rows in 03;', len(b5), 'blocks in 05;', len(t6), 'rows in 06')
    for i, b in enumerate(b5):
        print(i, [x[0] for x in b][:3], sum(x[1] + x[2] + x[3] for x in b) / 1e6)
    print('03 total', sum(r[3] + r[4] for r in t3) / 1e6, 'basic', sum(r[3] for r in t3) / 1e6)
    print('05 total', sum(x[1] + x[2] + x[3] for b in b5 for x in b) / 1e6)
    print('06', sum(r[2] for r in t6) / 1e6, sum(r[3] for r in t6) / 1e6)

#!/usr/bin/env python3
"""Rebuild src/classification/data/2026.tsv, the built-in 2026 edition.

Inputs (both in the repo):
  tests/data/catalogue/catalogue-2026-mined.tsv  codes printed in ~200 real 2026 disclosures
                                                 (copy of shared/reference; see its .md)
  tools/catalogue/2026-first-edition.tsv        the first edition, built from 24 disclosures (kept)

Rules (issue 9):
  * a mined code is included when printed by >= 2 documents, or by 1 document with a name
    consistent with its parent chain (parent included; generic 项 names only at their usual
    suffix; a 99 item named 其他...; no stray ASCII or sentence punctuation);
  * the majority name is the name; other printed names that are genuine variants (not a
    wrapped fragment of the name, not an extraction slip from another cell) become aliases;
  * every row of the previous edition is kept; where its name differs from the majority
    printed name, the printed name wins and the old name becomes an alias;
  * provenance per row: document count and example, or the previous edition's provenance.

Run from the repository root: python3 tools/catalogue/build_2026.py
"""
import csv
import re

MINED = "tests/data/catalogue/catalogue-2026-mined.tsv"
OLD = "tools/catalogue/2026-first-edition.tsv"  # the edition of yusuan 0.1, from 24 disclosures
OUT = "src/classification/data/2026.tsv"

GENERIC = {"01": "行政运行", "02": "一般行政管理事务", "03": "机关服务", "50": "事业运行"}
GENERIC_NAMES = set(GENERIC.values())
# Printed wordings seen in tests/data/disclosures that the mined list does not carry (the mined
# list votes per document, so a wording printed once next to a majority elsewhere is lost).
EXTRA_ALIASES = {
    "20604": ["技术与开发"],  # the seed (alashankou 2026) shortens 技术研究与开发
    "30108": ["机关事业单位基本养老保险费"],  # 10_shanghai_putuo_welfare_home_2024, older wording
}


def read_old():
    rows, order = {}, []
    with open(OLD, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[0] == "code":
                continue
            code, name = cols[0], cols[1]
            prov = cols[-1] if len(cols) > 2 else ""
            aliases = []
            if len(cols) == 4:  # code name aliases provenance (a rebuilt file)
                aliases = [a for a in cols[2].split("|") if a]
            rows[code] = (name, aliases, prov)
            order.append(code)
    return rows, order


def read_mined():
    with open(MINED, encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter="\t")
        return {r["code"]: r for r in reader}


def variants(field):
    out = []
    for part in filter(None, field.split(";")):
        m = re.match(r"^(.*) \((\d+)\)$", part.strip())
        if m:
            out.append((m.group(1), int(m.group(2))))
    return out


def clean_name(name):
    return bool(name) and not re.search(r"[A-Za-z0-9。，；：]", name)


def genuine_variant(variant, name):
    """A printed name that is another wording of `name`, not a fragment or a slip."""
    if not clean_name(variant) or len(variant) < 2:
        return False
    if name.startswith(variant) or name.endswith(variant):
        return False  # a name cut at a line break
    shared = sum(1 for c in variant if c in name)
    return shared >= 0.75 * len(variant)


# Classification names are national: a place name marks a unit's or project's name that the
# extraction put beside a code (Beijing prints project codes in the same column).
PLACE = re.compile(r"北京|首都|上海|天津|重庆|广州|深圳")

# Single-document rows that pass the rules above but were found, on reading all 240 of them, to be
# a label cut at a line break rather than a name.
REVIEWED_OUT = {
    "50611": "矫正帮教业: a 司法 project label cut at a line break, not a 506 款",
    "2130321": "大中型水库移民后: cut at a line break",
}


def consistent_with_parent(code, name, included, names):
    parent = code[:-2]
    if len(code) > 3 and parent not in included:
        return False
    if not clean_name(name) or PLACE.search(name) or code in REVIEWED_OUT:
        return False
    if code[0] in "35" and len(code) == 5:
        # An economic 款 names a kind of the spending its 类 names: they share a character
        # (30205 水费 under 302 商品和服务支出 does not, but every such 款 is printed by many
        # documents; a single-document 款 sharing nothing is a project label, 50434 基层司法业).
        if not set(name) & set(names.get(code[:3], "")):
            return False
    if len(code) == 7:
        suffix = code[-2:]
        if suffix in GENERIC:
            return name == GENERIC[suffix] or name not in GENERIC_NAMES
        if name in GENERIC_NAMES:
            return False  # 行政运行 printed at 05: a misread code
        if suffix == "99":
            return name.startswith("其他")
    return name not in GENERIC_NAMES


LEFT_OUT = []


def main():
    old, old_order = read_old()
    mined = read_mined()
    rows = {}  # code -> (name, aliases, provenance)
    for code, (name, aliases, prov) in old.items():
        rows[code] = (name, list(aliases), prov if prov.startswith("seen") or prov.startswith("not") else prov)
    # codes in order of length so parents are decided first
    for code in sorted(mined, key=lambda c: (len(c), c)):
        r = mined[code]
        docs = int(r["docs"])
        name = r["name"]
        included = set(rows)
        names = {c: r[0] for c, r in rows.items()}
        if code not in rows and docs < 2 and not consistent_with_parent(code, name, included, names):
            LEFT_OUT.append(f"{code} {name} (1 document, name not consistent with its parent chain)")
            continue
        if len(code) > 3 and code[:-2] not in included and code not in rows:
            if docs >= 2 and code.endswith("01"):
                # A 款 is named like its first 项 (20401 武装警察部队 over 2040101 武装警察部队);
                # the only such gap in the mined list is 20401, printed by no document.
                rows[code[:-2]] = (name, [], f"not printed; named as its 项 {code}, printed by {docs} documents")
            else:
                LEFT_OUT.append(f"{code} {name} (its parent {code[:-2]} is printed nowhere)")
                continue
        aliases = [v for v, _ in variants(r["variants"]) if genuine_variant(v, name)]
        prov = f"docs: {docs}, e.g. {r['example']}"
        if code in rows:
            old_name, old_aliases, old_prov = rows[code]
            if old_name != name:
                aliases.append(old_name)
            for a in old_aliases:
                if a not in aliases and a != name:
                    aliases.append(a)
            # keep what the previous edition knew beyond the mined count (its "seen:" list)
            kept = "; ".join(p for p in old_prov.split("; ") if p and not p.startswith("docs:"))
            prov = f"{prov}; {kept}" if kept else prov
        rows[code] = (name, aliases, prov)
    for code, extra in EXTRA_ALIASES.items():
        name, aliases, prov = rows[code]
        rows[code] = (name, aliases + [a for a in extra if a not in aliases], prov)
    write(rows)


SYSTEM_TITLE = {
    "2": "支出功能分类 (functional): 类, 款 and 项",
    "3": "部门预算支出经济分类 (departmental economic): 类 and 款",
    "5": "政府预算支出经济分类 (government economic): 类 and 款",
}

HEADER = """# yusuan built-in catalogue, edition 2026: 政府收支分类科目 (expenditure), compiled from what real
# 2026 disclosures print. There is no official machine-readable list to copy; load the official
# edition of your year and province with Catalogue::from_tsv when you have it.
#
# Generated by tools/catalogue/build_2026.py from tests/data/catalogue/catalogue-2026-mined.tsv
# (codes printed in ~200 real 2026 disclosures, with document counts and name variants) and the
# previous edition's rows. A mined code is here when printed by two or more documents, or by one
# document with a name consistent with its parent chain. The name is the one most documents print.
#
# Columns (the first non-comment line names them; Catalogue::from_tsv reads columns by name):
#   code        3, 5 or 7 digits; the system follows from the leading digit (2, 3 or 5)
#   name        the name printed by most documents
#   aliases     other printed wordings of the same code, separated by "|"; a table printing one
#               of them is read as this code with a name lint, not as an unknown code
#   provenance  "docs: N, e.g. FILE": N distinct 2026 documents print the code (FILE is one);
#               "seen: NN": the disclosures in tests/data/disclosures that print it; "seed" is
#               alashankou_science_bureau_2026; "not printed": a 类 of 财预〔2017〕98号 no document
#               printed
#
# Not here: local 7-digit economic sub-items (Beijing's 3021101, Chongqing's 3010201 ...), which
# the catalogue recognises as local extensions of their 款; misprinted codes.
"""


def write(rows):
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("#\n# Mined codes left out:\n")
        for item in LEFT_OUT:
            f.write(f"#   {item}\n")
        f.write("\ncode\tname\taliases\tprovenance\n")
        for lead in "235":
            f.write("\n# " + "=" * 90 + "\n# " + SYSTEM_TITLE[lead] + "\n")
            codes = sorted((c for c in rows if c.startswith(lead)), key=lambda c: (c[:3], c))
            last_class = None
            for code in codes:
                if code[:3] != last_class:
                    last_class = code[:3]
                    f.write(f"\n# {last_class}\n")
                name, aliases, prov = rows[code]
                f.write(f"{code}\t{name}\t{'|'.join(aliases)}\t{prov}\n")


if __name__ == "__main__":
    main()

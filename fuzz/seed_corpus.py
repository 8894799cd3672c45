#!/usr/bin/env python3
"""Builds the fuzz seed corpora and dictionaries from the samples the repository ships.

    python3 fuzz/seed_corpus.py            # writes fuzz/corpus/<target>/ and fuzz/corpus/<target>.dict

The corpora are generated, never committed (fuzz/corpus/ is ignored): the budget JSON samples,
the catalogue TSV cut into one file per 类, the disclosures cut into pieces of at most 8 KB at
page or table boundaries, and the cells of every disclosure grid for the small parsers.
"""

import hashlib
import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"
TARGETS = ["amount", "codes", "vocabulary", "catalogue_tsv", "budget_json", "audit", "performance", "template"]
CHUNK = 8000


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = hashlib.sha1(data).hexdigest()
    (OUT / target / name).write_bytes(data)


def disclosures():
    return sorted((ROOT / "tests" / "data" / "disclosures").glob("*.txt")) + [
        ROOT / "tests" / "data" / "disclosures" / "alashankou_science_bureau_2026.md"
    ]


def pieces(text):
    """Cuts a document at page/table markers or `表 n` headings into pieces of at most CHUNK bytes."""
    blocks = re.split(r"(?m)^(?=(?:=====|表 \d+$|#))", text)
    piece = ""
    for block in blocks:
        if len((piece + block).encode()) > CHUNK and piece:
            yield piece
            piece = ""
        piece += block
        while len(piece.encode()) > CHUNK:
            cut = piece.rfind("\n", 0, CHUNK // 3)
            cut = cut if cut > 0 else CHUNK // 3
            yield piece[:cut]
            piece = piece[cut:]
    if piece:
        yield piece


def cells():
    found = set()
    for path in disclosures():
        for line in path.read_text(encoding="utf-8").splitlines():
            for cell in re.split(r" \| |\t", line):
                cell = cell.strip()
                if cell and len(cell.encode()) <= 64:
                    found.add(cell)
    return sorted(found)


def catalogue_pieces(text):
    """One valid sub-catalogue per 类: the header line, then the class and everything under it."""
    lines = [l for l in text.splitlines() if l and not l.startswith("#")]
    header, rows = lines[0], lines[1:]
    code_col = header.split("\t").index("code")
    groups = {}
    for row in rows:
        code = row.split("\t")[code_col] if len(row.split("\t")) > code_col else ""
        groups.setdefault(code[:3], []).append(row)
    for rows in groups.values():
        yield "\n".join([header] + rows) + "\n"


def json_tokens(value, keys, strings):
    if isinstance(value, dict):
        for k, v in value.items():
            keys.add(k)
            json_tokens(v, keys, strings)
    elif isinstance(value, list):
        for v in value:
            json_tokens(v, keys, strings)
    elif isinstance(value, str) and len(value.encode()) <= 32:
        strings.add(value)


def dict_line(token):
    escaped = "".join(
        c if 0x20 <= ord(c) < 0x7F and c not in '"\\' else "".join(f"\\x{b:02x}" for b in c.encode())
        for c in token
    )
    return f'"{escaped}"'


def write_dict(target, tokens):
    lines = sorted({dict_line(t) for t in tokens if t})
    (OUT / f"{target}.dict").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    for t in TARGETS:
        (OUT / t).mkdir(parents=True)

    # budget_json: every shipped budget, valid and invalid, and the performance part alone.
    keys, strings = set(), set()
    samples = sorted((ROOT / "examples" / "data").glob("*.json"))
    samples += sorted((ROOT / "examples" / "data" / "invalid").glob("*.json"))
    for path in samples:
        raw = path.read_bytes()
        write("budget_json", raw)
        try:
            doc = json.loads(raw)
        except ValueError:
            continue
        json_tokens(doc, keys, strings)
        perf = doc.get("performance")
        if perf:
            write("performance", json.dumps(perf, ensure_ascii=False))
            for part in [perf.get("department") or {}] + perf.get("projects", []):
                for ind in part.get("indicators", []):
                    write("performance", json.dumps(ind, ensure_ascii=False))
        for line in doc.get("lines", [])[:20]:
            write("amount", json.dumps(line.get("amount", "0.00")))
            write("codes", json.dumps(line.get("functional", "")))
            write("vocabulary", json.dumps(line.get("source", "")))
    write_dict("budget_json", [f'"{k}"' for k in keys] + [f'"{s}"' for s in strings])

    # catalogue_tsv: one file per 类 of each TSV, and the small documented examples.
    for path in [
        ROOT / "src" / "classification" / "data" / "2026.tsv",
        ROOT / "tests" / "data" / "catalogue" / "catalogue-2026-mined.tsv",
    ]:
        for piece in catalogue_pieces(path.read_text(encoding="utf-8")):
            write("catalogue_tsv", piece)
    write("catalogue_tsv", "206\t科学技术支出\n20601\t科学技术管理事务\n2060101\t行政运行\n")
    write("catalogue_tsv", "code\tname\taliases\n206\t科学技术支出\t科技支出\n")
    write_dict("catalogue_tsv", ["\t", "\n", "code", "name", "aliases", "|", "#", "\ufeff", "\r\n"])

    # template: the built-in templates and the test one, whole and cut at each [[table]].
    tomls = sorted((ROOT / "src" / "disclosure" / "templates").glob("*.toml"))
    tomls += sorted((ROOT / "tests" / "data" / "templates").glob("*.toml"))
    for path in tomls:
        text = path.read_text(encoding="utf-8")
        write("template", text)
        blocks = re.split(r"(?m)^(?=\[\[)", text)
        for i in range(1, len(blocks)):
            write("template", blocks[0] + blocks[i])
    toml_keys = set()
    for path in tomls:
        toml_keys.update(re.findall(r"(?m)^\s*([a-z_]+)\s*=", path.read_text(encoding="utf-8")))
        toml_keys.update(re.findall(r"(?m)^\[+([a-z_.]+)\]+", path.read_text(encoding="utf-8")))
    write_dict("template", sorted(toml_keys) + ["[[", "]]", " = ", "\"", "true", "false", "[", "]"])

    # audit: the disclosures in pieces.
    for path in disclosures():
        for piece in pieces(path.read_text(encoding="utf-8")):
            write("audit", piece)
    write_dict(
        "audit",
        [" | ", "\t", "=====", "[page 1 table 1: 3 rows x 3 cols]", "单位：万元", "单位：元", "合计",
         "总计", "<b>", "</b>", "表 1", "基本支出", "项目支出", "一般公共预算", "收入总计", "支出总计",
         "结转下年", "三公", "机关运行经费", "201", "20101", "2010101", "301", "30101"],
    )

    # The small parsers: every printed cell.
    for cell in cells():
        has_digit = any(c.isdigit() for c in cell)
        if has_digit:
            write("amount", cell)
            if re.fullmatch(r"[\d\s]+", cell):
                write("codes", cell)
        else:
            write("vocabulary", cell)
        if has_digit or len(cell) <= 12:
            write("performance", cell)
    write_dict("amount", ["万元", "元", "，", "．", "１", "０", "９", ",", ".", "-", "\"", "e", "1e5", "NaN",
                          "79228162514264337593543950335", "99999999999999.99"])
    write_dict("codes", ["2", "3", "5", "201", "20101", "2010101", "301", "30101", "3010101",
                         "501", "50101", "00", "99", "\"", "２"])
    write_dict("vocabulary", ["一般公共预算", "政府性基金", "财政拨款", "上年结转", "收入", "资金", "拨款",
                              "（一）", "一、", "五、", "事业收入", "上级", "转移支付", "合计"])
    write_dict("performance", ["≥", "≤", "＞=", "＜=", "＝", "%", "％", "年", "月", "日", "个", "新增项目",
                               "按照完成比例赋分", "满意度赋分", "产出", "效益", "指标", "/", "\"weight\"",
                               "\"target\"", "\"category\"", "１", "．"])

    for t in TARGETS:
        n = len(list((OUT / t).iterdir()))
        size = sum(f.stat().st_size for f in (OUT / t).iterdir())
        print(f"{t}: {n} seeds, {size} bytes")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""yusuan against polars and DuckDB on one job: read -> check -> group, same data.

Not part of CI. Run from the crate root:

    python3 benches/compare/run.py [--lines 1000000] [--rounds 3] [--work target/compare]

What it does:

1. Installs polars and duckdb from PyPI into a venv under --work (once), and re-runs itself
   inside it.
2. Generates one synthetic budget with the crate's `floor` bench binary: its JSON (for yusuan),
   the same lines as CSV, and its control figures (for the others' check); writes the CSV again
   as Parquet (amounts Decimal(20, 2)). Every engine's grand total is checked against yusuan's,
   to the 分.
3. Times each engine in rounds, interleaved (yusuan, polars CSV, polars Parquet, DuckDB CSV,
   DuckDB Parquet, then again), and prints the best of each and its ratio to yusuan's.

The job, for every engine:
- read: the whole file into memory (yusuan: JSON into a builder; others: a data frame/table),
- check: codes are 7/5 digits, kinds and sources are known names, a project line names a
  project and no other line does, amounts are non-negative decimals of at most 2 places, no
  leaf is listed twice, each declared control figure equals its source's lines (yusuan's
  `build` checks all this and more: catalogue codes, 人员/公用 classes, carry-over items),
- group: seven views: by source, by kind, by functional 类/款/项 by kind, by economic 类/款 by kind.

yusuan runs on one core; polars and DuckDB use every core they see. Timings are taken inside
each process (no interpreter or process start-up), from one run of this script.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import venv
from decimal import Decimal

KINDS = ["personnel", "operating", "project"]
LEAF = ["functional", "economic", "kind", "project", "source", "carry_over"]


def ensure_venv(work):
    env_dir = os.path.join(work, "venv")
    py = os.path.join(env_dir, "bin", "python")
    if sys.prefix == os.path.abspath(env_dir):
        return
    if not os.path.exists(py):
        print(f"creating {env_dir} and installing polars, duckdb from PyPI", flush=True)
        venv.create(env_dir, with_pip=True)
        subprocess.check_call([py, "-m", "pip", "install", "-q", "polars", "duckdb"])
    os.execv(py, [py] + sys.argv)


def floor_binary():
    out = subprocess.run(
        ["cargo", "bench", "--bench", "floor", "--no-run", "--message-format=json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg.get("executable"):
            if msg["target"]["name"] == "floor":
                return msg["executable"]
    sys.exit("no floor bench binary")


def generate(binary, lines, work):
    base = os.path.join(work, f"budget_{lines}")
    paths = {"json": base + ".json", "csv": base + ".csv", "parquet": base + ".parquet"}
    if not all(os.path.exists(p) for p in paths.values()):
        subprocess.check_call([binary, "gen", str(lines), paths["json"], paths["csv"]])
        import polars as pl

        pl.read_csv(paths["csv"], schema=csv_schema(pl)).write_parquet(paths["parquet"])
    with open(paths["csv"] + ".control.json") as f:
        side = json.load(f)
    return paths, side


def csv_schema(pl):
    return {
        "functional": pl.Utf8,
        "economic": pl.Utf8,
        "kind": pl.Utf8,
        "project": pl.Utf8,
        "source": pl.Utf8,
        "carry_over": pl.Utf8,
        "amount": pl.Decimal(20, 2),
    }


def yusuan_job(binary, path):
    out = subprocess.run([binary, "job", path], check=True, capture_output=True, text=True).stdout
    m = re.search(r"total ([0-9.]+) ms .*total ([0-9.]+) 元", out)
    if not m:
        sys.exit(f"unexpected output: {out}")
    return float(m.group(1)) / 1e3, Decimal(m.group(2))


def polars_job(path, fmt, side):
    import polars as pl

    t = time.perf_counter()
    df = pl.read_csv(path, schema=csv_schema(pl)) if fmt == "csv" else pl.read_parquet(path)
    c = pl.col
    bad = df.select(
        (c("amount").is_null() | (c("amount") < 0)).sum()
        + (~c("functional").str.contains(r"^\d{7}$")).sum()
        + (~c("economic").str.contains(r"^\d{5}$")).sum()
        + (~c("kind").is_in(KINDS)).sum()
        + ((c("kind") == "project") != c("project").is_not_null()).sum()
    ).item()
    dup = df.group_by(LEAF).len().filter(c("len") > 1).height
    by_source = dict(df.group_by("source").agg(c("amount").sum()).iter_rows())
    control_ok = all(by_source.get(s) == Decimal(a) for s, a in side["control_figures"].items())
    views = [by_source, df.group_by("kind").agg(c("amount").sum())]
    for n in (3, 5, 7):
        views.append(
            df.group_by(c("functional").str.slice(0, n).alias("code"), "kind").agg(c("amount").sum())
        )
    for n in (3, 5):
        views.append(
            df.group_by(c("economic").str.slice(0, n).alias("code"), "kind").agg(c("amount").sum())
        )
    total = df.select(c("amount").sum()).item()
    elapsed = time.perf_counter() - t
    assert bad == 0 and dup == 0 and control_ok, (bad, dup, control_ok)
    return elapsed, Decimal(total)


def duckdb_job(path, fmt, side):
    import duckdb

    t = time.perf_counter()
    con = duckdb.connect()
    if fmt == "csv":
        cols = ", ".join(
            f"'{k}': '{'DECIMAL(20,2)' if k == 'amount' else 'VARCHAR'}'"
            for k in LEAF + ["amount"]
        )
        con.execute(f"CREATE TABLE l AS SELECT * FROM read_csv('{path}', header=true, columns={{{cols}}})")
    else:
        con.execute(f"CREATE TABLE l AS SELECT * FROM read_parquet('{path}')")
    bad = con.execute(
        """SELECT count(*) FILTER (WHERE amount IS NULL OR amount < 0
               OR NOT regexp_full_match(functional, '\\d{7}')
               OR NOT regexp_full_match(economic, '\\d{5}')
               OR kind NOT IN ('personnel', 'operating', 'project')
               OR (kind = 'project') <> (project IS NOT NULL)) FROM l"""
    ).fetchone()[0]
    dup = con.execute(
        f"SELECT count(*) FROM (SELECT count(*) n FROM l GROUP BY {', '.join(LEAF)}) WHERE n > 1"
    ).fetchone()[0]
    by_source = dict(con.execute("SELECT source, sum(amount) FROM l GROUP BY source").fetchall())
    control_ok = all(by_source.get(s) == Decimal(a) for s, a in side["control_figures"].items())
    con.execute("SELECT kind, sum(amount) FROM l GROUP BY kind").fetchall()
    for col, sizes in (("functional", (3, 5, 7)), ("economic", (3, 5))):
        for n in sizes:
            con.execute(f"SELECT left({col}, {n}) c, kind, sum(amount) FROM l GROUP BY c, kind").fetchall()
    total = con.execute("SELECT sum(amount) FROM l").fetchone()[0]
    elapsed = time.perf_counter() - t
    con.close()
    assert bad == 0 and dup == 0 and control_ok, (bad, dup, control_ok)
    return elapsed, Decimal(total)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--work", default="target/compare")
    args = ap.parse_args()
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    ensure_venv(work)
    binary = floor_binary()
    paths, side = generate(binary, args.lines, work)
    expected = Decimal(side["total"])
    engines = [
        ("yusuan JSON", lambda: yusuan_job(binary, paths["json"])),
        ("polars CSV", lambda: polars_job(paths["csv"], "csv", side)),
        ("polars Parquet", lambda: polars_job(paths["parquet"], "parquet", side)),
        ("DuckDB CSV", lambda: duckdb_job(paths["csv"], "csv", side)),
        ("DuckDB Parquet", lambda: duckdb_job(paths["parquet"], "parquet", side)),
    ]
    best = {name: float("inf") for name, _ in engines}
    for r in range(args.rounds):
        for name, job in engines:
            elapsed, total = job()
            if total != expected:
                sys.exit(f"{name}: total {total} differs from {expected}")
            best[name] = min(best[name], elapsed)
            print(f"round {r + 1}: {name:<15} {elapsed * 1e3:9.1f} ms", flush=True)
    sizes = {k: os.path.getsize(p) / 1e6 for k, p in paths.items()}
    print(
        f"\n{side['lines']} lines, total {expected} 元 in every engine; files: "
        + ", ".join(f"{k} {v:.0f} MB" for k, v in sizes.items())
    )
    print(f"best of {args.rounds} interleaved rounds, read -> check -> seven views:")
    base = best["yusuan JSON"]
    for name, _ in engines:
        print(f"  {name:<15} {best[name] * 1e3:9.1f} ms  {best[name] / base:5.2f}x yusuan")


if __name__ == "__main__":
    main()

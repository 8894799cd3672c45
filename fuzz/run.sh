#!/usr/bin/env bash
# Runs fuzz targets for a while each, seeded from the shipped samples (nightly + cargo-fuzz).
#
#   python3 fuzz/seed_corpus.py                 # once: fuzz/corpus/<target>/ and dictionaries
#   bash fuzz/run.sh 600 budget_json audit      # 600 s each, one after another
#   bash fuzz/run.sh 600                        # every target
#
# Logs go to fuzz/logs/<target>.log; a crash, timeout or out-of-memory input to
# fuzz/artifacts/<target>/. Keep each as tests/data/fuzz_regressions/<target>/ (replayed on stable
# by tests/fuzz_regressions.rs).
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(amount codes vocabulary catalogue_tsv budget_json audit performance template)
fi
max_len() {
  case $1 in
    amount | vocabulary) echo 256 ;;
    codes) echo 64 ;;
    catalogue_tsv) echo 16384 ;;
    audit) echo 12000 ;;
    performance) echo 13000 ;;
    template) echo 28000 ;;
    budget_json) echo 40000 ;;
  esac
}
mkdir -p logs
# The library is safe Rust: no sanitizer (twice the speed); debug assertions stay on, so an
# integer overflow panics. Built once, then each binary is run directly (a `cargo fuzz run` per
# target would rebuild whenever a source file's time changed).
cargo +nightly fuzz build -s none
bin=target/x86_64-unknown-linux-gnu/release
for t in "${targets[@]}"; do
  mkdir -p "artifacts/$t"
  "$bin/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$secs" -max_len="$(max_len "$t")" \
    -dict="corpus/$t.dict" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "corpus/$t" \
    > "logs/$t.log" 2>&1 || echo "$t: stopped (see logs/$t.log)"
  grep -E '^#[0-9]+' "logs/$t.log" | tail -1
done

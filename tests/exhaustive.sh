#!/bin/sh
# One exhaustive measurement (f32 over all 2^32 inputs, f64 on the default
# seeded samples), used twice:
#  1. the committed results/accuracy.csv must be exactly what this build
#     measures now (rows of variants this CPU cannot run are not compared);
#  2. every limit in generator/limits.txt must hold, and none may be far
#     looser than the measurement (--strict); domains the CSV does not
#     record are measured by check itself.
# usage: exhaustive.sh SIGBENCH SRCDIR PYTHON
set -eu
sb=$1 src=$2 py=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$sb" accuracy --out "$tmp" > /dev/null
"$py" - "$tmp/accuracy.csv" "$src/results/accuracy.csv" <<'PYEOF'
import csv, sys
fresh = {(r["variant"], r["interval"]): r for r in csv.DictReader(open(sys.argv[1]))}
try:
    committed = {(r["variant"], r["interval"]): r for r in csv.DictReader(open(sys.argv[2]))}
except FileNotFoundError:
    sys.exit("results/accuracy.csv is missing: run 'bash ci/run-default.sh' and commit results/")
bad = [k for k in fresh if committed.get(k) != fresh[k]]
for k in bad[:10]:
    print("differs:", k, "\n  now:      ", fresh[k], "\n  committed:", committed.get(k))
if bad:
    sys.exit(f"results/accuracy.csv is stale ({len(bad)} rows): rerun 'bash ci/run-default.sh' and commit results/")
print(f"results/accuracy.csv: all {len(fresh)} measured rows match")
PYEOF
"$sb" check --limits "$src/generator/limits.txt" --strict --from "$tmp/accuracy.csv" --quiet

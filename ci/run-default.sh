#!/bin/bash
# README command 1: install what is missing, build, run the default job and
# write the result tables into results/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
./build/sigbench run --out results "$@"
echo "run-default: tables in results/ (summary.md, accuracy.csv, throughput.csv, results.json)"

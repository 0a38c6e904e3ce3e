#!/bin/sh
# Fuzz the input parsers for a bounded time (tests/fuzz/README.md): build the
# libFuzzer targets in a clang sub-build, replay the regression inputs in
# tests/fuzz/regress/, then fuzz each target from seeds cut from the
# committed files.  Exit 0 clean, 1 on a finding or a build failure, 77 when
# clang's libFuzzer is not installed.
# usage: run.sh SRCDIR BUILDDIR CMAKE [PYTHON]
# env:   SIGBENCH_FUZZ_SECONDS  seconds per target (default 20)
#        SIGBENCH_FUZZ_CC       the compiler (default clang)
set -u
src=$1 bin=$2 cmake=$3 py=${4:-}
secs=${SIGBENCH_FUZZ_SECONDS:-20}
cc=${SIGBENCH_FUZZ_CC:-clang}
here=$src/tests/fuzz
targets="limits table cli"
mkdir -p "$bin" || exit 1
bin=$(cd "$bin" && pwd)

# 1. clang with its libFuzzer, ASan and UBSan runtimes
probe=$bin/probe
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
	'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' > "$probe.c"
if ! command -v "$cc" > /dev/null 2>&1; then
	echo "SKIP: no '$cc' on PATH (Debian: apt-get install clang libclang-rt-dev; bash ci/install-deps.sh does)"
	exit 77
fi
if ! "$cc" -fsanitize=fuzzer,address,undefined "$probe.c" -o "$probe" > "$probe.log" 2>&1; then
	echo "SKIP: '$cc' cannot link -fsanitize=fuzzer,address,undefined (Debian: apt-get install libclang-rt-dev; bash ci/install-deps.sh does):"
	head -n 5 "$probe.log"
	exit 77
fi

# 2. the sub-build: the whole project with clang; tests/fuzz/CMakeLists.txt
# adds ASan + UBSan and coverage to the harness layers
start=$(date +%s)
gen=
command -v ninja > /dev/null 2>&1 && gen="-G Ninja"
pyarg=
[ -n "$py" ] && pyarg="-DSIGBENCH_PYTHON=$py"
log=$bin/build.log
# shellcheck disable=SC2086  # $gen and $pyarg are empty or one word pair
if ! { "$cmake" -S "$src" -B "$bin/build" $gen $pyarg -DCMAKE_C_COMPILER="$cc" \
	-DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS= -DSIGBENCH_SANITIZE=OFF \
	-DSIGBENCH_WITH_PEERS=OFF -DSIGBENCH_REGENERATE=OFF \
	-DSIGBENCH_FUZZ_TARGETS=ON &&
	"$cmake" --build "$bin/build" --target fuzz_targets; } > "$log" 2>&1; then
	echo "FAIL: the fuzz sub-build failed (log: $log):"
	tail -n 40 "$log"
	exit 1
fi
echo "built the fuzz targets in $(( $(date +%s) - start )) s ($bin/build)"
exe=$bin/build/tests/fuzz

# 3. seeds, cut afresh from the committed files: pieces small enough that
# each execution stays cheap
seeds=$bin/seeds
rm -rf "$seeds"
mkdir -p "$seeds/limits" "$seeds/table" "$seeds/cli"
cp "$src/generator/limits.txt" "$seeds/limits/whole.txt"
awk -v d="$seeds/limits" '{ f = sprintf("%s/part%03d.txt", d, int((NR - 1) / 25)); print > f }
	NR % 25 == 0 { close(f) }' "$src/generator/limits.txt"
# header + 10 rows, every STEP-th block of rows
cut_csv() { # FILE NAME STEP
	awk -v d="$seeds/table" -v name="$2" -v step="$3" '
		NR == 1 { hdr = $0; next }
		{ b = int((NR - 2) / 10) }
		b % step == 0 { f = sprintf("%s/%s%03d.csv", d, name, b)
			if (!(f in seen)) { print hdr > f; seen[f] = 1 }
			print > f }' "$1"
}
cut_csv "$src/results/accuracy.csv" accuracy 10
cut_csv "$src/results/throughput.csv" throughput 5
head -n 4 "$src/results/results.json" > "$seeds/table/results-head.json"
i=0
grep -v '^#' "$here/cli_seeds.txt" | while IFS= read -r line; do
	i=$((i + 1))
	printf '%s' "$line" | tr ' ' '\000' > "$seeds/cli/seed$i"
done

ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# The targets' input files (fuzz_common.h): in memory when /dev/shm is there
# (rewriting a file on ext4 costs ~3 ms, 10 times the rest of an execution)
SIGBENCH_FUZZ_TMP=$(mktemp -d /dev/shm/sigbench-fuzz.XXXXXX 2> /dev/null) ||
	SIGBENCH_FUZZ_TMP=$(mktemp -d "$bin/tmp.XXXXXX") || exit 1
trap 'rm -rf "$SIGBENCH_FUZZ_TMP"' EXIT
export ASAN_OPTIONS UBSAN_OPTIONS SIGBENCH_FUZZ_TMP
# stdout and stderr of the parsers closed (sb_fail's lines); libFuzzer and
# the sanitizers keep reporting on a copy of stderr
common="-close_fd_mask=3 -timeout=10 -rss_limit_mb=2048"

# The finding in a libFuzzer log: from the sanitizer's or the target's first
# line, without libFuzzer's second stack trace of the same abort.
report() {
	awk '/runtime error|ERROR: AddressSanitizer|ERROR: LeakSanitizer|invariant failed|fuzz_cli: |ERROR: libFuzzer: (timeout|out-of-memory)/ { on = 1 }
		/^==[0-9]+== ERROR: libFuzzer: deadly signal/ { on = 0 }
		on && n < 40 { print; n++ }
		END { if (!n) exit 1 }' "$1" || tail -n 40 "$1"
}

fails=0
for t in $targets; do
	case $t in
	cli) maxlen=512 ;;
	*) maxlen=4096 ;;
	esac
	fz=$exe/fuzz_$t
	mkdir -p "$bin/corpus/$t" "$bin/crashes/$t" "$bin/logs"
	tlog=$bin/logs/$t.log

	# 4. every regression input once
	nreg=0
	if [ -d "$here/regress/$t" ]; then
		set --
		for f in "$here/regress/$t"/*; do
			[ -f "$f" ] && set -- "$@" "$f"
		done
		nreg=$#
		if [ "$nreg" -gt 0 ]; then
			# shellcheck disable=SC2086
			if ! "$fz" $common "$@" > "$tlog" 2>&1; then
				echo "FAIL: fuzz_$t: a regression input in tests/fuzz/regress/$t/ fails again (log $tlog):"
				grep '^Running: ' "$tlog" | tail -n 1
				report "$tlog"
				fails=$((fails + 1))
				continue
			fi
		fi
	fi

	# 5. bounded fuzzing
	# shellcheck disable=SC2086
	"$fz" $common -max_total_time="$secs" -max_len=$maxlen -print_final_stats=1 \
		-artifact_prefix="$bin/crashes/$t/" "$bin/corpus/$t" "$seeds/$t" > "$tlog" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tlog")
	cov=$(grep -o 'cov: [0-9]*' "$tlog" | tail -n 1)
	seed=$(sed -n 's/^INFO: Seed: //p' "$tlog")
	if [ "$rc" -ne 0 ]; then
		art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$tlog" | tail -n 1)
		echo "FAIL: fuzz_$t found a problem (exit $rc, seed $seed, log $tlog):"
		report "$tlog"
		echo "FAIL: fuzz_$t: the input is ${art:-in $bin/crashes/$t/}: copy it into tests/fuzz/regress/$t/ and fix the parser"
		fails=$((fails + 1))
	else
		echo "ok: fuzz_$t: $nreg regression inputs, ${runs:-?} runs in $secs s, ${cov:-cov: ?}, seed $seed"
	fi
done

echo "fuzz: $fails of 3 targets failed; $(( $(date +%s) - start )) s in all"
[ "$fails" -eq 0 ]

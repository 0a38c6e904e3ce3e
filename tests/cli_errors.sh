#!/bin/sh
# Bad input gets one line on stderr and exit 2, and leaves no file behind;
# good input writes every result file and no temporary one.
# usage: cli_errors.sh SIGBENCH SRCDIR
set -u
sb=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# expect STATUS ARGS...: run sigbench, require the exit status; for status 2
# also exactly one line on stderr starting "sigbench: ".
expect() {
	want=$1
	shift
	"$sb" "$@" > "$tmp/stdout" 2> "$tmp/stderr"
	got=$?
	lines=$(wc -l < "$tmp/stderr")
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: sigbench $* exited $got, want $want; stderr: $(head -c 300 "$tmp/stderr")"
		fails=$((fails + 1))
	elif [ "$want" -eq 2 ] && { [ "$lines" -ne 1 ] || ! grep -q '^sigbench: ' "$tmp/stderr"; }; then
		echo "FAIL: sigbench $*: want one 'sigbench: ...' line on stderr, got $lines:"
		cat "$tmp/stderr"
		fails=$((fails + 1))
	else
		echo "ok ($got): sigbench $*  -> $(head -n1 "$tmp/stderr")"
	fi
}

expect 2
expect 2 frobnicate
expect 2 run --bogus
expect 2 list --samples 5
expect 2 accuracy --samples abc
expect 2 accuracy --samples -5
expect 2 accuracy --samples 0
expect 2 accuracy --samples 1e400
expect 2 accuracy --threads 0
expect 2 accuracy --threads 1x
expect 2 accuracy --samples
expect 2 accuracy --json=yes
expect 2 accuracy --domain 5:1
expect 2 accuracy --domain abc
expect 2 accuracy --domain 1:
expect 2 accuracy --domain nan:1
expect 2 speed --range -inf:1
expect 2 speed --sizes 0
expect 2 speed --sizes 4096,,x
expect 2 speed --reps 2
expect 2 accuracy --variants 'no-such-*'
expect 2 accuracy --variants 'f32-exact-scalar,typo'
expect 2 accuracy --precision f16
expect 2 accuracy --stride 0
expect 2 run --out /proc/sigbench-cannot-be-here
: > "$tmp/a-file"
expect 2 run --out "$tmp/a-file"
expect 2 check
expect 2 check --limits "$tmp/missing.txt"
expect 2 check --limits "$src/generator/limits.txt" --domain 0:1
expect 2 check --limits "$src/generator/limits.txt" --strict --stride 3

# --json and --junit: conflicting or unwritable destinations fail before measuring
expect 2 hash --json --out "$tmp/h"
expect 2 check --limits "$src/generator/limits.txt" --junit "$tmp/"
expect 2 check --limits "$src/generator/limits.txt" --junit /proc/sigbench-cannot-be-here/j.xml
expect 2 version --bogus
expect 2 --version --quiet
[ ! -e "$tmp/h" ] || { echo "FAIL: hash --json --out left $tmp/h"; fails=$((fails + 1)); }

# corrupt limits files: each names FILE:LINE
bad_limits() {
	printf '%s\n' "# a comment" "$1" > "$tmp/limits.txt"
	expect 2 check --limits "$tmp/limits.txt"
	if ! grep -q 'limits.txt:2:' "$tmp/stderr"; then
		echo "FAIL: no FILE:LINE in: $(cat "$tmp/stderr")"
		fails=$((fails + 1))
	fi
}
bad_limits "no-such-variant ulp 1"
bad_limits "f32-exact-scalar furlongs 1"
bad_limits "f32-exact-scalar ulp -1"
bad_limits "f32-exact-scalar ulp abc"
bad_limits "f32-exact-scalar ulp 1 3:1"
bad_limits "f32-exact-scalar ulp 1 all extra"
bad_limits "f32-exact-scalar ulp"
# a mono limit on a function that turns (SiLU' peaks at 2.39936) is judged like
# any other: the naive form steps the wrong way on both pieces around the peak
printf 'f32-dsilu-naive-scalar mono 0 2.39:2.41\n' > "$tmp/limits.txt"
expect 1 check --limits "$tmp/limits.txt" --quiet
printf 'f32-dsilu-naive-scalar mono 1e9 2.39:2.41\n' > "$tmp/limits.txt"
expect 0 check --limits "$tmp/limits.txt" --quiet
printf 'f32-exact-scalar ulp 1\n\001\002\003 binary\n' > "$tmp/limits.txt"
expect 2 check --limits "$tmp/limits.txt"
printf '# only comments\n\n' > "$tmp/limits.txt"
expect 2 check --limits "$tmp/limits.txt"
# --strict cannot judge from a strided (not exhaustive) float32 measurement
expect 0 accuracy --variants f32-hard-scalar --stride 1000003 --samples 10 --quiet --out "$tmp/strided"
printf 'f32-hard-scalar ulp 2e7\n' > "$tmp/limits.txt"
expect 2 check --limits "$tmp/limits.txt" --strict --from "$tmp/strided/accuracy.csv"

# A failure after --out was given leaves the directory without result files.
expect 2 run --out "$tmp/o" --reps 1
if [ -n "$(ls -A "$tmp/o" 2>/dev/null)" ]; then
	echo "FAIL: failed run left files: $(ls -A "$tmp/o")"
	fails=$((fails + 1))
fi

# export to a standard output that cannot take it says so
if [ -w /dev/full ]; then
	"$sb" export f32-hard-scalar -o - > /dev/full 2> "$tmp/stderr"
	st=$?
	if [ "$st" -ne 2 ] || ! grep -q '^sigbench: ' "$tmp/stderr"; then
		echo "FAIL: export -o - to /dev/full exited $st: $(cat "$tmp/stderr")"
		fails=$((fails + 1))
	else
		echo "ok (2): sigbench export f32-hard-scalar -o - > /dev/full  -> $(head -n1 "$tmp/stderr")"
	fi
fi

# A write that fails midway (file size limit: the first file outgrows it)
# must leave no result file, neither whole nor partial, and name the cause.
( trap '' XFSZ; ulimit -f 2; "$sb" run --out "$tmp/full" --variants f32-exact-scalar \
	--stride 1000003 --samples 100 --sizes 64 --reps 3 --quiet > /dev/null 2> "$tmp/stderr" )
st=$?
if [ "$st" -ne 1 ] || [ -n "$(ls -A "$tmp/full" 2>/dev/null)" ] || ! grep -q 'failed: File too large' "$tmp/stderr"; then
	echo "FAIL: failed write: exit $st, left: $(ls -A "$tmp/full" 2>/dev/null), said: $(cat "$tmp/stderr")"
	fails=$((fails + 1))
else
	echo "ok (1): write failure left no file -> $(cat "$tmp/stderr")"
fi

# suggest-limits: its lines are limits that check --strict accepts for the
# measurement they came from (here the committed exhaustive results).
"$sb" suggest-limits --from "$src/results/accuracy.csv" \
	--variants 'f32-pade-7-6-scalar,f32-exact-scalar,f32-lut256-r8-linear-sat-scalar,f64-stable-scalar' \
	> "$tmp/suggested.txt"
if [ "$(wc -l < "$tmp/suggested.txt")" -lt 10 ] ||
	! "$sb" check --limits "$tmp/suggested.txt" --from "$src/results/accuracy.csv" --strict --quiet > "$tmp/out" 2>&1; then
	echo "FAIL: suggested limits are not accepted by check --strict: $(cat "$tmp/suggested.txt" "$tmp/out")"
	fails=$((fails + 1))
else
	echo "ok (0): suggest-limits -> $(wc -l < "$tmp/suggested.txt") lines, check --strict passes them"
fi
expect 2 suggest-limits --limits "$src/generator/limits.txt"

# A limit that cannot hold fails (exit 1) with a parseable FAIL line.
printf 'f32-exact-scalar ulp 0.5 -10:10\nf32-stable-dbl-scalar ulp 0.51 -10:10\n' > "$tmp/tight.txt"
expect 1 check --limits "$tmp/tight.txt" --stride 1001 --quiet --junit "$tmp/junit/tight.xml"
grep -q '<failure type="FAIL"' "$tmp/junit/tight.xml" 2>/dev/null || {
	echo "FAIL: check --junit wrote no failure for the tight limit"; fails=$((fails + 1)); }
grep -q '^FAIL f32-exact-scalar ulp -10:10 bound=0.5 measured=' "$tmp/stdout" || {
	echo "FAIL: no FAIL line for the tight limit:"; cat "$tmp/stdout"; fails=$((fails + 1)); }
grep -q '^PASS f32-stable-dbl-scalar ulp -10:10' "$tmp/stdout" || {
	echo "FAIL: no PASS line for the loose one:"; cat "$tmp/stdout"; fails=$((fails + 1)); }

# --variants and --function keep the limits of the variants they select:
# the tight file's second variant alone passes; nothing selected or a glob
# naming nothing is bad input.
expect 0 check --limits "$tmp/tight.txt" --stride 1001 --quiet --variants 'f32-stable-dbl-*'
if grep -q 'f32-exact-scalar' "$tmp/stdout" || ! grep -q '^PASS f32-stable-dbl-scalar' "$tmp/stdout"; then
	echo "FAIL: check --variants f32-stable-dbl-* judged:"; cat "$tmp/stdout"; fails=$((fails + 1))
fi
expect 2 check --limits "$tmp/tight.txt" --stride 1001 --quiet --variants 'f32-stable-dbl-*' --function silu
expect 2 check --limits "$tmp/tight.txt" --stride 1001 --quiet --variants 'f32-no-such-*'

# Help works everywhere.
for c in list accuracy speed run check breakpoints; do
	expect 0 "$c" --help
	grep -q "usage: sigbench $c" "$tmp/stdout" || { echo "FAIL: $c --help"; fails=$((fails + 1)); }
done
expect 0 --help

# A small successful run writes all four files and no temporary one.
expect 0 run --out "$tmp/ok" --variants 'f32-exact-scalar,f64-stable-scalar' --stride 100003 \
	--samples 1000 --sizes 1024 --reps 3 --quiet
for f in summary.md accuracy.csv throughput.csv results.json; do
	[ -s "$tmp/ok/$f" ] || { echo "FAIL: run did not write $f"; fails=$((fails + 1)); }
done
if ls -A "$tmp/ok" | grep -q tmp; then
	echo "FAIL: temporary files left: $(ls -A "$tmp/ok")"
	fails=$((fails + 1))
fi

echo "$fails failure(s)"
[ "$fails" -eq 0 ]

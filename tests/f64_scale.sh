#!/bin/sh
# float64 at scale (README "Scale out"): --samples takes 10^12 and refuses
# more; memory does not grow with --samples; --walk-from finds a wrong
# output next to where a previous run found the worst error, and refuses a
# bad file (one line, exit 2).
#   sh tests/f64_scale.sh SIGBENCH PYTHON
set -u
SB=$1 PY=${2:-python3}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
say() { echo "FAIL: $*"; fail=1; }

# refuse TEXT ARGS...: exit 2, one line on stderr containing TEXT
refuse() {
	want=$1
	shift
	"$SB" "$@" > "$T/stdout" 2> "$T/stderr"
	rc=$?
	if [ $rc -ne 2 ] || [ "$(wc -l < "$T/stderr")" -ne 1 ] || ! grep -q -- "$want" "$T/stderr"; then
		say "sigbench $*: exit $rc, want 2 and one line with '$want': $(cat "$T/stderr")"
	fi
}
F64="accuracy --precision f64 --variants f64-exact-scalar --quiet"

refuse "not a whole number in \[1, 1000000000000\]" $F64 --samples 1e13
refuse "not a whole number" $F64 --samples 1000000000001
refuse "not a whole number" $F64 --samples 1e12x
# 10^12 is accepted: its last shard is one block of 1024 samples
"$SB" $F64 --samples 1e12 --shard 976562499/976562500 --out "$T/last" ||
	say "--samples 1e12 (last of 976562500 shards) failed"
[ -s "$T/last/part-976562499-of-976562500.sbpart" ] || say "no shard file for --samples 1e12"

# memory: 10^7 samples (3 x 10^7 inputs drawn; the domain keeps about 14000
# of them) against 10^5.  Holding the draws, as the sweep once did, takes
# 8 bytes each: 240 MB more.
rss() { # ARGS...: the peak resident KB of sigbench ARGS
	"$PY" -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$SB" "$@"
}
small=$(rss $F64 --threads 2 --domain 0.5:0.6 --samples 1e5 --out "$T/m1") || say "10^5 samples failed"
big=$(rss $F64 --threads 2 --domain 0.5:0.6 --samples 1e7 --out "$T/m2") || say "10^7 samples failed"
echo "peak RSS: $small KB at 10^5 samples, $big KB at 10^7"
[ -n "$small" ] && [ -n "$big" ] && [ $((big - small)) -lt 24576 ] ||
	say "memory grew from $small KB to $big KB (bound: 24 MB more)"
# field COLUMN CSV VARIANT: the column of VARIANT's row "all" (the sweep
# field holds commas inside quotes: a CSV reader, not awk)
field() {
	"$PY" -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[2])):
    if r["variant"] == sys.argv[3] and r["interval"] == "all":
        print(r[sys.argv[1]])' "$@"
}
inputs=$(field inputs "$T/m2/accuracy.csv" f64-exact-scalar)
[ "${inputs:-0}" -gt 10000 ] || say "10^7 samples measured only ${inputs:-no} inputs in [0.5, 0.6]"

# hard cases: a previous run's worst f64 input is 2.75; the function under
# test is wrong only 100 doubles above it
cat > "$T/prior.csv" <<'CSV'
variant,precision,interval,worst_x,max_abs_x,max_rel_x
f64-old,f64,central,0x1.6p+1,0x1.6p+1,-
f32-old,f32,all,0x1p+0,0x1p+0,0x1p+0
CSV
cat > "$T/planted.c" <<'C'
#include <math.h>
double planted64(double x)
{
	double y = 1 / (1 + exp(-x));
	return x == 0x1.6000000000064p+1 ? 0.5 * y : y; /* 2.75 + 100 ulps */
}
C
measure() { # OUT ARGS...: the user's function alone, its worst input
	out=$1
	shift
	"$SB" measure --impl "$T/planted.c:planted64" --precision f64 --variants '' --samples 2000 \
		--sizes 64 --reps 3 --quiet --out "$T/$out" "$@" > /dev/null ||
		{ say "measure $* failed"; return; }
	field worst_x "$T/$out/accuracy.csv" f64-user-planted64
}
if command -v "${CC:-cc}" > /dev/null 2>&1; then
	w=$(measure walk --walk-from "$T/prior.csv" --walk-ulps 128)
	[ "$w" = "0x1.6000000000064p+1" ] || say "--walk-from: worst input $w, want the planted 0x1.6000000000064p+1"
	w=$(measure near --walk-from "$T/prior.csv" --walk-ulps 99)
	[ "$w" != "0x1.6000000000064p+1" ] || say "--walk-ulps 99 reached 100 doubles away"
	w=$(measure none)
	[ "$w" != "0x1.6000000000064p+1" ] || say "the samples alone found the planted input: the test tests nothing"
else
	echo "no C compiler: the planted hard case is not tried"
fi

refuse "cannot\|No such" $F64 --walk-from "$T/absent.csv"
printf 'variant,precision\nf64-a,f64\n' > "$T/nocol.csv"
refuse "worst_x" $F64 --walk-from "$T/nocol.csv"
printf 'precision,worst_x,max_abs_x,max_rel_x\nf64,0x1.6p+1zz,1,1\n' > "$T/nan.csv"
refuse "is not a number" $F64 --walk-from "$T/nan.csv"
printf 'precision,worst_x,max_abs_x,max_rel_x\nf32,1,1,1\n' > "$T/nof64.csv"
refuse "no f64 row" $F64 --walk-from "$T/nof64.csv"
exit $fail

#!/bin/sh
# sigbench report renders summary.md, details.md, index.html and details.html
# from a results directory without measuring: byte for byte what the run
# wrote (a small run here), and what results/ holds (the committed pages are
# current); bad input is one line and exit 2, nothing written.
# usage: report_rerender.sh SIGBENCH SOURCE_DIR
set -u
sb=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pages="summary.md details.md index.html details.html"

same_pages() { # DIR_A DIR_B WHAT
	for f in $pages; do
		if ! cmp -s "$1/$f" "$2/$f"; then
			fail "$3: $f differs: $(diff "$1/$f" "$2/$f" | head -5)"
		fi
	done
}

"$sb" run --variants 'f32-exact-scalar,f32-rr1-lut16*,f32-xnnpack-auto,f32-sleef*,f64-stable-scalar,f32-silu-*' \
	--stride 9973 --samples 1000 --sizes 1024,4096 --reps 3 --quiet --out "$tmp/run" > /dev/null ||
	fail "sigbench run exited $?"
"$sb" report --results "$tmp/run" --out "$tmp/again" --quiet || fail "report exited $?"
same_pages "$tmp/run" "$tmp/again" "small run"
[ -e "$tmp/again/accuracy.csv" ] && fail "report wrote a table it only reads"
# one front per function: SiLU's variants on their own plot, never on sigma's
grep -q 'silu-stable-scalar' "$tmp/run/pareto-silu.svg" || fail "pareto-silu.svg lacks the SiLU variants"
grep -q 'silu' "$tmp/run/pareto.svg" && fail "sigma's pareto.svg shows a SiLU variant"
grep -q '(pareto-silu.svg)' "$tmp/run/summary.md" || fail "summary.md does not show pareto-silu.svg"

# in place (the default --out), then the same again
cp -r "$tmp/run" "$tmp/inplace"
"$sb" report --results "$tmp/inplace" --quiet || fail "report in place exited $?"
same_pages "$tmp/run" "$tmp/inplace" "in place"

# accuracy alone: the Markdown, no pages
"$sb" accuracy --variants f32-exact-scalar --stride 99991 --quiet --out "$tmp/acc" > /dev/null
"$sb" report --results "$tmp/acc" --out "$tmp/acc2" --quiet || fail "report of accuracy alone exited $?"
for f in summary.md details.md; do
	cmp -s "$tmp/acc/$f" "$tmp/acc2/$f" || fail "accuracy alone: $f differs"
done
[ -e "$tmp/acc2/index.html" ] && fail "accuracy alone: report wrote index.html, the run did not"

# the committed pages are what this build renders from the committed data
if [ -f "$src/results/results.json" ]; then
	"$sb" report --results "$src/results" --out "$tmp/committed" --quiet ||
		fail "report of results/ exited $?"
	same_pages "$src/results" "$tmp/committed" "results/ (run 'sigbench report' there)"
fi

# bad input: one line on stderr, exit 2, nothing written
mkdir "$tmp/empty" "$tmp/old"
sed 's/"accuracy_seconds"/"other"/' "$tmp/run/results.json" > "$tmp/old/results.json"
printf '{"schema": "sigbench-results/1", "accuracy": [' > "$tmp/cut.json"
mkdir "$tmp/cut" && mv "$tmp/cut.json" "$tmp/cut/results.json"
for d in empty old cut nosuch; do
	"$sb" report --results "$tmp/$d" --out "$tmp/out-$d" > /dev/null 2> "$tmp/err"
	rc=$?
	if [ "$rc" -ne 2 ] || [ "$(wc -l < "$tmp/err")" -ne 1 ]; then
		fail "report --results $d exited $rc with: $(cat "$tmp/err")"
	fi
	[ -e "$tmp/out-$d/summary.md" ] && fail "report --results $d wrote summary.md"
done
echo "$fails failure(s)"
[ "$fails" -eq 0 ]

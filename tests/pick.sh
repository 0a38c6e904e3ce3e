#!/bin/sh
# sigbench pick on a tiny domain (so the exhaustive sweeps take seconds):
# the budget decides, the answer is the fastest that meets it, an impossible
# budget exits 1 with the closest, and bad input exits 2.
# usage: pick.sh SIGBENCH
set -u
sb=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# CR is required: among these only the correctly rounded kernel qualifies on [1, 1.01]
set=f32-exact-scalar,f32-stable-scalar,f32-stable-dbl-scalar,f32-cr-lut32-p4-flt-x2-avx512
"$sb" pick --max-ulp 0.5 --domain 1:1.01 --variants "$set" --results "$tmp" --quiet > "$tmp/a" 2>&1
rc=$?
[ "$rc" -eq 0 ] || fail "pick 0.5 ULP exited $rc"
grep -q '^-> f32-cr-lut32-p4-flt-x2-avx512 ' "$tmp/a" || grep -q '^-> f32-stable-dbl-scalar ' "$tmp/a" \
	|| fail "pick 0.5 ULP chose: $(grep '^->' "$tmp/a")"
grep -q 'f32-exact-scalar' "$tmp/a" && fail "exact (2 ULP) listed under a 0.5 ULP budget"

# a loose budget: the fastest of the set qualifies, runner-ups follow
"$sb" pick --max-ulp 3 --domain 1:1.01 --variants "$set" --results "$tmp" --quiet > "$tmp/b" 2>&1
[ "$?" -eq 0 ] || fail "pick 3 ULP failed"
[ "$(grep -c '^ ' "$tmp/b")" -ge 2 ] || fail "no runner-ups: $(cat "$tmp/b")"

# impossible budget: exit 1 and the closest ones
"$sb" pick --max-ulp 0.01 --domain 1:1.01 --variants "$set" --results "$tmp" --quiet > "$tmp/c" 2>&1
rc=$?
[ "$rc" -eq 1 ] || fail "impossible budget exited $rc"
grep -q 'no variant meets the budget' "$tmp/c" || fail "no explanation: $(cat "$tmp/c")"

# an absolute budget and an ISA filter
"$sb" pick --max-abs 1e-3 --domain 0.5:4 --isa avx512 --variants 'f32-*-avx512' --results "$tmp" --quiet > "$tmp/d" 2>&1
[ "$?" -eq 0 ] || fail "abs budget failed: $(cat "$tmp/d")"
grep '^ *->\? *f32' "$tmp/d" | grep -qv 'avx512' && fail "--isa avx512 listed another ISA"

# bad input: one line, exit 2
for args in "pick" "pick --max-ulp x" "pick --max-ulp -1" "pick --max-ulp 1 --isa nosuch" \
	"pick --max-ulp 1 --domain 3:1" "pick --max-ulp 1 --size 0" "pick --max-ulp 1 --kind nosuch" \
	"pick --max-ulp 1 --recorded --exhaustive" "pick --max-ulp 1 --recorded --results $tmp/none"; do
	$sb $args > /dev/null 2> "$tmp/e"
	rc=$?
	if [ "$rc" -ne 2 ] || [ "$(wc -l < "$tmp/e")" -ne 1 ]; then
		fail "'$args' exited $rc with: $(cat "$tmp/e")"
	fi
done
echo "$fails failure(s)"
[ "$fails" -eq 0 ]

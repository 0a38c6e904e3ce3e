#!/bin/sh
# sigbench measure/check --impl: the user's C file is compiled, loaded and
# measured like a built-in, with plausible numbers (a correct implementation
# near 0.5 ULP, a bad one far off), and every way it can go wrong is one
# "sigbench: " line on stderr, exit 2, no files and no temporary directory.
# usage: byo.sh SIGBENCH DIR-OF-SAMPLE-IMPLEMENTATIONS
set -u
sb=$1 impls=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/t"
TMPDIR=$tmp/t
export TMPDIR # sigbench's temporary directories go here: checked empty at the end
unset CC CFLAGS LDLIBS # the defaults are under test; the caller's flags could break the samples
fails=0
quick="--stride 997 --sizes 4096 --reps 3 --quiet" # seconds, not minutes

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# run STATUS ARGS...: sigbench ARGS must exit STATUS; output in $tmp/out, $tmp/err
run() {
	want=$1
	shift
	"$sb" "$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "sigbench $* exited $got, want $want; stderr: $(head -c 400 "$tmp/err")"
		return 1
	fi
	echo "ok ($got): sigbench $*"
}

# field VARIANT N: the N-th column of VARIANT's first row in $tmp/out
field() {
	awk -v v="$1" -v n="$2" '$1 == v { print $n; exit }' "$tmp/out"
}

# expect_num VARIANT N OP BOUND: the N-th column of VARIANT's row compares
expect_num() {
	val=$(field "$1" "$2")
	if [ -z "$val" ] || ! awk -v x="$val" -v b="$4" -v op="$3" \
		'BEGIN { x += 0; exit !(op == "<=" ? x <= b : op == ">=" ? x >= b : x > b) }'; then
		fail "$1 column $2 is '$val', want $3 $4"
		cat "$tmp/out"
	fi
}

# expect_err PATTERN ARGS...: exit 2, exactly one "sigbench: " line matching PATTERN
expect_err() {
	pat=$1
	shift
	run 2 "$@" || return
	if [ "$(wc -l < "$tmp/err")" -ne 1 ] || ! grep -q "^sigbench: .*$pat" "$tmp/err"; then
		fail "sigbench $*: want one 'sigbench: ...$pat...' line, got:"
		cat "$tmp/err"
	elif [ -s "$tmp/out" ]; then
		fail "sigbench $*: printed to stdout on error"
	else
		echo "   -> $(cat "$tmp/err")"
	fi
}

# ---- measurements: columns are variant, max ULP, worst x, got, want, mean ULP, CR %, max abs
run 0 measure --impl "$impls/good.c:good_sigmoid" --variants f32-stable-dbl-scalar $quick
expect_num f32-user-good_sigmoid 2 "<=" 0.5001
expect_num f32-user-good_sigmoid 7 ">=" 99.99
expect_num f32-stable-dbl-scalar 2 "<=" 0.5001 # the built-in beside it, same table
# throughput rows (variant, n, median ns, ...) and the special inputs
# (NaN -Inf +Inf -0 +0 -max +max -min_sub +min_sub) of the user's function
[ "$(grep -c '^  f32-user-good_sigmoid ' "$tmp/out")" -eq 3 ] || fail "want accuracy, speed, specials rows"
[ "$(awk '$1 == "f32-user-good_sigmoid" && $2 == 4096 && $3 > 0' "$tmp/out" | wc -l)" -eq 1 ] ||
	fail "no throughput row for the user's function"
grep -q '^  f32-user-good_sigmoid  *nan  *0  *1  *0.5  *0.5  *0  *1  *0.5  *0.5$' "$tmp/out" ||
	fail "special inputs of good_sigmoid: $(grep 'user-good' "$tmp/out" | tail -n1)"

run 0 measure --impl "$impls/bad.c:bad_sigmoid" --variants '' $quick
expect_num f32-user-bad_sigmoid 2 ">" 1000000 # returns 0 where sigma(x) ~ 2^-16
expect_num f32-user-bad_sigmoid 8 ">=" 0.1    # 0.5 + x/4 is 0.119 off at x = 2

# --domain is honoured: on [-1, 1] the tangent line is off by 0.0189 at most
run 0 measure --impl "$impls/bad.c:bad_sigmoid" --variants '' --domain -1:1 $quick
grep -q 'in \[-1, 1\]' "$tmp/out" || fail "--domain not in the sweep description"
expect_num f32-user-bad_sigmoid 8 "<=" 0.019

run 0 measure --impl "$impls/batch.c:batch_sigmoid" --batch --variants '' $quick
expect_num f32-user-batch_sigmoid 2 "<=" 0.5001

run 0 measure --impl "$impls/good64.c:sigmoid64" --precision f64 --variants f64-stable-scalar \
	--samples 5000 --sizes 4096 --reps 3 --quiet
expect_num f64-user-sigmoid64 2 "<=" 4

# the default comparison set, --out and --json
run 0 measure --impl "$impls/good.c:good_sigmoid" --stride 99991 --sizes 1024 --reps 3 --quiet \
	--out "$tmp/res" --json
for f in summary.md results.json accuracy.csv throughput.csv; do
	[ -s "$tmp/res/$f" ] || fail "--out wrote no $f"
done
grep -q '^f32-user-good_sigmoid,' "$tmp/res/accuracy.csv" || fail "accuracy.csv lacks the user's row"
# every file summary.md links (the plots) is written beside it
for f in $(grep -o '([a-z_]*\.svg)' "$tmp/res/summary.md" | tr -d '()' | sort -u); do
	[ -s "$tmp/res/$f" ] || fail "summary.md links $f, which --out did not write"
done
grep -q 'f32-user-good_sigmoid' "$tmp/res/index.html" || fail "index.html lacks the user's variant"
grep -q '"variant": "f32-stable-dbl-scalar"' "$tmp/out" || fail "default comparison set lacks f32-stable-dbl-scalar"
grep -q '"variant": "f32-user-good_sigmoid"' "$tmp/out" || fail "--json lacks the user's variant"

# ---- check: a limits file naming the user's variant
printf '%s\n' "f32-user-good_sigmoid ulp 0.5001" "f32-user-good_sigmoid abs 3e-8 -10:10" \
	"f32-stable-dbl-scalar ulp 0.5001" > "$tmp/pass.txt"
run 0 check --limits "$tmp/pass.txt" --impl "$impls/good.c:good_sigmoid" --stride 997 --quiet
grep -q '^PASS f32-user-good_sigmoid ulp all' "$tmp/out" || fail "no PASS line: $(cat "$tmp/out")"
printf '%s\n' "f32-user-bad_sigmoid ulp 1000" > "$tmp/fail.txt"
run 1 check --limits "$tmp/fail.txt" --impl "$impls/bad.c:bad_sigmoid" --stride 997 --quiet
grep -q '^FAIL f32-user-bad_sigmoid ulp all' "$tmp/out" || fail "no FAIL line: $(cat "$tmp/out")"
printf '%s\n' "f32-user-batch_sigmoid ulp 0.5001" > "$tmp/batch.txt"
run 0 check --limits "$tmp/batch.txt" --impl "$impls/batch.c:batch_sigmoid" --batch --stride 997
printf '%s\n' "f64-user-sigmoid64 ulp 4" > "$tmp/f64.txt"
run 0 check --limits "$tmp/f64.txt" --impl "$impls/good64.c:sigmoid64" --precision f64 --samples 5000

# ---- user code cannot change how anything else is measured
# -ffast-math's load-time FTZ/DAZ: restored (one warning line), so the
# correctly rounded built-in still measures 0.5 and the user's function its
# true subnormal failure (before: the built-in failed at 8.3e6 ULP)
printf '%s\n' "f32-stable-dbl-scalar ulp 0.5001" "f32-user-fastmath_sigmoid ulp 3e6" > "$tmp/fm.txt"
export CFLAGS="-O2 -ffast-math"
run 0 check --limits "$tmp/fm.txt" --impl "$impls/fastmath.c:fastmath_sigmoid" --stride 997 --quiet
unset CFLAGS
grep -q '^PASS f32-stable-dbl-scalar ulp' "$tmp/out" || fail "fast-math user code changed a built-in: $(cat "$tmp/out")"
grep -q 'FTZ on, DAZ on.*restored' "$tmp/err" || fail "no warning about FTZ/DAZ: $(cat "$tmp/err")"
if grep -q 'want=0x0p+0' "$tmp/out"; then fail "a flushed reference value: $(cat "$tmp/out")"; fi
printf '%s\n' "f32-stable-dbl-scalar ulp 0.5001" "f32-user-upward_sigmoid ulp 3e6" > "$tmp/up.txt"
expect_err "upward_sigmoid returned .* with the floating-point environment changed" \
	check --limits "$tmp/up.txt" --impl "$impls/upward.c:upward_sigmoid" --stride 997 --quiet
printf '%s\n' "f32-user-crash_sigmoid ulp 3e9" > "$tmp/crash.txt"
expect_err "f32-user-crash_sigmoid crashed (SIGSEGV); the call had [0-9]* inputs from x = " \
	check --limits "$tmp/crash.txt" --impl "$impls/crash.c:crash_sigmoid" --stride 997 --quiet
printf '%s\n' "f32-user-hang_sigmoid ulp 3e9" > "$tmp/hang.txt"
expect_err "f32-user-hang_sigmoid timed out after 1 s; the latest call had .* x = nan" \
	check --limits "$tmp/hang.txt" --impl "$impls/hang.c:hang_sigmoid" --stride 65537 --timeout 1 --quiet

# ---- shared libraries (--impl libfoo.so:SYMBOL): built by any toolchain, loaded as they are
cc -O2 -fPIC -shared -o "$tmp/libgood.so" "$impls/good.c" -lm || fail "cannot build libgood.so"
cc -O2 -fPIC -shared -o "$tmp/libbatch.so" "$impls/batch.c" -lm || fail "cannot build libbatch.so"
cc -O2 -fPIC -c -o "$tmp/good.o" "$impls/good.c" || fail "cannot build good.o"
run 0 measure --impl "$tmp/libgood.so:good_sigmoid" --variants '' $quick
expect_num f32-user-good_sigmoid 2 "<=" 0.5001
run 0 measure --impl "$tmp/libgood.so:good_sigmoid" --variants '' $quick --json
grep -q '"params": "library=[^"]*libgood.so symbol=good_sigmoid form=scalar"' "$tmp/out" ||
	fail "results do not name the library: $(grep -m1 params "$tmp/out")"
run 0 measure --impl "$tmp/libbatch.so:batch_sigmoid" --batch --variants '' $quick
expect_num f32-user-batch_sigmoid 2 "<=" 0.5001
run 0 check --limits "$tmp/pass.txt" --impl "$tmp/libgood.so:good_sigmoid" --stride 997 --quiet
grep -q '^PASS f32-user-good_sigmoid ulp all' "$tmp/out" || fail "no PASS line for the .so: $(cat "$tmp/out")"
expect_err "cannot read .*libbad.so.: No such file" check --limits "$tmp/fail.txt" --impl "$tmp/libbad.so:bad_sigmoid"
cc -O2 -fPIC -shared -o "$tmp/libbad.so" "$impls/bad.c" -lm || fail "cannot build libbad.so"
run 1 check --limits "$tmp/fail.txt" --impl "$tmp/libbad.so:bad_sigmoid" --stride 997 --quiet
grep -q '^FAIL f32-user-bad_sigmoid ulp all' "$tmp/out" || fail "no FAIL line for the .so: $(cat "$tmp/out")"
if command -v g++ > /dev/null; then
	g++ -O2 -fPIC -shared -o "$tmp/libcxx.so" "$impls/cxx_sigmoid.cpp" || fail "cannot build libcxx.so"
	run 0 measure --impl "$tmp/libcxx.so:cxx_sigmoid" --variants '' $quick
	expect_num f32-user-cxx_sigmoid 2 "<=" 0.5001
	expect_err "not_a_function in .*libcxx.so is not a function" \
		measure --impl "$tmp/libcxx.so:not_a_function" --variants '' $quick
else
	echo "SKIP: no g++, the C++ shared library case is not run"
fi
cc -O2 -ffast-math -fPIC -shared -o "$tmp/libfm.so" "$impls/fastmath.c" -lm || fail "cannot build libfm.so"
run 0 check --limits "$tmp/fm.txt" --impl "$tmp/libfm.so:fastmath_sigmoid" --stride 997 --quiet
grep -q '^PASS f32-stable-dbl-scalar ulp' "$tmp/out" || fail "a fast-math .so changed a built-in: $(cat "$tmp/out")"
grep -q 'FTZ on, DAZ on.*restored' "$tmp/err" || fail "no warning about the .so's FTZ/DAZ: $(cat "$tmp/err")"
expect_err "no function nosuch exported by .*libgood.so" measure --impl "$tmp/libgood.so:nosuch"
expect_err "good.o is an ELF object file, not a shared library" measure --impl "$tmp/good.o:good_sigmoid"

# ---- errors
expect_err "not PATH:SYMBOL" measure --impl "$impls/good.c"
expect_err "not a C function name" measure --impl "$impls/good.c:1x"
expect_err "cannot read .*No such file" measure --impl "$impls/no-such-file.c:f"
expect_err "broken.c does not compile: .*broken.c:4:.*error:" measure --impl "$impls/broken.c:broken_sigmoid"
expect_err "no function nosuch in .*good.c" measure --impl "$impls/good.c:nosuch"
expect_err "no function ghost_sigmoid in .*declared.c" measure --impl "$impls/declared.c:ghost_sigmoid"
expect_err "wrong signature: .*sigmoid64 as 'double(double)', want float sigmoid64(float)" \
	measure --impl "$impls/good64.c:sigmoid64"
expect_err "wrong signature: .*want void good_sigmoid(const float \*x, float \*y, size_t n)" \
	measure --impl "$impls/good.c:good_sigmoid" --batch
expect_err "wrong signature" measure --impl "$impls/batch.c:batch_sigmoid"
expect_err "wrong signature" measure --impl "$impls/good.c:good_sigmoid" --precision f64
# links only because CFLAGS undoes -z defs, then dlopen finds `scale` nowhere
export CFLAGS=-Wl,-z,undefs
expect_err "cannot load .*undefined symbol: scale" measure --impl "$impls/unresolved.c:unresolved_sigmoid"
unset CFLAGS
expect_err "does not compile: .*undefined reference to .scale'" \
	measure --impl "$impls/unresolved.c:unresolved_sigmoid"
export CC=/no/such/cc
expect_err "cannot run the C compiler" measure --impl "$impls/good.c:good_sigmoid"
unset CC
expect_err "needs --impl" measure
expect_err "f32 or f64" measure --impl "$impls/good.c:good_sigmoid" --precision all
expect_err "no variant matches" measure --impl "$impls/good.c:good_sigmoid" --variants typo
expect_err "does not compile" measure --impl "$impls/broken.c:broken_sigmoid" --out "$tmp/none"
[ ! -e "$tmp/none" ] || fail "a failed measure left $tmp/none behind"
expect_err "no function nosuch" check --limits "$tmp/pass.txt" --impl "$impls/good.c:nosuch"
expect_err "unknown variant 'f32-user-good_sigmoid'" check --limits "$tmp/pass.txt"
expect_err "describe --impl" check --limits "$tmp/pass.txt" --batch

[ -z "$(ls -A "$tmp/t")" ] || fail "temporary files left behind: $(ls -A "$tmp/t")"
[ "$fails" -eq 0 ] && echo "byo: all passed" || echo "byo: $fails failed"
[ "$fails" -eq 0 ]

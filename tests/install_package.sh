#!/bin/sh
# Install into a fresh prefix and use it as a user would, the source tree
# unused.  MODE quick: (1) the example project examples/accuracy-gate, copied
# out, finds the package and its ctest gate passes (every 7th float); (2) the
# same project with a wrong my_sigmoid fails its gate; (3) a C program built
# with `pkg-config --cflags --libs sigbench` calls a variant and the
# measuring library, whose figures must equal `sigbench check`'s, and so
# must the same program linked by CMake (sigbench::measure); (4) the
# installed binary exports a header from an empty directory.  MODE
# exhaustive: only (1), as the example stands (all 2^32 floats).
# WORK is a fresh temporary directory outside both trees: the build tree may
# lie inside the source tree (CI's build-ci/), and then every path under it
# would "name the source tree".
#   install_package.sh BUILD_DIR SRC CMAKE CTEST quick|exhaustive|sanitize
set -u
build=$1 src=$2 cmake=$3 ctest=$4 mode=$5
if [ "$mode" = sanitize ]; then
	echo "SKIP: the install tests run in the normal build (sanitized static libraries need -fsanitize in every user)"
	exit 77
fi
for tool in pkg-config cc; do
	command -v $tool >/dev/null || { echo "SKIP: no $tool"; exit 77; }
done
fail() { echo "install-package: FAIL $*"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/sigbench-install.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
case $work/ in "$src"/*) fail "the temporary directory $work is inside the source tree" ;; esac
prefix=$work/prefix
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
	{ cat "$work/install.log"; fail "cmake --install"; }
for f in bin/sigbench include/sigbench/measure.h include/sigbench/variants.h lib/libsigbench_measure.a \
	lib/libsigbench_variants.a lib/cmake/sigbench/sigbenchConfig.cmake \
	lib/cmake/sigbench/SigbenchAccuracyTest.cmake lib/pkgconfig/sigbench.pc; do
	[ -f "$prefix/$f" ] || fail "$f not installed"
done
# nothing installed points back into the source tree
grep -rlF "$src/" "$prefix" && fail "these installed files name the source tree $src"
# the installed variants library has no peers, and its header declares none
echo '#include <sigbench/variants.h>' | cc -E -I"$prefix/include" - | grep -q 'sb_f32_glibc_scalar' &&
	fail "variants.h declares the peers' adapters"
nm "$prefix/lib/libsigbench_variants.a" | grep -q ' T sb_f32_glibc_scalar' && fail "the variants library holds peers"

# (1) the example, out of the source tree, against the prefix only
cp -r "$src/examples/accuracy-gate" "$work/good" || exit 1
gate() { # DIR [cmake -D...]: configure, build, ctest; ctest's status
	d=$1
	shift
	"$cmake" -S "$d" -B "$d/build" -DCMAKE_PREFIX_PATH="$prefix" "$@" >"$d/configure.log" 2>&1 ||
		{ cat "$d/configure.log"; fail "configuring $d"; }
	"$cmake" --build "$d/build" >"$d/build.log" 2>&1 || { cat "$d/build.log"; fail "building $d"; }
	(cd "$d/build" && "$ctest" -V >"$d/ctest.log" 2>&1)
}
if [ "$mode" = exhaustive ]; then
	sample="" coverage=all
else
	sample="-DSIGBENCH_ACCURACY_ARGS=--stride;7" coverage=sample
fi
gate "$work/good" $sample || { cat "$work/good/ctest.log"; fail "the example's gate fails on the good my_sigmoid"; }
grep -q "PASS f32-user-my_sigmoid ulp all bound=0.501 measured=0.5.* coverage=$coverage" "$work/good/ctest.log" ||
	{ cat "$work/good/ctest.log"; fail "no PASS line (coverage=$coverage) for the ulp limit"; }
grep -qF "$src/" "$work/good/build/CTestTestfile.cmake" && fail "the example's test refers to the source tree"
echo "good my_sigmoid: gate passes"
grep "f32-user-my_sigmoid\|# " "$work/good/ctest.log"
[ "$mode" = exhaustive ] && { echo "install-package: ok"; exit 0; }

# (2) the gate can fail: the same project, a wrong function
cp -r "$src/examples/accuracy-gate" "$work/bad" || exit 1
cp "$src/tests/install/bad_sigmoid.c" "$work/bad/my_sigmoid.c" || exit 1
gate "$work/bad" $sample &&
	{ cat "$work/bad/ctest.log"; fail "the gate passes a wrong my_sigmoid"; }
grep -q "FAIL f32-user-my_sigmoid ulp all bound=0.501" "$work/bad/ctest.log" ||
	{ cat "$work/bad/ctest.log"; fail "the failing gate does not say which limit"; }
echo "bad my_sigmoid: gate fails"
grep "f32-user-my_sigmoid\|# " "$work/bad/ctest.log"

# (3) pkg-config: a variant and the measuring library
PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export PKG_CONFIG_PATH
flags=$(pkg-config --cflags --libs sigbench) || fail "pkg-config sigbench"
cc -std=c11 -O2 -Wall -Werror -o "$work/use_installed" "$src/tests/install/use_installed.c" $flags ||
	fail "compiling against pkg-config sigbench ($flags)"
api=$("$work/use_installed") || fail "use_installed"
printf 'f32-stable-dbl-scalar ulp 0.501\n' >"$work/limits.txt"
cli=$("$prefix/bin/sigbench" check --limits "$work/limits.txt" --stride 61 --quiet) || fail "sigbench check: $cli"
echo "API: $api"
echo "CLI: $cli"
set -- $api # measured=M x=X
echo "$cli" | grep -qF " $1 coverage=sample $2 " || fail "the library's figures differ from sigbench check's"

# the same program through the CMake package's imported libraries (MPFR,
# GMP and threads found by its config)
mkdir "$work/cmake-user" && cp "$src/tests/install/use_installed.c" "$work/cmake-user/" || exit 1
cat >"$work/cmake-user/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(cmake_user LANGUAGES C)
find_package(sigbench CONFIG REQUIRED)
add_executable(use_installed use_installed.c)
target_link_libraries(use_installed PRIVATE sigbench::measure sigbench::variants)
CMAKE
"$cmake" -S "$work/cmake-user" -B "$work/cmake-user/build" -DCMAKE_PREFIX_PATH="$prefix" >"$work/cmake-user.log" 2>&1 &&
	"$cmake" --build "$work/cmake-user/build" >>"$work/cmake-user.log" 2>&1 ||
	{ cat "$work/cmake-user.log"; fail "linking sigbench::measure and sigbench::variants"; }
[ "$("$work/cmake-user/build/use_installed")" = "$api" ] || fail "the program built by CMake measures differently"

# (4) the installed binary alone: export from an empty directory
mkdir "$work/empty" && cd "$work/empty" || exit 1
"$prefix/bin/sigbench" export f32-exact-scalar -o sig.h || fail "installed sigbench export"
printf '#include "sig.h"\nint main(void) { return sigmoid_f32_exact_scalar_1(0.0f) != 0.5f; }\n' >t.c
cc -std=c11 -O2 -ffp-contract=off -o t t.c -lm && ./t || fail "the exported header does not give sigma(0) = 1/2"
echo "install-package: ok"

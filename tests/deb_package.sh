#!/bin/sh
# cpack -G DEB from the build directory, then the package checked without
# installing it: control fields (Package, Version, Depends with MPFR, GMP and
# a C compiler), the file list, and the extracted binary runs.
#   deb_package.sh BUILD_DIR WORK CPACK quick|sanitize
set -u
build=$1 work=$2 cpack=$3
if [ "${4:-}" = sanitize ]; then
	echo "SKIP: the package is built from the normal build"
	exit 77
fi
command -v dpkg-deb >/dev/null || { echo "SKIP: no dpkg-deb"; exit 77; }
command -v dpkg-shlibdeps >/dev/null || { echo "SKIP: no dpkg-shlibdeps (apt-get install dpkg-dev)"; exit 77; }
fail() { echo "deb-package: FAIL $*"; exit 1; }
rm -rf "$work" && mkdir -p "$work" || exit 1
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 ||
	{ cat "$work/cpack.log"; fail "cpack"; }
set -- "$work"/sigbench_*.deb
[ -f "$1" ] || { cat "$work/cpack.log"; fail "no sigbench_*.deb"; }
deb=$1
echo "$deb"
info=$(dpkg-deb -I "$deb") || fail "dpkg-deb -I"
echo "$info" | grep -E "^ (Package|Version|Architecture|Depends|Recommends):"
echo "$info" | grep -q "^ Package: sigbench$" || fail "Package"
echo "$info" | grep -q "^ Version: [0-9]" || fail "Version"
depends=$(echo "$info" | grep "^ Depends:")
for dep in "libmpfr6" "gcc | c-compiler"; do
	echo "$depends" | grep -qF "$dep" || fail "Depends lacks $dep"
done
files=$(dpkg-deb -c "$deb") || fail "dpkg-deb -c"
for f in usr/bin/sigbench usr/include/sigbench/measure.h usr/include/sigbench/variants.h \
	usr/lib/libsigbench_measure.a usr/lib/libsigbench_variants.a usr/lib/cmake/sigbench/sigbenchConfig.cmake \
	usr/lib/cmake/sigbench/sigbenchTargets.cmake usr/lib/cmake/sigbench/SigbenchAccuracyTest.cmake \
	usr/lib/pkgconfig/sigbench.pc usr/share/sigbench/schemas/results.schema.json \
	usr/share/sigbench/schemas/check.schema.json; do
	echo "$files" | grep -q " \./$f\$" || fail "the package lacks /$f"
done
dpkg-deb -x "$deb" "$work/root" || fail "dpkg-deb -x"
# every shared library the binary loads comes from a package it depends on
# (libmpfr6 brings libgmp10 with it)
for lib in $(readelf -d "$work/root/usr/bin/sigbench" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p'); do
	path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ { print $NF; exit }')
	real=$(readlink -f "$path")
	pkg=""
	for p in "$path" "$real" "${real#/usr}" "/usr$real"; do # usrmerge: dpkg may know either
		[ -n "$pkg" ] || pkg=$(dpkg -S "$p" 2>/dev/null | sed 's/:.*//' | head -n 1)
	done
	[ -n "$pkg" ] || fail "no package owns $lib ($path)"
	echo "$depends" | sed 's/^ Depends://; s/([^)]*)//g' | tr ',|' '\n\n' | tr -d ' ' | grep -qxF "$pkg" ||
		fail "Depends lacks $pkg, which provides $lib"
	echo "  $lib: $pkg"
done
"$work/root/usr/bin/sigbench" --help >/dev/null || fail "the extracted sigbench --help"
"$work/root/usr/bin/sigbench" list | grep -q "^f32-exact-scalar" || fail "the extracted sigbench list"
echo "deb-package: ok"

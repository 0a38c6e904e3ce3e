#!/bin/sh
# The careful-path share of every generated crf kernel (README, family crf):
# a copy of the kernel whose careful16 call also counts, compiled with
# crf_careful_share.c.  Skips (77) without AVX-512.
# usage: crf_careful_share.sh CC SRC BUILD_INCLUDE
set -u
cc=$1 src=$2 inc=$3
grep -q avx512dq /proc/cpuinfo 2>/dev/null || { echo "SKIP: no AVX-512"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
for f in "$src"/generated/crf/*.c; do
	name=$(basename "$f" .c)
	fn=sb_$(echo "$name" | tr - _)
	case $name in
	*-avx512) lanes=16 beta=BETA
		call='yv\[u\] = careful16(xv\[u\], yv\[u\], flag\[u\]);'
		count='crf_lanes += (unsigned)__builtin_popcount(flag[u]);' ;;
	*) lanes=8 beta=BETA_RN
		call='yv\[u\] = careful8(xv\[u\]);'
		count='crf_lanes += (unsigned)__builtin_popcount((unsigned)_mm256_movemask_ps(flag[u]));' ;;
	esac
	sed "s/$call/{ crf_vec++; $count $(echo "$call" | tr -d '\\') }/" "$f" > "$tmp/$name.c"
	# the fast path's lower edge on x < 0, from the kernel's comment when it has one
	neg=$(sed -n 's/^ \* Fast path, .*, -\([0-9]*\) < x < .*/\1/p' "$f" | head -n 1)
	grep -q crf_vec "$tmp/$name.c" || { echo "FAIL: $name: no careful-path call to count"; fails=$((fails + 1)); continue; }
	"$cc" -O2 -march=x86-64-v4 -I"$src/generated" -I"$src/include" -I"$inc" \
		-DKFILE="\"$tmp/$name.c\"" -DFN="$fn" -DNAME="\"$name\"" -DLANES=$lanes -DCAP_BETA=$beta -DNEG_ABS="${neg:-64}.0f" \
		"$src/tests/crf_careful_share.c" -o "$tmp/count" -lm || { fails=$((fails + 1)); continue; }
	"$tmp/count" || { echo "FAIL: $name: careful share above the cap"; fails=$((fails + 1)); }
done
[ "$fails" -eq 0 ]

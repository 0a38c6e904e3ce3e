# Sourced by the shard tests (shard.sh, shard_resume.sh, shard_mpi.sh):
# a temporary directory $T removed at exit, $fail, one date in every result
# file (so results.json compares byte for byte), and refuse.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
export SOURCE_DATE_EPOCH=1700000000

# refuse NAME EXPECTED-TEXT COMMAND...: the command must exit 2 with one line
# on stderr containing EXPECTED-TEXT (a grep pattern), print nothing on
# stdout, and write no file into $T/out (where the tests point --out).
refuse() {
	name=$1 want=$2
	shift 2
	rm -rf "$T/out"
	"$@" > "$T/stdout" 2> "$T/stderr"
	rc=$?
	lines=$(wc -l < "$T/stderr")
	written=$(find "$T/out" -type f 2>/dev/null | wc -l) # an empty directory may be made
	if [ $rc -ne 2 ] || [ "$lines" -ne 1 ] || ! grep -q -- "$want" "$T/stderr" ||
	   [ "$written" -ne 0 ] || [ -s "$T/stdout" ]; then
		echo "FAIL: $name: exit $rc, $lines line(s), want exit 2 and one line with '$want':"
		cat "$T/stderr"
		fail=1
	fi
}

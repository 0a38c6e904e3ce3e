# Sourced by the shard tests (shard.sh, shard_resume.sh, shard_mpi.sh):
# a temporary directory $T removed at exit, $fail, one date in every result
# file, same_output, and refuse.
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

# same_output A B: files A and B are equal byte for byte, except, in a
# results.json or printed text, the seconds the sweeps took (accuracy_seconds,
# accuracy_cpu_seconds, accuracy_inputs_per_cpu_second, eval_seconds, sweep_costs'
# cpu_seconds): timings differ between any two runs,
# sharded or not.  Returns 1 (and says so) when they differ.
same_output() {
	case $1 in
	*results.json)
		untimed "$1" > "$T/a.untimed"
		untimed "$2" > "$T/b.untimed"
		cmp "$T/a.untimed" "$T/b.untimed" > /dev/null ;;
	*text) # the text's line of inputs per CPU second is a timing too
		grep -v 'inputs per second per core$' "$1" > "$T/a.untimed"
		grep -v 'inputs per second per core$' "$2" > "$T/b.untimed"
		cmp "$T/a.untimed" "$T/b.untimed" > /dev/null ;;
	*) cmp "$1" "$2" > /dev/null ;;
	esac
}

untimed() {
	sed -E 's/"(accuracy_seconds|accuracy_cpu_seconds|accuracy_inputs_per_cpu_second)": \{[^}]*\}/"\1": "timing"/; s/"(eval_seconds|cpu_seconds)": [^,}]*/"\1": "timing"/g' "$1"
}

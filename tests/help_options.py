#!/usr/bin/env python3
"""Help = behaviour: every option each command's --help lists is accepted
by that command and does what it says without an error.

    help_options.py SIGBENCH SRCDIR

For each command: read the options from `sigbench CMD --help`, then run a
quick, valid invocation of CMD with each option added (values below).  The
run must end with exit 0 (or 1, a verdict of check/pick) and print no
"sigbench: " error line.  An option --help lists that this table does not
know fails the test, so a new option comes with its check.
"""

import os
import re
import subprocess
import sys
import tempfile


def main():
    sb, src = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp(prefix="sigbench-help-")
    byo = os.path.join(src, "tests", "byo")
    limits = os.path.join(tmp, "limits.txt")
    with open(limits, "w") as f:
        f.write("f32-hard-scalar ulp 1e30\n")
    empty = os.path.join(tmp, "empty")
    os.mkdir(empty)
    committed = os.path.join(src, "results")
    csv = os.path.join(committed, "accuracy.csv")
    good = f"{byo}/good.c:good_sigmoid"
    sweep = ["--stride", "1000003", "--samples", "10", "--quiet"]
    speed = ["--sizes", "1024", "--reps", "3", "--quiet"]
    one = ["--variants", "f32-hard-scalar"]
    # shard files for merge: of an accuracy run and of a check
    parts = os.path.join(tmp, "parts")
    subprocess.run([sb, "accuracy", *one, *sweep, "--shard", "0/1", "--out", parts], check=True)
    subprocess.run([sb, "check", "--limits", limits, *sweep, "--shard", "0/1", "--out",
                    os.path.join(parts, "check")], check=True)
    part = os.path.join(parts, "part-0-of-1.sbpart")
    check_part = os.path.join(parts, "check", "part-0-of-1.sbpart")
    base = {
        "list": ["list", *one],
        "accuracy": ["accuracy", *one, *sweep],
        "speed": ["speed", *one, *speed],
        "run": ["run", *one, *sweep, *speed, "--out", os.path.join(tmp, "run")],
        "check": ["check", "--limits", limits, *sweep],
        "pick": ["pick", "--max-ulp", "1e30", "--domain", "1:1.001", *one, "--quiet",
                 "--results", empty],
        "hash": ["hash", *one],
        "export": ["export", "f32-hard-scalar", "-o", os.path.join(tmp, "x.h")],
        "measure": ["measure", "--impl", good, "--variants", "", *sweep, *speed],
        "breakpoints": ["breakpoints"],
        "suggest-limits": ["suggest-limits", "--from", csv],
        "version": ["version"],
        "report": ["report", "--results", committed, "--out", os.path.join(tmp, "report"), "--quiet"],
        "merge": ["merge", part],
    }
    # option -> the words that try it (some need a context: --batch an --impl)
    value = {
        "--variants": ["--variants", "f32-hard-scalar"],
        "--precision": ["--precision", "f32"],
        "--samples": ["--samples", "10"],
        "--seed": ["--seed", "2"],
        "--threads": ["--threads", "1"],
        "--out": ["--out", os.path.join(tmp, "out")],
        "--json": ["--json"],
        "--domain": ["--domain", "0:1"],
        "--range": ["--range", "0:1"],
        "--sizes": ["--sizes", "1024"],
        "--reps": ["--reps", "3"],
        "--stride": ["--stride", "1000003"],
        "--quiet": ["--quiet"],
        "--plot": ["--plot", "f32-hard-scalar"],
        "--limits": ["--limits", limits],
        "--strict": ["--strict", "--stride", "1", "--from", csv],
        "--from": ["--from", csv],
        "--accept-sampled": ["--accept-sampled", "--from", csv],
        "--impl": ["--impl", good],
        "--batch": ["--batch", "--impl", f"{byo}/batch.c:batch_sigmoid"],
        "--timeout": ["--timeout", "30", "--impl", good],
        "--max-ulp": ["--max-ulp", "1e30"],
        "--max-abs": ["--max-abs", "1"],
        "--isa": ["--isa", "scalar"],
        "--size": ["--size", "1024"],
        "--results": ["--results", empty],
        "--exhaustive": ["--exhaustive"],
        "--recorded": ["--recorded", "--results", committed],
        "--kind": ["--kind", "generated"],
        "--function": ["--function", "sigmoid"],
        "--output": ["--output", os.path.join(tmp, "y.h")],
        "--junit": ["--junit", os.path.join(tmp, "junit", "j.xml")],
        "--shard": ["--shard", "0/2", "--out", os.path.join(tmp, "shard")],
        "--shards": ["--shards", "2", "--resume", os.path.join(tmp, "{cmd}-resume2")],
        "--resume": ["--resume", os.path.join(tmp, "{cmd}-resume")],
        "--walk-from": ["--walk-from", csv],
        "--walk-ulps": ["--walk-ulps", "16"],
    }
    # check's --precision describes its --impl; its --out is where a shard goes;
    # report reads a results directory (the committed one), not an empty one
    context = {("check", "--precision"): ["--impl", good], ("check", "--out"): ["--shard", "0/1"],
               ("report", "--results"): ["--results", committed]}
    fails = tried = 0
    for cmd, args in base.items():
        helptext = subprocess.run([sb, cmd, "--help"], capture_output=True, text=True).stdout
        listed = re.findall(r"^  (--[a-z-]+)", helptext.split("options:", 1)[-1], re.M)
        for opt in listed:
            if opt == "--help":
                continue
            if opt not in value:
                print(f"FAIL: {cmd} --help lists {opt}, which this test does not know")
                fails += 1
                continue
            words = [sb, *args, *(w.replace("{cmd}", cmd) for w in value[opt]),
                     *context.get((cmd, opt), [])]
            if cmd == "measure" and opt == "--batch":
                words = [sb, "measure", *value[opt], "--variants", "", *sweep, *speed]
            if cmd == "merge" and opt in ("--limits", "--strict"):  # judge check's shards
                words = [sb, "merge", check_part, opt, *([limits] if opt == "--limits" else [])]
            r = subprocess.run(words, capture_output=True, text=True, timeout=600)
            tried += 1
            errors = [l for l in r.stderr.splitlines()
                      if l.startswith("sigbench: ") and not l.startswith("sigbench: warning:")
                      and not l.startswith("sigbench: wrote") and "pick:" not in l]
            if r.returncode not in (0, 1) or errors:
                print(f"FAIL: sigbench {' '.join(words[1:])}: exit {r.returncode}: "
                      f"{r.stderr.strip()[:300]}")
                fails += 1
    print(f"help_options: {tried} listed options tried, {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

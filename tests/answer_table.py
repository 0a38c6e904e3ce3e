"""The answer table that opens summary.md: it is the first table, and every
cell is what `sigbench pick --recorded` answers for the same precision, ISA,
budget and kind (generated or peer), "none" where pick finds nothing.
Checked on a small run made here and on the committed results/ (given as
the second argument).  Also: a variant with a NaN output never qualifies
(planted in a copy of the run's accuracy.csv), and the example pick command
printed under the table gives its row's answer.

usage: answer_table.py SIGBENCH RESULTS_DIR     (Python stdlib only; about 10 s)
"""
import csv
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def sigbench(sb, *args):
    return subprocess.run([sb, *args], capture_output=True, text=True)


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def answer_table(md_path):
    """The header and rows of the first table of the file."""
    with open(md_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = next((i for i, l in enumerate(lines) if l.startswith("|")), None)
    if start is None:
        return None, []
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return cells(lines[start]), [cells(l) for l in lines[start + 2:end]]


def pick(sb, results, prec, isa, size, flags, kind):
    """(name, ns, ulp, abs) of pick's answer, or None when it finds none."""
    p = sigbench(sb, "pick", "--recorded", "--results", results, "--precision", prec,
                 "--isa", isa, "--size", str(size), *flags, "--kind", kind)
    if p.returncode == 1 and "no variant meets the budget" in p.stdout:
        return None
    m = re.search(r"^-> (\S+)\s+max ULP (\S+)\s+max abs (\S+)\s+(\S+) ns/elem", p.stdout, re.M)
    if p.returncode != 0 or not m:
        fail(f"pick {prec} {isa} {flags} {kind} exited {p.returncode}: {p.stdout}{p.stderr}")
        return "error"
    return m.group(1), float(m.group(4)), m.group(2), m.group(3)


def check_cell(got, want, where):
    """got: the table's 4 cells; want: pick's answer."""
    if want == "error":
        return
    if want is None:
        if got[0] != "none" or any(got[1:]):
            fail(f"{where}: table says {got}, pick finds none")
        return
    name, ns, ulp, abs_ = want
    if got[0] != name:
        fail(f"{where}: table says {got[0]}, pick says {name}")
        return
    if abs(float(got[1]) - ns) > 1e-3 * ns:  # pick prints 4 digits, the table 4
        fail(f"{where}: table {got[1]} ns/elem, pick {ns}")
    if got[2] != ulp:
        fail(f"{where}: table max ULP {got[2]}, pick {ulp}")
    if float(got[3].lstrip("<>=")) != float(abs_.lstrip("<>=")) or got[3][:2] != abs_[:2]:
        fail(f"{where}: table max abs {got[3]}, pick {abs_}")


def check_dir(sb, results):
    """Every cell of results/summary.md's answer table against pick; returns
    (rows, cells with an answer, cells with none)."""
    header, rows = answer_table(os.path.join(results, "summary.md"))
    if not header or header[:3] != ["precision", "ISA", "budget"]:
        fail(f"{results}/summary.md: the first table is not the answer table: {header}")
        return 0, 0, 0
    m = re.match(r"ns \(n=(\d+)\)", header[4])
    if not m or len(header) != 11:
        fail(f"{results}/summary.md: unexpected answer table header {header}")
        return 0, 0, 0
    size = int(m.group(1))
    answered = none = 0
    for r in rows:
        prec, isa, budget = r[:3]
        fm = re.search(r"`([^`]*)`", budget)
        if not fm:
            fail(f"{results}: row {r[:3]} names no pick options")
            continue
        flags = fm.group(1).split()
        for kind, got in (("generated", r[3:7]), ("peer", r[7:11])):
            want = pick(sb, results, prec, isa, size, flags, kind)
            check_cell(got, want, f"{results}: {prec} {isa} {budget} {kind}")
            answered += want not in (None, "error")
            none += want is None
    return len(rows), answered, none


def check_example(sb, results):
    """The pick command printed under the table answers its row."""
    with open(os.path.join(results, "summary.md"), encoding="utf-8") as f:
        md = f.read()
    m = re.search(r"^- `(sigbench pick --recorded [^`]*)`", md, re.M)
    if not m:
        fail("summary.md prints no example pick command")
        return
    args = shlex.split(m.group(1).replace("DIR", shlex.quote(results)))[1:]
    p = sigbench(sb, *args)
    header, rows = answer_table(os.path.join(results, "summary.md"))
    opts = dict(zip(args, args[1:]))  # each option and the word after it
    row = [r for r in rows if r[0] == opts["--precision"] and r[1] == opts["--isa"]
           and r[2].startswith(f"`--max-ulp {opts.get('--max-ulp')}`")]
    if len(row) != 1:
        fail(f"the example {args} matches {len(row)} rows")
        return
    want = row[0][3]
    got = re.search(r"^-> (\S+)", p.stdout, re.M)
    if (got.group(1) if got else "none") != want:
        fail(f"the example command answers {got.group(1) if got else 'none'}, its row {want}")


def check_nan_rule(sb, results, tmp):
    """Plant one NaN output in the winner of an abs-budget cell: it must drop out."""
    header, rows = answer_table(os.path.join(results, "summary.md"))
    row = next((r for r in rows if "--max-abs 1e-2" in r[2] and r[3] != "none"), None)
    if not row:
        fail("test setup: no abs <= 1e-2 cell has an answer")
        return
    winner = row[3]
    planted = os.path.join(tmp, "planted")
    os.makedirs(planted)
    shutil.copy(os.path.join(results, "throughput.csv"), planted)
    with open(os.path.join(results, "accuracy.csv"), newline="") as f:
        table = list(csv.DictReader(f))
    for r in table:
        if r["variant"] == winner:
            r["nan_out"] = "1"
    with open(os.path.join(planted, "accuracy.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(table[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(table)
    m = re.match(r"ns \(n=(\d+)\)", header[4])
    want = pick(sb, planted, row[0], row[1], m.group(1), ["--max-abs", "1e-2"], "generated")
    if want is not None and want != "error" and want[0] == winner:
        fail(f"{winner} with a NaN output still qualifies for abs <= 1e-2")


def main():
    sb, committed = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="sigbench-answer-") as tmp:
        out = os.path.join(tmp, "run")
        p = sigbench(sb, "run", "--variants",
                     "f32-exact-scalar,f32-stable-dbl-scalar,f32-rr1-lut16*,f32-hard-*,"
                     "f32-pade-7-6-scalar,f32-xnnpack-auto,f32-sleef*,f32-glibc*,"
                     "f64-stable-scalar,f64-tanh-avx2",
                     "--stride", "9973", "--samples", "1000", "--sizes", "1024,4096",
                     "--reps", "3", "--quiet", "--out", out)
        if p.returncode != 0:
            sys.exit(f"sigbench run exited {p.returncode}: {p.stderr}")
        n, answered, none = check_dir(sb, out)
        # f64 has no peer: those cells must say none; f32 <= 4 ULP has ours
        if n == 0 or answered == 0 or none == 0:
            fail(f"small run: {n} rows, {answered} answered, {none} none: want some of each")
        check_example(sb, out)
        check_nan_rule(sb, out, tmp)
        print(f"small run: {n} rows, {answered} cells answered, {none} none")
        if os.path.isfile(os.path.join(committed, "throughput.csv")):
            n, answered, none = check_dir(sb, committed)
            print(f"{committed}: {n} rows, {answered} cells answered, {none} none")
            if n == 0:
                fail(f"{committed}/summary.md has no answer table")
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


main()

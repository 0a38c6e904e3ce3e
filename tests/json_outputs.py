"""Every --json output and results.json validate against schemas/, and
check --junit writes JUnit XML that agrees with check's verdicts.

usage: json_outputs.py SIGBENCH SCHEMA_DIR RESULTS_DIR
Needs python3-jsonschema (ci/install-deps.sh installs it)."""
import copy
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

try:
    import jsonschema
except ImportError:
    print("SKIP: no jsonschema module for", sys.executable, "(apt-get install python3-jsonschema)")
    sys.exit(77)

SB, SCHEMAS, RESULTS = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
QUICK = ["--stride", "65537", "--samples", "2000", "--quiet"]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def reject_constant(name):
    raise ValueError(f"not JSON: {name}")  # NaN/Infinity are not JSON


def load(text, what):
    return json.loads(text, parse_constant=reject_constant)


def validator(name):
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def sigbench(args, want_rc=0):
    p = subprocess.run([SB, *args], capture_output=True, text=True)
    if want_rc is not None and p.returncode != want_rc:
        fail(f"sigbench {' '.join(args)} exited {p.returncode}, want {want_rc}: {p.stderr[:300]}")
    return p.stdout


def validate(name, doc, what):
    errors = sorted(validator(name).iter_errors(doc), key=str)
    for e in errors[:3]:
        fail(f"{what}: {e.message} at {list(e.absolute_path)}")
    if not errors:
        print(f"ok: {what} matches {name}.schema.json")
    return not errors


def check_run(args, name, want_rc=0):
    text = sigbench(args, want_rc)
    try:
        doc = load(text, args)
    except ValueError as e:
        fail(f"sigbench {' '.join(args)}: {e}")
        return None
    validate(name, doc, "sigbench " + " ".join(args))
    return doc


def schemas_reject_mutations(doc):
    """A schema that accepts anything would pass every test above."""
    v = validator("results")
    bad = []
    m = copy.deepcopy(doc); del m["accuracy"][0]["all"]["max_ulp"]; bad.append(("a missing key", m))
    m = copy.deepcopy(doc); m["accuracy"][0]["typo"] = 1; bad.append(("an unknown key", m))
    m = copy.deepcopy(doc); m["accuracy"][0]["all"]["max_ulp"] = "big"; bad.append(("a word for a number", m))
    m = copy.deepcopy(doc); m["accuracy"][0]["all"]["worst_x"] = "1.5"; bad.append(("a decimal for a hex float", m))
    for what, m in bad:
        if v.is_valid(m):
            fail(f"results.schema.json accepts {what}")
        else:
            print(f"ok: results.schema.json rejects {what}")


def sweep_costs_agree(doc, what):
    """One sweep_costs entry per precision and function swept, each with
    its rows' count and the sum of their eval_seconds."""
    rows = {}
    for a in doc["accuracy"]:
        rows.setdefault((a["precision"], a["function"]), []).append(a)
    costs = {(c["precision"], c["function"]): c for c in doc.get("sweep_costs", [])}
    if set(costs) != set(rows):
        fail(f"{what}: sweep_costs covers {sorted(costs)}, the rows {sorted(rows)}")
        return
    for key, c in costs.items():
        evals = sum(a.get("eval_seconds", 0) for a in rows[key])
        if c["variants"] != len(rows[key]) or not c["cpu_seconds"] > 0 or abs(c["eval_seconds"] - evals) > 1e-9 * (1 + evals):
            fail(f"{what}: sweep_costs {c} against {len(rows[key])} rows, eval_seconds summing to {evals}")
    print(f"ok: {what}: sweep_costs, one entry for each of {len(costs)} sweeps")


def junit_agrees(path, check_doc):
    root = ET.parse(path).getroot()
    cases = root.findall("./testsuite/testcase")
    if len(cases) != check_doc["limits"]:
        fail(f"JUnit has {len(cases)} test cases for {check_doc['limits']} limits")
    failed = [c for c in cases if c.find("failure") is not None]
    if len(failed) != check_doc["fail"] or root.get("failures") != str(check_doc["fail"]):
        fail(f"JUnit has {len(failed)} failures (attribute {root.get('failures')}), check says {check_doc['fail']}")
    for c in failed:
        text = c.find("failure").text or ""
        if not all(k in text for k in ("x=", "got=", "want=")):
            fail(f"JUnit failure text lacks x, got, want: {text}")
    print(f"ok: JUnit XML, {len(cases)} test cases, {len(failed)} failures")


with tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    check_run(["list", "--json"], "list")
    check_run(["hash", "--variants", "f32-stable*,f64-stable-scalar", "--json"], "hash")
    check_run(["breakpoints", "--json"], "breakpoints")
    check_run(["--version", "--json"], "version")
    check_run(["version", "--json"], "version")
    lim = tmp / "limits.txt"
    lim.write_text("f32-stable-dbl-scalar ulp 0.5001\n"
                   "f32-exact-scalar ulp 1\n"           # fails: 2^21 ULP in the subnormal range
                   "f32-exact-scalar abs 1e-9 -1:1\n"   # fails
                   "f32-exact-scalar mono 0\n"
                   "f64-stable-scalar ulp 4\n")
    junit = tmp / "sub" / "check.xml"
    doc = check_run(["check", "--limits", str(lim), "--accept-sampled", "--json", "--junit", str(junit), *QUICK],
                    "check", want_rc=1)
    if doc:
        if (doc["limits"], doc["fail"]) != (5, 2):
            fail(f"check --json: {doc['limits']} limits, {doc['fail']} failing; want 5, 2")
        junit_agrees(junit, doc)
    doc = check_run(["pick", "--max-ulp", "1", "--results", str(RESULTS), "--quiet", "--json"], "pick")
    if doc and not doc["met"]:
        fail("pick --max-ulp 1 met nothing")
    doc = check_run(["pick", "--max-ulp", "1e-3", "--results", str(RESULTS), "--quiet", "--json"], "pick", want_rc=1)
    if doc and doc["met"]:
        fail("pick --max-ulp 1e-3 met something (nothing is better than correctly rounded)")
    doc = check_run(["pick", "--max-ulp", "4", "--isa", "avx512", "--kind", "peer", "--recorded",
                     "--results", str(RESULTS), "--json"], "pick", want_rc=None)
    if doc and any(r["source"] != "recorded" for r in doc.get("qualifying", [])):
        fail("pick --recorded --json: a row not from the recorded results")
    doc = check_run(["accuracy", "--variants", "f32-stable-dbl-scalar,f64-stable-scalar", "--json", *QUICK], "results")
    if doc:
        sweep_costs_agree(doc, "accuracy --json")
    run_dir = tmp / "run"
    doc = check_run(["run", "--variants", "f32-stable-scalar,f32-silu-*,f32-dsilu-stable-scalar", "--precision", "f32",
                     "--out", str(run_dir), "--sizes", "1024", "--reps", "3", "--json", *QUICK], "results")
    if doc:
        sweep_costs_agree(doc, "run --json, three functions")
    check_run(["speed", "--variants", "f32-stable-dbl-scalar", "--sizes", "1024", "--reps", "3",
               "--quiet", "--json"], "results")
    check_run(["measure", "--impl", str(Path(__file__).parent / "byo" / "good.c") + ":good_sigmoid",
               "--variants", "", "--sizes", "1024", "--reps", "3", "--json", *QUICK], "results")
    committed = load((RESULTS / "results.json").read_text(), "results.json")
    validate("results", committed, str(RESULTS / "results.json"))
    schemas_reject_mutations(committed)

print("json-outputs:", "all passed" if not failures else f"{len(failures)} failed")
sys.exit(1 if failures else 0)

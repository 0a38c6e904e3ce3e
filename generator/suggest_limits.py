#!/usr/bin/env python3
"""Suggest generator/limits.txt lines from a measurement.

    python3 generator/suggest_limits.py results/accuracy.csv [VARIANT_GLOB ...]

For each variant (default: those without limits yet) it prints ulp and abs
bounds on all inputs and on the variant's own domain, and its monotonicity
break and NaN-output counts, each rounded up to two significant digits, which
stays inside what `sigbench check --strict` accepts (ulp: at most
max(1.5 x, x + 0.5); abs: at most 2 x; counts: exactly x).  Review them: a
limit is a claim about the code, and the comment above it should say why
the number is what it is.
"""

import csv
import fnmatch
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def round_up(x):
    """Two significant digits, rounded up; exact zeros stay zero."""
    if x <= 0 or math.isinf(x) or x > 1e300:
        return 0 if x <= 0 else None  # beyond double range: no finite bound
    e = math.floor(math.log10(x)) - 1
    v = math.ceil(x / 10**e - 1e-9) * 10**e
    v = float(f"{v:.2g}") if float(f"{v:.2g}") >= x else float(f"{v:.3g}")
    return None if math.isinf(v) else v  # beyond double range: no finite bound


def fmt(v):
    return "0" if v == 0 else f"{v:.3g}"


def domain_text(row):
    if row["interval"] == "all":
        return ""
    lo, hi = float.fromhex(row["x_lo"]), float.fromhex(row["x_hi"])
    return f"{lo:g}:{hi:g}"


def suggest(rows):
    out = []
    for row in rows:
        dom = domain_text(row)
        ulp, absv = float(row["max_ulp"]), float(row["max_abs"])
        for metric, value in (("ulp", ulp), ("abs", absv)):
            bound = round_up(value)
            if bound is not None:
                out.append(f"{row['variant']:38} {metric:4} {fmt(bound):9} {dom}".rstrip())
        if row["interval"] == "all":
            out.append(f"{row['variant']:38} mono {row['mono_breaks']}")
            if int(row["nan_out"]):
                out.append(f"{row['variant']:38} nan  {row['nan_out']}")
    return out


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    with open(argv[1], newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["interval"] in ("all", "domain")]
    globs = argv[2:]
    if not globs:
        limited = set()
        with open(os.path.join(HERE, "limits.txt")) as f:
            for line in f:
                words = line.split("#", 1)[0].split()
                if words:
                    limited.add(words[0])
        rows = [r for r in rows if r["variant"] not in limited]
    else:
        rows = [r for r in rows if any(fnmatch.fnmatch(r["variant"], g) for g in globs)]
    print("\n".join(suggest(rows)))


if __name__ == "__main__":
    main(sys.argv)

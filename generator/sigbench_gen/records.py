"""Read the limits CI enforces (generator/limits.txt), which every generated
header quotes.  The generator reads nothing under results/: measurements are
the harness's to print (sigbench export adds them at run time).

The harness (harness/limits.c) is the authority on the limits format; this
reader only needs enough of it to print the lines that name a variant.
"""

import os


def read_limits(path):
    """variant name -> list of (metric, bound, domain) in file order."""
    limits = {}
    if not os.path.exists(path):
        return limits
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if len(words) < 3:
                continue
            name, metric, bound = words[:3]
            domain = words[3] if len(words) > 3 else "all"
            limits.setdefault(name, []).append((metric, bound, domain))
    return limits


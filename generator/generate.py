#!/usr/bin/env python3
"""sigbench generator: variants.toml + templates/ -> generated/.

    generate.py                 write generated/ (only files whose text changed)
    generate.py --out DIR       write into DIR instead
    generate.py --check         exit 1 if generated/ differs from what would be written
    generate.py --export-c F.c  write only F.c: every non-peer variant's standalone
                                header (sigbench export), as a C table; generated/
                                is left alone

CMake runs it at configure time; the test `generated-up-to-date` runs
--check --out on a temporary copy.  Needs Python >= 3.11 (tomllib) and Jinja2
(Debian: python3-jinja2).
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from sigbench_gen import export, render, simd, spec  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=os.path.dirname(HERE),
                    help="repository root (default: the one holding this script)")
    ap.add_argument("--out", help="output directory (default: ROOT/generated)")
    ap.add_argument("--check", action="store_true",
                    help="compare instead of writing; exit 1 on any difference")
    ap.add_argument("--export-c", metavar="PATH.c",
                    help="write the export headers' C table to PATH.c, and nothing else")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    outdir = args.out or os.path.join(args.root, "generated")
    try:
        variants = spec.load(os.path.join(args.root, "generator", "variants.toml"))
        env = render.make_env(os.path.join(args.root, "templates"))
        limits = render.read_limits(args.root)
        files = render.render_all(variants, args.root, env, limits)
        if args.export_c:
            headers = export.render_all(env, variants, files, limits)
    except (spec.SpecError, export.ExportError, simd.PlanError) as e:
        print(f"generate.py: {e}", file=sys.stderr)
        return 2
    if args.export_c:
        render.write_file(args.export_c, export.export_c(headers, "--export-c"))
        if not args.quiet:
            print(f"generate.py: {len(headers)} export headers -> {args.export_c}")
        return 0
    if args.check:
        problems = render.compare_tree(files, outdir)
        for p in problems:
            print(f"generate.py: {outdir}/{p}", file=sys.stderr)
        if problems:
            print("generate.py: generated/ is out of date: run `python3 generator/generate.py`"
                  " (or rebuild) and commit the result", file=sys.stderr)
            return 1
        return 0
    changed = render.write_tree(files, outdir)
    if not args.quiet:
        print(f"generate.py: {len(variants)} variants, {len(changed)} file(s) changed"
              + "".join(f"\n  {c}" for c in changed))
    return 0


if __name__ == "__main__":
    sys.exit(main())

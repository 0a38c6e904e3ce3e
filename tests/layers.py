#!/usr/bin/env python3
"""The harness's layers hold: each file includes only headers of its own
layer or the layers below it, and no two files include each other through
any chain (no import loops).

    layers.py HARNESS_DIR

Layers, bottom up: base, engine, api, files, report, commands (api: the
installed measuring library, over the engine only).  Prints the
include graph's depth (floors) and exits 1 naming every upward include and
every loop.
"""

import os
import re
import sys

LAYERS = ["base", "engine", "api", "files", "report", "commands"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def scan(root):
    """file (relative to root) -> the project headers it includes."""
    graph = {}
    for layer in LAYERS:
        folder = os.path.join(root, layer)
        if not os.path.isdir(folder):
            sys.exit(f"layers.py: {folder} missing")
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".c", ".h")):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            graph[f"{layer}/{name}"] = [h for h in INCLUDE.findall(text)
                                        if h.split("/")[0] in LAYERS]
    return graph


def upward(graph):
    bad = []
    for src, heads in graph.items():
        mine = LAYERS.index(src.split("/")[0])
        for h in heads:
            if LAYERS.index(h.split("/")[0]) > mine:
                bad.append(f"{src} includes {h}, a layer above it")
            elif h not in graph:
                bad.append(f"{src} includes {h}, which does not exist")
    return bad


def unit_graph(graph):
    """Module graph: x.c and x.h are one unit; an edge where a unit uses another's header."""
    units = {}
    for src, heads in graph.items():
        u = src.rsplit(".", 1)[0]
        units.setdefault(u, set()).update(h.rsplit(".", 1)[0] for h in heads)
    for u in units:
        units[u].discard(u)
    return units


def loops_and_floors(units):
    """Depth-first search: the cycles it meets, and each unit's floor (1 + deepest dependency)."""
    floor, state, loops = {}, {}, []

    def visit(u, stack):
        if state.get(u) == "done":
            return floor[u]
        if state.get(u) == "open":
            loops.append(" -> ".join(stack[stack.index(u):] + [u]))
            return 0
        state[u] = "open"
        stack.append(u)
        floor[u] = 1 + max((visit(d, stack) for d in units.get(u, ()) if d in units), default=0)
        stack.pop()
        state[u] = "done"
        return floor[u]

    for u in sorted(units):
        visit(u, [])
    return loops, floor


def main():
    graph = scan(sys.argv[1])
    problems = upward(graph)
    loops, floor = loops_and_floors(unit_graph(graph))
    problems += [f"import loop: {c}" for c in loops]
    print(f"layers.py: {len(graph)} files, {len(floor)} units, "
          f"{max(floor.values(), default=0)} floors, {len(loops)} loops")
    for p in problems:
        print(f"layers.py: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

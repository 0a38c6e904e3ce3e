"""sigbench run publishes: plots (ulp_vs_x.svg, abs_vs_x.svg, pareto.svg; for
another function of the family ulp_vs_x-FUNCTION.svg and so on) and
two self-contained pages next to the tables, index.html (summary.md: the
answer table, scoreboard, Pareto plot) and details.html (details.md: every
other table, the error plots), each well formed, naming what it should and
linking the other; plots appear only when their data exists.

usage: publish.py SIGBENCH     (Python stdlib only; about 5 s)
"""
import fnmatch
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

SVG_NS = "{http://www.w3.org/2000/svg}"
MAX_SVG_BYTES = 300_000
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
PLOTS = ("ulp_vs_x.svg", "abs_vs_x.svg", "pareto.svg")
PAGES = ("index.html", "details.html")  # a page may link the other: a link, not a fetch

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run(sb, *args):
    p = subprocess.run([sb, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"sigbench {' '.join(args)} exited {p.returncode}:\n{p.stderr}")


class StrictHTML(HTMLParser):
    """Tags must balance (void elements excepted, self-closing only inside
    <svg>); nothing may be fetched: no src, no href but #fragments and the
    run's other page, no url()."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.text, self.count = [], [], [], {}
        self.doctype = False
        self.links = set()

    def _attrs(self, tag, attrs):
        self.count[tag] = self.count.get(tag, 0) + 1
        for k, v in attrs:
            if k == "href" and v in PAGES:
                self.links.add(v)
            elif k == "src" or (k == "href" and not (v or "").startswith("#")):
                self.errors.append(f"external reference <{tag} {k}={v!r}> at {self.getpos()}")
            if "url(" in (v or ""):
                self.errors.append(f"url() in <{tag} {k}> at {self.getpos()}")

    def handle_decl(self, decl):
        self.doctype |= decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self._attrs(tag, attrs)
        if tag not in VOID and not any(t == "svg" for t, _ in self.stack):
            self.errors.append(f"<{tag}/> outside svg at {self.getpos()}")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append(f"</{tag}> closes a void element at {self.getpos()}")
        elif not self.stack or self.stack[-1][0] != tag:
            top = self.stack[-1] if self.stack else None
            self.errors.append(f"</{tag}> at {self.getpos()} does not close {top}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse_svg(path):
    size = os.path.getsize(path)
    if size > MAX_SVG_BYTES:
        fail(f"{path}: {size} bytes, over {MAX_SVG_BYTES}")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        fail(f"{path}: not well-formed XML: {e}")
        return []
    if root.tag != SVG_NS + "svg":
        fail(f"{path}: root element is {root.tag}, not svg")
    return ["".join(t.itertext()) for t in root.iter() if t.tag in (SVG_NS + "text", SVG_NS + "title")]


def names_shown(texts):
    """Variant names a text or title element starts with (panel titles,
    labels, tooltips: 'NAME', 'NAME (peer: X)', 'NAME: 1.2 ns...')."""
    return {m.group(1) for t in texts for m in [re.match(r"(f(?:32|64)-[A-Za-z0-9_.-]+)", t)] if m}


def check_html(path, must_name, nsvg, links=()):
    with open(path, encoding="utf-8") as f:
        page = f.read()
    p = StrictHTML()
    p.feed(page)
    p.close()
    for e in p.errors[:10]:
        fail(f"{path}: {e}")
    if p.stack:
        fail(f"{path}: unclosed at the end: {p.stack[-5:]}")
    if not p.doctype or p.count.get("html") != 1 or p.count.get("h1") != 1:
        fail(f"{path}: want <!DOCTYPE html>, one <html>, one <h1>; got {p.count}")
    text = "".join(p.text)
    for name in sorted(must_name):
        if name not in text:
            fail(f"{path}: does not name {name}")
    for page_name in links:
        if page_name not in p.links:
            fail(f"{path}: does not link {page_name}")
    svgs = re.findall(r"<svg\b.*?</svg>", page, re.S)
    if len(svgs) != nsvg:
        fail(f"{path}: {len(svgs)} inline <svg>, want {nsvg}")
    for s in svgs:
        try:
            ET.fromstring(s)
        except ET.ParseError as e:
            fail(f"{path}: inline svg is not well-formed XML: {e}")
    return text


def main():
    sb = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="sigbench-publish-") as tmp:
        check_all(sb, tmp)
    print(f"{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


def check_all(sb, tmp):
    # Markup characters in the output path reach the page through the
    # command line it quotes: they must come out escaped.
    out = os.path.join(tmp, "run <&>\"'")
    plot = "f32-exact-scalar,f32-rr1-lut16-*-ddiv-*,f32-xnnpack-auto"
    run(sb, "run", "--variants",
        "f32-exact-scalar,f32-rr1-lut16*,f32-xnnpack-auto,f32-pade-7-6-scalar",
        "--plot", plot, "--stride", "9973", "--samples", "1000", "--sizes", "1024,4096",
        "--reps", "3", "--quiet", "--out", out)
    with open(os.path.join(out, "results.json")) as f:
        res = json.load(f)
    acc = {a["variant"] for a in res["accuracy"]}
    n0 = res["throughput"]["results"][0]["n"]
    timed = {t["variant"] for t in res["throughput"]["results"] if t["n"] == n0}
    plotted = {v for v in acc if any(fnmatch.fnmatchcase(v, g) for g in plot.split(","))}
    if not plotted or len(plotted) == len(acc):
        fail(f"test setup: want some but not all variants plotted, got {sorted(plotted)}")

    for name in PLOTS + PAGES:
        if not os.path.isfile(os.path.join(out, name)):
            fail(f"run did not write {name}")
    leftovers = [n for n in os.listdir(out) if n.startswith(".")]
    if leftovers:
        fail(f"temporary files left: {leftovers}")

    for name in PLOTS[:2]:
        shown = names_shown(parse_svg(os.path.join(out, name)))
        if shown != plotted:
            fail(f"{name} shows {sorted(shown)}, want exactly the plotted {sorted(plotted)}")
    shown = names_shown(parse_svg(os.path.join(out, "pareto.svg")))
    if shown != acc & timed:
        fail(f"pareto.svg shows {sorted(shown)}, want every f32 variant timed and swept "
             f"{sorted(acc & timed)}")

    for page, names, nsvg, other in (("index.html", acc & timed, 1, "details.html"),
                                     ("details.html", acc | timed, 2, "index.html")):
        text = check_html(os.path.join(out, page), names, nsvg, [other])
        if res["command"] not in text:
            fail(f"{page} does not quote the command")
    md = ""
    for name in ("summary.md", "details.md"):
        with open(os.path.join(out, name)) as f:
            md += f.read()
    for name in PLOTS:
        if f"]({name})" not in md:
            fail(f"summary.md and details.md do not embed {name}")

    # Accuracy alone: error plots (bins exist), but no pareto.svg, no page.
    out2 = os.path.join(tmp, "acc")
    run(sb, "accuracy", "--variants", "f32-exact-scalar,f32-pade-7-6-scalar", "--plot",
        "f32-pade*", "--stride", "99991", "--quiet", "--out", out2)
    files = set(os.listdir(out2))
    if not {"ulp_vs_x.svg", "abs_vs_x.svg"} <= files or files & {"pareto.svg", *PAGES}:
        fail(f"accuracy --plot wrote {sorted(files)}")
    if "ulp_vs_x.svg" in files:
        shown = names_shown(parse_svg(os.path.join(out2, "ulp_vs_x.svg")))
        if shown != {"f32-pade-7-6-scalar"}:
            fail(f"accuracy --plot f32-pade*: ulp_vs_x.svg shows {sorted(shown)}")
    md = ""
    for name in ("summary.md", "details.md"):
        with open(os.path.join(out2, name)) as f:
            md += f.read()
    if "](ulp_vs_x.svg)" not in md or "pareto.svg" in md:
        fail("accuracy: summary.md or details.md must embed ulp_vs_x.svg and not pareto.svg")

    # Another function: its own files, its own panels, its own x range.
    out4 = os.path.join(tmp, "silu")
    run(sb, "accuracy", "--function", "silu", "--variants", "f32-silu-*", "--plot",
        "f32-silu-naive-scalar,f32-silu-stable-scalar", "--stride", "99991", "--quiet", "--out", out4)
    files = set(os.listdir(out4))
    want = {"ulp_vs_x-silu.svg", "abs_vs_x-silu.svg"}
    if not want <= files or files & {"ulp_vs_x.svg", "abs_vs_x.svg", *PAGES}:
        fail(f"accuracy --function silu --plot wrote {sorted(files)}")
    for name in sorted(want & files):
        texts = parse_svg(os.path.join(out4, name))
        shown = names_shown(texts)
        if shown != {"f32-silu-naive-scalar", "f32-silu-stable-scalar"}:
            fail(f"{name} shows {sorted(shown)}, want the two scalar SiLU variants")
        if not any("over [-110, 25)" in t for t in texts) or not any("edges of silu" in t for t in texts):
            fail(f"{name}: want SiLU's x range [-110, 25) and its edges named")
    with open(os.path.join(out4, "details.md")) as f:
        if "](ulp_vs_x-silu.svg)" not in f.read():
            fail("accuracy --function silu: details.md must embed ulp_vs_x-silu.svg")

    # Every function in one run: each its own plots, all written together.
    out5 = os.path.join(tmp, "family")
    one_each = ["f32-stable-scalar", "f32-dsigmoid-stable-scalar", "f32-d2sigmoid-stable-scalar",
                "f32-logsigmoid-stable-scalar", "f32-silu-stable-scalar", "f32-dsilu-stable-scalar"]
    run(sb, "run", "--variants", ",".join(one_each), "--plot", "*", "--stride", "999983",
        "--samples", "1000", "--sizes", "1024", "--reps", "3", "--quiet", "--out", out5)
    files = set(os.listdir(out5))
    for fn in ("dsigmoid", "d2sigmoid", "logsigmoid", "silu", "dsilu"):
        want = {f"ulp_vs_x-{fn}.svg", f"abs_vs_x-{fn}.svg", f"pareto-{fn}.svg"}
        if not want <= files:
            fail(f"run over every function: missing {sorted(want - files)}")

    # f64 only: no f32 bins, no f32 accuracy for pareto; the page all the same.
    out3 = os.path.join(tmp, "f64")
    run(sb, "run", "--variants", "f64-stable-scalar", "--samples", "1000", "--sizes", "1024",
        "--reps", "3", "--quiet", "--out", out3)
    files = set(os.listdir(out3))
    if not set(PAGES) <= files or files & set(PLOTS):
        fail(f"f64-only run wrote {sorted(files)}")
    else:
        check_html(os.path.join(out3, "index.html"), {"f64-stable-scalar"}, 0, ["details.html"])
        check_html(os.path.join(out3, "details.html"), {"f64-stable-scalar"}, 0, ["index.html"])
    print(f"plotted {sorted(plotted)}; pareto: {len(acc & timed)} points")


main()

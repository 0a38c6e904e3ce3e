"""Standalone export headers: each non-peer variant as one header-only C file.

`sigbench export NAME` prints these.  They are rendered here, at build time,
from the very texts the registry compiles (the variant's generated .c, the
generated/simd/ operations header and the shared table it includes), so the
export cannot drift from what was measured.  The code is copied as is,
comments included; only these change:
  - project includes are dropped, system includes hoisted to the top, and the
    include guards of the inlined headers removed;
  - every file-scope name (functions, constants, tables, typedefs, struct
    tags, macros) gets a prefix of the variant's own (sbxHHHHHH_, a hash of
    its name), so two exported headers in one file, or a user's own `R` or
    `F` macro, never collide; the macros are #undef'd at the end;
  - the entry point `void sb_X(const T *x, T *y, size_t n)` becomes
    `static inline void sigmoid_X(...)`, other static functions become static
    inline (no unused-function warnings in a header), the table `static
    const` and its extern declaration disappears.

The generator wrote these files, so it does not parse C: it reads the
file-scope declarations off the lines that start at brace depth 0 (a handful
of shapes its templates use) and refuses any such line it cannot classify,
so a template change cannot leak an unprefixed name into users' code.

Each header is split where `sigbench export` inserts its run-time lines
(accuracy and throughput from a results directory): HEAD is the top comment
down to the limits, TAIL the rest from the comment's closing line.
"""

import re

from . import simd

GENERATOR = "generator/generate.py"

# Comments and string/char literals: never renamed, never classified.
_SKIP = r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\''
_SKIP_RE = re.compile(_SKIP, re.S)
# a preprocessing number (0x1.8p+19f is one): its letters are no names
_NUMBER = r"|\.?\b\d(?:[eEpP][+-]|[\w.])*"

_TYPEDEF = re.compile(r"typedef\b[^;]*?\b(\w+)\s*;\s*$")
_STRUCT = re.compile(r"struct\s+(\w+)\s*\{\s*$")
_EXTERN = re.compile(r"extern\b[^;]*;\s*$")
_FUNC = re.compile(r"((?:\w+\s+|\*\s*)+?)\**(\w+)\s*\([^;{]*\)\s*(?:\{.*\})?\s*$")
_VAR = re.compile(r"((?:\w+\s+|\*\s*)+?)\**(\w+)\s*(?:\[[^\]]*\])?\s*=")
_DIRECTIVE = re.compile(r"\s*#\s*(\w+)\s*(.*)")


class ExportError(Exception):
    """The generated code has a shape the exporter does not know: fix one or the other."""


def private_prefix(name):
    """sbx + 24 bits of FNV-1a of the name: short enough to keep the code
    readable, stable across versions, distinct per variant (a test checks)."""
    h = 2166136261
    for c in name.encode():
        h = ((h ^ c) * 16777619) & 0xFFFFFFFF
    return f"sbx{h & 0xFFFFFF:06x}_"


def c_name(name, prefix):
    """sigmoid_f32_maclaurin_d9_exp0p5_scalar for f32-maclaurin-d9-exp0.5-scalar."""
    return prefix + name.replace("-", "_").replace(".", "p")


def exportable(variants):
    """Every variant whose code is ours (peers call other libraries)."""
    return [v for v in variants if v.family != "peer"]


def blank_skipped(text):
    """text with comments and literals turned into spaces (newlines kept), so
    offsets and lines still match the original."""
    return _SKIP_RE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def unit_paths(v, files):
    """The generated files the variant's code is made of, in the order it
    needs them: SIMD operations and table only if its .c includes them."""
    src = files[v.path]
    out = []
    if v.isa in simd.ISAS:
        o = simd.ops(v.isa, v.prec)
        if f'#include "{o.path}"' in src:
            out.append(o.path)
    if v.data and f'#include "{v.data.header}"' in src:
        out += [v.data.header, v.data.source]
    return out + [v.path]


class _Unit:
    """One generated file on its way into the header: its lines, the edits
    to them, and what it declares."""

    def __init__(self, path, text, entry, known):
        self.path, self.entry, self.known = path, entry, known
        if text.startswith("/*") and "DO NOT EDIT" in text[:text.index("*/")]:
            text = f"\n/* ---- from generated/{path} ---- */" + text[text.index("*/") + 2:]
        self.lines = text.splitlines(keepends=True)
        self.code = blank_skipped(text).splitlines(keepends=True)
        directives = [i for i, c in enumerate(self.code) if c.lstrip().startswith("#")]
        self.guard = set()
        if path.endswith(".h") and len(directives) >= 3:
            w = [_DIRECTIVE.match(self.code[i]).groups() for i in (directives[0], directives[1], directives[-1])]
            if w[0][0] == "ifndef" and w[1][0] == "define" and w[2][0] == "endif" and \
                    w[0][1].split()[0] == w[1][1].split()[0]:
                self.guard = {directives[0], directives[1], directives[-1]}
        self.macros = [_DIRECTIVE.match(self.code[i]).group(2).split("(")[0].split()[0]
                       for i in directives if i not in self.guard
                       and _DIRECTIVE.match(self.code[i]).group(1) == "define"]
        self.names, self.includes = [], []
        self.found_entry = False

    def fail(self, i, why):
        raise ExportError(f"export: generated/{self.path}:{i + 1}: {why}: {self.lines[i].rstrip()!r}")

    def process(self):
        """Classify every directive and every line at brace depth 0; apply the edits."""
        depth = 0
        for i, c in enumerate(self.code):
            start, depth = depth, depth + c.count("{") - c.count("}")
            if i in self.guard:
                self.lines[i] = ""
            elif c.lstrip().startswith("#"):
                self.directive(i, c)
            elif start == 0 and c.strip():
                self.declaration(i, c.strip())
            if depth < 0:
                self.fail(i, "unbalanced braces")
        if depth:
            raise ExportError(f"export: generated/{self.path}: unbalanced braces")

    def directive(self, i, c):
        word, rest = _DIRECTIVE.match(c).groups()
        line = self.lines[i]
        if word == "include" and rest.startswith("<"):
            self.includes.append(line[line.index("<") + 1:line.index(">")])
            self.lines[i] = ""
        elif word == "include":
            inc = line[line.index('"') + 1:line.rindex('"')]
            if inc != "sigbench_variants.h" and inc not in self.known:
                self.fail(i, "includes a file that is not part of the export")
            self.lines[i] = ""
        elif word != "define":
            self.fail(i, f"#{word} is not expected at file scope")

    def declaration(self, i, c):
        """A line starting at file scope: record its name and make its edit."""
        if c == "{":
            return
        if m := _TYPEDEF.match(c):
            self.names.append(m.group(1))
        elif m := _STRUCT.match(c):
            self.names.append(m.group(1))
        elif _EXTERN.match(c):
            self.lines[i] = ""
        elif m := _FUNC.match(c):
            words, name = m.group(1).split(), m.group(2)
            if name == self.entry:
                if "static" in words or self.found_entry:
                    self.fail(i, "the entry point is static or defined twice")
                self.lines[i] = "static inline " + self.lines[i]
                self.found_entry = True
                return
            self.names.append(name)
            if words[0] == "static" and "inline" not in words:
                self.lines[i] = self.lines[i].replace("static", "static inline", 1)
            elif words[0] != "static" and words[0] not in self.all_macros:
                self.fail(i, f"external function {name} is not the entry point {self.entry}")
        elif m := _VAR.match(c):
            words = m.group(1).split()
            self.names.append(m.group(2))
            if "static" not in words and words[0] not in self.all_macros:
                self.lines[i] = "static " + self.lines[i]
        else:
            self.fail(i, "a file-scope line the exporter cannot classify")


def _rename(text, repl):
    """Whole-word renaming outside comments and literals."""
    if not repl:
        return text
    pat = re.compile(_SKIP + _NUMBER + r"|(?<!\w)(?:" + "|".join(sorted(map(re.escape, repl), key=len, reverse=True))
                     + r")(?!\w)", re.S)
    return pat.sub(lambda m: repl.get(m.group(), m.group()), text)


# What each function of the family is, as the header's first line says it.
FUNCTION_TEXT = {
    "sigmoid": "the logistic sigmoid 1/(1+exp(-x))",
    "dsigmoid": "sigma'(x) = sigma(x)(1 - sigma(x)), the derivative of the logistic sigmoid",
    "d2sigmoid": "sigma''(x) = sigma'(x)(1 - 2 sigma(x)), its second derivative",
    "logsigmoid": "log sigma(x) = -log1p(exp(-x)), the log of the logistic sigmoid",
    "silu": "SiLU (swish) x sigma(x)",
    "dsilu": "the derivative of SiLU, sigma(x)(1 + x(1 - sigma(x)))",
}


class Export:
    """One variant's standalone header: what the template needs."""

    def __init__(self, v, files, limits):
        self.v = v
        self.pub = c_name(v.name, "sigmoid_")
        self.priv = private_prefix(v.name)
        self.paths = unit_paths(v, files)
        self.limits = limits.get(v.name)
        entry = c_name(v.name, "sb_")
        units = [_Unit(p, files[p], entry, self.paths) for p in self.paths]
        macros = []
        for u in units:
            macros += [m for m in u.macros if m not in macros]
            u.all_macros = set(macros)
            u.process()
        if not units[-1].found_entry:
            raise ExportError(f"export: generated/{v.path} defines no function {entry}")
        names = macros + [n for u in units for n in u.names if n not in macros]
        repl = {n: self.priv + n for n in names}
        repl[entry] = self.pub
        self.macros = [repl[m] for m in macros]
        self.includes = sorted({i for u in units for i in u.includes})
        self.code = _rename("".join("".join(u.lines) for u in units), repl)
        self.names = [repl[n] for n in names]

    @property
    def T(self):
        return self.v.T

    @property
    def what(self):
        """The function the header computes, for its top comment."""
        return FUNCTION_TEXT[self.v.function]

    @property
    def guard(self):
        return self.pub.upper() + "_H"

    @property
    def isa_defines(self):
        """__AVX512F__ ... for each -mFEATURE flag the variant is built with."""
        return ["__" + f[2:].upper().replace(".", "_").replace("-", "_") + "__"
                for f in self.v.cflags if f.startswith("-m") and "=" not in f]

    @property
    def domain(self):
        lo, hi = self.v.domain
        if lo == float("-inf") and hi == float("inf"):
            return "all inputs"
        return f"[{lo:g}, {hi:g}] (what it is made for; it accepts any input)"

    @property
    def fitted(self):
        m = self.v.meta
        if "fit_err" not in m:
            return None
        return (f"{m['fit_metric']} error <= {m['fit_err']:.3g} on {m['fit_domain']} with the "
                f"coefficients as stored ({m['fit_exact']:.3g} with exact coefficients; Remez, approx.py)")


def collapse_blank_lines(text):
    """At most one blank line in a row: dropped includes and guards leave runs."""
    return re.sub(r"\n{3,}", "\n\n", text)


def render(env, v, files, limits):
    """(HEAD, TAIL) of the variant's standalone header."""
    e = Export(v, files, limits)
    t = env.get_template("export.h.j2")
    head = t.render(e=e, v=v, part="head", generator=GENERATOR)
    tail = t.render(e=e, v=v, part="tail", generator=GENERATOR)
    return head, collapse_blank_lines(tail)


def render_all(env, variants, files, limits):
    """[(name, HEAD, TAIL)] for every exportable variant, in registry order."""
    return [(v.name, *render(env, v, files, limits)) for v in exportable(variants)]


def c_string(text, width=1000):
    """text as adjacent C string literals, one per line of text (longer lines
    cut at `width` characters), so the table reads like the header."""
    out = []
    for line in text.splitlines(keepends=True):
        s = line.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
        s = re.sub(r"\?\?", r"?\\?", s)  # no trigraphs
        while len(s) > width:
            cut = width
            while s[cut - 1] == "\\" and (len(s[:cut]) - len(s[:cut].rstrip("\\"))) % 2:
                cut -= 1
            out.append(s[:cut])
            s = s[cut:]
        out.append(s)
    return "\n\t  ".join(f'"{s}"' for s in out) if out else '""'


def export_c(headers, argv_text):
    """The C source of the table sbx export prints from (harness/engine/export_table.h).

    Texts are string literals wrapped in __extension__: C11 only promises 4095
    characters per literal (-Woverlength-strings under -Wpedantic), and gcc
    and clang take far longer ones; __extension__ tells them this is meant.
    """
    parts = [f"/* DO NOT EDIT. Generated by {GENERATOR} {argv_text}: the standalone header of\n"
             " * every exportable variant, printed by `sigbench export NAME` (HEAD, then\n"
             " * its run-time lines, then TAIL).  Templates: templates/export.h.j2. */\n"
             "#include <stddef.h>\n\n#include \"export_table.h\"\n\n"
             "const struct sb_export_header sb_export_headers[] = {\n"]
    for name, head, tail in headers:
        parts.append(f"\t{{ \"{name}\",\n\t  __extension__ {c_string(head)},\n"
                     f"\t  __extension__ {c_string(tail)} }},\n")
    parts.append("};\n\nconst size_t sb_export_nheaders = sizeof sb_export_headers / sizeof sb_export_headers[0];\n")
    return "".join(parts)

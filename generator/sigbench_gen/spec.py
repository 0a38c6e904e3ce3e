"""Load generator/variants.toml and expand it into concrete variants.

One entry of `variants` names a family and its parameters; it expands to
one variant per precision x ISA.  Everything downstream (templates, the C
registry, CMake's source list, the limits check) works on the expanded list
this module returns, so a spec error is caught here, once, with the entry's
position in the message.
"""

import math
import re
import tomllib
from dataclasses import dataclass, field

# Per ISA: the CPU features the registry checks before running a variant
# (names as __builtin_cpu_supports spells them), the compiler flags its file
# is built with, and a description for tables.
ISAS = {
    "scalar": ((), (), "any x86-64"),
    # a library that picks its own code path at run time (peers)
    "auto": ((), (), "the library's own run-time dispatch"),
    "sse2": (("sse2",), ("-msse2",), "SSE2, 4 x f32 / 2 x f64"),
    "sse41": (("sse4.1",), ("-msse4.1",), "SSE4.1, 4 x f32 / 2 x f64"),
    "avx2": (("avx2", "fma"), ("-mavx2", "-mfma"), "AVX2+FMA, 8 x f32 / 4 x f64"),
    # x86-64-v4's AVX-512 subset: what every AVX-512 CPU since Skylake-X has.
    "avx512": (
        ("avx512f", "avx512dq", "avx512bw", "avx512vl"),
        ("-mavx512f", "-mavx512dq", "-mavx512bw", "-mavx512vl", "-mavx2", "-mfma"),
        "AVX-512F/DQ/BW/VL, 16 x f32 / 8 x f64",
    ),
}

PRECISIONS = {"f32": "float", "f64": "double"}

# What a variant computes (reference/family_ref.h's enum sb_func, same order).
# A variant of any function but sigma is named PREC-FUNCTION-STEM-ISA.
FUNCTIONS = ("sigmoid", "dsigmoid", "d2sigmoid", "logsigmoid", "silu", "dsilu")

# Keys with a meaning to the generator; any other key is a template parameter.
META_KEYS = {"family", "template", "name", "precisions", "isas", "summary",
             "domain", "nan", "specials", "algorithm", "data_template", "data_name", "measured",
             "function"}
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9.]+)*$")


class SpecError(Exception):
    """A problem in variants.toml, worded for the person editing it."""


@dataclass
class Variant:
    name: str            # f32-pade-7-6-scalar
    stem: str            # pade-7-6: the part the spec's name pattern made
    family: str
    template: str
    prec: str            # f32 | f64
    isa: str
    summary: str
    domain: tuple        # (lo, hi) as floats; (-inf, inf) means all inputs
    nan: str             # propagate | any
    algorithm: str
    specials: str = "exact"   # exact | approx: see variants.toml
    data_template: str = ""   # a table shared by variants, see variants.toml
    data_stem: str = ""
    measured: str = ""        # a measured claim the template prints (worst input)
    function: str = "sigmoid"
    params: dict = field(default_factory=dict)
    # Values a template computes and the registry/header report (fitted error
    # bounds); filled while the variant's template renders.
    meta: dict = field(default_factory=dict)

    @property
    def cname(self):
        return "sb_" + self.name.replace("-", "_").replace(".", "p")

    @property
    def T(self):
        return PRECISIONS[self.prec]

    @property
    def function_enum(self):
        return "SB_FN_" + self.function.upper()

    @property
    def sfx(self):
        """libm suffix and literal suffix: expf / 1.0f for f32."""
        return "f" if self.prec == "f32" else ""

    @property
    def features(self):
        return ISAS[self.isa][0]

    @property
    def cflags(self):
        return ISAS[self.isa][1]

    @property
    def isa_text(self):
        return ISAS[self.isa][2]

    @property
    def path(self):
        """Where the generated C file lives, relative to generated/."""
        return f"{self.family}/{self.name}.c"

    @property
    def data(self):
        """The shared table this variant reads, or None."""
        return DataFile(self.family, self.prec, self.data_stem, self.data_template,
                        self.params) if self.data_template else None

    @property
    def cpu_dependent(self):
        """Why the outputs depend on the CPU model and not only on the ISA,
        or "".  rcpps (SSE, AVX) is specified only to 1.5 * 2^-12, and Intel
        and AMD return different bits, which one Newton step does not remove
        (its accuracy row and output hash differ between the two CPUs
        measured, README).
        Two steps leave 2^-45: nr2 gave the same accuracy row over all 2^32
        floats and the same hash on both, so it stays pinned.  AVX-512's vrcp14ps is specified bit for
        bit."""
        if (self.params.get("recip") == "nr1" and self.prec == "f32"
                and self.isa in ("sse2", "sse41", "avx2")):
            return "rcpps, whose estimate differs between CPU makers"
        return ""

    @property
    def params_text(self):
        return " ".join(f"{k}={v}" for k, v in sorted(self.params.items()))


@dataclass(frozen=True)
class DataFile:
    """A table in its own generated file (generated/FAMILY/data/PREC-STEM.{h,c}),
    shared by every variant of the same family, precision and stem."""
    family: str
    prec: str
    stem: str
    template: str
    params_key: tuple = ()

    def __init__(self, family, prec, stem, template, params):
        object.__setattr__(self, "family", family)
        object.__setattr__(self, "prec", prec)
        object.__setattr__(self, "stem", stem)
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "params_key", tuple(sorted(params.items())))

    @property
    def key(self):
        return (self.family, self.prec, self.stem)

    @property
    def params(self):
        return dict(self.params_key)

    @property
    def cname(self):
        return f"sb_{self.family}_{self.prec}_{self.stem}".replace("-", "_").replace(".", "p")

    @property
    def T(self):
        return PRECISIONS[self.prec]

    @property
    def header(self):
        return f"{self.family}/data/{self.prec}-{self.stem}.h"

    @property
    def source(self):
        return f"{self.family}/data/{self.prec}-{self.stem}.c"


def parse_domain(text, where):
    if text == "all":
        return (-math.inf, math.inf)
    try:
        lo, hi = (float(s) for s in text.split(":"))
    except ValueError:
        raise SpecError(f"{where}: domain {text!r} is not 'all' or 'LO:HI'") from None
    if not lo < hi:
        raise SpecError(f"{where}: domain {text!r} is empty (need LO < HI)")
    return (lo, hi)


def _expand_entry(entry, families, where):
    fam_name = entry.get("family")
    if fam_name not in families:
        raise SpecError(f"{where}: unknown family {fam_name!r}")
    merged = dict(families[fam_name])
    merged.update(entry)
    for key in ("template", "name", "precisions", "isas", "summary"):
        if key not in merged:
            raise SpecError(f"{where}: family {fam_name!r} does not set {key!r}")
    params = {k: v for k, v in merged.items() if k not in META_KEYS}
    template = merged["template"]
    try:
        stem = merged["name"].format(**params)
        summary = merged["summary"].format(**params)
    except KeyError as e:
        raise SpecError(f"{where}: name or summary uses {e} but the entry does not set it") from None
    try:
        domain_text = str(merged.get("domain", "all")).format(**params)
    except KeyError as e:
        raise SpecError(f"{where}: domain uses {e} but the entry does not set it") from None
    domain = parse_domain(domain_text, where)
    nan = merged.get("nan", "propagate")
    if nan not in ("propagate", "any"):
        raise SpecError(f"{where}: nan must be 'propagate' or 'any', not {nan!r}")
    specials = merged.get("specials", "exact")
    if specials not in ("exact", "approx"):
        raise SpecError(f"{where}: specials must be 'exact' or 'approx', not {specials!r}")
    data_template = merged.get("data_template", "")
    try:
        data_stem = merged.get("data_name", "").format(**params)
    except KeyError as e:
        raise SpecError(f"{where}: data_name uses {e} but the entry does not set it") from None
    function = merged.get("function", "sigmoid")
    if function not in FUNCTIONS:
        raise SpecError(f"{where}: unknown function {function!r} (known: {', '.join(FUNCTIONS)})")
    if bool(data_template) != bool(data_stem):
        raise SpecError(f"{where}: data_template and data_name go together")
    out = []
    for prec in merged["precisions"]:
        if prec not in PRECISIONS:
            raise SpecError(f"{where}: unknown precision {prec!r}")
        for isa in merged["isas"]:
            if isa not in ISAS:
                raise SpecError(f"{where}: unknown ISA {isa!r} (known: {', '.join(ISAS)})")
            name = f"{prec}-{stem}-{isa}" if function == "sigmoid" else \
                f"{prec}-{function}-{stem}-{isa}"
            if not NAME_RE.match(name):
                raise SpecError(f"{where}: variant name {name!r} must be lower-case words joined by '-'")
            # template: one file, or a table {scalar = ..., simd = ...} picked by ISA
            tpl = template if isinstance(template, str) else \
                template.get(isa, template.get("simd" if isa != "scalar" else "scalar"))
            if not tpl:
                raise SpecError(f"{where}: family {fam_name!r} has no template for ISA {isa!r}")
            out.append(Variant(name=name, stem=stem, family=fam_name,
                               template=tpl, prec=prec, isa=isa,
                               summary=summary, domain=domain, nan=nan,
                               algorithm=merged.get("algorithm", "").strip(),
                               specials=specials, data_template=data_template,
                               data_stem=data_stem, function=function, params=params,
                               measured=merged.get("measured", "").strip()))
    return out


def load(path):
    """Return the expanded, validated list of variants in spec order."""
    try:
        with open(path, "rb") as f:
            spec = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise SpecError(f"{path}: {e}") from None
    families = spec.get("family", {})
    variants, seen = [], {}
    for i, entry in enumerate(spec.get("variants", [])):
        where = f"{path}: variants[{i}]"
        for v in _expand_entry(entry, families, where):
            if v.name in seen:
                raise SpecError(f"{where}: {v.name} duplicates variants[{seen[v.name]}]")
            seen[v.name] = i
            variants.append(v)
    if not variants:
        raise SpecError(f"{path}: no variants")
    return variants

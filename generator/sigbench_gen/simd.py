"""The vector operations SIMD templates are written in, per ISA and precision.

Each (ISA, precision) gets a header generated/simd/ISA-PREC.h of static
inline wrappers with the same names (v_add, v_fma, v_sel, v_gather, ...), so
a family's SIMD template is written once, in plain C, for every ISA.  This
table says how each wrapper maps to intrinsics; templates/simd_ops.h.j2 prints
it.  Semantics worth knowing:

  v_fma(a, b, c)  a*b + c rounded once where the ISA has FMA (AVX2+FMA,
                  AVX-512); on SSE it is a multiply then an add (two
                  roundings), so SSE variants are measured as what they are.
  v_min/v_max     x86 semantics: if either operand is NaN the second wins.
  v_sel(m, a, b)  m ? a : b per lane.
  v_rcp(a)        approximate 1/a: 14 bits (AVX-512), 12 bits (SSE/AVX2 f32);
                  f64 on SSE/AVX2 has no approximation and divides.
  v_gather(t, i)  t[i] per lane; SSE has no gather and loads lane by lane.
  v_perm(t, i)    (AVX-512) t[i mod VN] from a table held in one register (vpermps).
  v_perm2(a, b, i) (AVX-512) the 2 VN-entry table a:b held in two registers,
                  indexed by i mod 2 VN (vpermt2ps).
  v_scalef(a, b)  (AVX-512) a 2^floor(b) rounded once, subnormal results
                  included (vscalefps).
  masks           __mmask on AVX-512, all-ones lanes of the vector type elsewhere.
"""

# Common spellings per ISA family.  {s} is the type suffix: ps / pd.
_AVX512 = dict(
    header="immintrin.h", bits=512,
    vf={"f32": "__m512", "f64": "__m512d"}, vi="__m512i",
    vm={"f32": "__mmask16", "f64": "__mmask8"},
    p="_mm512_", fma=True, mask_regs=True,
)
_AVX2 = dict(
    header="immintrin.h", bits=256,
    vf={"f32": "__m256", "f64": "__m256d"}, vi="__m256i",
    vm={"f32": "__m256", "f64": "__m256d"},
    p="_mm256_", fma=True, mask_regs=False,
)
_SSE41 = dict(
    header="smmintrin.h", bits=128,
    vf={"f32": "__m128", "f64": "__m128d"}, vi="__m128i",
    vm={"f32": "__m128", "f64": "__m128d"},
    p="_mm_", fma=False, mask_regs=False,
)
ISAS = {"avx512": _AVX512, "avx2": _AVX2, "sse41": _SSE41}


class Ops:
    """What templates/simd_ops.h.j2 needs to print one header."""

    def __init__(self, isa, prec):
        self.isa, self.prec = isa, prec
        d = ISAS[isa]
        self.d = d
        self.T = "float" if prec == "f32" else "double"
        self.I = "int32_t" if prec == "f32" else "int64_t"
        self.s = "ps" if prec == "f32" else "pd"
        self.ei = "epi32" if prec == "f32" else "epi64"  # integer lanes as wide as T
        self.lanes = d["bits"] // (32 if prec == "f32" else 64)
        self.vf, self.vi, self.vm = d["vf"][prec], d["vi"], d["vm"][prec]
        self.p = d["p"]
        self.fma = d["fma"]
        self.mask_regs = d["mask_regs"]
        self.guard = f"SB_SIMD_{isa.upper()}_{prec.upper()}_H"
        self.mant = 23 if prec == "f32" else 52
        self.bias = 127 if prec == "f32" else 1023
        self.header = d["header"]
        self.si = {512: "si512", 256: "si256", 128: "si128"}[d["bits"]]  # integer-vector suffix
        # set1 of an integer as wide as T (AVX2/SSE spell the 64-bit one epi64x)
        self.set1i = self.p + ("set1_epi32" if prec == "f32" else
                               "set1_epi64" if isa == "avx512" else "set1_epi64x")
        # v_int_of: adding 2^mant leaves an integer 0 <= a < 2^(mant-1) in the low bits
        self.int_magic = "0x1p23f" if prec == "f32" else "0x1p52"
        self.int_limit_log2 = self.mant - 1
        self.abs_mask = "0x7FFFFFFF" if prec == "f32" else "0x7FFFFFFFFFFFFFFFLL"
        self.sign_bit = "INT32_MIN" if prec == "f32" else "INT64_MIN"

    @property
    def one_if_pos_table(self):
        """ONE_IF_POS as the C literal of an integer lane (the low 32 bits count)."""
        return f"(int32_t){ONE_IF_POS:#x}" if self.prec == "f32" else f"{ONE_IF_POS:#x}LL"

    @property
    def negabs_min_imm(self):
        """vrangeps/pd imm8 of v_negabs_max: the lesser magnitude, sign set."""
        return f"{range_imm('min_abs', 'set'):#04x}"

    @property
    def absmax_imm(self):
        """vrangeps/pd imm8 of v_absmax: the greater magnitude, sign cleared."""
        return f"{range_imm('max_abs', 'clear'):#04x}"

    def expk_plan(self, lut, lookup, scale, sub="honest"):
        """(lookup, scale) of an exp kernel with a table of `lut` entries (0: none).

        lookup: 'gather' from memory; 'perm' a table of VN entries in one
        register; 'perm2' one of 2 VN entries in two registers (both AVX-512);
        'auto' is 'perm' where the table fills one AVX-512 register, else 'gather'.
        scale: 'bits' builds 2^m in the exponent field (two steps for subnormal
        results); 'scalef' (AVX-512) applies it by vscalefps, rounded once.
        """
        if lookup not in LOOKUPS or scale not in SCALES:
            raise PlanError(f"lookup must be one of {LOOKUPS} and scale one of {SCALES},"
                            f" not {lookup!r}, {scale!r}")
        fits = {"perm": self.lanes, "perm2": 2 * self.lanes}
        if lookup == "auto":
            lookup = "perm" if self.isa == "avx512" and lut == self.lanes else "gather"
        if lookup in fits and (self.isa != "avx512" or lut != fits[lookup]):
            raise PlanError(f"lookup {lookup!r} needs AVX-512 and a table of {fits[lookup]}"
                            f" entries, not {self.isa} {self.prec} with {lut}")
        if scale == "scalef" and (self.isa != "avx512" or sub != "honest"):
            raise PlanError(f"scale 'scalef' needs AVX-512 and gives honest subnormals,"
                            f" not {self.isa} with sub {sub!r}")
        return lookup, scale

    def table_plan(self, lut, lookup):
        """(lookup, entries) of a float32 table of `lut` entries read by index
        bits: 'perm' one register (vpermps; AVX-512 or AVX2), the table
        repeated to VN entries; 'perm2' two AVX-512 registers (vpermt2ps),
        repeated to 2 VN; 'gather' from memory, `lut` entries."""
        fits = {"perm": self.lanes, "perm2": 2 * self.lanes, "gather": lut}
        isas = {"perm": ("avx512", "avx2"), "perm2": ("avx512",), "gather": ("avx512", "avx2")}
        if lookup not in fits or self.prec != "f32" or self.isa not in isas[lookup] \
                or lut & (lut - 1) or not 0 < lut <= fits[lookup]:
            raise PlanError(f"lookup {lookup!r} of {lut} float32 entries is not possible on"
                            f" {self.isa} {self.prec}")
        return lookup, fits[lookup]

    @property
    def path(self):
        return f"simd/{self.isa}-{self.prec}.h"

    @property
    def full_mask(self):
        return f"(({self.vm})((1u << {self.lanes}) - 1))" if self.mask_regs else ""


# vfixupimm (AVX-512F): each lane of the classified input falls in one of these
# classes, in the order of the 4-bit responses in the 32-bit table (SDM, VFIXUPIMMPS).
FIXUP_CLASSES = ("qnan", "snan", "zero", "one", "neg_inf", "pos_inf", "neg", "pos")
FIXUP_RESPONSES = {"keep": 0x0, "src": 0x1, "qnan_src": 0x2, "plus_one": 0xA}


def fixup_table(responses):
    """The vfixupimm table: nibble i answers input class FIXUP_CLASSES[i]."""
    return sum(FIXUP_RESPONSES[responses[c]] << (4 * i) for i, c in enumerate(FIXUP_CLASSES))


# v_one_if_pos: 1 for x > 0 and +Inf, x's NaN quieted, the kept value for x <= 0 and -Inf
ONE_IF_POS = fixup_table({"qnan": "src", "snan": "qnan_src", "zero": "keep", "one": "plus_one",
                          "neg_inf": "keep", "pos_inf": "plus_one", "neg": "keep", "pos": "plus_one"})

# vrangeps imm8 (AVX-512DQ): bits 1:0 the operation, bits 3:2 the sign of the result
RANGE_OPS = {"min": 0, "max": 1, "min_abs": 2, "max_abs": 3}
RANGE_SIGNS = {"compare": 0, "src1": 1, "clear": 2, "set": 3}


def range_imm(op, sign):
    return RANGE_OPS[op] | RANGE_SIGNS[sign] << 2


class PlanError(ValueError):
    """A variant asks for an operation its ISA does not have."""


# How the exp kernels (expk_simd.c.j2) read 2^(j/K) from their table, and apply 2^m.
LOOKUPS = ("auto", "gather", "perm", "perm2")
SCALES = ("bits", "scalef")


def ops(isa, prec):
    return Ops(isa, prec)


def all_ops():
    return [Ops(isa, prec) for isa in ISAS for prec in ("f32", "f64")]

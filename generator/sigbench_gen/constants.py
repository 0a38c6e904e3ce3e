"""The numbers templates print that are not fitted coefficients: ln 2 split
for Cody-Waite reduction, the range constants of the exp kernels, and the
thresholds and cut points quoted in code and comments.

Templates only lay out code; every value they print comes from here (or from
shapes.py / kernels.py for fitted coefficients and tables), so each claim a
comment makes ("n * HI is exact", "sigma rounds to 0 below ZMIN") has a unit
test in tests/test_constants.py instead of living as a hand-typed literal.
"""

import math
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

with localcontext() as _ctx:
    _ctx.prec = 60
    LN2_DEC = Decimal(2).ln()
    LOG2E_DEC = 1 / LN2_DEC
LN2 = Fraction(LN2_DEC)  # ln 2 to 60 digits, exact as a Fraction


@dataclass(frozen=True)
class Format:
    """An IEEE binary format as the templates spell it."""
    p: int          # significand bits, hidden bit included
    bias: int
    emin: int       # least normal exponent
    suffix: str     # C literal suffix
    int_t: str
    uint_t: str
    ll: str         # suffix of a 64-bit integer literal for this lane width

    @property
    def mant(self):
        return self.p - 1

    @property
    def emin_sub(self):
        """Exponent of the least subnormal."""
        return self.emin - self.mant


FORMATS = {
    "f32": Format(24, 127, -126, "f", "int32_t", "uint32_t", ""),
    "f64": Format(53, 1023, -1022, "", "int64_t", "uint64_t", "LL"),
}


def pow2_literal(k, prec):
    """2^k as the short C hex literal the kernels use: 0x1p-64f."""
    return f"0x1p{k}{FORMATS[prec].suffix}"


def ln2_split(prec, n_max, divisor=1, hi_bits=None, nearest=False):
    """ln2/divisor = hi + lo (Cody-Waite), both exact Fractions.

    hi has at most hi_bits significant bits, by default the most that keep
    n * hi exact in prec for every |n| <= n_max (p - bit_length(n_max));
    a larger hi_bits is refused.  hi is ln2/divisor rounded down (or to
    nearest) at that many bits; lo = ln2/divisor - hi to 60 digits, left for
    the caller to round (it only needs to be good to working precision, and
    z - n hi - n lo then carries about 2p bits of ln 2).
    """
    fmt = FORMATS[prec]
    most = fmt.p - n_max.bit_length()
    if hi_bits is None:
        hi_bits = most
    if not 0 < hi_bits <= most:
        raise ValueError(f"hi_bits {hi_bits}: n * hi is exact only up to {most} bits"
                         f" for |n| <= {n_max} in {prec}")
    v = LN2 / divisor
    scale = Fraction(2) ** (hi_bits - 1 - math.floor(math.log2(v)))
    hi = Fraction(round(v * scale) if nearest else math.floor(v * scale)) / scale
    return hi, v - hi


# The exp kernels (expk.c.j2, expk_simd.c.j2, tanh_simd.c.j2) clamp z = -|x| at
# ZMIN: a round number below the point where sigma rounds to 0 (ln 2^-150 =
# -103.97 for float, ln 2^-1075 = -745.13 for double), so that n stays small.
ZMIN = {"f32": -110, "f64": -760}
# Honest subnormal results: 2^m is applied as 2^(m + SUB_OFF) * 2^-SUB_OFF.
SUB_OFF = {"f32": 64, "f64": 200}


@dataclass(frozen=True)
class ExpRange:
    """Constants of an exp kernel with table bits `bits` in precision prec:
    n = round(z 2^bits / ln 2) for z in [zmin, 0], e^z = 2^(n / 2^bits) e^r."""
    prec: str
    bits: int

    @property
    def fmt(self):
        return FORMATS[self.prec]

    @property
    def zmin(self):
        return ZMIN[self.prec]

    @property
    def n_max(self):
        """A bound on |n|: |zmin| 2^bits / ln 2 rounded up (n is that rounded to nearest)."""
        return math.floor(-self.zmin * 2**self.bits / LN2) + 1

    @property
    def log2e_n(self):
        return 2**self.bits / LN2

    @property
    def ln2_n(self):
        return LN2 / 2**self.bits

    @property
    def ln2_hilo(self):
        """ln 2 / 2^bits as (HI, LO): n * HI exact for |n| <= n_max."""
        return ln2_split(self.prec, self.n_max, divisor=2**self.bits)

    @property
    def magic(self):
        """1.5 * 2^mant: adding it rounds to an integer (|v| < 2^(mant-1))."""
        return f"0x1.8p{self.fmt.mant}{self.fmt.suffix}"

    @property
    def m_floor(self):
        """A round lower bound (multiple of 10) of m = floor(n / 2^bits) after the clamp."""
        return -10 * math.ceil((self.n_max / 2**self.bits + 1) / 10)

    @property
    def sub_off(self):
        return SUB_OFF[self.prec]

    @property
    def sub_scale(self):
        return pow2_literal(-self.sub_off, self.prec)

    @property
    def least_normal(self):
        return pow2_literal(self.fmt.emin, self.prec)

    @property
    def mono_x(self):
        """x = ln 2^-(p+2) (a literal rounded away from 0): below it
        e^x < 2^-(p+2), so e^x is sigma(x) within a quarter of an ulp."""
        x = -(self.fmt.p + 2) * LN2
        return f"{math.floor(x * 1e4) / 1e4:.4f}{self.fmt.suffix}"

    @property
    def sub_n(self):
        """n below which 2^(n / 2^bits) is not normal."""
        return self.fmt.emin * 2**self.bits

    @property
    def j_mask(self):
        return 2**self.bits - 1

    @property
    def shift(self):
        """Where m goes in the bits: mant - bits (n's low bits are the table index)."""
        return self.fmt.mant - self.bits

    @property
    def log2e(self):
        return 1 / LN2

    @property
    def ln2_hilo_unit(self):
        """ln 2 = HI + LO for the scalef form, where n is held as n / 2^bits:
        (n / 2^bits) HI is exact for |n| <= n_max (HI is 2^bits times ln2_hilo's)."""
        return ln2_split(self.prec, self.n_max)

    @property
    def scaled_magic_exp(self):
        """E of the scalef form's magic 1.5 * 2^E: its ulp is 2^-bits, so adding it
        rounds z log2(e) to a multiple of 2^-bits, n / 2^bits."""
        return self.fmt.mant - self.bits

    @property
    def scaled_magic(self):
        return f"0x1.8p{self.scaled_magic_exp}{self.fmt.suffix}"

    def exp_bits(self, off=0):
        """The integer literal of the bits of 2^off (bias + off in the exponent field)."""
        return f"{(self.fmt.bias + off) << self.fmt.mant}{self.fmt.ll}"


def exp_range(prec, bits):
    return ExpRange(prec, bits)


def exact_form_limits(prec):
    """For 1/(1 + exp(-x)): x above which exp(-x) < 2^-p (half an ulp of 1, so
    1 + exp(-x) rounds to 1), x below which exp(-x) overflows (ln of the
    largest finite), and x below which sigma < 2^(emin_sub - 1) rounds to 0."""
    fmt = FORMATS[prec]
    big = (2 - 2.0 ** (1 - fmt.p)) * 2.0 ** (fmt.bias)
    return (fmt.p * math.log(2), -math.log(big), (fmt.emin_sub - 1) * math.log(2))


def tanh_zero(prec):
    """x ~ ln 2^-(p+1): below it 1 + tanh(x/2) ~ 2 e^x is under 2^-p, one step
    of the numbers just below 1, so tanh(x/2) is -1 or a step above it."""
    return -(FORMATS[prec].p + 1) * math.log(2)


def tanh_simd_kernel(prec):
    """(clamp, exp degree) of tanh_simd.c.j2: |x| beyond clamp has tanh(|x|/2)
    rounding to 1 and 2^n normal; the degree makes e^r good to ~ulp(1)."""
    return {"f32": (20, 6), "f64": (40, 11)}[prec]


@dataclass(frozen=True)
class LutGrid:
    """The lookup tables' grid: size + 1 points -r + 2r i / size."""
    size: int
    r: float

    @property
    def points(self):
        return self.size + 1

    @property
    def last(self):
        """The last interval's left index (linear lookup at x = r uses it)."""
        return self.size - 1

    @property
    def width(self):
        return 2 * self.r

    @property
    def step(self):
        return 2 * self.r / self.size

    @property
    def scale(self):
        """Grid points per unit, exact."""
        return Fraction(self.size) / (2 * Fraction(self.r))


def lut_grid(size, r):
    return LutGrid(size, r)


def hold_point(cut, saturation):
    """Where a saturating form stops being evaluated: its cut, or earlier the
    point where it turns back (shapes.saturation_point)."""
    return min(cut, saturation)

"""Constants of the hand-tuned exp kernels (templates/ddk_*, crk_*, dblk_*).

They share one exp design: n = N + j/K is z*log2(e) rounded to 1/K by a
magic-number addition whose low mantissa bits are then j and whose higher
bits are N; the table stores each RN(2^(j/K)) with j's bits already
subtracted from its exponent field, so one integer add of the shifted magic
bits gives T_j 2^N exactly.  These functions compute those tables, the
rounding error tau_j of each entry, ln 2 and log2(e) rounded, and the
polynomials e^t ~ 1 + t + t^2 P(t) (minimax for the relative error of e^t,
with the constant and linear terms fixed at 1 so that e^0 = 1 exactly).
"""

import functools
import math
import struct
from decimal import Decimal, localcontext
from fractions import Fraction

from . import approx

with localcontext() as _ctx:
    _ctx.prec = 60
    LN2 = Decimal(2).ln()
    LOG2E = 1 / LN2


def rn(v, prec):
    """v rounded to nearest float32/float64, as an exact Fraction."""
    return approx.round_to_float(v, prec)


def bits(v, prec):
    """The IEEE bit pattern of RN(v)."""
    x = float(rn(v, prec))
    if prec == "f32":
        return struct.unpack("<I", struct.pack("<f", x))[0]
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def lit(v, prec):
    """C literal of RN(v), hex float."""
    return approx.to_hexfloat(v, prec)


def exp2_bits_table(k_entries, prec, shift):
    """bits(RN(2^(j/K))) - (j << shift), modulo the word size: adding
    (magic bits << shift) to entry j then yields RN(2^(j/K)) 2^N."""
    word = 32 if prec == "f32" else 64
    out = []
    for j in range(k_entries):
        t = approx.exp2_dec(Decimal(j) / k_entries)
        out.append((bits(t, prec) - (j << shift)) % (1 << word))
    return out


def exp2_tau_table(k_entries, prec):
    """tau_j = RN(2^(j/K) / RN(2^(j/K)) - 1): the relative rounding error of
    each table entry, added back in the polynomial's small term."""
    out = []
    for j in range(k_entries):
        t = approx.exp2_dec(Decimal(j) / k_entries)
        out.append(rn(Fraction(t) / rn(t, prec) - 1, prec))
    return out


def _q(t):
    """(e^t - 1 - t) / t^2, continuous at 0."""
    if abs(t) < Decimal("1e-20"):
        return Decimal(1) / 2 + t / 6
    return (approx.exp_dec(t) - 1 - t) / (t * t)


@functools.lru_cache(maxsize=None)
def exp_fixed11(h_num, h_den, degree, prec):
    """e^t ~ 1 + t + t^2 P(t) on |t| <= ln2 * h_num / h_den, P of degree
    degree-2, minimising the relative error of e^t: the weight t^2/e^t
    (floored at 1e-40 so the exchange never divides by zero at t = 0) turns
    the error of P into that of e^t.  Returns (P's coefficients rounded to
    prec, log2 of the relative error of e^t with them, the same with P's
    exact coefficients), errors on a dense grid."""
    h = LN2 * h_num / h_den
    fit = approx.minimax_poly(_q, -h, h, degree - 2,
                              weight=lambda t: (t * t + Decimal("1e-40")) / approx.exp_dec(t))
    coeffs = [rn(c, prec) for c in fit.numerator]

    def log2_rel_err(cs):
        worst = Decimal(0)
        for i in range(2001):
            t = -h + 2 * h * i / 2000
            acc = Decimal(0)
            for c in reversed(cs):
                acc = acc * t + Decimal(c.numerator) / Decimal(c.denominator)
            e = approx.exp_dec(t)
            worst = max(worst, abs(1 + t + t * t * acc - e) / e)
        return math.log2(float(worst))

    return tuple(coeffs), log2_rel_err(coeffs), log2_rel_err(list(fit.numerator))


def ln2_split(prec, hi_bits):
    """ln 2 = HI + LO with HI keeping hi_bits significant bits (so k * HI is
    exact for |k| < 2^(p - hi_bits)) and LO = RN(ln 2 - HI)."""
    e = math.floor(math.log2(float(LN2)))
    scale = Fraction(2) ** (hi_bits - 1 - e)
    hi = Fraction(math.floor(Fraction(LN2) * scale)) / scale
    return hi, rn(Fraction(LN2) - hi, prec)


def ln2_rn(prec):
    """(RN(ln 2), RN(RN(ln 2) - ln 2)): t = z - n RN(ln 2) is exact for the
    small n of these kernels, and the second term goes into the polynomial's
    small part."""
    hi = rn(LN2, prec)
    return hi, rn(hi - Fraction(LN2), prec)


def shift_for(k_entries, prec):
    """Mantissa bits above the table index: where N sits in the magic bits."""
    return (23 if prec == "f32" else 52) - (k_entries.bit_length() - 1)


def ln2_parts(divisor, hi_bits, prec):
    """ln2/divisor = HI - LO' with HI = ln2/divisor rounded to nearest at
    hi_bits significant bits (k * HI exact for small k) and
    LO' = RN(HI - ln2/divisor), for t = fma(k, -HI, z) then fma(k, LO', t)."""
    v = Fraction(LN2) / divisor
    e = math.floor(math.log2(float(v)))
    scale = Fraction(2) ** (hi_bits - 1 - e)
    hi = Fraction(round(v * scale)) / scale
    return hi, rn(hi - v, prec)

"""Constants of the exp kernels of templates/ddiv_simd.c.j2, crf_*, dblk_*.

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
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

from . import approx
from .constants import LN2_DEC as LN2, LOG2E_DEC as LOG2E, ln2_split


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


def ln2_rn(prec):
    """(RN(ln 2), RN(RN(ln 2) - ln 2)): t = z - n RN(ln 2) is exact for the
    small n of these kernels, and the second term goes into the polynomial's
    small part."""
    hi = rn(LN2, prec)
    return hi, rn(hi - Fraction(LN2), prec)


def shift_for(k_entries, prec):
    """Mantissa bits above the table index: where N sits in the magic bits."""
    return (23 if prec == "f32" else 52) - (k_entries.bit_length() - 1)


@functools.lru_cache(maxsize=None)
def crk_constants():
    """The double careful path of crf_avx512.c.j2: 16-entry table in double
    (j << 48 pre-subtracted), degree 5 on |t| <= ln2/32, ln2/16
    split for |k| < 2^11 (HI rounded to nearest at 41 bits, a bit short of
    the 42 allowed), and |x| >= 87 sent on to the scalar routine."""
    return SimpleNamespace(
        k=16, shift=shift_for(16, "f64"), k_max=2**11 - 1, hi_bits=41,
        table=exp2_bits_table(16, "f64", shift_for(16, "f64")),
        careful=exp_fixed11(1, 32, 5, "f64"), log2e_k=16 * LOG2E,
        ln2_hilo=ln2_split("f64", 2**11 - 1, divisor=16, hi_bits=41, nearest=True),
        bad_z=bits(-87, "f32"))


@functools.lru_cache(maxsize=None)
def dblk_constants():
    """dblk_sse2.c.j2: z >= -105 (sigma rounds to 0 in float below -103.97),
    so |k| <= 152; ln 2 split with a 42-bit HI rounded to nearest (45
    allowed); degree 9 on |t| <= ln2/2."""
    return SimpleNamespace(
        zmin=-105, fit=exp_fixed11(1, 2, 9, "f64"),
        ln2_hilo=ln2_split("f64", 152, hi_bits=42, nearest=True))


def repeat_table(values, entries):
    """A K-entry table repeated to `entries` (a register read by index bits
    mod `entries`)."""
    return [values[i % len(values)] for i in range(entries)]


def alternate_signs(coeffs):
    """P(-t) from P(t): the coefficient of t^k times (-1)^k (exact)."""
    return tuple(c if k % 2 == 0 else -c for k, c in enumerate(coeffs))


@functools.lru_cache(maxsize=None)
def ddiv_constants(kf, degree, entries, scale):
    """ddiv_simd.c.j2: sigma(x) = 1/(1 + e), e = e^-x for either sign of x.
    m = M + j/kf = RN(-x log2e) to 1/kf by the magic FMA (its low bits j, M
    above); tr = x + m RN(ln 2), exact: |m| < 87 log2e + 1, so m RN(ln 2) is
    a multiple of 2^-24/kf below 2^7, and |tr| < ln2/kf fits in 24 bits of
    that grain; e = E (1 + v), E = RN(2^(j/kf)) 2^M (scale "bits": the table
    holds bits(RN(2^(j/kf))) - (j << shift) and the magic's bits are added
    shifted; "scalef": the table holds RN(2^(j/kf)) and vscalefps applies
    2^floor(m)), 1 + v = (1 + tau)(1 - tr + tr^2 P(-tr)) to first order in
    tau = tau_j + m (RN(ln 2) - ln 2), P of degree `degree` - 2 fitted on
    |t| <= ln2/(2 kf).  Tables are `entries` long (the K entries repeated to
    fill the lookup's registers).  Returns them (ntau = -tau_j), P(-t)'s
    coefficients (q), RN(ln 2) and -RN(RN(ln 2) - ln 2), -RN(log2 e), the
    magic, and the fast path's bound on |x| (sigma normal, e finite below
    it)."""
    shift = shift_for(kf, "f32")
    fit = exp_fixed11(1, 2 * kf, degree, "f32")
    ln2 = ln2_rn("f32")
    if scale == "bits":
        table = exp2_bits_table(kf, "f32", shift)
    else:
        table = [bits(approx.exp2_dec(Decimal(j) / kf), "f32") for j in range(kf)]
    return SimpleNamespace(
        k=kf, half=2 * kf, shift=shift, entries=entries,
        table=repeat_table(table, entries),
        ntau=repeat_table([-t for t in exp2_tau_table(kf, "f32")], entries),
        fit=fit, q=alternate_signs(fit[0]), ln2=ln2[0], neg_ln2_err=-ln2[1],
        neg_log2e=-rn(LOG2E, "f32"), magic=1.5 * 2**shift, x_max=87)


def _poly_rel_err(coeffs, h, points=4001):
    """max over a grid of |1 + t + t^2 P(t) - e^t| / e^t on |t| <= h, with
    P's float coefficients: the fit's error on the slightly wider interval
    the kernel's reduction can reach."""
    worst = Decimal(0)
    for i in range(points):
        t = -h + 2 * h * i / (points - 1)
        acc = Decimal(0)
        for c in reversed(coeffs):
            acc = acc * t + Decimal(c.numerator) / Decimal(c.denominator)
        e = approx.exp_dec(t)
        worst = max(worst, abs(1 + t + t * t * acc - e) / e)
    return Fraction(worst)


def crf_bound(kf, degree, xmax, split="fused"):
    """Relative error bound of the float fast path of crf_avx512.c.j2 before
    its final rounding: |f0 (1 + r2) - sigma(x)| <= total * sigma(x) for
    |x| < xmax.  Returns a namespace: `terms` (Fractions, named as in the
    template's comment), their sum `total`, the reduced argument's bound h
    and the fit.  u = 2^-24 is float's unit roundoff; every term is taken
    at its largest argument, so the sum is an upper bound, not an estimate.

    The path: w = x + n RN(ln2) = -t (exact), E = RN(2^(j/kf)) 2^N,
    tau' = fma(n, RN(RN(ln2) - ln2), tau_j), Pw = P(-w) by two FMAs,
    s = fma(w, fmsub(w, Pw, tau'), tau') ~ e^-w (1 + tau') - 1 + w;
    1 + E = d + dl (Fast2Sum), D = RN(d - E w), Dl = RN((d - D) - E w),
    L = RN(E s + RN(dl + Dl)) (AVX2), or d = RN(E + 1), D = RN(d - E w),
    Dl = RN(((A - D) + B) - E w) with A = max(E, 1), B = min(E, 1) and both
    adds exact, L = RN(E s + Dl) (AVX-512, two operations fewer; the same
    split term bounds it: |Dl| <= u d + u D, so RN(Dl) and RN(L) add at most
    u s_max + 4.02 u^2); f0 = RN(1/D), r0 = 1 - f0 D (exact),
    r = RN(r0 - f0 L), r2 = RN(r + r^2): 1/(1 + e) ~ f0 (1 + r2).

    split="near" (AVX-512): D is 1 + e rounded to a float within about an
    ulp and its remainder is taken exactly enough, so the division's
    residual stays near u and needs no r^2: m = RN(s - w), d = RN(E + 1),
    D = RN(d + E m), S = (1 - D) + E exact, l1 = RN(S - E w),
    l = RN(E s + l1) (1 + e = D + l up to l1's and l's roundings),
    f0 = RN(1/D), r0 = 1 - f0 D (exact), r = RN(r0 - f0 l):
    1/(1 + e) ~ f0 (1 + r)."""
    u = Fraction(1, 2**24)
    ln2 = Fraction(LN2)
    log2e_f = rn(LOG2E, "f32")
    l_rn = ln2_rn("f32")[0]
    l_err_exact = l_rn - ln2
    n_max = Fraction(xmax) * Fraction(LOG2E) + 1
    # n = RN(-x log2e_f) on the grid 1/kf (one rounding in the FMA with the magic)
    h = ln2 / (2 * kf) + ln2 * xmax * abs(log2e_f - Fraction(LOG2E)) + n_max * abs(l_err_exact)
    fit = exp_fixed11(1, 2 * kf, degree, "f32")
    eps_poly = _poly_rel_err(fit[0], Decimal(h.numerator) / Decimal(h.denominator))
    eh = Fraction(approx.exp_dec(Decimal(float(h)))) * (1 + Fraction(1, 2**40))  # e^h, h < 0.05
    delta = n_max * abs(l_err_exact)                  # |n (RN(ln2) - ln2)|
    tau = u                                           # |tau_j| <= 2^-24: an entry's RN error
    tau_star = tau + delta
    e2 = eh - 1 - h                                   # max |e^t - 1 - t| on |t| <= h
    p_max = Fraction(1, 2) * eh                       # |P| <= (e^t - 1 - t)/t^2 + slack
    s_max = h * h * p_max + tau_star * (1 + h)
    rho = u + Fraction(103, 100) * s_max + Fraction(21, 10) * u   # |1 - f0 (D + L)|
    if split == "near":
        # relative to 1 + e: 1 + E, E <= e^h (1 + 2^-21) (1 + e) (e >= E e^-h (1 - 2^-22)),
        # D <= (1 + e)(1 + 2^-20); l1 = S - E w = -(d - 1 - E) - (D - d - E m) - E s - E (m - t - s)
        # exactly, the two roundings at most u (1 + E) and u D, m's at most u (h + s_max)
        to_1e = eh * (1 + Fraction(1, 2**21))
        l1_max = u * to_1e + u * (1 + Fraction(1, 2**20)) + to_1e * (s_max + u * (h + s_max))
        l_max = l1_max - to_1e * s_max + u * l1_max + u * l1_max   # l = l1 + E s, |E s| <= to_1e s_max; l1's RN
        rho = u + (1 + Fraction(1, 2**19)) * l_max               # |r0| <= u, |f0 l| <= |l| / D (1 + u)
    terms = SimpleNamespace(
        # e^z / E - (1 + t + s_exact), s_exact = t^2 P(t) + tau*(1 + t)
        poly=eps_poly * eh,
        tau_e2=tau_star * e2,
        tau_delta=eh * (tau * delta + delta * delta),
        # float evaluation of s: tau', P (two FMAs), the inner and outer FMA
        tau_round=(u * tau + u * delta + u * tau_star) * (1 + h),
        p_round=Fraction(101, 100) * u * p_max * h * h,
        inner_round=u * (h * p_max + tau_star) * h,
        s_round=u * s_max,
        # relative to 1 + e: RN of Dl, of dl + Dl and of L = E s + (dl + Dl)
        # (AVX-512: RN of Dl and of L = E s + Dl, at most u s_max + 4.02 u^2)
        split=u * s_max + 6 * u * u,
        # 1/(D + L) = f0 (1 + rho + rho^2 + rho^3/(1 - rho)); RN of r and of r2
        div=Fraction(101, 100) * rho**3 + Fraction(203, 100) * u * rho,
    )
    # the e terms are relative to E; e >= E e^-h (1 - 2^-22), and sigma's
    # relative error is at most e's times e/(1+e) < 1
    to_e = eh * (1 + Fraction(1, 2**21))
    e_terms = ("poly", "tau_e2", "tau_delta", "tau_round", "p_round", "inner_round", "s_round")
    if split == "near":
        # RN of l1 and of l; 1/(D + l) = f0/(1 - rho') and f0 (1 + r) differs from it
        # by |r - rho' - r rho'| <= u rho + rho^2 (1 + u) relative
        terms.split = u * l1_max + u * l_max
        terms.div = u * rho + Fraction(101, 100) * rho**2
    total = sum(getattr(terms, k) for k in e_terms) * to_e + terms.split + terms.div
    return SimpleNamespace(terms=terms, total=total, h=h, fit=fit, e_terms=e_terms, rho=rho, split=split)


def crf_domain_bits(kf, magic, xneg, xmax):
    """The fast path's domain test of crf_avx512.c.j2 on nb = RN(magic -
    x log2e_f), the magic FMA's result (ulp 1/kf): n = nb - magic within
    [n_lo, n_hi] on the grid 1/kf implies xneg < x < xmax, since |n + x
    log2e_f| <= 1/(2 kf) in the binade of magic.  nb's bits (unsigned) lie
    in [lo_bits, lo_bits + span] exactly when nb lies in [magic + n_lo, magic
    + n_hi]: float bit patterns are monotone on positive values, and NaN,
    negative values and the other binades fall outside, so one integer
    subtract and one unsigned compare replace two float compares."""
    L = rn(LOG2E, "f32")
    half, grid = Fraction(1, 2 * kf), Fraction(1, kf)
    # n <= n_hi gives x >= -(n_hi + half) / L, strictly above xneg
    n_hi = math.ceil((-xneg * L - half) / grid) * grid - grid
    # n >= n_lo gives x <= (half - n_lo) / L, strictly below xmax
    n_lo = math.floor((half - xmax * L) / grid) * grid + grid
    m = Fraction(magic)
    lo, hi = m + n_lo, m + n_hi
    assert rn(lo, "f32") == lo and rn(hi, "f32") == hi
    assert 2 ** math.floor(math.log2(m)) <= lo and hi < 2 ** (math.floor(math.log2(m)) + 1)
    return SimpleNamespace(n_lo=n_lo, n_hi=n_hi, lo_bits=bits(lo, "f32"), span=bits(hi, "f32") - bits(lo, "f32"),
                           x_lo=-(n_hi + half) / L, x_hi=(half - n_lo) / L)


def round_up_f32(v):
    """The smallest float >= v (v > 0, normal)."""
    r = rn(v, "f32")
    if r >= v:
        return r
    e = math.floor(math.log2(r))
    return r + Fraction(2) ** (e - 23)


@functools.lru_cache(maxsize=None)
def float_table_constants(kf, degree):
    """The float table and reduction crf_*.c.j2 share with the retired ddk
    kernels: a kf-entry float table (N above shift_for) and each entry's
    rounding error, e^t of `degree` on |t| <= ln2/(2 kf), the magic
    1.5 2^shift whose ulp is 1/kf, RN(ln 2) and its error, and |x| >= 64
    sent to the careful path.  table: bits(RN(2^(j/kf))) - (j << shift) for
    the integer add of N; table_rn: bits(RN(2^(j/kf))) for vscalefps."""
    shift = shift_for(kf, "f32")
    return SimpleNamespace(
        k=kf, half=2 * kf, shift=shift,
        table=exp2_bits_table(kf, "f32", shift),
        table_rn=[bits(approx.exp2_dec(Decimal(j) / kf), "f32") for j in range(kf)],
        tau=exp2_tau_table(kf, "f32"),
        fit=exp_fixed11(1, 2 * kf, degree, "f32"), ln2=ln2_rn("f32"),
        magic=1.5 * 2**shift, bad_z=bits(-64, "f32"))


@functools.lru_cache(maxsize=None)
def crf_constants(kf, degree, xmax=64, split="fused"):
    """crf_avx512.c.j2: the ddk-style float table and reduction (kf entries,
    e^t of `degree` on |t| <= ln2/(2 kf)), the fast path for |x| < xmax,
    and the rounding-test half-width beta: the fast result f0 (1 + r2) has
    relative error at most crf_bound(...).total, so sigma(x) lies in
    f0 (1 + [r2 - beta, r2 + beta]) with beta that bound times (1 + 2^-11)
    (|r2| < 2^-11) rounded up to a float."""
    b = crf_bound(kf, degree, xmax, split)
    beta = round_up_f32(b.total * (1 + Fraction(1, 2**11)))
    # without directed rounding (AVX2), r2 -+ B is rounded to nearest:
    # |r2 -+ B| < 2^-11 makes that error at most 2^-36, added to B
    assert b.rho * (1 + 2 * b.rho) + beta < Fraction(1, 2**11)
    beta_rn = round_up_f32(beta + Fraction(1, 2**36))
    # the AVX-512 split's (A - D) + B is exact while ulp(E) <= 1, E < 2^24:
    # x > xneg gives n < -xneg log2e + 1/kf < 24
    xneg = -16
    assert -xneg * LOG2E + Decimal(1) / kf < 24
    return SimpleNamespace(
        **vars(float_table_constants(kf, degree)), bound=b, beta=beta, beta_rn=beta_rn, xneg=xneg,
        log2_bound=math.log2(b.total), bad_abs=bits(xmax, "f32"), xmax=xmax,
        domain=crf_domain_bits(kf, float_table_constants(kf, degree).magic, xneg, xmax),
        dbl=crk_constants())


def require(cond, why):
    """A template's guard on its parameters: stop the generator with `why`
    rather than emit a kernel for a case its code does not handle."""
    if not cond:
        raise ValueError(why)
    return ""


@functools.lru_cache(maxsize=None)
def ddiv_f64_constants(kf, degree):
    """ddiv_f64_simd.c.j2, the float64 twin of ddiv_constants: sigma(x) =
    1/(1 + e), e = e^-x = E (1 + v), E = RN(2^(j/kf)) 2^M with 2^M applied
    by vscalefpd (the table holds RN(2^(j/kf))), m = M + j/kf by the magic
    FMA (ulp 1/kf: shift 52 - log2 kf), tr = x + m RN(ln 2) exact (|m| kf <
    2^14 and RN(ln 2) a multiple of 2^-53, so tr is a multiple of 2^-53/kf
    or of ulp(x), and |tr| <= ln2/(2 kf) fits in 53 bits of it), 1 + v =
    (1 + tau)(1 - tr + tr^2 P(-tr)), P of degree `degree` - 2 fitted on
    |t| <= ln2/(2 kf) in double.  x_max = 708: sigma(-708) is normal
    (sigma is subnormal below -708.3964) and e^708 (1 + 2^-5) < 2^1023."""
    fit = exp_fixed11(1, 2 * kf, degree, "f64")
    ln2 = ln2_rn("f64")
    return SimpleNamespace(
        k=kf, half=2 * kf, shift=shift_for(kf, "f64"),
        table=[rn(approx.exp2_dec(Decimal(j) / kf), "f64") for j in range(kf)],
        ntau=[-t for t in exp2_tau_table(kf, "f64")],
        fit=fit, q=alternate_signs(fit[0]), ln2=ln2[0], neg_ln2_err=-ln2[1],
        neg_log2e=-rn(LOG2E, "f64"), magic=1.5 * 2**shift_for(kf, "f64"), x_max=708)


def _exp2_q(f):
    """(2^f - 1) / f, continuous at 0."""
    if abs(f) < Decimal("1e-20"):
        return LN2 + LN2 * LN2 * f / 2
    return (approx.exp2_dec(f) - 1) / f


def horner_f32(coeffs, f):
    """1 + f (c0 + f (c1 + ...)) evaluated as float32 code without FMA does:
    each product and sum rounded to nearest (exact Fractions)."""
    acc = coeffs[-1]
    for c in reversed(coeffs[:-1]):
        acc = rn(rn(f * acc, "f32") + c, "f32")
    return rn(1 + rn(f * acc, "f32"), "f32")


@functools.lru_cache(maxsize=None)
def mono_exp2_constants(degree):
    """monoexp_sse41.c.j2: 2^f ~ p(f) = 1 + f Q(f) on 0 <= f <= 1, Q of
    degree `degree` - 1 minimising the relative error of 2^f (weight
    f / 2^f, floored so the exchange never divides by zero at f = 0),
    coefficients rounded to float.  The kernel's monotonicity rests on two
    facts checked here: every coefficient is positive (so each Horner step
    a + f b, f >= 0, is non-decreasing in f, and rounding keeps that), and
    p(1) as float code computes it is <= 2 = 2 p(0) (so 2^n p(f) does not
    step down where n grows by one and f restarts at 0).  If rounding the
    fit left p(1) > 2, the lowest coefficient is lowered an ulp at a time
    (never needed so far; the count is returned).  Returns the
    coefficients, log2 of the relative error on a grid, and the count."""
    fit = approx.minimax_poly(_exp2_q, 0, 1, degree - 1,
                              weight=lambda f: (f + Decimal("1e-40")) / approx.exp2_dec(f))
    coeffs = [rn(c, "f32") for c in fit.numerator]
    lowered = 0
    while horner_f32(coeffs, Fraction(1)) > 2:
        c0 = coeffs[0]
        coeffs[0] = c0 - Fraction(2) ** (math.floor(math.log2(c0)) - 23)
        lowered += 1

    def log2_rel_err(cs):
        worst = Decimal(0)
        for i in range(2001):
            f = Decimal(i) / 2000
            acc = Decimal(0)
            for c in reversed(cs):
                acc = acc * f + Decimal(c.numerator) / Decimal(c.denominator)
            exact = approx.exp2_dec(f)
            worst = max(worst, abs(1 + f * acc - exact) / exact)
        return math.log2(float(worst))

    return SimpleNamespace(q=tuple(coeffs), log2_err=log2_rel_err(coeffs),
                           log2_err_exact=log2_rel_err([Fraction(c) for c in fit.numerator]),
                           lowered=lowered, neg_log2e=-rn(LOG2E, "f64"))

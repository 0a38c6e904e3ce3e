"""Coefficients in the shape the C templates evaluate, for every family that
needs more than a formula: series, Padé and minimax fits of sigma, exp
kernels and tables.  Everything is exact or high precision (approx.py);
templates only round to the target format (approx.c_literal) and print.

Odd forms.  sigma(x) - 1/2 is odd, so approximations are evaluated as
    1/2 + x * A(x^2)           (polynomials)
    1/2 + x * A(x^2) / B(x^2)  (rationals)
with A, B listed by powers of z = x^2: half the multiplications of a
straight Horner scheme and exact symmetry sigma(-x) = 1 - sigma(x) up to
rounding.

Saturation.  Outside the region they were made for, polynomials and
rationals leave [0, 1], turn back, or overflow (x^11 is +Inf for |x| >
3e3 in float).  `saturation_point` finds the first x > 0 where the odd
form stops increasing or reaches 1; templates return 0/1 beyond it, which
keeps the output monotone and in [0, 1].
"""

import functools
import math
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

from . import approx
from .constants import LN2, LN2_DEC


@dataclass(frozen=True)
class OddForm:
    a: tuple          # A(z) coefficients, z = x^2, exact (Fractions)
    b: tuple          # B(z) coefficients; (1,) for polynomials
    saturation: float  # x > 0 beyond which the form is replaced by 1 (inf: never)
    fit_exact: float = math.nan   # fitted bound with exact coefficients (minimax)
    fit_rounded: dict = None      # precision -> bound with rounded coefficients

    @property
    def is_poly(self):
        return self.b == (Fraction(1),)


def _odd_value(a, b, x):
    z = x * x
    num = sum(float(c) * z**k for k, c in enumerate(a))
    den = sum(float(c) * z**k for k, c in enumerate(b))
    return 0.5 + x * num / den, den


def saturation_point(a, b, limit=1e4):
    """First x in (0, limit] where 1/2 + x A(x^2)/B(x^2) reaches 1, stops
    increasing, or B changes sign (a pole); inf if none.

    Found on a grid of 1/64 (fine enough: the forms are smooth and the point
    is only where the form is retired) and refined by bisection in double.
    """
    def bad(x, prev):
        val, den = _odd_value(a, b, x)
        return not (den > 0 and val < 1 and val > prev)

    prev = 0.5
    x, step = 0.0, 1.0 / 64
    while x < limit:
        nx = x + step
        try:
            val, den = _odd_value(a, b, nx)
            fail = bad(nx, prev)
        except (OverflowError, ZeroDivisionError):
            fail = True
        if fail:
            lo, hi = x, nx
            for _ in range(60):
                mid = (lo + hi) / 2
                try:
                    ok = not bad(mid, _odd_value(a, b, lo)[0])
                except (OverflowError, ZeroDivisionError):
                    ok = False
                lo, hi = (mid, hi) if ok else (lo, mid)
            return lo
        prev = val
        x = nx
        step = min(step * 1.01, 1.0) if x > 16 else step
    return math.inf


def _split_odd(coeffs):
    """c(x) = x * A(x^2) for an odd polynomial: A's coefficients."""
    if any(c != 0 for c in coeffs[0::2]):
        raise ValueError("polynomial is not odd")
    return tuple(coeffs[1::2])


def _split_even(coeffs):
    if any(c != 0 for c in coeffs[1::2]):
        raise ValueError("polynomial is not even")
    return tuple(coeffs[0::2])


@functools.lru_cache(maxsize=None)
def maclaurin(d):
    """sigma = 1/2 + x A(x^2) to odd degree d (exact Bernoulli coefficients)."""
    c = approx.maclaurin(d)
    a = _split_odd([Fraction(0)] + c[1:])
    return OddForm(a, (Fraction(1),), saturation_point(a, (Fraction(1),)))


@functools.lru_cache(maxsize=None)
def pade(m, n):
    """Padé [m/n] of sigma as 1/2 + x A(x^2)/B(x^2): p/q - 1/2 = (p - q/2)/q."""
    p, q = approx.pade(m, n)
    size = max(len(p), len(q))
    p = list(p) + [Fraction(0)] * (size - len(p))
    q = list(q) + [Fraction(0)] * (size - len(q))
    num = [pi - qi / 2 for pi, qi in zip(p, q)]
    a, b = _split_odd(num), _split_even(q)
    while len(a) > 1 and a[-1] == 0:
        a = a[:-1]
    while len(b) > 1 and b[-1] == 0:
        b = b[:-1]
    return OddForm(a, b, saturation_point(a, b))


@functools.lru_cache(maxsize=None)
def minimax_odd(kind, num, den, r):
    """Absolute-error minimax of sigma - 1/2 on [-r, r]: an odd polynomial of
    degree num (kind 'poly') or an odd/even rational num/den (kind 'rat')."""
    if kind == "poly":
        fit = approx.minimax_poly(approx.sigmoid_minus_half_dec, -r, r, num, odd=True)
    else:
        fit = approx.minimax_rational(approx.sigmoid_minus_half_dec, -r, r, num, den, odd_even=True)
    a, b = _split_odd(list(fit.numerator)), _split_even(list(fit.denominator))
    rounded = {prec: float(approx.round_coeffs(fit, prec).rounded_error) for prec in ("f32", "f64")}
    return OddForm(a, b, saturation_point(a, b), float(fit.levelled_error), rounded)


@dataclass(frozen=True)
class ExpPoly:
    """exp(r) ~ 1 + r Q(r) on [-h, h]: Q's coefficients, and the largest
    relative error of 1 + r Q(r) on a dense grid, with exact and with rounded
    coefficients.  The constant 1 is exact, so exp(0) = 1 and sigma(0) = 1/2
    exactly."""
    q: tuple
    h: float
    fit_exact: float
    fit_rounded: dict


def _expm1_over_r(r):
    if abs(r) < Decimal("1e-25"):
        return 1 + r / 2
    return (approx.exp_dec(r) - 1) / r


def _exp_rel_error(q, h, samples=2001):
    worst = Decimal(0)
    qd = [Decimal(c.numerator) / Decimal(c.denominator) for c in q]
    for i in range(samples):
        r = -h + 2 * h * i / (samples - 1)
        acc = Decimal(0)
        for c in reversed(qd):
            acc = acc * r + c
        e = approx.exp_dec(r)
        worst = max(worst, abs(1 + r * acc - e) / e)
    return float(worst)


@functools.lru_cache(maxsize=None)
def exp_poly(degree, table_bits, floored=False):
    """exp(r) on |r| <= ln2 / 2^(table_bits+1), the reduced range of
    z = n ln2 / 2^k + r with n = round(z 2^k / ln2), as 1 + r Q(r), Q of
    degree-1.  Q minimises the relative error of exp (weight |r|/e^r on
    (e^r - 1)/r).  Where that weighted exchange stalls on its zero weight at
    r = 0 (degree 2 on ln2/64, degree 4 on ln2/512), Q minimises its own
    relative error instead, up to a factor ~2 worse: the fits of the
    committed variants.  floored=True (newer variants) tries the weight
    floored at h/64 first: it overstates the error only on |r| < h/64, far
    below its maximum, and reaches the analytic optimum (h^3/24 for degree 2)."""
    h = LN2_DEC / Decimal(2 ** (table_bits + 1))
    weights = [lambda r: abs(r) / approx.exp_dec(r)]
    if floored:
        weights.append(lambda r: max(abs(r), h / 64) / approx.exp_dec(r))
    fit = None
    for w in weights:
        try:
            fit = approx.minimax_poly(_expm1_over_r, -h, h, degree - 1, weight=w)
            break
        except (ArithmeticError, ValueError):
            continue
    if fit is None:
        fit = approx.minimax_poly(_expm1_over_r, -h, h, degree - 1, rel=True)
    q = tuple(fit.numerator)
    rounded = {prec: _exp_rel_error(tuple(approx.round_to_float(c, prec) for c in q), h)
               for prec in ("f32", "f64")}
    return ExpPoly(q, float(h), _exp_rel_error(q, h), rounded)


@functools.lru_cache(maxsize=None)
def exp2_table(bits):
    """2^(j / 2^bits) for j = 0 .. 2^bits - 1, exact to 60 digits."""
    n = 2**bits
    return tuple(approx.exp2_dec(Decimal(j) / n) for j in range(n))


@functools.lru_cache(maxsize=None)
def sigmoid_table(size, r):
    """sigma at the size+1 points -r + 2r i / size, i = 0..size."""
    step = Decimal(2 * r) / size
    return tuple(approx.sigmoid_dec(Decimal(-r) + step * i) for i in range(size + 1))


def log2_int(n):
    """k for n = 2^k; a spec error otherwise."""
    if n < 1 or n & (n - 1):
        raise ValueError(f"{n} is not a power of two")
    return n.bit_length() - 1


def chunks(seq, size):
    """seq in rows of `size` (for printing tables)."""
    seq = list(seq)
    return [seq[i:i + size] for i in range(0, len(seq), size)]


def _f32(x):
    """Round a double to the nearest float (exact: struct rounds correctly)."""
    import struct
    return struct.unpack("f", struct.pack("f", x))[0]


@functools.lru_cache(maxsize=None)
def word2vec_table():
    """word2vec.c's expTable, replaying its float arithmetic: i / 1000.0f,
    * 2, - 1, * 6 each rounded to float (float op float is exact in double
    and then rounded once), exp in double (math.exp is the same glibc exp),
    stored to float, then t / (t + 1) in float."""
    out = []
    for i in range(1000):
        v = _f32(_f32(_f32(_f32(i / 1000.0) * 2) - 1) * 6)
        t = _f32(math.exp(v))
        out.append(Fraction(_f32(t / _f32(t + 1))))
    return tuple(out)


# ---- the family's SIMD kernels (fn_simd.c.j2) ----

@dataclass(frozen=True)
class Expm1Poly:
    """expm1(r) ~ r Q(r) on [-h, h], h = ln2/2, Q of degree-1 fitted for
    Q's own relative error, so that r Q(r) is expm1(r) to that relative
    error (sigma''s 1 - e^-|x| near 0) and 1 + r Q(r) is exp(r) to at most
    the same (|expm1(r)| < e^r on [-h, h]).  fit_rounded[prec]: the largest
    relative error of r Q(r) against expm1(r) on a dense grid with Q rounded
    to prec; exp_rounded[prec]: that of 1 + r Q(r) against e^r."""
    q: tuple
    h: float
    fit_exact: float
    fit_rounded: dict
    exp_exact: float
    exp_rounded: dict


def _dec_poly(coeffs):
    """Decimal evaluator of the polynomial with these (Fraction) coefficients."""
    cd = [Decimal(c.numerator) / Decimal(c.denominator) for c in coeffs]

    def at(x):
        acc = Decimal(0)
        for c in reversed(cd):
            acc = acc * x + c
        return acc
    return at


def _grid_rel_error(got, want, lo, hi, samples=2001):
    """max |got(x)/want(x) - 1| over a uniform grid of [lo, hi], x = 0 left out."""
    points = (lo + (hi - lo) * i / (samples - 1) for i in range(samples))
    return float(max(abs(got(x) / want(x) - 1) for x in points if x != 0))


def _expm1_rel_error(q, h):
    poly = _dec_poly(q)
    return _grid_rel_error(lambda r: r * poly(r), lambda r: approx.exp_dec(r) - 1, -h, h)


@functools.lru_cache(maxsize=None)
def expm1_poly(degree):
    h = LN2_DEC / 2
    fit = approx.minimax_poly(_expm1_over_r, -h, h, degree - 1, rel=True)
    q = tuple(fit.numerator)
    fit_rounded, exp_rounded = {}, {}
    for prec in ("f32", "f64"):
        qr = tuple(approx.round_to_float(c, prec) for c in q)
        fit_rounded[prec] = _expm1_rel_error(qr, h)
        exp_rounded[prec] = _exp_rel_error(qr, h)
    return Expm1Poly(q, float(h), _expm1_rel_error(q, h), fit_rounded, _exp_rel_error(q, h), exp_rounded)


@dataclass(frozen=True)
class Log1pPoly:
    """log1p(t) ~ t P(t) on [0, 1], P of `degree` fitted for its relative
    error (so t P(t) keeps log1p's relative accuracy down to t -> 0);
    fit_rounded[prec]: the largest relative error on a dense grid with P
    rounded to prec."""
    p: tuple
    fit_exact: float
    fit_rounded: dict


def _log1p_over_t(t):
    if t == 0:
        return Decimal(1)
    return (1 + t).ln() / t


def _log1p_rel_error(p):
    poly = _dec_poly(p)
    return _grid_rel_error(lambda t: t * poly(t), lambda t: (1 + t).ln(), Decimal(0), Decimal(1))


@functools.lru_cache(maxsize=None)
def log1p_poly(degree):
    fit = approx.minimax_poly(_log1p_over_t, 0, 1, degree, rel=True)
    p = tuple(fit.numerator)
    rounded = {prec: _log1p_rel_error(tuple(approx.round_to_float(c, prec) for c in p))
               for prec in ("f32", "f64")}
    return Log1pPoly(p, _log1p_rel_error(p), rounded)


@dataclass(frozen=True)
class DsiluZeroPoly:
    """SiLU'(x0 + u) ~ u H(u) for |u| <= w around SiLU''s zero x0 (the root of
    1 + e^x + x), H of `degree` fitted for its relative error, so u H(u)
    keeps the relative accuracy the form t (1 + t + x)/(1+t)^2 loses there
    (1 + t + x cancels).  x0 to 60 digits; fit_rounded[prec]: the largest
    relative error of u H(u) on a dense grid with H rounded to prec."""
    x0: Decimal
    w: Fraction
    h: tuple
    fit_exact: float
    fit_rounded: dict

    def x0_split(self, prec):
        """x0 = HI + LO: HI = x0 rounded to prec, LO the rest (to print
        rounded); for x within 2 |x0| of x0 (and above x0/2), x - HI is
        exact (Sterbenz)."""
        hi = approx.round_to_float(self.x0, prec)
        return hi, Fraction(self.x0) - hi


def dsilu_dec(x):
    s = approx.sigmoid_dec(x)
    return s * (1 + x * (1 - s))


def dsilu_zero():
    """x0 with 1 + e^x0 + x0 = 0 (there SiLU' = sigma (1 + x (1 - sigma)) = 0),
    by Newton's method at 70 digits, to 60."""
    with localcontext() as ctx:
        ctx.prec = 70
        x = Decimal("-1.2784645")
        for _ in range(20):
            e = x.exp()
            x -= (1 + e + x) / (e + 1)
    with localcontext() as ctx:
        ctx.prec = 60
        return +x


@functools.lru_cache(maxsize=None)
def dsilu_zero_poly(degree, w=Fraction(1, 4)):
    x0 = dsilu_zero()
    # SiLU'(x0 + u)/u; for |u| < 1e-30 (where 60 digits of x0 + u no longer
    # resolve the quotient) its limit SiLU''(x0) = sigma(x0), off by ~|u|
    def f(u):
        return approx.sigmoid_dec(x0) if abs(u) < Decimal("1e-30") else dsilu_dec(x0 + u) / u
    lo, hi = -Decimal(w.numerator) / w.denominator, Decimal(w.numerator) / w.denominator
    fit = approx.minimax_poly(f, lo, hi, degree, rel=True)
    h = tuple(fit.numerator)

    def err(coeffs):
        poly = _dec_poly(coeffs)
        return _grid_rel_error(lambda u: u * poly(u), lambda u: dsilu_dec(x0 + u), lo, hi)
    rounded = {prec: err(tuple(approx.round_to_float(c, prec) for c in h)) for prec in ("f32", "f64")}
    return DsiluZeroPoly(x0, w, h, err(h), rounded)


@dataclass(frozen=True)
class LogcoshPoly:
    """log sigma(x) = x/2 - ln2 - log cosh(x/2), and log cosh(x/2) ~ u R(u)
    with u = x^2 on |x| <= w (w = 0.35, just above ln2/2, where the exp
    kernel's n is 0 and t = e^-|x| is near 1, so that min(x,0) - t P(t)
    loses an ulp to P's alternating Horner sum).  R of `degree` fitted for
    its relative error on u in [0, w^2]; fit_rounded[prec]: the largest
    relative error of u R(u) against log cosh(x/2) on a dense grid with R
    rounded to prec.  Below |x| = w the term is under 0.0153 beside a result
    above 0.52 in magnitude, so its relative error enters the result /34."""
    w: Fraction
    r: tuple
    fit_exact: float
    fit_rounded: dict

    @staticmethod
    def ln2_split(prec):
        """ln2 = HI + LO: HI = ln2 rounded to prec, LO the rest (to print rounded)."""
        hi = approx.round_to_float(LN2_DEC, prec)
        return hi, Fraction(LN2_DEC) - hi


def logcosh_half_dec(u):
    """log cosh(sqrt(u)/2) with 40 guard digits (it is ~u/8 and cosh ~1)."""
    with localcontext() as ctx:
        ctx.prec += 40
        y = Decimal(u).sqrt() / 2
        e = y.exp()
        return +((e + 1 / e) / 2).ln()


def _logcosh_over_u(u):
    if u == 0:
        return Decimal(1) / 8
    return logcosh_half_dec(u) / u


def _logcosh_rel_error(r, w):
    poly = _dec_poly(r)
    return _grid_rel_error(lambda u: u * poly(u), logcosh_half_dec, Decimal(0), Decimal(w * w))


@functools.lru_cache(maxsize=None)
def logcosh_poly(degree):
    w = Fraction(35, 100)
    wd = Decimal(w.numerator) / Decimal(w.denominator)
    fit = approx.minimax_poly(_logcosh_over_u, 0, wd * wd, degree, rel=True)
    r = tuple(fit.numerator)
    rounded = {prec: _logcosh_rel_error(tuple(approx.round_to_float(c, prec) for c in r), wd)
               for prec in ("f32", "f64")}
    return LogcoshPoly(w, r, _logcosh_rel_error(r, wd), rounded)


# ---- minimax fits of the family's functions (fn_minimax*.c.j2) ----

@dataclass(frozen=True)
class FnFit:
    """A minimax fit of one family function on [-r, r] (absolute error),
    laid out as the templates evaluate it, with the function's asymptote
    beyond +-r.  With c = x clamped to [-r, r], z = c^2, a = |c| and
    R = A/B (coefficients by powers of `var`):
        dsigmoid    R(z)                  beyond: 0
        d2sigmoid   c R(z)                beyond: 0
        dsilu       1/2 + c R(z)          beyond: 0 / 1
        silu        x (1/2 + c R(z))      beyond: 0 / x
        logsigmoid  min(x, 0) - R(a)      beyond: min(x, 0)
    fit_exact: the levelled Remez error; fit_rounded[prec]: the largest
    error on a dense grid with A, B rounded to prec (exact evaluation);
    tail: the largest error of the asymptote beyond r (at r itself, where
    each function's distance from it is largest); bound[prec] =
    max(fit_rounded, tail): the error before float arithmetic."""
    function: str
    num: int
    den: int
    r: int
    var: str
    a: tuple
    b: tuple
    fit_exact: float
    fit_rounded: dict
    tail: float
    bound: dict


def _dsigmoid_of_z(z):
    s = approx.sigmoid_dec(z.sqrt())
    return s * (1 - s)


def _d2sigmoid_dec(x):
    s = approx.sigmoid_dec(x)
    return s * (1 - s) * (1 - 2 * s)


def _dsilu_minus_half(x):
    return dsilu_dec(x) - Decimal("0.5")


def _log1p_exp_neg(a):
    return (1 + (-a).exp()).ln()


def _fn_tail(function, r):
    """|f - asymptote| at x = +-r (the larger side; for dsilu and silu both
    sides are equal by symmetry)."""
    with localcontext() as ctx:
        ctx.prec = 40
        x = Decimal(r)
        s = approx.sigmoid_dec(-x)
        value = {"dsigmoid": lambda: s * (1 - s),
                 "d2sigmoid": lambda: abs(_d2sigmoid_dec(x)),
                 "dsilu": lambda: abs(dsilu_dec(-x)),
                 "silu": lambda: x * s,
                 "logsigmoid": lambda: _log1p_exp_neg(x)}[function]()
        return float(value)


def _fn_fit(function, num, den, r):
    """The Remez problem of each function: (fit, var, A, B)."""
    if function == "dsigmoid":
        if num % 2 or den % 2:
            raise ValueError("dsigmoid is even: even degrees in x")
        fit = approx.minimax_rational(_dsigmoid_of_z, 0, r * r, num // 2, den // 2)
        return fit, "z", tuple(fit.numerator), tuple(fit.denominator)
    if function == "logsigmoid":
        fit = approx.minimax_rational(_log1p_exp_neg, 0, r, num, den)
        return fit, "a", tuple(fit.numerator), tuple(fit.denominator)
    odd = {"d2sigmoid": (_d2sigmoid_dec, None),
           "dsilu": (_dsilu_minus_half, None),
           "silu": (approx.sigmoid_minus_half_dec, abs)}
    if function not in odd:
        raise ValueError(f"no minimax form for {function!r}")
    f, weight = odd[function]
    fit = approx.minimax_rational(f, -r, r, num, den, odd_even=True, weight=weight)
    return fit, "z", _split_odd(list(fit.numerator)), _split_even(list(fit.denominator))


@functools.lru_cache(maxsize=None)
def fn_minimax(function, num, den, r):
    """Absolute-error minimax fit of `function` on [-r, r], degrees num/den
    in x (logsigmoid: in |x|); silu is sigma - 1/2 fitted with weight |x|,
    so the weighted error is SiLU's absolute error."""
    fit, var, a, b = _fn_fit(function, num, den, r)
    tail = _fn_tail(function, r)
    rounded = {prec: float(approx.round_coeffs(fit, prec).rounded_error) for prec in ("f32", "f64")}
    bound = {prec: max(rounded[prec], tail) for prec in rounded}
    return FnFit(function, num, den, r, var, a, b, float(fit.levelled_error), rounded, tail, bound)


# ---- the family's ranges: the fits' output clamp (fn_minimax*.c.j2) ----

def dsilu_turn():
    """x1 > 0 with x1 tanh(x1/2) = 2, where SiLU' = sigma (1 + x (1 - sigma))
    has its maximum 1/2 + x1/4 (sigma(x1) = 1/2 + 1/x1 there), by Newton's
    method at 70 digits, to 60."""
    with localcontext() as ctx:
        ctx.prec = 70
        x = Decimal("2.3993572")
        for _ in range(20):
            t = approx.tanh_dec(x / 2)
            x -= (x * t - 2) / (t + x * (1 - t * t) / 2)
    with localcontext() as ctx:
        ctx.prec = 60
        return +x


def fn_extrema(function):
    """(min, max) of `function` over the reals to 60 digits, None where it
    is unbounded:
        dsigmoid    [0, 1/4]                     (1/4 at x = 0)
        d2sigmoid   [-m, m], m = sqrt(3)/18      (at x = -+ln(2 + sqrt 3))
        logsigmoid  (-inf, 0]
        silu        [1 + x0, inf), x0 = dsilu_zero() (SiLU = x0 sigma(x0) = 1 + x0)
        dsilu       [1/2 - x1/4, 1/2 + x1/4], x1 = dsilu_turn()"""
    with localcontext() as ctx:
        ctx.prec = 60
        if function == "d2sigmoid":
            m = Decimal(3).sqrt() / 18
            return -m, m
        if function == "dsilu":
            x1 = dsilu_turn()
            return Decimal("0.5") - x1 / 4, Decimal("0.5") + x1 / 4
        ranges = {"dsigmoid": (Decimal(0), Decimal("0.25")),
                  "logsigmoid": (None, Decimal(0)),
                  "silu": (1 + dsilu_zero(), None)}
    if function not in ranges:
        raise ValueError(f"no range for {function!r}")
    return ranges[function]


def float_neighbour(f, precision, up):
    """The float next to the float f (a Fraction), above it if `up`."""
    if precision == "f64":
        return Fraction(math.nextafter(float(f), math.inf if up else -math.inf))
    import struct
    bits = struct.unpack("<I", struct.pack("<f", float(f)))[0]
    # sign-magnitude bits to an integer in the floats' order, and back
    key = bits if bits < 0x80000000 else -(bits & 0x7FFFFFFF)
    key += 1 if up else -1
    bits = key if key >= 0 else -key | 0x80000000
    return Fraction(struct.unpack("<f", struct.pack("<I", bits))[0])


def round_inside(v, precision, up):
    """The float nearest to v on one side of it: the smallest float >= v
    if `up`, else the largest float <= v."""
    f = approx.round_to_float(v, precision)
    if up and f < Fraction(v):
        return float_neighbour(f, precision, True)
    if not up and f > Fraction(v):
        return float_neighbour(f, precision, False)
    return f


@dataclass(frozen=True)
class FnClamp:
    """The range a fit's output is clamped to: fn_extrema rounded inward to
    `precision` (lo up, hi down; None where unbounded), so the clamp never
    returns a value the function does not take."""
    function: str
    lo: Fraction
    hi: Fraction


@functools.lru_cache(maxsize=None)
def fn_clamp(function, precision):
    lo, hi = fn_extrema(function)
    return FnClamp(function,
                   None if lo is None else round_inside(lo, precision, True),
                   None if hi is None else round_inside(hi, precision, False))


def clamp_literal(bound, precision, upper):
    """A clamp bound as a C literal.  A bound of 0 is the limit the function
    approaches from one side, so it carries that side's sign, as
    family_ref.h's rule for zero results asks: an upper bound of 0 (log
    sigma < 0) is -0, a lower one (sigma' > 0) +0.  The clamps then turn an
    output of the wrong zero into the right one (scalar: +0 >= -0 holds;
    SIMD: x86 min/max return their second operand on two zeros)."""
    lit = approx.c_literal(bound, precision)
    if bound != 0 or not upper:
        return lit
    return "-" + lit.replace("/* 0 */", "/* -0 */")

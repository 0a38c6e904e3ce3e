"""Checks the family's MPFR references (reference/family_mpfr.c) against an
independent evaluation: Python's decimal module at 150 significant digits
(more where the defining formula cancels), from the definitions
s = 1/(1+e^-x), 1-s = 1/(1+e^x), s' = s(1-s), s'' = s(1-s)(1-2s),
log s = -ln(1 + e^-x), silu = x s, dsilu = s(1 + x(1-s)), rounded exactly
with fractions.  Reads the lines "FN FMT X CR FRAC" that tests/test_family_ref
prints, from the file named by argv[1] or from running argv[1] if it is the
program; every CR must be the correct rounding and FRAC within 1e-6.
"""
import decimal
import math
import subprocess
import sys
from decimal import Decimal as D
from fractions import Fraction as F

FMT = {"f32": (24, -149), "f64": (53, -1074)}


def ln1p(t):
    # ln(1+t) loses t below 10^-prec; the series is exact enough there
    if t < D(10) ** -40:
        return t - t * t / 2 + t * t * t / 3
    return (1 + t).ln()


def exact(fn, x):
    """f(x) as a Decimal; digits enough for the cancellations at hand."""
    extra = max(0, -x.adjusted()) if x != 0 else 0
    with decimal.localcontext() as ctx:
        ctx.prec = 150 + extra
        ctx.Emin = -10**7
        ctx.Emax = 10**7
        t = (-abs(x)).exp()  # e^x itself overflows for x ~ 2^127
        s, sm = (1 / (1 + t), t / (1 + t)) if x >= 0 else (t / (1 + t), 1 / (1 + t))
        if fn == "sigmoid":
            return s
        if fn == "dsigmoid":
            return s * sm
        if fn == "d2sigmoid":
            # at x = +-0 the exact 0 takes the limit's sign, -x/8 (README)
            return (x / 8).copy_negate() if x == 0 else s * sm * (sm - s)
        if fn == "logsigmoid":
            # copy_negate: Decimal's -0 is +0 (IEEE minus), the exact negation keeps -0
            return ln1p(t).copy_negate() if x >= 0 else x - ln1p(t)
        if fn == "silu":
            return x * s
        if fn == "dsilu":
            return s * (1 + x * sm)
    raise ValueError(fn)


def round_fmt(y, fmt):
    """y (a Fraction) rounded to nearest (ties to even) in the format, and
    the ulp of y by the README's definition."""
    p, emin = FMT[fmt]
    if y == 0:
        return F(0), F(2) ** emin
    a = abs(y)
    e = a.numerator.bit_length() - a.denominator.bit_length()
    while F(2) ** e <= a:
        e += 1
    while F(2) ** (e - 1) > a:
        e -= 1
    q = F(2) ** max(e - p, emin)
    m = a / q
    n = m.numerator // m.denominator
    r = m - n
    if r > F(1, 2) or (r == F(1, 2) and n % 2):
        n += 1
    return (n * q if y > 0 else -n * q), q


def check(line):
    fn, fmt, xs, crs, fracs = line.split()
    x = float.fromhex(xs)
    cr = float.fromhex(crs)
    if x != x:
        return None
    if x in (float("inf"), float("-inf")):
        return None  # the limits, checked by the C test's special cases
    yd = exact(fn, D(x))
    y = F(yd)
    want, ulp = round_fmt(y, fmt)
    # a zero carries f's sign (README): Decimal keeps it through underflow
    # (e^-|x| -> +0) and signed products, as f's factors have it
    if F(cr) != want or (want == 0 and math.copysign(1, cr) != (-1 if yd.is_signed() else 1)):
        zero = "-0" if yd.is_signed() else "+0"
        return f"{fn} {fmt} x={xs}: cr {crs}, want {float(want).hex() if want else zero}"
    frac = float((y - want) / ulp)
    if abs(frac - float(fracs)) > 1e-6:
        return f"{fn} {fmt} x={xs}: frac {fracs}, want {frac}"
    return None


def main():
    src = sys.argv[1]
    if src.endswith(".txt"):
        lines = open(src).read().split("\n")
    else:
        lines = subprocess.run([src] + sys.argv[2:], check=True, capture_output=True,
                               text=True).stdout.split("\n")
    lines = [l for l in lines if l.strip()]
    bad = [m for m in map(check, lines) if m]
    for m in bad[:20]:
        print(m)
    print(f"{len(lines)} references checked, {len(bad)} wrong")
    return 1 if bad or not lines else 0


if __name__ == "__main__":
    sys.exit(main())

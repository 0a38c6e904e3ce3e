#!/usr/bin/env python3
"""The sums behind reference/family_kernels.c's error bounds, evaluated in
60-digit decimal arithmetic (first-order terms, each interval's worst end),
checked against the bounds the C code states: fails if a stated bound is
below its sum.  u = 2^-53."""
import sys
from decimal import Decimal, getcontext
from math import factorial as int_factorial

getcontext().prec = 60


def mpf(v):
    return Decimal(v)


def exp(x):
    return x.exp()


def factorial(n):
    return Decimal(int_factorial(n))


def atanh(x):
    return ((1 + x) / (1 - x)).ln() / 2


U = mpf(2) ** -53
EXP_REF = mpf("1.03")  # exp_ref.c's proven bound, in u


def horner_error(coefs, x):
    """Absolute error of fma Horner at |argument| x, coefficients RN of theirs:
    E_k <= u|c_k| + x E_{k+1} + u|p_k|, with |p_k| <= S_k + E_k."""
    err, size = U * coefs[-1], coefs[-1]
    for c in reversed(coefs[:-1]):
        size = c + x * size
        err = U * c + x * err + U * (size + err)
    return err


def one_minus_exp_poly(a):
    """1 - e^-a = a - a^2 P(a), P to degree 12 (Taylor), relative error in u."""
    coefs = [1 / factorial(k + 2) for k in range(13)]
    m = 1 - exp(-a)
    return (U + a * a * (horner_error(coefs, a) + a**13 / factorial(15)) / m) / U


def one_minus_exp_sub(a):
    """RN(1 - t), t within 1.03 u: relative error in u (worst at the smallest a)."""
    t = exp(-a)
    return (U + EXP_REF * U * t / (1 - t) * (1 + U)) / U


def log1p_atanh():
    """log1p(t) = 2 atanh(s), s = t/(2+t) <= 1/3, Q to degree 16: error in u."""
    coefs = [mpf(1) / (2 * k + 3) for k in range(17)]
    s_err = mpf("2.0001") * U
    zmax = (mpf(1) / 3 * (1 + 3 * U)) ** 2 * (1 + 7 * U)
    qsum = sum(c * zmax**k for k, c in enumerate(coefs))
    trunc = zmax**17 / 37 / (1 - zmax)
    dzq = qsum + sum(k * coefs[k] * zmax**k for k in range(1, 17))
    eps_r = U * zmax * qsum + zmax * horner_error(coefs, zmax) + zmax * trunc
    eps_r += dzq * zmax * (U + 2 * s_err)
    s = mpf(1) / 3
    sens = s / ((1 - s * s) * atanh(s))
    return (U + eps_r + sens * s_err) / U


def tanh_small():
    """RN(z + z RN(z^2 RN(-1/3))) for |z| < 2^-21: error in u."""
    z2 = mpf(2) ** -42
    return (U + mpf("2.01") / 3 * U * z2 + mpf(2) / 15 * z2 * z2) / (1 - z2 / 3) / U


def main():
    grid = [mpf(3) / 8 * i / 2000 for i in range(1, 2001)]
    sums = {
        "1-exp(-a), a < 3/8": (max(one_minus_exp_poly(a) for a in grid), 1.56),
        "1-exp(-a), a >= 3/8": (one_minus_exp_sub(mpf(3) / 8), 3.27),
        "log1p": (log1p_atanh(), 3.51),
        "tanh": (tanh_small(), 1.0001),
    }
    bad = 0
    for name, (value, stated) in sums.items():
        print(f"{name}: {float(value):.4f} u (stated {stated} u)")
        bad += value > Decimal(str(stated))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

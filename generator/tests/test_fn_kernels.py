"""Tests for the fits of the family's SIMD kernels (shapes.expm1_poly,
shapes.log1p_poly, templates/fn_simd.c.j2): the bounds their generated
comments state hold at points off the fitting grid, checked in Decimal
against exp and log computed independently (Decimal.exp / Decimal.ln)."""
import random
import unittest
from decimal import Decimal, localcontext
from fractions import Fraction

from sigbench_gen import approx, shapes

# the degrees the committed variants use (generator/variants.toml, expk-fn),
# by precision: (expm1 Q, log1p P, dsilu H)
DEGREES = {"f32": (7, 10, 7), "f64": (11, 20, 12)}
# what each fit must reach to be negligible beside the forms' own roundings
# (a few % of an ulp of the format: 2^-24 float, 2^-53 double)
ENOUGH = {"f32": {"expm1": 2.0 ** -28, "exp": 2.0 ** -30, "log1p": 2.0 ** -25, "zero": 2.0 ** -26},
          "f64": {"expm1": 2.0 ** -55, "exp": 2.0 ** -56, "log1p": 2.0 ** -54, "zero": 2.0 ** -55}}


def horner(coeffs, x):
    acc = Fraction(0)
    for c in reversed(coeffs):
        acc = acc * x + c
    return acc


def points(lo, hi, count, seed):
    rng = random.Random(seed)
    return [Fraction(lo) + (Fraction(hi) - Fraction(lo)) * Fraction(rng.getrandbits(40), 2 ** 40)
            for _ in range(count)] + [Fraction(lo), Fraction(hi)]


def dec(f):
    return Decimal(f.numerator) / Decimal(f.denominator)


class TestExpm1Poly(unittest.TestCase):
    def test_bounds_hold_off_grid(self):
        for prec, (deg, _, _) in DEGREES.items():
            with self.subTest(prec=prec, deg=deg):
                ep = shapes.expm1_poly(deg)
                q = [approx.round_to_float(c, prec) for c in ep.q]
                h = Fraction(Decimal(ep.h))
                with localcontext() as ctx:
                    ctx.prec = 60
                    for r in points(-h, h, 400, 1):
                        if r == 0:
                            continue
                        rq = dec(r * horner(q, r))
                        em1 = dec(r).exp() - 1
                        self.assertLess(abs(rq / em1 - 1), Decimal(ep.fit_rounded[prec]) * Decimal("1.02"))
                        self.assertLess(abs((1 + rq) / (em1 + 1) - 1), Decimal(ep.exp_rounded[prec]) * Decimal("1.02"))

    def test_accurate_enough(self):
        for prec, (deg, _, _) in DEGREES.items():
            with self.subTest(prec=prec, deg=deg):
                ep = shapes.expm1_poly(deg)
                self.assertLess(ep.fit_rounded[prec], ENOUGH[prec]["expm1"])
                self.assertLess(ep.exp_rounded[prec], ENOUGH[prec]["exp"])
                self.assertEqual(approx.round_to_float(ep.q[0], prec), 1)  # e^0 = 1 exactly


class TestLog1pPoly(unittest.TestCase):
    def test_bound_holds_off_grid(self):
        for prec, (_, deg, _) in DEGREES.items():
            with self.subTest(prec=prec, deg=deg):
                lp = shapes.log1p_poly(deg)
                p = [approx.round_to_float(c, prec) for c in lp.p]
                with localcontext() as ctx:
                    ctx.prec = 60
                    for t in points(0, 1, 400, 2):
                        if t == 0:
                            continue
                        got = dec(t * horner(p, t))
                        want = (1 + dec(t)).ln()
                        self.assertLess(abs(got / want - 1), Decimal(lp.fit_rounded[prec]) * Decimal("1.02"))

    def test_accurate_enough(self):
        for prec, (_, deg, _) in DEGREES.items():
            with self.subTest(prec=prec, deg=deg):
                lp = shapes.log1p_poly(deg)
                self.assertLess(lp.fit_rounded[prec], ENOUGH[prec]["log1p"])
                self.assertEqual(approx.round_to_float(lp.p[0], prec), 1)  # log1p(t) = t for tiny t


class TestDsiluZeroPoly(unittest.TestCase):
    def test_x0_is_the_zero(self):
        for prec, (_, _, deg) in DEGREES.items():
            with self.subTest(prec=prec, deg=deg):
                zp = shapes.dsilu_zero_poly(deg)
                with localcontext() as ctx:
                    ctx.prec = 80
                    self.assertLess(abs(1 + zp.x0.exp() + zp.x0), Decimal("1e-58"))
                hi, lo = zp.x0_split(prec)
                self.assertEqual(approx.round_to_float(hi, prec), hi)
                self.assertLess(abs(lo), Fraction(1, 2 ** {"f32": 24, "f64": 53}[prec]))

    def test_bound_holds_off_grid(self):
        # SiLU'(x) = sigma(x) (1 + x (1 - sigma(x))), written out again here
        for prec, (_, _, deg) in DEGREES.items():
            with self.subTest(prec=prec, deg=deg):
                zp = shapes.dsilu_zero_poly(deg)
                h = [approx.round_to_float(c, prec) for c in zp.h]
                with localcontext() as ctx:
                    ctx.prec = 80
                    for u in points(-zp.w, zp.w, 400, 3):
                        if abs(u) < Fraction(1, 10 ** 6):
                            continue
                        x = zp.x0 + dec(u)
                        s = 1 / (1 + (-x).exp())
                        want = s * (1 + x * (1 - s))
                        got = dec(u * horner(h, u))
                        self.assertLess(abs(got / want - 1), Decimal(zp.fit_rounded[prec]) * Decimal("1.02"))
                self.assertLess(zp.fit_rounded[prec], ENOUGH[prec]["zero"])


class TestLogcoshPoly(unittest.TestCase):
    """log sigma's path where the exp kernel's n is 0 (f64 lc5 variants):
    log sigma(x) = x/2 - ln2 - u R(u), u = x^2."""
    DEG = 5  # generator/variants.toml: lcdeg of the f64 logsigmoid batches

    def test_bound_holds_off_grid(self):
        # log cosh(x/2) = log sigma(x) - x/2 + ln2, from sigma written out again here
        lc = shapes.logcosh_poly(self.DEG)
        r = [approx.round_to_float(c, "f64") for c in lc.r]
        with localcontext() as ctx:
            ctx.prec = 80
            for x in points(0, lc.w, 400, 4):
                if x < Fraction(1, 10 ** 4):
                    continue
                xd = dec(x)
                want = (1 / (1 + (-xd).exp())).ln() - xd / 2 + Decimal(2).ln()
                got = dec(x * x * horner(r, x * x))
                self.assertLess(abs(got / -want - 1), Decimal(lc.fit_rounded["f64"]) * Decimal("1.02"))

    def test_term_is_small_beside_the_result(self):
        # the docstring's claim: u R(u) < 0.0153 and |log sigma| > 0.52 on |x| <= w
        lc = shapes.logcosh_poly(self.DEG)
        with localcontext() as ctx:
            ctx.prec = 60
            w = dec(lc.w)
            self.assertLess(shapes.logcosh_half_dec(w * w), Decimal("0.0153"))
            self.assertGreater(-(1 / (1 + (-w).exp())).ln(), Decimal("0.52"))
        # the relative error enters the result /34: 2^-53 / 34 is a few % of an ulp
        self.assertLess(lc.fit_rounded["f64"], 2.0 ** -51)
        self.assertGreater(lc.w, Fraction(Decimal(2).ln() / 2))  # covers every lane with n = 0

    def test_ln2_split(self):
        hi, lo = shapes.LogcoshPoly.ln2_split("f64")
        self.assertEqual(approx.round_to_float(hi, "f64"), hi)
        lor = approx.round_to_float(lo, "f64")
        with localcontext() as ctx:
            ctx.prec = 60
            self.assertLess(abs(dec(hi + lor) - Decimal(2).ln()), Decimal(2) ** -105)


if __name__ == "__main__":
    unittest.main()

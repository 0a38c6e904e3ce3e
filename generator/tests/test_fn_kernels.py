"""Tests for the fits of the family's SIMD kernels (shapes.expm1_poly,
shapes.log1p_poly, templates/fn_simd.c.j2): the bounds their generated
comments state hold at points off the fitting grid, checked in Decimal
against exp and log computed independently (Decimal.exp / Decimal.ln)."""
import random
import unittest
from decimal import Decimal, localcontext
from fractions import Fraction

from sigbench_gen import approx, shapes

# the degrees the committed variants use (generator/variants.toml, expk-fn)
EXPM1_DEG, LOG1P_DEG, ZERO_DEG = 7, 10, 7


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
        ep = shapes.expm1_poly(EXPM1_DEG)
        q = [approx.round_to_float(c, "f32") for c in ep.q]
        h = Fraction(Decimal(ep.h))
        with localcontext() as ctx:
            ctx.prec = 60
            for r in points(-h, h, 400, 1):
                if r == 0:
                    continue
                rq = dec(r * horner(q, r))
                em1 = dec(r).exp() - 1
                self.assertLess(abs(rq / em1 - 1), Decimal(ep.fit_rounded["f32"]) * Decimal("1.02"))
                self.assertLess(abs((1 + rq) / (em1 + 1) - 1), Decimal(ep.exp_rounded["f32"]) * Decimal("1.02"))

    def test_accurate_enough_for_float(self):
        ep = shapes.expm1_poly(EXPM1_DEG)
        self.assertLess(ep.fit_rounded["f32"], 2.0 ** -28)   # expm1 within a few % of an ulp
        self.assertLess(ep.exp_rounded["f32"], 2.0 ** -30)
        self.assertEqual(approx.round_to_float(ep.q[0], "f32"), 1)  # e^0 = 1 exactly


class TestLog1pPoly(unittest.TestCase):
    def test_bound_holds_off_grid(self):
        lp = shapes.log1p_poly(LOG1P_DEG)
        p = [approx.round_to_float(c, "f32") for c in lp.p]
        with localcontext() as ctx:
            ctx.prec = 60
            for t in points(0, 1, 400, 2):
                if t == 0:
                    continue
                got = dec(t * horner(p, t))
                want = (1 + dec(t)).ln()
                self.assertLess(abs(got / want - 1), Decimal(lp.fit_rounded["f32"]) * Decimal("1.02"))

    def test_accurate_enough_for_float(self):
        lp = shapes.log1p_poly(LOG1P_DEG)
        self.assertLess(lp.fit_rounded["f32"], 2.0 ** -25)
        self.assertEqual(approx.round_to_float(lp.p[0], "f32"), 1)  # log1p(t) = t for tiny t


class TestDsiluZeroPoly(unittest.TestCase):
    def test_x0_is_the_zero(self):
        zp = shapes.dsilu_zero_poly(ZERO_DEG)
        with localcontext() as ctx:
            ctx.prec = 80
            self.assertLess(abs(1 + zp.x0.exp() + zp.x0), Decimal("1e-58"))
        hi, lo = zp.x0_split("f32")
        self.assertEqual(approx.round_to_float(hi, "f32"), hi)
        self.assertLess(abs(lo), Fraction(1, 2 ** 24))

    def test_bound_holds_off_grid(self):
        # SiLU'(x) = sigma(x) (1 + x (1 - sigma(x))), written out again here
        zp = shapes.dsilu_zero_poly(ZERO_DEG)
        h = [approx.round_to_float(c, "f32") for c in zp.h]
        with localcontext() as ctx:
            ctx.prec = 80
            for u in points(-zp.w, zp.w, 400, 3):
                if abs(u) < Fraction(1, 10 ** 6):
                    continue
                x = zp.x0 + dec(u)
                s = 1 / (1 + (-x).exp())
                want = s * (1 + x * (1 - s))
                got = dec(u * horner(h, u))
                self.assertLess(abs(got / want - 1), Decimal(zp.fit_rounded["f32"]) * Decimal("1.02"))
        self.assertLess(zp.fit_rounded["f32"], 2.0 ** -26)


if __name__ == "__main__":
    unittest.main()

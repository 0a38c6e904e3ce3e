"""Tests for the family's minimax fits (shapes.fn_minimax,
templates/fn_minimax*.c.j2): for every fit variants.toml commits, the form
the templates evaluate, with the coefficients rounded to float and the
asymptote beyond r, stays within the bound the generated comment states,
at random points off the fitting grid (inside and beyond [-r, r]), checked
exactly (Fractions) against the function evaluated independently in double
with math.exp / math.log1p."""
import math
import os
import random
import re
import tomllib
import unittest
from decimal import Decimal, localcontext
from fractions import Fraction

from sigbench_gen import approx, shapes

SPEC = os.path.join(os.path.dirname(__file__), "..", "variants.toml")
FN_EDGES = os.path.join(os.path.dirname(__file__), "..", "..", "harness", "engine", "fn_edges.c")


def committed_fits():
    with open(SPEC, "rb") as f:
        spec = tomllib.load(f)
    return [(e["function"], e["num"], e["den"], e["r"])
            for e in spec["variants"] if e["family"] == "minimax-fn"]


def reference(function, x):
    """The function in double (|x| <= 30 here, so exp(-|x|) is normal)."""
    t = math.exp(-abs(x))
    s = 1 / (1 + t) if x >= 0 else t / (1 + t)
    value = {"dsigmoid": lambda: t / (1 + t) ** 2,
             "d2sigmoid": lambda: -math.copysign(1, x) * t * (1 - t) / (1 + t) ** 3,
             "logsigmoid": lambda: min(x, 0.0) - math.log1p(t),
             "silu": lambda: x * s,
             "dsilu": lambda: s * (1 + x * (1 - s))}
    return value[function]()


def horner(coeffs, w):
    acc = Fraction(0)
    for c in reversed(coeffs):
        acc = acc * w + c
    return acc


def unclamped(fit, a, b, x):
    """What fn_minimax*.c.j2 compute before the clamp, in exact arithmetic."""
    r = Fraction(fit.r)
    beyond = abs(x) > r
    c = max(-r, min(r, x))
    if fit.function == "logsigmoid":
        m = min(x, Fraction(0))
        return m if beyond else m - horner(a, abs(c)) / horner(b, abs(c))
    q = horner(a, c * c) / horner(b, c * c)
    if fit.function == "dsigmoid":
        return Fraction(0) if beyond else q
    if fit.function == "d2sigmoid":
        return Fraction(0) if beyond else c * q
    if fit.function == "dsilu":
        return (Fraction(1) if x > 0 else Fraction(0)) if beyond else Fraction(1, 2) + c * q
    return (x if x > 0 else Fraction(0)) if beyond else x * (Fraction(1, 2) + c * q)


def form(fit, a, b, x):
    """What fn_minimax*.c.j2 compute: the fit clamped to the function's range."""
    clamp = shapes.fn_clamp(fit.function, "f32")
    y = unclamped(fit, a, b, x)
    y = y if clamp.lo is None else max(y, clamp.lo)
    return y if clamp.hi is None else min(y, clamp.hi)


def dec(v):
    """A dyadic Fraction as an exact Decimal."""
    with localcontext() as ctx:
        ctx.prec = 200
        return Decimal(v.numerator) / Decimal(v.denominator)


def silu_turn_sign(x):
    """Sign of 1 + e^x + x, increasing, 0 at SiLU''s zero x0 (SiLU(x0) = 1 + x0)."""
    with localcontext() as ctx:
        ctx.prec = 50
        g = 1 + dec(x).exp() + dec(x)
    return (g > 0) - (g < 0)


def dsilu_turn_sign(x):
    """Sign of x tanh(x/2) - 2, increasing for x > 0, 0 at x1 where
    SiLU' = 1/2 + x1/4 is largest (and 1/2 - x1/4 smallest, at -x1)."""
    with localcontext() as ctx:
        ctx.prec = 50
        e = (-dec(x)).exp()
        h = dec(x) * (1 - e) / (1 + e) - 2
    return (h > 0) - (h < 0)


def harness_extremum(name):
    """The 50-digit extremum harness/engine/fn_edges.c counts `oob` against."""
    with open(FN_EDGES) as f:
        text = f.read()
    return Decimal(re.search(r"#define %s\(s\) (\S+)##s" % name, text).group(1))


class TestFnClamp(unittest.TestCase):
    """shapes.fn_clamp: each bound is the float nearest to the function's
    extremum on the inside, checked against the extremum's defining equation
    (not the Newton iteration that computed it)."""

    def up(self, f):
        return shapes.float_neighbour(f, "f32", True)

    def down(self, f):
        return shapes.float_neighbour(f, "f32", False)

    def test_exact_ranges(self):
        self.assertEqual((shapes.fn_clamp("dsigmoid", "f32").lo, shapes.fn_clamp("dsigmoid", "f32").hi),
                         (0, Fraction(1, 4)))
        self.assertEqual((shapes.fn_clamp("logsigmoid", "f32").lo, shapes.fn_clamp("logsigmoid", "f32").hi),
                         (None, 0))
        self.assertIsNone(shapes.fn_clamp("silu", "f32").hi)

    def test_zero_bounds_carry_the_side_of_zero(self):
        # log sigma < 0: its upper bound 0 is -0; sigma' > 0: its lower bound is +0
        self.assertTrue(shapes.clamp_literal(shapes.fn_clamp("logsigmoid", "f32").hi, "f32", True)
                        .startswith("-0x0p+0f"))
        self.assertTrue(shapes.clamp_literal(shapes.fn_clamp("logsigmoid", "f64").hi, "f64", True)
                        .startswith("-0x0p+0 "))
        self.assertTrue(shapes.clamp_literal(shapes.fn_clamp("dsigmoid", "f32").lo, "f32", False)
                        .startswith("0x0p+0f"))
        # a nonzero bound is the plain literal
        hi = shapes.fn_clamp("dsigmoid", "f32").hi
        self.assertEqual(shapes.clamp_literal(hi, "f32", True), approx.c_literal(hi, "f32"))

    def test_d2sigmoid_bound_is_below_sqrt3_over_18(self):
        c = shapes.fn_clamp("d2sigmoid", "f32")
        # m <= sqrt(3)/18 exactly when (18 m)^2 <= 3 (m > 0)
        self.assertLessEqual((18 * c.hi) ** 2, 3)
        self.assertGreater((18 * self.up(c.hi)) ** 2, 3)
        self.assertEqual(c.lo, -c.hi)

    def test_silu_bound_is_above_its_minimum(self):
        lo = shapes.fn_clamp("silu", "f32").lo
        # lo >= 1 + x0 exactly when 1 + e^(lo-1) + (lo-1) >= 0
        self.assertEqual(silu_turn_sign(lo - 1), 1)
        self.assertEqual(silu_turn_sign(self.down(lo) - 1), -1)

    def test_dsilu_bounds_are_inside_its_extrema(self):
        c = shapes.fn_clamp("dsilu", "f32")
        # hi <= 1/2 + x1/4 exactly when x1 >= 4 hi - 2; lo >= 1/2 - x1/4 when x1 >= 2 - 4 lo
        self.assertEqual(dsilu_turn_sign(4 * c.hi - 2), -1)
        self.assertEqual(dsilu_turn_sign(4 * self.up(c.hi) - 2), 1)
        self.assertEqual(dsilu_turn_sign(2 - 4 * c.lo), -1)
        self.assertEqual(dsilu_turn_sign(2 - 4 * self.down(c.lo)), 1)

    def test_extrema_agree_with_the_harness(self):
        cases = [("d2sigmoid", 1, "D2SIGMOID_MAX"), ("silu", 0, "SILU_MIN"),
                 ("dsilu", 0, "DSILU_MIN"), ("dsilu", 1, "DSILU_MAX")]
        for function, side, name in cases:
            with self.subTest(function=function, name=name):
                got = shapes.fn_extrema(function)[side]
                self.assertLess(abs(got - harness_extremum(name)), Decimal("1e-48"))

    def test_round_inside_brackets(self):
        for v in (Fraction(1, 3), Fraction(-1, 3), Fraction(1, 10 ** 50)):
            for prec in ("f32", "f64"):
                lo, hi = shapes.round_inside(v, prec, False), shapes.round_inside(v, prec, True)
                with self.subTest(v=v, prec=prec):
                    self.assertTrue(lo < v < hi)
                    self.assertEqual(shapes.float_neighbour(lo, prec, True), hi)
        self.assertEqual(shapes.round_inside(Fraction(1, 4), "f32", False), Fraction(1, 4))
        with self.assertRaises(ValueError):
            shapes.fn_extrema("sigmoid")


class TestFnMinimax(unittest.TestCase):
    def test_bound_holds_off_grid_and_beyond(self):
        rng = random.Random(14)
        for function, num, den, r in committed_fits():
            fit = shapes.fn_minimax(function, num, den, r)
            a = [approx.round_to_float(c, "f32") for c in fit.a]
            b = [approx.round_to_float(c, "f32") for c in fit.b]
            xs = [rng.uniform(-1.5 * r, 1.5 * r) for _ in range(600)] + [-r, r, 0.0]
            worst = max(abs(float(form(fit, a, b, Fraction(x))) - reference(function, x)) for x in xs)
            # the bound is a grid maximum (2001 points): off the grid the
            # true maximum may exceed it by a little
            with self.subTest(fit=(function, num, den, r)):
                self.assertLessEqual(worst, fit.bound["f32"] * 1.01)
                self.assertGreater(worst, fit.bound["f32"] * 0.5)

    def test_tail_is_the_error_just_beyond_r(self):
        for function, num, den, r in committed_fits():
            fit = shapes.fn_minimax(function, num, den, r)
            x = r * (1 + 2 ** -30)
            want = abs(reference(function, -x) - float(unclamped(fit, fit.a, fit.b, Fraction(-x))))
            with self.subTest(fit=(function, num, den, r)):
                self.assertAlmostEqual(fit.tail / want, 1, places=4)

    def test_bad_requests(self):
        with self.assertRaises(ValueError):
            shapes.fn_minimax("dsigmoid", 3, 4, 7)
        with self.assertRaises(ValueError):
            shapes.fn_minimax("sigmoid", 3, 4, 7)


if __name__ == "__main__":
    unittest.main()

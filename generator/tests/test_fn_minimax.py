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
import tomllib
import unittest
from fractions import Fraction

from sigbench_gen import approx, shapes

SPEC = os.path.join(os.path.dirname(__file__), "..", "variants.toml")


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


def form(fit, a, b, x):
    """What fn_minimax*.c.j2 compute, in exact arithmetic."""
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
            want = abs(reference(function, -x) - float(form(fit, fit.a, fit.b, Fraction(-x))))
            with self.subTest(fit=(function, num, den, r)):
                self.assertAlmostEqual(fit.tail / want, 1, places=4)

    def test_bad_requests(self):
        with self.assertRaises(ValueError):
            shapes.fn_minimax("dsigmoid", 3, 4, 7)
        with self.assertRaises(ValueError):
            shapes.fn_minimax("sigmoid", 3, 4, 7)


if __name__ == "__main__":
    unittest.main()

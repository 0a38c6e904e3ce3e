"""Tests for sigbench_gen.approx: exact series/Padé, Remez fits, float literals.

Reference values come from closed forms (Chebyshev polynomials, the tanh
continued fraction, the logistic ODE, a hand-solved degree-1 minimax) or
from independent machinery (CPython's correctly rounded int/int division,
struct's binary32 encoding), never from the code under test.
"""
import dataclasses
import math
import random
import struct
import unittest
from decimal import Decimal, localcontext
from fractions import Fraction

from sigbench_gen import approx
from sigbench_gen.approx import (
    RemezError,
    bernoulli,
    c_literal,
    exp2_dec,
    exp_dec,
    maclaurin,
    minimax_poly,
    minimax_rational,
    pade,
    round_coeffs,
    round_coeffs_f32,
    round_to_float,
    shortest_decimal,
    sigmoid_dec,
    sigmoid_minus_half_dec,
    to_hexfloat,
)

# ln(2)/2: the reduced range of exp after x = k ln2 + r.
with localcontext() as _ctx:
    _ctx.prec = 60
    HALF_LN2 = Decimal(2).ln() / 2


def series_product(a, b, n):
    """Coefficients 0..n of the product of two power series."""
    get = lambda s, i: s[i] if 0 <= i < len(s) else Fraction(0)
    return [sum(get(a, i) * get(b, k - i) for i in range(k + 1)) for k in range(n + 1)]


# ---------------------------------------------------------------------------
# Series
# ---------------------------------------------------------------------------

class TestSeries(unittest.TestCase):
    def test_bernoulli_known_values(self):
        b = bernoulli(12)
        expected = {0: 1, 1: Fraction(-1, 2), 2: Fraction(1, 6), 4: Fraction(-1, 30),
                    6: Fraction(1, 42), 8: Fraction(-1, 30), 10: Fraction(5, 66),
                    12: Fraction(-691, 2730)}
        for k, v in expected.items():
            self.assertEqual(b[k], v, k)
        for k in (3, 5, 7, 9, 11):
            self.assertEqual(b[k], 0)

    def test_maclaurin_listed_values(self):
        c = maclaurin(11)
        expected = [Fraction(1, 2), Fraction(1, 4), 0, Fraction(-1, 48), 0, Fraction(1, 480), 0,
                    Fraction(-17, 80640), 0, Fraction(31, 1451520), 0, Fraction(-691, 319334400)]
        self.assertEqual(c, expected)
        self.assertTrue(all(isinstance(v, Fraction) for v in c))

    def test_maclaurin_satisfies_logistic_ode(self):
        # s' = s (1 - s) fixes every coefficient from c0 = 1/2: an independent
        # recurrence that catches any sign/scale slip in the Bernoulli formula.
        n = 30
        c = maclaurin(n + 1)
        square = series_product(c, c, n)
        for k in range(n + 1):
            self.assertEqual((k + 1) * c[k + 1], c[k] - square[k], k)

    def test_maclaurin_partial_sum_matches_sigmoid(self):
        # Radius of convergence is pi; at x = 1/2 terms shrink like (1/(2 pi))^k,
        # so 80 terms leave < 1e-60.
        c = maclaurin(80)
        with localcontext() as ctx:
            ctx.prec = 70
            x = Decimal("0.5")
            total = sum(Decimal(v.numerator) / Decimal(v.denominator) * x ** k
                        for k, v in enumerate(c))
            self.assertLess(abs(total - sigmoid_dec(x)), Decimal("1e-55"))

    def test_bad_degree(self):
        self.assertEqual(maclaurin(0), [Fraction(1, 2)])
        with self.assertRaises(ValueError):
            maclaurin(-1)


# ---------------------------------------------------------------------------
# Padé
# ---------------------------------------------------------------------------

def _tanh_cf_as_sigmoid():
    """s = 1/2 + tanh(x/2)/2 from the Lambert [7/6] of tanh in z = x/2.

    s = (D + N) / (2 D); substitute z = x/2 (coefficient k gets 2^-k) and
    normalise the denominator constant to 1.
    """
    n_z = [0, 135135, 0, 17325, 0, 378, 0, 1]       # z (135135 + 17325 z^2 + 378 z^4 + z^6)
    d_z = [135135, 0, 62370, 0, 3150, 0, 28]        # 135135 + 62370 z^2 + 3150 z^4 + 28 z^6
    num = [Fraction(n_z[k] + (d_z[k] if k < len(d_z) else 0), 2 ** k) for k in range(8)]
    den = [Fraction(2 * d_z[k], 2 ** k) for k in range(7)]
    scale = den[0]
    return [v / scale for v in num], [v / scale for v in den]


def _singular(m, n):
    return m > n and m % 2 == 0 and n % 2 == 1


class TestPade(unittest.TestCase):
    def test_tanh_continued_fraction_is_pade_7_6(self):
        p, q = pade(7, 6)
        self.assertEqual((p, q), _tanh_cf_as_sigmoid())

    def test_block_collapses_to_7_6(self):
        p, q = _tanh_cf_as_sigmoid()
        self.assertEqual(pade(7, 7), (p, q + [Fraction(0)]))
        self.assertEqual(pade(8, 6), (p + [Fraction(0)], q))
        with self.assertRaises(ValueError):
            pade(7, 7, strict=True)
        with self.assertRaises(ValueError):
            pade(8, 6, strict=True)
        pade(7, 6, strict=True)  # the block's corner is non-degenerate

    def test_singular_orders_raise(self):
        for m in range(2, 11, 2):
            for n in range(1, m, 2):
                with self.assertRaisesRegex(ValueError, "singular"):
                    pade(m, n)

    def test_accuracy_through_order(self):
        # p - s q = O(x^(m+n+1)) exactly, for every non-singular order <= 8,
        # and the documented degeneracy pattern holds.
        c = maclaurin(20)
        for m in range(9):
            for n in range(9):
                if _singular(m, n):
                    continue
                p, q = pade(m, n)
                self.assertEqual(q[0], 1)
                self.assertEqual((len(p), len(q)), (m + 1, n + 1))
                resid = series_product(c, q, m + n)
                resid = [r - (p[k] if k <= m else 0) for k, r in enumerate(resid)]
                self.assertTrue(all(r == 0 for r in resid), (m, n))
                collapsed_q = m >= n and m % 2 == 1 and n % 2 == 1
                collapsed_p = m > n and m % 2 == 0 and n % 2 == 0
                self.assertEqual(q[n] == 0, collapsed_q and n > 0, (m, n))
                self.assertEqual(p[m] == 0, collapsed_p, (m, n))

    def test_trivial_rows_and_columns(self):
        self.assertEqual(pade(5, 0), (maclaurin(5), [Fraction(1)]))
        # [0/3] = 1 / (Taylor_3 of 1/s = 1 + exp(-x)), normalised by 2.
        self.assertEqual(pade(0, 3), ([Fraction(1, 2)],
                                      [1, Fraction(-1, 2), Fraction(1, 4), Fraction(-1, 12)]))
        with self.assertRaises(ValueError):
            pade(-1, 2)


# ---------------------------------------------------------------------------
# Float rounding and literals
# ---------------------------------------------------------------------------

def _f32_bits(value: Fraction) -> int:
    as_double = float(value)
    self_check = struct.unpack("<f", struct.pack("<f", as_double))[0]
    assert self_check == as_double, "value is not a binary32"
    return struct.unpack("<I", struct.pack("<f", as_double))[0]


def _f32_from_bits(bits: int) -> Fraction:
    return Fraction(struct.unpack("<f", struct.pack("<I", bits))[0])


def _parse_hex(lit: str) -> float:
    return float.fromhex(lit[:-1] if lit.endswith("f") else lit)


def _random_fractions(seed, count, lo_exp, hi_exp):
    """Non-dyadic values m * 2^e with m in (1/2, 2) and e in [lo_exp, hi_exp]."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        m = Fraction(rng.getrandbits(63) | 1 << 63, rng.getrandbits(63) | 1 << 63 | 1)
        v = m * Fraction(2) ** rng.randint(lo_exp, hi_exp)
        out.append(-v if rng.random() < 0.5 else v)
    return out


class TestHexFloat(unittest.TestCase):
    def test_known_literals(self):
        cases = [
            (Fraction(1, 6), "f32", "0x1.555556p-3f"),
            (Fraction(1, 6), "f64", "0x1.5555555555555p-3"),
            (1, "f32", "0x1p+0f"),
            (Fraction(1, 10), "f32", "0x1.99999ap-4f"),
            (Decimal("0.1"), "f32", "0x1.99999ap-4f"),
            ("0.1", "f64", "0x1.999999999999ap-4"),
            (Fraction(-1, 10), "f32", "-0x1.99999ap-4f"),
            (Fraction(1, 3), "f32", "0x1.555556p-2f"),
            (1024, "f64", "0x1p+10"),
            (Fraction(3, 4), "f64", "0x1.8p-1"),
            (0, "f32", "0x0p+0f"),
            (Decimal("-0"), "f32", "-0x0p+0f"),
        ]
        for v, prec, lit in cases:
            self.assertEqual(to_hexfloat(v, prec), lit, (v, prec))

    def test_f64_matches_correctly_rounded_division(self):
        # CPython's int/int true division is correctly rounded (also into
        # subnormals), which float(Fraction) uses.
        for v in _random_fractions(1, 400, -1077, 1022):
            self.assertEqual(_parse_hex(to_hexfloat(v, "f64")), float(v), v)
            self.assertEqual(round_to_float(v, "f64"), Fraction(float(v)))

    def test_f32_is_nearest_with_ties_to_even(self):
        # Check against the struct-encoded neighbours, independently of the
        # rounding code: no float32 is closer, and ties pick an even pattern.
        values = _random_fractions(2, 300, -152, 126)
        values += [Fraction(1) + Fraction(k, 2 ** 25) for k in range(-8, 9)]  # halfway-dense
        for v in values:
            r = round_to_float(v, "f32")
            lit = to_hexfloat(v, "f32")
            self.assertTrue(lit.endswith("f"))
            self.assertEqual(Fraction(_parse_hex(lit)), r)
            bits = _f32_bits(abs(r))
            for nb_bits in (bits - 1, bits + 1):
                if 0 <= nb_bits < 0x7F800000:
                    nb = _f32_from_bits(nb_bits)
                    if v < 0:
                        nb = -nb
                    d_r, d_nb = abs(v - r), abs(v - nb)
                    self.assertLessEqual(d_r, d_nb, v)
                    if d_r == d_nb:
                        self.assertEqual(bits % 2, 0, v)

    def test_halfway_and_double_rounding(self):
        one = Fraction(1)
        ulp = Fraction(1, 2 ** 23)
        self.assertEqual(to_hexfloat(one + ulp / 2, "f32"), "0x1p+0f")            # tie -> even
        self.assertEqual(to_hexfloat(one + 3 * ulp / 2, "f32"), "0x1.000004p+0f")  # tie -> even
        # 1 + 2^-24 + 2^-60: double rounding (via binary64) would give 1.0.
        v = one + ulp / 2 + Fraction(1, 2 ** 60)
        self.assertEqual(float(v), 1 + 2.0 ** -24)
        self.assertEqual(to_hexfloat(v, "f32"), "0x1.000002p+0f")
        self.assertEqual(to_hexfloat(2 - Fraction(1, 2 ** 25), "f32"), "0x1p+1f")  # carry

    def test_subnormals_and_limits(self):
        tiny = Fraction(1, 2 ** 149)
        self.assertEqual(to_hexfloat(tiny, "f32"), "0x1p-149f")
        self.assertEqual(to_hexfloat(tiny / 2, "f32"), "0x0p+0f")                 # tie -> 0
        self.assertEqual(to_hexfloat(tiny / 2 + Fraction(1, 2 ** 200), "f32"), "0x1p-149f")
        self.assertEqual(to_hexfloat(3 * tiny / 2, "f32"), "0x1p-148f")           # tie -> even
        max_sub = _f32_from_bits(0x007FFFFF)
        self.assertEqual(to_hexfloat(max_sub, "f32"), "0x1.fffffcp-127f")
        self.assertEqual(_parse_hex("0x1.fffffcp-127"), float(max_sub))
        self.assertEqual(to_hexfloat(Fraction(1, 2 ** 126), "f32"), "0x1p-126f")
        self.assertEqual(to_hexfloat(Fraction(1, 2 ** 1074), "f64"), "0x1p-1074")
        max_f32 = _f32_from_bits(0x7F7FFFFF)
        self.assertEqual(to_hexfloat(max_f32, "f32"), "0x1.fffffep+127f")
        halfway_to_inf = max_f32 + Fraction(2 ** 103)
        self.assertEqual(round_to_float(halfway_to_inf - 1, "f32"), max_f32)
        with self.assertRaises(OverflowError):
            to_hexfloat(halfway_to_inf, "f32")
        with self.assertRaises(ValueError):
            to_hexfloat(Decimal("NaN"), "f32")
        with self.assertRaises(ValueError):
            to_hexfloat(1, "f16")

    def test_c_literal_and_shortest_decimal(self):
        self.assertEqual(c_literal(Fraction(1, 10), "f32"), "0x1.99999ap-4f /* 0.1 */")
        self.assertEqual(c_literal(Fraction(1, 3), "f32"), "0x1.555556p-2f /* 0.33333334 */")
        self.assertEqual(shortest_decimal(Fraction(1, 3), "f32"), "0.33333334")
        self.assertEqual(c_literal(Fraction(1, 3), "f64"),
                         "0x1.5555555555555p-2 /* 0.3333333333333333 */")
        for v in _random_fractions(3, 100, -152, 126):
            s = shortest_decimal(v, "f32")
            self.assertEqual(round_to_float(Fraction(s), "f32"), round_to_float(v, "f32"))
            self.assertLessEqual(len(s.lstrip("-").replace(".", "").split("e")[0].lstrip("0")), 9)


# ---------------------------------------------------------------------------
# Minimax: closed-form cases
# ---------------------------------------------------------------------------

def _dec(v):
    if isinstance(v, Fraction):
        return Decimal(v.numerator) / Decimal(v.denominator)
    return Decimal(v)


def _close(a, b, tol):
    with localcontext() as ctx:
        ctx.prec = 70
        return abs(_dec(a) - _dec(b)) <= Decimal(tol)


class TestMinimaxClosedForm(unittest.TestCase):
    def test_chebyshev_x4_degree3(self):
        # x^4 - T4(x)/8 is the best cubic; error 2^-3.
        r = minimax_poly(lambda x: x ** 4, -1, 1, 3)
        self.assertTrue(_close(r.levelled_error, Decimal("0.125"), "1e-40"))
        for got, want in zip(r.numerator, [Fraction(-1, 8), 0, 1, 0]):
            self.assertTrue(_close(got, want, "1e-40"))
        self.assertEqual(r.denominator, (Fraction(1),))

    def test_chebyshev_odd_and_even_folding(self):
        odd = minimax_poly(lambda x: x ** 5, -1, 1, 3, odd=True)     # x^5 - T5/16
        self.assertTrue(_close(odd.levelled_error, Decimal(1) / 16, "1e-40"))
        # p = x^5 - T5/16 = (5/4) x^3 - (5/16) x
        want = [0, Fraction(-5, 16), 0, Fraction(5, 4)]
        self.assertTrue(all(abs(g - w) < Fraction(1, 10 ** 40)
                            for g, w in zip(odd.numerator, want)))
        even = minimax_poly(lambda x: x ** 4, -1, 1, 2, even=True)   # x^4 - T4/8
        self.assertTrue(_close(even.levelled_error, Decimal(1) / 8, "1e-40"))
        self.assertTrue(all(abs(g - w) < Fraction(1, 10 ** 40)
                            for g, w in zip(even.numerator, [Fraction(-1, 8), 0, 1])))

    def test_exp_degree1_closed_form(self):
        # Best line for e^x on [-1,1]: slope sinh(1), interior point ln(sinh 1),
        # E = (e^-1 + sinh(1) ln(sinh 1)) / 2.
        r = minimax_poly(exp_dec, -1, 1, 1)
        with localcontext() as ctx:
            ctx.prec = 60
            e = Decimal(1).exp()
            sinh1 = (e - 1 / e) / 2
            expected = (1 / e + sinh1 * sinh1.ln()) / 2
        # E is exact for its reference; the reference itself is located to
        # ~1e-10, which leaves ~1e-20 relative in E.
        self.assertTrue(_close(r.levelled_error, expected, "1e-19"))
        self.assertEqual(len(r.reference), 3)
        self.assertTrue(_close(r.reference[1], sinh1.ln(), "1e-9"))

    def test_exactly_representable(self):
        r = minimax_poly(lambda x: x ** 3 - 2 * x, -1, 2, 3)
        self.assertEqual(r.levelled_error, 0)
        self.assertTrue(all(abs(g - w) < Fraction(1, 10 ** 45)
                            for g, w in zip(r.numerator, [0, -2, 0, 1])))
        q = minimax_rational(lambda x: (1 + x) / (3 + x * x), -1, 2, 1, 2)
        self.assertEqual(q.levelled_error, 0)
        self.assertTrue(abs(q.denominator[2] - Fraction(1, 3)) < Fraction(1, 10 ** 45))

    def test_rational_with_constant_denominator_is_polynomial(self):
        poly = minimax_poly(exp_dec, -HALF_LN2, HALF_LN2, 3, rel=True)
        rat = minimax_rational(exp_dec, -HALF_LN2, HALF_LN2, 3, 0, rel=True)
        self.assertTrue(_close(poly.levelled_error, rat.levelled_error, "1e-40"))

    def test_argument_validation(self):
        with self.assertRaises(ValueError):
            minimax_poly(exp_dec, 1, -1, 3)
        with self.assertRaises(ValueError):
            minimax_poly(sigmoid_minus_half_dec, -4, 4, 5, odd=True, even=True)
        with self.assertRaisesRegex(ValueError, "not odd"):
            minimax_poly(sigmoid_dec, -4, 4, 5, odd=True)
        with self.assertRaisesRegex(ValueError, "symmetric"):
            minimax_poly(sigmoid_minus_half_dec, -2, 4, 5, odd=True)
        with self.assertRaises(ValueError):
            minimax_rational(sigmoid_minus_half_dec, -8, 8, 4, 4, odd_even=True)


# ---------------------------------------------------------------------------
# Minimax: the fits the generator needs
# ---------------------------------------------------------------------------

class FitChecks(unittest.TestCase):
    def assert_equioscillates(self, r, npoints):
        """Certificate of optimality: npoints alternating extrema of size |E|,
        and no larger error anywhere on a dense grid."""
        E = r.levelled_error
        errs = r.reference_errors
        self.assertEqual(len(r.reference), npoints)
        self.assertEqual(len(errs), npoints)
        for e0, e1 in zip(errs, errs[1:]):
            self.assertNotEqual(e0 > 0, e1 > 0, "signs must alternate")
        for e in errs:
            self.assertLessEqual(abs(abs(e) - E), E * Decimal("1e-6"))
        dense = r.max_error(2001)
        self.assertLessEqual(abs(dense - E), E * Decimal("1e-3"))
        # The grid never beats the bound, and the bound holds at the extrema.
        self.assertLessEqual(dense, E * (1 + Decimal("1e-9")))
        return dense

    def assert_in_band(self, value, lo, hi):
        self.assertTrue(Decimal(lo) <= value <= Decimal(hi), f"{value} not in [{lo}, {hi}]")


class TestSigmoidRational(FitChecks):
    @classmethod
    def setUpClass(cls):
        cls.fits = {(m, n): minimax_rational(sigmoid_minus_half_dec, -8, 8, m, n, odd_even=True)
                    for m, n in ((3, 2), (5, 4), (7, 6), (9, 8))}

    def test_equioscillation(self):
        for (m, n), r in self.fits.items():
            with self.subTest(m=m, n=n):
                # (m+1)/2 numerator + n/2 denominator unknowns -> one more point
                self.assert_equioscillates(r, (m + 1) // 2 + n // 2 + 1)
                self.assertEqual(r.denominator[0], 1)
                self.assertTrue(all(c == 0 for c in r.numerator[0::2]))
                self.assertTrue(all(c == 0 for c in r.denominator[1::2]))

    def test_error_levels(self):
        # Regression bands around the measured optimum (2.6475e-3, 5.3972e-6,
        # 2.8508e-9, 5.3316e-13), each ~3 orders below the previous.
        self.assert_in_band(self.fits[3, 2].levelled_error, "2.64e-3", "2.66e-3")
        self.assert_in_band(self.fits[5, 4].levelled_error, "5.39e-6", "5.41e-6")
        self.assert_in_band(self.fits[7, 6].levelled_error, "2.84e-9", "2.86e-9")
        self.assert_in_band(self.fits[9, 8].levelled_error, "5.32e-13", "5.34e-13")

    def test_beats_pade_of_same_type(self):
        # Optimality: the exact Padé [7/6] (same odd/even type) must do worse
        # on [-8, 8] than the minimax fit.
        p, q = pade(7, 6)
        p = [Fraction(0)] + p[1:]  # s - 1/2: drop the 1/2 = p0 (q0 = 1)
        pade_fit = dataclasses.replace(self.fits[7, 6], numerator=tuple(p), denominator=tuple(q))
        self.assertGreater(pade_fit.max_error(401), 10 * self.fits[7, 6].levelled_error)

    def test_full_rational_matches_odd_even(self):
        # The best (3,3) rational for s itself is 1/2 + the odd/even (3,2)
        # fit of s - 1/2: two independent code paths (no folding, no parity).
        full = minimax_rational(sigmoid_dec, -8, 8, 3, 3)
        self.assertLessEqual(abs(full.levelled_error - self.fits[3, 2].levelled_error),
                             self.fits[3, 2].levelled_error * Decimal("1e-8"))
        self.assert_equioscillates(full, 8)

    def test_local_optimality_under_perturbation(self):
        # Any small change of a coefficient raises the error at some
        # reference point (alternation theorem), in either direction.
        r = self.fits[5, 4]
        ref = [Decimal(x) for x in r.reference]
        for k, coeffs in ((1, "numerator"), (3, "numerator"), (2, "denominator")):
            for sign in (1, -1):
                vals = list(getattr(r, coeffs))
                vals[k] += sign * abs(vals[k]) * Fraction(1, 10 ** 4)
                bumped = dataclasses.replace(r, **{coeffs: tuple(vals)})
                self.assertGreater(bumped.max_error(ref), r.levelled_error, (coeffs, k, sign))

    def test_degenerate_order_fails_cleanly(self):
        # (4,3) for s sits in the same 2x2 block as the Padé [4/3]: the best
        # approximation is the defective (3,2) one and Remez must say so.
        with self.assertRaises(RemezError):
            minimax_rational(sigmoid_dec, -8, 8, 4, 3)

    def test_round_coeffs(self):
        r = self.fits[7, 6]
        rf = round_coeffs_f32(r, samples=801)
        self.assertEqual(rf.denominator[0], 1)
        for c in rf.numerator + rf.denominator:
            self.assertEqual(round_to_float(c, "f32"), c)  # already binary32 values
        self.assert_in_band(rf.fitted_error, r.levelled_error * Decimal("0.999"),
                            r.levelled_error * (1 + Decimal("1e-9")))
        # Storing 24-bit coefficients costs accuracy at this level (~2e-8).
        self.assertGreater(rf.rounded_error, 2 * rf.fitted_error)
        self.assertLess(rf.rounded_error, Decimal("1e-7"))
        self.assertTrue(all(s.endswith("*/") and "f /*" in s for s in rf.numerator_literals))
        r64 = round_coeffs(r, "f64", samples=201)
        self.assertLessEqual(abs(r64.rounded_error - r64.fitted_error),
                             r64.fitted_error * Decimal("1e-5"))


class TestExpPolynomials(FitChecks):
    def test_exp_reduced_range_relative(self):
        # Chebyshev estimate of the relative minimax error of e^r on [-h, h]:
        # h^(n+1) / (2^n (n+1)!); the true optimum is within a few percent.
        h = float(HALF_LN2)
        for n in range(3, 7):
            with self.subTest(degree=n):
                r = minimax_poly(exp_dec, -HALF_LN2, HALF_LN2, n, rel=True)
                self.assert_equioscillates(r, n + 2)
                estimate = h ** (n + 1) / (2 ** n * math.factorial(n + 1))
                self.assertLess(abs(float(r.levelled_error) / estimate - 1), 0.05)
        # c0 ~ 1 and c1 ~ 1: the fit really approximates exp.
        self.assertLess(abs(r.numerator[0] - 1), Fraction(1, 10 ** 8))

    def test_exp2_table_polynomial(self):
        r = minimax_poly(exp2_dec, Fraction(-1, 64), Fraction(1, 64), 2, rel=True)
        self.assert_equioscillates(r, 4)
        estimate = (math.log(2) / 64) ** 3 / (4 * 6)
        self.assertLess(abs(float(r.levelled_error) / estimate - 1), 0.02)
        rf = round_coeffs_f32(r, samples=401)
        self.assertLess(rf.rounded_error, Decimal("6e-8"))


class TestExpPolyShapes(unittest.TestCase):
    def test_floored_weight_reaches_the_degree2_optimum(self):
        # e^r ~ 1 + a r + b r^2 on |r| <= h: the optimum is a = 1 + h^2/8,
        # b = 1/2 (error r h^2/8 - r^3/6 + O(r^4), levelled at h^3/24)
        from sigbench_gen import shapes
        ep = shapes.exp_poly(2, 5, floored=True)
        h = ep.h
        self.assertLess(ep.fit_exact, h ** 3 / 24 * 1.01)
        self.assertGreater(ep.fit_exact, h ** 3 / 24 * 0.99)
        self.assertAlmostEqual(float(ep.q[0]), 1 + h * h / 8, delta=1e-7)  # within a float ulp
        self.assertAlmostEqual(float(ep.q[1]), 0.5, delta=1e-6)
        # the unfloored exchange stalls here and falls back to a fit twice as bad
        self.assertGreater(shapes.exp_poly(2, 5).fit_exact, 1.9 * ep.fit_exact)

    def test_floored_weight_changes_nothing_where_the_exchange_works(self):
        from sigbench_gen import shapes
        for deg, bits in ((2, 6), (3, 4), (5, 0)):
            self.assertEqual(shapes.exp_poly(deg, bits, floored=True).q, shapes.exp_poly(deg, bits).q)


class TestSigmoidOddPolynomials(FitChecks):
    def test_odd_polynomials_on_4(self):
        previous = Decimal(1)
        for degree in (7, 11, 15):
            with self.subTest(degree=degree):
                r = minimax_poly(sigmoid_minus_half_dec, -4, 4, degree, odd=True)
                self.assert_equioscillates(r, (degree + 1) // 2 + 1)
                self.assertTrue(all(c == 0 for c in r.numerator[0::2]))
                # each +4 in degree gains a factor ~17-18 here
                self.assertLess(r.levelled_error, previous / 15)
                previous = r.levelled_error
        self.assert_in_band(previous, "3.94e-6", "3.95e-6")  # degree 15

    def test_relative_odd_fit_uses_limit_at_zero(self):
        # Relative error of an odd fit has a 0/0 limit at x = 0 that is an
        # extremum of the optimum; the folded search must find it.
        r = minimax_poly(sigmoid_minus_half_dec, -4, 4, 9, odd=True, rel=True)
        self.assert_equioscillates(r, 6)
        self.assertLess(r.reference[0], Decimal("1e-10"))
        # at x -> 0 the relative error is 1 - p1 / s'(0) = 1 - 4 p1
        self.assertTrue(_close(abs(1 - 4 * r.numerator[1]), r.levelled_error, "1e-15"))

    def test_deterministic(self):
        a = minimax_poly(sigmoid_minus_half_dec, -4, 4, 7, odd=True)
        b = minimax_poly(sigmoid_minus_half_dec, -4, 4, 7, odd=True)
        self.assertEqual(a.numerator, b.numerator)
        self.assertEqual(a.reference, b.reference)


class TestHelpers(unittest.TestCase):
    def test_exchange_drops_small_interior_lobes(self):
        # Two extra extrema: dropping the small interior pair keeps the
        # large lobes (dropping two ends would lose a size-1 extremum).
        d = Decimal
        cands = [(d(0), d(1)), (d(1), d(-1)), (d(2), d("0.1")), (d(3), d("-0.1")),
                 (d(4), d(1)), (d(5), d(-1))]
        self.assertEqual(approx._alternating(cands, 4),
                         [(d(0), d(1)), (d(1), d(-1)), (d(4), d(1)), (d(5), d(-1))])
        # One extra extremum: the smaller end goes; same-sign runs keep the max.
        cands = [(d(0), d("0.5")), (d(1), d(-1)), (d(2), d("0.2")), (d(3), d(1)),
                 (d(4), d(-1)), (d(5), d("0.9"))]
        self.assertEqual(approx._alternating(cands, 4),
                         [(d(1), d(-1)), (d(3), d(1)), (d(4), d(-1)), (d(5), d("0.9"))])
        with self.assertRaises(RemezError):
            approx._alternating(cands[:3], 4)

    def test_decimal_helpers(self):
        with localcontext() as ctx:
            ctx.prec = 50
            x = Decimal("1e-30")
            # tanh(x/2)/2 ~ x/4 with no cancellation
            self.assertTrue(_close(sigmoid_minus_half_dec(x) / x, Decimal("0.25"), "1e-45"))
            y = Decimal("0.75")
            self.assertTrue(_close(sigmoid_minus_half_dec(y), sigmoid_dec(y) - Decimal("0.5"),
                                   "1e-48"))
            self.assertTrue(_close(exp2_dec(Decimal("0.5")) ** 2, 2, "1e-48"))
            self.assertTrue(_close(approx.tanh_dec(Decimal(1)),
                                   (Decimal(2).exp() - 1) / (Decimal(2).exp() + 1), "1e-48"))


if __name__ == "__main__":
    unittest.main()

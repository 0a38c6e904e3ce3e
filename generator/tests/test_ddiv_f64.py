"""Tests for kernels.ddiv_f64_constants (templates/ddiv_f64_simd.c.j2): the
claims its comment makes, checked in exact arithmetic."""
import math
import unittest
from decimal import Decimal
from fractions import Fraction

from sigbench_gen import approx, kernels as K
from sigbench_gen.approx import round_to_float

DEGREES = (6, 7)


class TestTables(unittest.TestCase):
    def test_table_is_rounded_exp2(self):
        c = K.ddiv_f64_constants(16, 7)
        for j in range(16):   # vscalefpd multiplies entry j by 2^floor(m)
            want = round_to_float(approx.exp2_dec(Decimal(j) / 16), "f64")
            self.assertEqual(c.table[j], want)

    def test_tau_is_the_rounding_error(self):
        c = K.ddiv_f64_constants(16, 7)
        for j in range(16):
            exact = Fraction(approx.exp2_dec(Decimal(j) / 16))
            self.assertLess(abs(c.table[j] * (1 - c.ntau[j]) - exact) / exact, Fraction(1, 2 ** 105))
            self.assertLessEqual(abs(c.ntau[j]), Fraction(1, 2 ** 53))

    def test_magic_ulp_and_index(self):
        c = K.ddiv_f64_constants(16, 7)
        self.assertEqual(c.magic, 1.5 * 2 ** c.shift)
        self.assertEqual(2.0 ** (c.shift - 52), 1 / 16)
        magic_bits = K.bits(Fraction(c.magic), "f64")
        for km in (-16 * 1022, -17, -1, 0, 1, 16 * 1022):
            nb = K.bits(Fraction(c.magic) + Fraction(km, 16), "f64")
            self.assertEqual(nb, magic_bits + km)
            self.assertEqual(nb % 16, km % 16)   # vpermt2pd reads the low 4 bits: j


class TestReduction(unittest.TestCase):
    def test_tr_exact(self):
        # tr = x + m RN(ln 2) is a multiple of g = min(ulp(x), 2^-53/16) once m != 0;
        # |tr| <= ln2/32 (plus slack) must fit in 53 bits of g
        c = K.ddiv_f64_constants(16, 7)
        self.assertEqual((c.ln2 * 2 ** 53).denominator, 1)
        tr_max = Fraction(math.log(2) / 32) * (1 + Fraction(1, 2 ** 10))
        x_cut = Fraction(math.log(2) / 32) * (1 - Fraction(1, 2 ** 10))
        ulp_x = Fraction(2) ** (math.floor(math.log2(x_cut)) - 52)
        g = min(ulp_x, Fraction(1, 16 * 2 ** 53))
        self.assertLess(tr_max, 2 ** 53 * g)

    def test_ln2_terms(self):
        c = K.ddiv_f64_constants(16, 7)
        err = c.ln2 - Fraction(K.LN2)
        self.assertLess(abs(err + c.neg_ln2_err), abs(err) / 2 ** 52)
        self.assertEqual(c.neg_log2e, -round_to_float(Fraction(K.LOG2E), "f64"))

    def test_fast_path_bound(self):
        c = K.ddiv_f64_constants(16, 7)
        self.assertGreater(-c.x_max, -708.396418532264)   # sigma(-x_max) is normal
        self.assertLess(c.x_max / math.log(2) + 1, 1023)  # E (1 + v) + 1 stays finite

    def test_fit(self):
        # e's relative error must sit well below 2^-53 for <= 1 ULP
        self.assertLess(K.ddiv_f64_constants(16, 7).fit[1], -65)
        self.assertLess(K.ddiv_f64_constants(16, 6).fit[1], -56)
        for d in DEGREES:
            self.assertEqual(len(K.ddiv_f64_constants(16, d).q), d - 1)


if __name__ == "__main__":
    unittest.main()

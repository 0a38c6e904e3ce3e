"""Tests for the constants of templates/ddiv_simd.c.j2 (kernels.ddiv_constants
and its tables) and the table plan (simd.Ops.table_plan): each claim the
template's comment makes, checked in exact arithmetic."""
import math
import unittest
from decimal import Decimal
from fractions import Fraction

from sigbench_gen import approx, kernels as K, simd
from sigbench_gen.approx import round_to_float

CASES = [(16, 3, 16), (32, 3, 32), (8, 4, 8), (8, 4, 16), (16, 3, 32)]


def f32_of_bits(b):
    """The float32 with bit pattern b (normal numbers), as a Fraction."""
    exp, mant = (b >> 23) & 0xFF, b & 0x7FFFFF
    assert 0 < exp < 255 and not b >> 31
    return Fraction(0x800000 | mant, 0x800000) * Fraction(2) ** (exp - 127)


class TestTables(unittest.TestCase):
    def test_index_and_exponent_arithmetic(self):
        for kf, deg, entries in CASES:
            c = K.ddiv_constants(kf, deg, entries, "bits")
            magic_bits = K.bits(Fraction(c.magic), "f32")
            for km in (-kf * 125 - 7, -1000, -17, -1, 0, 1, 5, 999, kf * 125 + 3):
                nb = (magic_bits + km) % 2 ** 32   # bits of MAGIC + m, m = km / kf
                # the magic's binade holds MAGIC + m: its bits are MAGIC's plus km
                self.assertEqual(K.bits(Fraction(c.magic) + Fraction(km, kf), "f32"), nb)
                i = nb % entries                   # what vpermps / vpermt2ps / the gather read
                e_bits = (c.table[i] + (nb << c.shift)) % 2 ** 32
                j, big_m = km % kf, km // kf
                want = round_to_float(approx.exp2_dec(Decimal(j) / kf), "f32") * Fraction(2) ** big_m
                self.assertEqual(f32_of_bits(e_bits), want, (kf, entries, km))

    def test_scalef_table(self):
        for kf, deg, entries in CASES:
            c = K.ddiv_constants(kf, deg, entries, "scalef")
            for i in range(entries):   # vscalefps then multiplies by 2^floor(m)
                want = round_to_float(approx.exp2_dec(Decimal(i % kf) / kf), "f32")
                self.assertEqual(f32_of_bits(c.table[i]), want)

    def test_tau_is_the_rounding_error(self):
        for kf, deg, entries in CASES:
            c = K.ddiv_constants(kf, deg, entries, "bits")
            for i in range(entries):
                exact = Fraction(approx.exp2_dec(Decimal(i % kf) / kf))
                t = round_to_float(exact, "f32")
                self.assertLess(abs(t * (1 - c.ntau[i]) - exact) / exact, Fraction(1, 2 ** 47))
                self.assertLessEqual(abs(c.ntau[i]), Fraction(1, 2 ** 24))


class TestReduction(unittest.TestCase):
    def test_tr_exact(self):
        # tr = x + m RN(ln 2) is a multiple of g = min(ulp(x), ulp(m) ulp(RN(ln 2)));
        # |tr| <= ln2/(2 kf) (plus slack from RN(log2 e)) must fit in 24 bits of g.
        # For |x| below the first cut m = 0 and tr = x; from there on ulp(x) only grows.
        ulp_ln2 = Fraction(1, 2 ** 24)
        for kf, deg, entries in CASES:
            c = K.ddiv_constants(kf, deg, entries, "bits")
            self.assertEqual((c.ln2 / ulp_ln2).denominator, 1)  # RN(ln 2) = m 2^-24
            tr_max = Fraction(math.log(2) / (2 * kf)) * (1 + Fraction(1, 2 ** 10))
            x_cut = Fraction(math.log(2) / (2 * kf)) * (1 - Fraction(1, 2 ** 10))
            ulp_x = Fraction(2) ** (math.floor(math.log2(x_cut)) - 23)
            g = min(ulp_x, Fraction(1, kf) * ulp_ln2)
            self.assertLess(tr_max, 2 ** 24 * g, kf)
            # m RN(ln 2) itself stays below 2^7: 35 bits above 2^-28 at most
            self.assertLess((c.x_max * Fraction(1.4426950408889634) + 1) * c.ln2, 2 ** 7)

    def test_ln2_terms(self):
        c = K.ddiv_constants(16, 3, 16, "bits")
        self.assertEqual(c.ln2, round_to_float(Fraction(K.LN2), "f32"))
        err = c.ln2 - Fraction(K.LN2)
        self.assertLess(abs(err + c.neg_ln2_err), abs(err) / 2 ** 23)
        self.assertEqual(c.neg_log2e, -round_to_float(Fraction(K.LOG2E), "f32"))

    def test_fast_path_bound(self):
        c = K.ddiv_constants(16, 3, 16, "bits")
        # sigma(-x_max) is normal, and e^x_max (1 + 2^-5) 2 stays below float's max
        self.assertGreater(-c.x_max, -87.3365447506)
        self.assertLess(c.x_max / math.log(2) + 1, 128)

    def test_alternate_signs(self):
        self.assertEqual(K.alternate_signs((Fraction(1, 2), Fraction(1, 6), Fraction(1, 24))),
                         (Fraction(1, 2), Fraction(-1, 6), Fraction(1, 24)))
        c = K.ddiv_constants(8, 4, 8, "bits")
        self.assertEqual(len(c.q), 3)
        self.assertLess(c.fit[1], -29)  # 2^-29 relative error or better for <= 1 ULP

    def test_magic_ulp(self):
        for kf, deg, entries in CASES:
            c = K.ddiv_constants(kf, deg, entries, "bits")
            self.assertEqual(c.magic, 1.5 * 2 ** c.shift)
            self.assertEqual(2.0 ** (c.shift - 23), 1 / kf)


class TestTablePlan(unittest.TestCase):
    def test_plans(self):
        self.assertEqual(simd.ops("avx512", "f32").table_plan(16, "perm"), ("perm", 16))
        self.assertEqual(simd.ops("avx512", "f32").table_plan(8, "perm"), ("perm", 16))
        self.assertEqual(simd.ops("avx512", "f32").table_plan(32, "perm2"), ("perm2", 32))
        self.assertEqual(simd.ops("avx2", "f32").table_plan(8, "perm"), ("perm", 8))
        self.assertEqual(simd.ops("avx2", "f32").table_plan(64, "gather"), ("gather", 64))

    def test_refused(self):
        for isa, prec, lut, lookup in (("avx2", "f32", 16, "perm"), ("avx2", "f32", 16, "perm2"),
                                       ("avx512", "f64", 8, "perm"), ("sse41", "f32", 4, "perm"),
                                       ("avx512", "f32", 12, "gather"), ("avx512", "f32", 64, "perm2")):
            with self.assertRaises(simd.PlanError, msg=(isa, prec, lut, lookup)):
                simd.ops(isa, prec).table_plan(lut, lookup)


if __name__ == "__main__":
    unittest.main()

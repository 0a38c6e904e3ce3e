"""Tests for sigbench_gen.constants and the kernels' constant sets: every
claim the generated comments make about a printed number, checked with exact
arithmetic (Fractions, integer significands) or with wide margins on math."""
import math
import struct
import unittest
from fractions import Fraction

from sigbench_gen import constants as C, kernels as K
from sigbench_gen.approx import round_to_float


def exact_in(v, prec):
    """v (a Fraction) is representable in prec (normal range)."""
    return round_to_float(v, prec) == v


def sig_bits(v):
    """Significant bits of a dyadic Fraction."""
    n, d = v.numerator, v.denominator
    assert d & (d - 1) == 0
    n = abs(n)
    while n and n % 2 == 0:
        n //= 2
    return n.bit_length()


class TestLn2Split(unittest.TestCase):
    CASES = [("f32", 159, 1), ("f32", 2540, 16), ("f32", 10157, 64),
             ("f64", 1097, 1), ("f64", 70173, 64), ("f64", 280691, 256)]

    def test_n_hi_exact_for_every_n(self):
        for prec, n_max, div in self.CASES:
            for nearest in (False, True):
                hi, lo = C.ln2_split(prec, n_max, div, nearest=nearest)
                m = hi.numerator  # hi = m / 2^k; n * hi is exact iff n * m fits
                p = C.FORMATS[prec].p
                for n in range(1, n_max + 1):
                    self.assertLessEqual(sig_bits(Fraction(n * m)), p, (prec, n_max, n))
                self.assertTrue(exact_in(n_max * hi, prec))

    def test_hi_plus_lo_is_ln2(self):
        for prec, n_max, div in self.CASES:
            hi, lo = C.ln2_split(prec, n_max, div)
            self.assertEqual(hi + lo, C.LN2 / div)
            # rounded as the templates print it, hi + RN(lo) carries ~2p bits
            err = abs(hi + round_to_float(lo, prec) - C.LN2 / div) / (C.LN2 / div)
            self.assertLess(err, Fraction(1, 2 ** (C.FORMATS[prec].p + 10)))
            self.assertGreaterEqual(lo, 0)  # rounded down

    def test_nearest_and_explicit_bits(self):
        hi, lo = C.ln2_split("f64", 2047, 16, hi_bits=41, nearest=True)
        self.assertLessEqual(sig_bits(hi), 41)
        self.assertLessEqual(abs(lo), Fraction(1, 2 ** 41) * hi)

    def test_too_many_bits_refused(self):
        with self.assertRaises(ValueError):
            C.ln2_split("f32", 159, hi_bits=17)


class TestExpRange(unittest.TestCase):
    def ranges(self):
        return [C.exp_range(p, b) for p in ("f32", "f64") for b in (0, 4, 6, 8)]

    def test_n_max_bounds_n(self):
        for k in self.ranges():
            # the old hand-typed bound (0.693147 < ln 2) gave the same numbers
            self.assertEqual(k.n_max, int(-k.zmin * 2 ** k.bits / 0.693147) + 1)
            x = -k.zmin * 2 ** k.bits / C.LN2  # n = round(x) at z = zmin, at most
            self.assertGreaterEqual(k.n_max, math.floor(x + Fraction(1, 2)))

    def test_sigma_at_zmin_rounds_to_zero(self):
        for k in self.ranges():
            # sigma(z) < e^z < 2^(emin_sub - 1): half the least subnormal
            self.assertLess(k.zmin, (k.fmt.emin_sub - 1) * math.log(2) - 1)

    def test_subnormal_scaling(self):
        for k in self.ranges():
            m_min = math.floor(-k.n_max / 2 ** k.bits)
            self.assertLessEqual(k.m_floor, m_min)
            self.assertGreaterEqual(k.m_floor + k.sub_off, k.fmt.emin)  # first product normal
            self.assertEqual(float.fromhex(k.sub_scale.rstrip("f")), 2.0 ** -k.sub_off)
            self.assertEqual(float.fromhex(k.least_normal.rstrip("f")), 2.0 ** k.fmt.emin)
            self.assertEqual(k.sub_n, k.fmt.emin * 2 ** k.bits)

    def test_bit_patterns(self):
        for k in self.ranges():
            fmt, pack = ("<f", "<I") if k.prec == "f32" else ("<d", "<Q")
            for off in (0, k.sub_off):
                want = struct.unpack(pack, struct.pack(fmt, 2.0 ** off))[0]
                self.assertEqual(int(k.exp_bits(off).rstrip("L")), want)
            self.assertEqual(float.fromhex(k.magic.rstrip("f")), 1.5 * 2 ** k.fmt.mant)
            self.assertEqual(k.j_mask, 2 ** k.bits - 1)
            self.assertEqual(k.shift, k.fmt.mant - k.bits)

    def test_mono_x_below_quarter_ulp_point(self):
        for k in self.ranges():
            x = float(k.mono_x.rstrip("f"))
            if k.prec == "f32":  # the C literal is rounded to float
                x = struct.unpack("<f", struct.pack("<f", x))[0]
            edge = -(k.fmt.p + 2) * math.log(2)
            self.assertLessEqual(x, edge)  # x < literal: e^x < 2^-(p+2)
            self.assertGreater(x, edge - 1e-3)

    def test_known_values(self):
        self.assertEqual((C.exp_range("f32", 0).n_max, C.exp_range("f64", 8).n_max), (159, 280691))
        self.assertEqual(C.exp_range("f32", 0).exp_bits(), "1065353216")
        self.assertEqual(C.exp_range("f32", 0).exp_bits(64), "1602224128")
        self.assertEqual((C.exp_range("f32", 6).m_floor, C.exp_range("f64", 0).m_floor), (-160, -1100))


class TestScalefForm(unittest.TestCase):
    """expk_simd.c.j2 with scale = "scalef": n held as the float n / 2^bits."""

    def ranges(self):
        return [C.exp_range(p, b) for p in ("f32", "f64") for b in (0, 4, 5, 6)]

    def test_magic_rounds_to_multiples_and_indexes(self):
        for k in self.ranges():
            magic = 1.5 * 2.0 ** k.scaled_magic_exp
            self.assertEqual(float.fromhex(k.scaled_magic.rstrip("f")), magic)
            # magic + n / 2^bits stays in magic's binade for every |n| <= n_max:
            # its ulp there is 2^-bits, and its bits are magic's bits + n
            lo_edge, hi_edge = 2.0 ** k.scaled_magic_exp, 2.0 ** (k.scaled_magic_exp + 1)
            self.assertGreater(magic - k.n_max / 2 ** k.bits, lo_edge)
            self.assertLess(magic + k.n_max / 2 ** k.bits, hi_edge)
            self.assertEqual(2.0 ** (k.scaled_magic_exp - k.fmt.mant), 2.0 ** -k.bits)
            # so the low `bits` bits of magic + n / 2^bits are n mod 2^bits, the table index
            self.assertEqual(int(K.bits(Fraction(magic), k.prec)) & k.j_mask, 0)
            if k.prec == "f32":
                for n in (-k.n_max, -33, -1, 0, 7, k.n_max):
                    t = K.bits(Fraction(magic) + Fraction(n, 2 ** k.bits), "f32")
                    self.assertEqual(t & k.j_mask, n % 2 ** k.bits, (k.bits, n))

    def test_ln2_split_unit(self):
        for k in self.ranges():
            hi, lo = k.ln2_hilo_unit
            self.assertEqual(hi + lo, C.LN2)
            self.assertEqual((hi / 2 ** k.bits, lo / 2 ** k.bits), k.ln2_hilo)
            for n in (1, k.n_max // 3, k.n_max):  # (n / 2^bits) HI exact
                self.assertTrue(exact_in(Fraction(n, 2 ** k.bits) * hi, k.prec))
            self.assertEqual(k.log2e, 1 / C.LN2)

    def test_clamp_keeps_reduction_finite(self):
        for k in self.ranges():
            # at z = zmin, n / 2^bits and 2^floor of it are far from overflow and
            # z log2 e stays well inside the magic's range
            self.assertLess(-k.zmin / math.log(2), 2.0 ** (k.scaled_magic_exp - 1))
            self.assertLess(k.n_max / 2 ** k.bits, -k.fmt.emin_sub + 64)


class TestThresholds(unittest.TestCase):
    def test_exact_form(self):
        one, inf, zero = C.exact_form_limits("f32")
        self.assertEqual(["%.2f" % v for v in (one, inf, zero)], ["16.64", "-88.72", "-103.97"])
        one, inf, zero = C.exact_form_limits("f64")
        self.assertEqual(["%.2f" % v for v in (one, inf, zero)], ["36.74", "-709.78", "-745.13"])
        self.assertEqual(1.0 + math.exp(-36.75), 1.0)   # double rounds 1 + e^-x to 1
        self.assertNotEqual(1.0 + math.exp(-36.0), 1.0)
        self.assertEqual(math.exp(-709.0) > 0, True)
        with self.assertRaises(OverflowError):
            math.exp(709.79)

    def test_tanh(self):
        self.assertEqual(["%.1f" % C.tanh_zero(p) for p in ("f32", "f64")], ["-17.3", "-37.4"])
        for prec, ulp_half in (("f32", 2.0 ** -25), ("f64", 2.0 ** -54)):
            clamp, degree = C.tanh_simd_kernel(prec)
            self.assertLess(1 - math.tanh(clamp / 2), ulp_half)  # tanh rounds to 1
            self.assertGreater(-clamp / math.log(2), C.FORMATS[prec].emin)  # 2^n normal
            self.assertGreaterEqual(degree, 6)

    def test_lut_grid(self):
        g = C.lut_grid(4096, 8)
        self.assertEqual((g.points, g.last, g.width, g.step, g.scale), (4097, 4095, 16, 16 / 4096, 256))
        self.assertEqual(C.hold_point(2.5, 2.3), 2.3)


class TestKernelConstants(unittest.TestCase):
    def test_crk(self):
        hi, lo = C.ln2_split("f64", 2 ** 11 - 1, 16, hi_bits=41, nearest=True)
        self.assertTrue(exact_in((2 ** 11 - 1) * hi, "f64"))
        self.assertEqual(K.bits(-87, "f32"), 0xC2AE0000)
        self.assertEqual(K.shift_for(16, "f64"), 48)

    def test_dblk_split(self):
        hi, lo = C.ln2_split("f64", 152, hi_bits=42, nearest=True)
        self.assertEqual(hi + lo, C.LN2)
        self.assertLessEqual(sig_bits(hi), 42)
        # z >= -105 keeps |k| = |round(z log2 e)| within the split's 152
        self.assertLessEqual(round(105 / math.log(2)), 152)


if __name__ == "__main__":
    unittest.main()

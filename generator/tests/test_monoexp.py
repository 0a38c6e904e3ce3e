"""Tests for kernels.mono_exp2_constants (templates/monoexp_sse41.c.j2): the
two facts the kernel's monotonicity rests on, and the fit's accuracy."""
import unittest
from fractions import Fraction

from sigbench_gen import kernels as K


def floats_from(f, count):
    """count consecutive float32 values from f up (f > 0 normal, or 0)."""
    out = [f]
    for _ in range(count - 1):
        f = out[-1]
        if f == 0:
            out.append(Fraction(1, 2 ** 149))
            continue
        e = f.numerator.bit_length() - f.denominator.bit_length()
        while Fraction(2) ** e > f:
            e -= 1
        while Fraction(2) ** (e + 1) <= f:
            e += 1
        out.append(f + Fraction(2) ** (e - 23))
    return out


class TestMonoExp2(unittest.TestCase):
    def test_coefficients_positive(self):
        for d in (5, 6):
            self.assertTrue(all(q > 0 for q in K.mono_exp2_constants(d).q), d)

    def test_ends(self):
        for d in (5, 6):
            q = list(K.mono_exp2_constants(d).q)
            self.assertEqual(K.horner_f32(q, Fraction(0)), 1)
            self.assertLessEqual(K.horner_f32(q, Fraction(1)), 2)

    def test_monotone_runs(self):
        # consecutive floats where the steps are finest relative to p's ulp
        q = list(K.mono_exp2_constants(5).q)
        for start in (Fraction(0), Fraction(1, 2 ** 20), Fraction(1, 2), Fraction(1) - Fraction(200, 2 ** 24)):
            run = [K.horner_f32(q, f) for f in floats_from(start, 200) if f <= 1]
            self.assertEqual(run, sorted(run), start)

    def test_horner_rounds_each_step(self):
        # 1 + f q with f q = 2^-30: rounds to 1 in float
        self.assertEqual(K.horner_f32([Fraction(1, 2 ** 30)], Fraction(1)), 1)

    def test_accuracy(self):
        self.assertLess(K.mono_exp2_constants(5).log2_err, -22)
        self.assertLess(K.mono_exp2_constants(6).log2_err, -26)


if __name__ == "__main__":
    unittest.main()

"""The correctly rounded float kernel (templates/crf_avx512.c.j2): its error
bound (kernels.crf_bound) checked against the fast path replayed step by step
in exact arithmetic with float rounding, and the exactness claims of the
template's comment (w, Fast2Sum, Sterbenz, the reciprocal's residual)
asserted on every replayed input."""
import random
import unittest
from decimal import Decimal, localcontext
from fractions import Fraction

from sigbench_gen import kernels as K
from sigbench_gen.approx import round_to_float, sigmoid_dec

PARAMS = ((16, 4), (32, 4), (32, 3))


def rn(v):
    return round_to_float(v, "f32")


def replay(x, c, split="fast2sum"):
    """f0 (1 + r2) of the fast path for float x (|x| < xmax), every
    operation rounded to float as the FMAs and adds of the template do;
    split: 1 + e into D + L as crf_avx2.c.j2 ("fast2sum") or crf_avx512.c.j2
    ("fused") does, or f0 (1 + r) of crf_avx512.c.j2's split "near"."""
    kf, (p, _, _) = c.k, c.fit
    l_rn, l_err = (Fraction(v) for v in c.ln2)
    magic = Fraction(c.magic)
    nb = rn(-x * rn(K.LOG2E) + magic)
    n = nb - magic
    jk = n * kf
    assert jk.denominator == 1
    j = int(jk) % kf
    e_big = rn(K.approx.exp2_dec(Decimal(j) / kf)) * Fraction(2) ** int((jk - j) / kf)
    w = x + n * l_rn
    assert rn(w) == w, "w = x + n RN(ln2) is exact"
    tau = rn(n * l_err + c.tau[j])
    if len(p) == 3:
        pw = rn(rn(p[2] * w - p[1]) * w + p[0])
    else:
        pw = rn(-p[1] * w + p[0])
    s = rn(w * rn(w * pw - tau) + tau)
    a, b = max(e_big, 1), min(e_big, 1)
    if split == "near":
        m = rn(s - w)
        d = rn(e_big + 1)
        dd = rn(d + e_big * m)
        assert 1 <= dd < 2**24
        assert rn(1 - dd) == 1 - dd and rn((1 - dd) + e_big) == (1 - dd) + e_big, "(1 - D) + E exact"
        l = rn(e_big * s + rn((1 - dd) + e_big - e_big * w))
        assert abs(l) <= Fraction(21, 10) / 2**24 * dd, "|l| <= 2.1 u D"
        f0 = rn(1 / dd)
        r0 = 1 - f0 * dd
        assert rn(r0) == r0, "the reciprocal's residual is exact"
        r = rn(r0 - f0 * l)
        assert abs(r) <= c.bound.rho
        return f0 * (1 + r)
    if split == "fast2sum":
        d = rn(a + b)
        assert rn(d - a) == d - a and rn(b - (d - a)) == b - (d - a), "Fast2Sum"
        dl = b - (d - a)
        dd = rn(d - e_big * w)
        assert rn(d - dd) == d - dd, "Sterbenz"
        dl2 = rn((d - dd) - e_big * w)
        big_l = rn(e_big * s + rn(dl + dl2))
    else:
        dd = rn(rn(a + b) - e_big * w)
        assert rn(a - dd) == a - dd and rn((a - dd) + b) == (a - dd) + b, "A - D, + B exact"
        big_l = rn(e_big * s + rn((a - dd) + b - e_big * w))
    f0 = rn(1 / dd)
    r0 = 1 - f0 * dd
    assert rn(r0) == r0, "the reciprocal's residual is exact"
    r = rn(r0 - f0 * big_l)
    return f0 * (1 + rn(r * r + r))


def inputs(xmax, count, seed):
    """Floats spread over |x| < xmax: near 0, near the table's edges, and
    uniform in every binade."""
    rng = random.Random(seed)
    out = [Fraction(0), Fraction(1, 2**30), Fraction(-3, 2**27)]
    while len(out) < count:
        mag = rng.uniform(-24, 6)
        v = rn(Fraction(rng.choice((-1, 1)) * 2 ** mag))
        if abs(v) < xmax:
            out.append(v)
    return out


class TestCrf(unittest.TestCase):
    def test_replayed_error_within_bound(self):
        with localcontext() as ctx:
            ctx.prec = 40
            for kf, deg in PARAMS:
                for split in ("fast2sum", "fused", "near"):
                    c = K.crf_constants(kf, deg, split="near" if split == "near" else "fused")
                    worst = Fraction(0)
                    for x in inputs(c.xmax, 300, kf * 10 + deg):
                        if split != "fast2sum" and x <= c.xneg:
                            continue  # the careful path's: (A - D) + B inexact once E >= 2^24
                        y = Fraction(sigmoid_dec(Decimal(x.numerator) / Decimal(x.denominator)))
                        worst = max(worst, abs(replay(x, c, split) - y) / y)
                    self.assertLessEqual(worst, c.bound.total, (kf, deg, split))
                    # the bound is not loose by orders of magnitude
                    self.assertGreater(worst * 64, c.bound.total, (kf, deg, split))

    def test_beta(self):
        for kf, deg, split in [(kf, deg, split) for kf, deg in PARAMS for split in ("fused", "near")]:
            c = K.crf_constants(kf, deg, split=split)
            need = c.bound.total * (1 + Fraction(1, 2**11))
            self.assertEqual(rn(c.beta), c.beta)
            self.assertGreaterEqual(c.beta, need)
            self.assertLess(c.beta - need, c.beta * Fraction(1, 2**23))

    def test_tables_agree(self):
        # table_rn (vscalefps) is table (integer add of N) with j << shift added back
        for kf, deg in PARAMS:
            c = K.crf_constants(kf, deg)
            for j in range(kf):
                self.assertEqual(c.table_rn[j], (c.table[j] + (j << c.shift)) % 2**32, (kf, j))

    def test_round_up(self):
        self.assertEqual(K.round_up_f32(Fraction(1)), 1)
        self.assertEqual(K.round_up_f32(1 + Fraction(1, 2**30)), 1 + Fraction(1, 2**23))
        self.assertEqual(K.round_up_f32(Fraction(3, 2**40)), Fraction(3, 2**40))

    def test_reduction_bound(self):
        for kf, deg in PARAMS:
            b = K.crf_bound(kf, deg, 64)
            half = Fraction(K.LN2) / (2 * kf)
            self.assertGreater(b.h, half)
            self.assertLess(b.h - half, Fraction(1, 2**16))
            self.assertGreaterEqual(float(b.terms.poly), 2 ** b.fit[1] / 2)

    def test_domain_bits(self):
        # the integer test on nb's bits, replayed on floats around both edges:
        # passing it implies xneg < x < xmax, and it passes on all but the
        # last ~0.04 of the interval; NaN and the infinities fail it
        rng = random.Random(11)
        for kf, deg in PARAMS:
            c = K.crf_constants(kf, deg)
            d, magic = c.domain, Fraction(c.magic)

            def passes(x):
                nb = rn(-x * rn(K.LOG2E) + magic)
                return (K.bits(nb, "f32") - d.lo_bits) % 2**32 <= d.span

            self.assertTrue(c.xneg < d.x_lo < c.xneg + Fraction(1, 20) and c.xmax - Fraction(1, 20) < d.x_hi < c.xmax)
            for edge in (c.xneg, c.xmax):
                for _ in range(3000):
                    x = rn(Fraction(edge) + Fraction(rng.randint(-2**20, 2**20), 2**22))
                    if passes(x):
                        self.assertTrue(c.xneg < x < c.xmax, (kf, float(x)))
                    if c.xneg + Fraction(1, 20) < x < c.xmax - Fraction(1, 20):
                        self.assertTrue(passes(x), (kf, float(x)))
            # +Inf, NaN (bits above 0x7F800000) and every negative nb lie above the range
            self.assertLess(d.lo_bits + d.span, 0x7F800000)


if __name__ == "__main__":
    unittest.main()

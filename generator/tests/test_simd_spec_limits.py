"""Tests for the SIMD operation tables (simd.py), the spec loader (spec.py)
and the limits reader (records.py)."""
import os
import tempfile
import unittest

from sigbench_gen import records, simd, spec

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "..", "variants.toml")


class TestSimdOps(unittest.TestCase):
    def test_tables(self):
        for o in simd.all_ops():
            width = 32 if o.prec == "f32" else 64
            self.assertEqual(o.lanes * width, o.d["bits"], o.path)
            self.assertEqual(o.path, f"simd/{o.isa}-{o.prec}.h")
            self.assertEqual(float.fromhex(o.int_magic.rstrip("f")), 2.0 ** o.mant)
            self.assertEqual(int(o.abs_mask.rstrip("L"), 16), 2 ** (width - 1) - 1)
            self.assertEqual(o.sign_bit, f"INT{width}_MIN")
            self.assertEqual(o.I, f"int{width}_t")
            self.assertTrue(o.set1i.startswith(o.p) and o.si.startswith("si"))
            self.assertEqual(bool(o.full_mask), o.isa == "avx512")
        self.assertEqual(simd.ops("avx2", "f64").set1i, "_mm256_set1_epi64x")
        self.assertEqual(simd.ops("avx512", "f64").set1i, "_mm512_set1_epi64")
        self.assertEqual(len(simd.all_ops()), 6)
        self.assertFalse(simd.ops("sse41", "f32").fma)

    def test_fixup_and_range_encodings(self):
        # one nibble per input class, QNaN lowest; the responses the SDM lists
        self.assertEqual(simd.ONE_IF_POS, 0xA0A0A021)
        nib = {c: (simd.ONE_IF_POS >> 4 * i) & 0xF for i, c in enumerate(simd.FIXUP_CLASSES)}
        self.assertEqual({c for c, v in nib.items() if v == 0xA}, {"one", "pos_inf", "pos"})
        self.assertEqual({c for c, v in nib.items() if v == 0}, {"zero", "neg_inf", "neg"})
        self.assertEqual((nib["qnan"], nib["snan"]), (1, 2))
        self.assertEqual(simd.ops("avx512", "f32").one_if_pos_table, "(int32_t)0xa0a0a021")
        self.assertEqual(simd.ops("avx512", "f64").one_if_pos_table, "0xa0a0a021LL")
        self.assertEqual(simd.range_imm("min_abs", "set"), 0b1110)
        self.assertEqual(simd.ops("avx512", "f32").negabs_min_imm, "0x0e")

    def test_expk_plan(self):
        a32, a64 = simd.ops("avx512", "f32"), simd.ops("avx512", "f64")
        self.assertEqual(a32.expk_plan(16, "auto", "bits"), ("perm", "bits"))
        self.assertEqual(a32.expk_plan(64, "auto", "bits"), ("gather", "bits"))
        self.assertEqual(a32.expk_plan(32, "perm2", "scalef"), ("perm2", "scalef"))
        self.assertEqual(a64.expk_plan(16, "perm2", "scalef"), ("perm2", "scalef"))
        self.assertEqual(a64.expk_plan(8, "auto", "bits"), ("perm", "bits"))
        self.assertEqual(simd.ops("avx2", "f32").expk_plan(16, "auto", "bits"), ("gather", "bits"))
        self.assertEqual(a32.expk_plan(0, "auto", "scalef"), ("gather", "scalef"))
        bad = [(a32, 16, "perm2", "bits", "honest", "table of 32"),
               (a32, 32, "perm", "bits", "honest", "table of 16"),
               (simd.ops("avx2", "f32"), 8, "perm", "bits", "honest", "needs AVX-512"),
               (simd.ops("avx2", "f32"), 0, "auto", "scalef", "honest", "needs AVX-512"),
               (a32, 0, "auto", "scalef", "ftz", "honest subnormals"),
               (a32, 32, "vpgather", "bits", "honest", "lookup must be")]
        for o, lut, lookup, scale, sub, msg in bad:
            with self.assertRaises(simd.PlanError) as cm:
                o.expk_plan(lut, lookup, scale, sub)
            self.assertIn(msg, str(cm.exception))


class TestSpec(unittest.TestCase):
    def load(self, text):
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
            f.write(text)
        try:
            return spec.load(f.name)
        finally:
            os.unlink(f.name)

    FAMILY = '''[family.x]
template = "exact.c.j2"
name = "exact"
precisions = ["f32"]
isas = ["scalar"]
summary = "s"
'''

    def test_real_spec(self):
        vs = spec.load(SPEC)
        self.assertEqual(len({v.name for v in vs}), len(vs))
        self.assertTrue(any(v.family == "peer" for v in vs))

    def test_good_and_names(self):
        vs = self.load(self.FAMILY + '[[variants]]\nfamily = "x"\n')
        self.assertEqual([v.name for v in vs], ["f32-exact-scalar"])
        self.assertEqual(vs[0].cname, "sb_f32_exact_scalar")

    def test_errors(self):
        bad = {
            '[[variants]]\nfamily = "y"\n': "unknown family 'y'",
            '[[variants]]\nfamily = "x"\ndomain = "3:1"\n': "is empty",
            '[[variants]]\nfamily = "x"\ndomain = "a"\n': "is not 'all' or 'LO:HI'",
            '[[variants]]\nfamily = "x"\nisas = ["neon"]\n': "unknown ISA 'neon'",
            '[[variants]]\nfamily = "x"\n[[variants]]\nfamily = "x"\n': "duplicates variants[0]",
            '[[variants]]\nfamily = "x"\nname = "e{k}"\n': "uses 'k' but the entry does not set it",
            '[[variants]]\nfamily = "x"\nnan = "keep"\n': "nan must be",
            '': "no variants",
        }
        for text, msg in bad.items():
            with self.assertRaises(spec.SpecError) as cm:
                self.load(self.FAMILY + text)
            self.assertIn(msg, str(cm.exception))
        with self.assertRaises(spec.SpecError) as cm:
            self.load("not = [toml")
        self.assertIn(".toml", str(cm.exception))


class TestLimits(unittest.TestCase):
    def test_read(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("# comment\nf32-a-scalar ulp 3.5  # why\nf32-a-scalar abs 1e-7 -8:8\n\nshort line\n")
        try:
            lim = records.read_limits(f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(lim, {"f32-a-scalar": [("ulp", "3.5", "all"), ("abs", "1e-7", "-8:8")]})
        self.assertEqual(records.read_limits("/nonexistent/limits.txt"), {})

    def test_real_file_names_variants(self):
        names = {v.name for v in spec.load(SPEC)}
        lim = records.read_limits(os.path.join(HERE, "..", "limits.txt"))
        self.assertTrue(lim)
        self.assertLessEqual(set(lim), names | {"*"} | set(n for n in lim if "*" in n))


if __name__ == "__main__":
    unittest.main()

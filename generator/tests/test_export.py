"""Tests for sigbench_gen.export: every exportable variant renders, every
file-scope name is prefixed, two headers' private names are disjoint, an
unknown file-scope shape fails loudly, and the C table round-trips."""
import functools
import os
import re
import unittest

from sigbench_gen import export, render, spec

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


@functools.lru_cache(maxsize=None)
def rendered():
    """All variants rendered once (the fits are cached across tests)."""
    vs = spec.load(os.path.join(ROOT, "generator", "variants.toml"))
    env = render.make_env(os.path.join(ROOT, "templates"))
    limits = render.read_limits(ROOT)
    files = render.render_all(vs, ROOT, env, limits)
    return vs, env, limits, files


@functools.lru_cache(maxsize=None)
def exports():
    vs, env, limits, files = rendered()
    return {v.name: (v, export.Export(v, files, limits), *export.render(env, v, files, limits))
            for v in export.exportable(vs)}


class TestNames(unittest.TestCase):
    def test_prefix_matches_sigbench(self):
        # values printed by the C exporter this replaces
        self.assertEqual(export.private_prefix("f32-lut4096-r8-linear-sat-scalar"), "sbxa6c022_")
        self.assertEqual(export.private_prefix("f32-rr2-p5-div-honest-avx512"), "sbx6d884b_")
        self.assertEqual(export.c_name("f32-maclaurin-d9-exp0.5-scalar", "sigmoid_"),
                         "sigmoid_f32_maclaurin_d9_exp0p5_scalar")

    def test_prefixes_distinct(self):
        names = list(exports())
        self.assertEqual(len({export.private_prefix(n) for n in names}), len(names))


class TestRender(unittest.TestCase):
    def test_every_exportable_variant(self):
        vs = rendered()[0]
        ex = exports()
        self.assertEqual(set(ex), {v.name for v in vs if v.family != "peer"})
        for name, (v, e, head, tail) in ex.items():
            self.assertTrue(head.startswith("/*\n") and " * limits " in head, name)
            self.assertTrue(tail.startswith(" */\n#ifndef " + e.guard), name)
            self.assertTrue(tail.endswith(f"#endif /* {e.guard} */\n"), name)
            self.assertRegex(tail, rf"static inline void {e.pub}\(const {v.T} \*x, {v.T} \*y, size_t \w+\)")
            self.assertIn(f"static inline {v.T} {e.pub}_1({v.T} x)", tail)
            self.assertNotIn("\n\n\n", tail)
            self.assertNotIn('#include "', tail)
            self.assertNotIn("extern ", tail)
            for m in e.macros:
                self.assertIn(f"#undef {m}\n", tail)
            # the first line names what it computes: a SiLU header is no sigmoid
            self.assertIn(f"{e.pub}.h: {export.FUNCTION_TEXT[v.function]},", head, name)
            self.assertIn(f"y[i] = {v.function}(x[i])", head, name)

    def test_no_unprefixed_file_scope_name(self):
        for name, (v, e, head, tail) in exports().items():
            code = export.blank_skipped(tail[tail.index("#pragma GCC push_options"):])
            depth = 0
            for line in code.splitlines():
                start, depth = depth, depth + line.count("{") - line.count("}")
                if start or not line.strip() or line.startswith(("#", "{")):
                    if line.startswith("#define"):
                        self.assertTrue(line.split()[1].startswith(e.priv), (name, line))
                    continue
                m = re.search(r"(\w+)\s*(?:\(|\[|=|;|\{)", line)
                self.assertTrue(m, (name, line))
                self.assertTrue(m.group(1).startswith((e.priv, e.pub)), (name, line))

    def test_private_names_disjoint(self):
        ex = exports()
        seen = {}
        for name, (v, e, head, tail) in ex.items():
            for n in e.names:
                self.assertNotIn(n, seen, (name, seen.get(n)))
                seen[n] = name

    def test_isa_guard(self):
        e = exports()["f32-rr2-p5-div-honest-avx512"][1]
        self.assertIn("__AVX512F__", e.isa_defines)
        e = exports()["f32-rr2-p5-div-honest-sse41"][1]
        self.assertEqual(e.isa_defines, ["__SSE4_1__"])


class TestFailures(unittest.TestCase):
    def unit(self, text, path="x/f32-a-scalar.c"):
        u = export._Unit(path, text, "sb_f32_a_scalar", [path])
        u.all_macros = set(u.macros)
        u.process()
        return u

    def test_classifies(self):
        u = self.unit("#include <math.h>\n#define K 3\nstatic const float R = 1;\n"
                      "typedef int t;\nstruct s {\n\tint a;\n};\nstatic float one(float x)\n{\n"
                      "\treturn x;\n}\nvoid sb_f32_a_scalar(const float *x, float *y, size_t n)\n{\n}\n")
        self.assertEqual(u.macros, ["K"])
        self.assertEqual(u.names, ["R", "t", "s", "one"])
        self.assertEqual(u.includes, ["math.h"])
        self.assertTrue(u.found_entry)
        self.assertIn("static inline float one", "".join(u.lines))

    def test_unknown_shape_fails(self):
        for text in ("enum e { A, B };\n", "int counter;\n", "#if X\n#endif\n",
                     '#include "other.h"\n', "int helper(int a)\n{\n}\n"):
            with self.assertRaises(export.ExportError, msg=text):
                self.unit(text)


class TestCTable(unittest.TestCase):
    def test_c_string_round_trip(self):
        text = 'a "q" \\ back\tslash ??= trigraph\n' + "x" * 2500 + "\n"
        lit = export.c_string(text)
        self.assertTrue(all(len(line) < 1100 for line in lit.splitlines()))
        parts = re.findall(r'"((?:\\.|[^"\\])*)"', lit)
        back = "".join(parts).replace("\\?", "?").encode().decode("unicode_escape")
        self.assertEqual(back, text)

    def test_table(self):
        c = export.export_c([("f32-a-scalar", "/*\n * h\n", " */\nt\n")], "--export-c")
        self.assertIn('{ "f32-a-scalar",', c)
        self.assertIn('#include "export_table.h"', c)
        self.assertIn("sb_export_nheaders", c)


if __name__ == "__main__":
    unittest.main()

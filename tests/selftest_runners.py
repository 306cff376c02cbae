#!/usr/bin/python3
"""selftest_runners.py: tests of the test runners themselves.

The comparison rules are checked on literal token pairs; run_program.py and
run_diag.py are run against fake_numsc.py (a "compiler" that defers to
CPython), once as is (must pass) and once per injected fault (must fail).
"""

import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep the source tree clean under ctest
sys.path.insert(0, HERE)
import nps_compare  # noqa: E402

FAKE = os.path.join(HERE, "fake_numsc.py")
PROGRAMS = os.path.join(HERE, "programs")
ERRORS = os.path.join(HERE, "errors")


def run_runner(script, program, fault="", extra=()):
    env = dict(os.environ, FAKE_NUMSC_FAULT=fault)
    p = subprocess.run([sys.executable, os.path.join(HERE, script), "--numsc", FAKE]
                       + list(extra) + [program],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                       universal_newlines=True, timeout=120)
    return p.returncode, p.stdout


class TokenRules(unittest.TestCase):
    def same(self, e, a):
        self.assertIsNone(nps_compare.token_diff(e, a), (e, a))

    def differ(self, e, a, why):
        self.assertEqual(nps_compare.token_diff(e, a), why)

    def test_tokens(self):
        toks = [t for t, _ in nps_compare.tokens("[[1. 2.]\n (3, 'a');x")]
        self.assertEqual(toks, ["[", "[", "1.", "2.", "]", "(", "3", ",", "'", "a",
                                "'", ")", ";", "x"])

    def test_floats_within_tolerance(self):
        self.same("0.30000000000000004", "0.3")
        self.same("1.0000001", "1.0")
        self.same("1e-12", "1.5e-12")
        self.same("-inf", "-inf")
        self.differ("1.001", "1.0", "numbers differ beyond tolerance")
        self.differ("inf", "-inf", "inf vs number")

    def test_float_forms(self):
        self.differ("-0.", "0.", "sign of zero differs")
        self.differ("1e-05", "0.00001", "fixed vs scientific notation")
        self.differ("1.", "1.0", "trailing '.' form differs")
        self.differ("nan", "-nan", "nan must be spelled 'nan'")
        self.differ("nan", "1.0", "nan vs number")

    def test_ints(self):
        self.same("-42", "-42")
        self.differ("42", "042", "integers differ")
        self.differ("3", "3.0", "float printed where an integer was expected")
        self.differ("3.0", "3", "integer printed where a float was expected")
        self.differ("True", "1", "text differs")

    def test_compare_reports(self):
        self.assertIsNone(nps_compare.compare("[1. 2.]\n", "[1.  2.]"))
        self.assertIn("ended early", nps_compare.compare("1 2 3", "1 2")[0])
        self.assertIn("extra output", nps_compare.compare("1 2", "1 2 3")[0])
        msg = nps_compare.compare("a [0.5 1.5]", "a [0.5 1.6]")
        self.assertIn("token 4", msg[0])
        self.assertIn(">>1.6<<", msg[2])

    def test_traceback_site(self):
        err = ('Traceback (most recent call last):\n'
               '  File "/x/err_f.nps", line 9, in <module>\n    f(x)\n'
               '  File "/x/err_f.nps", line 5, in f\n    return a[n]\n'
               '           ~^^^\n'
               'IndexError: index 5 is out of bounds for axis 0 with size 5\n')
        self.assertEqual(nps_compare.traceback_site(err, "err_f.nps"), (5, "IndexError"))
        err2 = ('  File "p.nps", line 3, in <module>\n'
                'numpy.linalg.LinAlgError: Singular matrix\n')
        self.assertEqual(nps_compare.traceback_site(err2, "p.nps"), (3, "LinAlgError"))

    def test_sanitizer_pattern(self):
        self.assertTrue(nps_compare.SANITIZER.search("==12==ERROR: AddressSanitizer: x"))
        self.assertTrue(nps_compare.SANITIZER.search("a.c:3:4: runtime error: overflow"))
        self.assertFalse(nps_compare.SANITIZER.search("p.nps:3: error: IndexError"))


class ProgramRunner(unittest.TestCase):
    def check(self, prog, fault, want_rc, want_text):
        rc, out = run_runner("run_program.py", os.path.join(PROGRAMS, prog), fault)
        self.assertEqual(rc, want_rc, out)
        self.assertIn(want_text, out)

    def test_pass(self):
        self.check("print_float_arrays.nps", "", 0, "PASS print_float_arrays.nps")

    def test_options_accepted(self):
        rc, out = run_runner("run_program.py", os.path.join(PROGRAMS, "scalar_power.nps"),
                             extra=["--opt", "-O0", "--threads", "2"])
        self.assertEqual(rc, 0, out)

    def test_faults_detected(self):
        self.check("print_float_arrays.nps", "neg-zero", 1, "sign of zero differs")
        self.check("scalar_int_arith.nps", "int-as-float", 1,
                   "float printed where an integer was expected")
        self.check("scalar_float_arith.nps", "drift", 1, "numbers differ beyond tolerance")
        self.check("scalar_power.nps", "crash", 1, "numsc failed (killed by signal SIGSEGV)")

    def test_error_program(self):
        self.check("err_index_in_function.nps", "", 0, "PASS")
        self.check("err_zero_division_int.nps", "neg-zero", 0, "PASS")

    def test_error_program_wrong_output(self):
        self.check("err_assert_failure.nps", "int-as-float", 1, "stdout before the error")


class DiagRunner(unittest.TestCase):
    FILE = os.path.join(ERRORS, "name_undefined_variable.nps")

    def check(self, fault, want_rc, want_text):
        rc, out = run_runner("run_diag.py", self.FILE, fault)
        self.assertEqual(rc, want_rc, out)
        self.assertIn(want_text, out)

    def test_pass(self):
        self.check("", 0, "PASS name_undefined_variable.nps")

    def test_faults_detected(self):
        self.check("exit0", 1, "accepted the program")
        self.check("no-caret", 1, "not followed by a source line")
        self.check("extra-error", 1, "unexpected extra error")
        self.check("leave-output", 1, "left an output file behind")
        self.check("crash", 1, "killed by signal SIGSEGV")

    def test_every_error_file_has_expectations(self):
        for f in sorted(os.listdir(ERRORS)):
            with open(os.path.join(ERRORS, f)) as fh:
                self.assertTrue(fh.readline().startswith("# expect: "), f)
            rc, out = run_runner("run_diag.py", os.path.join(ERRORS, f))
            self.assertEqual(rc, 0, out)


if __name__ == "__main__":
    unittest.main(verbosity=2)

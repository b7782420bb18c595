#!/usr/bin/python3
"""The sanitized build really is: the programs the tests drive link AddressSanitizer
and UndefinedBehaviorSanitizer, an error of each kind ends the process with a
failure under the asan test preset's options (so a Python test that spawns the
CLI fails), and the Python interpreter itself is not instrumented.

check_sanitizers.py CANARY PROGRAM...
"""
import os
import subprocess
import sys
import unittest

CANARY, PROGRAMS = sys.argv[1], sys.argv[2:]
del sys.argv[1:]


class SanitizerTest(unittest.TestCase):
    def test_python_is_not_instrumented(self):
        with open("/proc/self/maps") as maps:
            self.assertNotIn("libasan", maps.read())
        self.assertNotIn("asan", os.environ.get("LD_PRELOAD", ""))

    def test_programs_link_both_sanitizers(self):
        for program in [CANARY, *PROGRAMS]:
            needed = subprocess.run(["readelf", "-d", program], capture_output=True, text=True, check=True).stdout
            self.assertIn("libasan.so", needed, program)
            self.assertIn("libubsan.so", needed, program)

    def test_each_error_fails_the_process(self):
        for what, report in (("heap", "AddressSanitizer: heap-use-after-free"),
                             ("ub", "runtime error: signed integer overflow"),
                             ("leak", "LeakSanitizer: detected memory leaks")):
            p = subprocess.run([CANARY, what], capture_output=True, text=True, timeout=60)
            self.assertNotEqual(p.returncode, 0, what)
            self.assertIn(report, p.stderr)
        self.assertEqual(subprocess.run([CANARY, "ok"], timeout=60).returncode, 0)


if __name__ == "__main__":
    unittest.main()

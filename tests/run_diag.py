#!/usr/bin/python3
"""run_diag.py: one diagnostic golden test.

  run_diag.py --numsc PATH tests/errors/NAME.nps

NAME.nps begins with one or more comment lines

    # expect: LINE:COL: error: MESSAGE

numsc must reject the program: exit status 1..127 (no signal, no timeout), no
sanitizer report, no output file left behind.  Each expected diagnostic must
appear as the exact line `NAME.nps:LINE:COL: error: MESSAGE`, followed by the
source line LINE and a caret line whose '^' sits under column COL.  No other
`error:` line may appear (one mistake, one message).
Exit status: 0 pass, 1 fail, 2 set-up error.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean under ctest
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nps_compare  # noqa: E402
from run_program import run  # noqa: E402

EXPECT = re.compile(r"^#\s*expect:\s*(\d+):(\d+): error: (.+?)\s*$")
CARET = re.compile(r"^\s*\^~*\s*$")


def read_expectations(path):
    """[(line, col, message)] from the leading comment block; lines of source."""
    with open(path, encoding="utf-8") as f:
        src = f.read().split("\n")
    exp = []
    for text in src:
        if not text.startswith("#"):
            break
        m = EXPECT.match(text)
        if m:
            exp.append((int(m.group(1)), int(m.group(2)), m.group(3)))
    return exp, src


def check_one(out_lines, i, src, line, col):
    """Problems with the source and caret lines that follow diagnostic line i."""
    want = src[line - 1].rstrip() if 0 < line <= len(src) else ""
    if i + 2 >= len(out_lines):
        return ["diagnostic is not followed by a source line and a caret line"]
    shown, caret = out_lines[i + 1], out_lines[i + 2]
    if not want or not shown.rstrip().endswith(want):
        return ["line after the diagnostic should show source line %d %r, got %r"
                % (line, want, shown)]
    if not CARET.match(caret):
        return ["expected a caret line (^~~~) under the source line, got %r" % caret]
    start = len(shown.rstrip()) - len(want)
    if caret.index("^") != start + col - 1:
        return ["caret is under column %d, expected column %d:" % (caret.index("^") - start + 1, col),
                "  " + shown, "  " + caret]
    return []


def check_output(name, text, exp, src):
    lines = text.split("\n")
    problems = []
    for line, col, msg in exp:
        want = "%s.nps:%d:%d: error: %s" % (name, line, col, msg)
        if want in lines:
            problems += check_one(lines, lines.index(want), src, line, col)
        else:
            problems.append("missing diagnostic: %s" % want)
    wanted = {"%s.nps:%d:%d: error: %s" % (name, l, c, m) for l, c, m in exp}
    extra = [l for l in lines if ": error: " in l and l not in wanted]
    if extra:
        problems.append("unexpected extra error(s): " + "; ".join(extra[:5]))
    return problems


def test_diag(src_path, opts, work):
    name = os.path.basename(src_path)[:-len(".nps")]
    exp, src = read_expectations(src_path)
    if not exp:
        return ["no '# expect: LINE:COL: error: MESSAGE' line at the top (fix the test)"]
    shutil.copy2(src_path, os.path.join(work, name + ".nps"))
    out = os.path.join(work, name)
    comp = run([opts.numsc, name + ".nps", "-o", out], work, opts.timeout)
    text = comp.out + comp.err
    problems = []
    if comp.timed_out or comp.rc < 0 or comp.rc >= 128:
        problems.append("numsc %s" % comp.describe())
    elif comp.rc == 0:
        problems.append("numsc accepted the program (exit status 0)")
    if nps_compare.SANITIZER.search(text):
        problems.append("sanitizer report in numsc output")
    if os.path.lexists(out):
        problems.append("numsc left an output file behind")
    problems += check_output(name, text, exp, src)
    if problems:
        problems += ["numsc said:"] + ["  | " + l for l in text.rstrip("\n").split("\n")[:40]]
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("program", help="tests/errors/NAME.nps")
    ap.add_argument("--numsc", required=True)
    ap.add_argument("--timeout", type=float, default=60)
    opts = ap.parse_args()
    if not opts.program.endswith(".nps") or not os.path.isfile(opts.program):
        print("run_diag: no such file: %s" % opts.program, file=sys.stderr)
        return 2
    opts.numsc = os.path.abspath(opts.numsc)
    work = tempfile.mkdtemp(prefix="numsc-diag-")
    try:
        problems = test_diag(os.path.abspath(opts.program), opts, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    label = os.path.basename(opts.program)
    print(("FAIL %s" % label) if problems else ("PASS %s" % label))
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

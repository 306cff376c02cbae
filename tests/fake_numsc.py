#!/usr/bin/python3
"""fake_numsc.py: a stand-in compiler used only to test the test runners.

  fake_numsc.py NAME.nps -o OUT [flags...]

A file that starts with '# expect: L:C: error: MSG' lines is "rejected": the
diagnostics are printed GCC style (with source and caret line) and the exit
status is 1.  Anything else is "compiled" into OUT, a script that runs
/usr/bin/python3 on a copy of the source and turns a traceback into the
run-time error numsc's runtime prints: `NAME.nps:LINE: error: Class: msg`.

FAKE_NUMSC_FAULT injects one fault so the self-test can check the runners
notice it: crash | exit0 | leave-output | no-caret | neg-zero | int-as-float |
drift | extra-error.
"""

import os
import re
import stat
import sys

FAULT = os.environ.get("FAKE_NUMSC_FAULT", "")

PROGRAM = r'''#!/usr/bin/python3
import os, re, subprocess, sys
FAULT = %(fault)r
src = %(src)r
name = %(name)r
p = subprocess.run(["/usr/bin/python3", "-c", src], capture_output=True, text=True,
                   env=dict(os.environ, OMP_NUM_THREADS="1"))
out = p.stdout
if FAULT == "neg-zero":
    out = re.sub(r"(?<![\d.])0\.(?!\d)", "-0.", out, count=1)
if FAULT == "int-as-float":
    out = re.sub(r"(?<![\w.])(\d+)(?![\w.])", r"\1.0", out, count=1)
if FAULT == "drift":
    out = re.sub(r"(\d+\.\d{6})\d", r"\g<1>9", out, count=1)
sys.stdout.write(out)
if p.returncode:
    lines = [int(m) for m in re.findall(r'File "<string>", line (\d+)', p.stderr)]
    cls = p.stderr.strip().split("\n")[-1].split(":")[0].rsplit(".", 1)[-1]
    sys.stderr.write("%%s.nps:%%d: error: %%s\n" %% (name, lines[-1] if lines else 0, cls))
    sys.exit(1)
'''


def reject(name, src, exp):
    lines = src.split("\n")
    for line, col, msg in exp:
        print("%s.nps:%d:%d: error: %s" % (name, line, col, msg), file=sys.stderr)
        if FAULT != "no-caret":
            print("    " + lines[line - 1], file=sys.stderr)
            print("    " + " " * (col - 1) + "^", file=sys.stderr)
    if FAULT == "extra-error":
        print("%s.nps:1:1: error: cascade" % name, file=sys.stderr)
    return 0 if FAULT == "exit0" else 1


def main():
    args = sys.argv[1:]
    if "--version" in args:
        print("numsc 0.0.0-fake")
        return 0
    src_path, out = args[0], args[args.index("-o") + 1]
    name = os.path.basename(src_path)[:-len(".nps")]
    with open(src_path) as f:
        src = f.read()
    if FAULT == "crash":
        os.kill(os.getpid(), 11)
    exp = [(int(a), int(b), m) for a, b, m in
           re.findall(r"^# expect: (\d+):(\d+): error: (.*)$", src, re.M)]
    if exp:
        if FAULT == "leave-output":
            open(out, "w").close()
        return reject(name, src, exp)
    with open(out, "w") as f:
        f.write(PROGRAM % {"fault": FAULT, "src": src, "name": name})
    os.chmod(out, os.stat(out).st_mode | stat.S_IXUSR)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""run_program.py: one end-to-end test: compile NAME.nps with numsc, run it,
and compare its stdout with what /usr/bin/python3 NAME.nps prints.

  run_program.py --numsc PATH [--threads N] [--opt FLAG]... [--timeout S] NAME.nps

Normal programs pass when numsc exits 0, the binary exits 0 and its stdout
matches NumPy's (nps_compare rules).  err_*.nps programs pass when Python
raises, the binary exits with status 1..127, its stderr names NAME.nps:LINE
(LINE = innermost traceback frame in NAME.nps) and the stdout printed before
the error matches.  Exit status: 0 pass, 1 fail, 2 set-up error.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean under ctest
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nps_compare  # noqa: E402

PYTHON = "/usr/bin/python3"


class Proc:
    """Outcome of one child process."""

    def __init__(self, rc, out, err, timed_out):
        self.rc, self.out, self.err, self.timed_out = rc, out, err, timed_out

    def describe(self):
        if self.timed_out:
            return "timed out"
        if self.rc < 0:
            return "killed by signal %s" % signal.Signals(-self.rc).name
        return "exit status %d" % self.rc

    def crashed(self):
        return self.timed_out or self.rc < 0 or self.rc >= 128


def run(cmd, cwd, timeout, env=None):
    """Run cmd in its own process group; a timeout kills the whole group."""
    try:
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
    except OSError as e:
        return Proc(127, "", "cannot run %s: %s\n" % (cmd[0], e), False)
    try:
        out, err = p.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        timed_out = True
    dec = lambda b: b.decode("utf-8", errors="replace")  # noqa: E731
    return Proc(p.returncode, dec(out), dec(err), timed_out)


def stage(src, dest):
    """Copy NAME.nps and its companions NAME.* into dest."""
    folder, file = os.path.split(src)
    prefix = file[:-len(".nps")] + "."
    for f in os.listdir(folder or "."):
        p = os.path.join(folder, f)
        if f.startswith(prefix) and os.path.isfile(p) and not f.endswith(".expected"):
            shutil.copy2(p, os.path.join(dest, f))


def reference_env():
    env = dict(os.environ)
    for k in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONWARNINGS"):
        env.pop(k, None)
    env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", PYTHONHASHSEED="0",
               PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    return env


def tail(text, n=15):
    lines = text.rstrip("\n").split("\n")
    if len(lines) > n:
        lines = ["[... %d lines]" % (len(lines) - n)] + lines[-n:]
    return ["  | " + l for l in lines]


def check_error_run(name, ref, prog):
    """Problems with an err_* program's run, given the reference run."""
    file = name + ".nps"
    line, cls = nps_compare.traceback_site(ref.err, file)
    if ref.rc == 0 or line is None:
        return ["err_ program did not raise under Python (fix the test):"] + tail(ref.err)
    problems = []
    if prog.rc == 0:
        problems.append("program exited 0; expected %s at %s:%d" % (cls, file, line))
    elif prog.crashed():
        problems.append("program %s; expected a clean exit 1..127" % prog.describe())
    if not re.search(r"(?<![\w.-])%s:%d(?!\d)" % (re.escape(file), line), prog.err):
        problems.append("stderr does not name %s:%d (Python raised %s there)"
                        % (file, line, cls))
    diff = nps_compare.compare(ref.out, prog.out)
    if diff:
        problems += ["stdout before the error: " + diff[0]] + diff[1:]
    return problems


def check_normal_run(ref, prog):
    if ref.rc != 0:
        return ["reference run failed (%s) (fix the test):" % ref.describe()] + tail(ref.err)
    problems = []
    if prog.rc != 0:
        problems.append("program failed (%s)" % prog.describe())
    diff = nps_compare.compare(ref.out, prog.out)
    return problems + (diff or [])


def test_program(src, opts, work):
    """List of problems (empty = pass)."""
    name = os.path.basename(src)[:-len(".nps")]
    cdir, pdir = os.path.join(work, "compiled"), os.path.join(work, "python")
    for d in (cdir, pdir):
        os.makedirs(d)
        stage(src, d)
    ref = run([PYTHON, name + ".nps"], pdir, opts.timeout * 4 + 60, reference_env())
    binary = os.path.join(cdir, name)
    comp = run([opts.numsc, name + ".nps", "-o", binary] + opts.opt, cdir, opts.compile_timeout)
    if comp.rc != 0 or nps_compare.SANITIZER.search(comp.out + comp.err):
        return ["numsc failed (%s)" % comp.describe()] + tail(comp.out + comp.err)
    if not os.path.isfile(binary):
        return ["numsc exited 0 but wrote no %s" % name]
    env = dict(os.environ)
    if opts.threads:
        env["OMP_NUM_THREADS"] = str(opts.threads)
    prog = run([binary], cdir, opts.timeout, env)
    problems = []
    if prog.timed_out:
        problems.append("program timed out after %gs" % opts.timeout)
    if nps_compare.SANITIZER.search(prog.err):
        problems.append("sanitizer report on stderr")
    if name.startswith("err_"):
        problems += check_error_run(name, ref, prog)
    else:
        problems += check_normal_run(ref, prog)
    if problems and prog.err.strip():
        problems += ["program stderr:"] + tail(prog.err)
    return problems


def glue_opt(argv):
    """'--opt -O0' -> '--opt=-O0' (argparse rejects values that start with '-')."""
    out, i = [], 0
    while i < len(argv):
        if argv[i] == "--opt" and i + 1 < len(argv):
            out.append("--opt=" + argv[i + 1])
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("program", help="NAME.nps")
    ap.add_argument("--numsc", required=True, help="the compiler")
    ap.add_argument("--threads", type=int, help="OMP_NUM_THREADS for the compiled program")
    ap.add_argument("--opt", action="append", default=[],
                    help="extra numsc flag, e.g. --opt=-O0 (repeatable)")
    ap.add_argument("--timeout", type=float, default=60, help="run limit, seconds")
    ap.add_argument("--compile-timeout", type=float, default=300)
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    opts = ap.parse_args(glue_opt(sys.argv[1:]))
    src = os.path.abspath(opts.program)
    if not src.endswith(".nps") or not os.path.isfile(src):
        print("run_program: no such program: %s" % opts.program, file=sys.stderr)
        return 2
    opts.numsc = os.path.abspath(opts.numsc)
    work = tempfile.mkdtemp(prefix="numsc-prog-")
    try:
        problems = test_program(src, opts, work)
    finally:
        if opts.keep:
            print("kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    label = os.path.basename(src)
    if problems:
        print("FAIL %s" % label)
        print("\n".join("  " + p for p in problems))
        return 1
    print("PASS %s" % label)
    return 0


if __name__ == "__main__":
    sys.exit(main())

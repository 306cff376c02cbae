#!/usr/bin/python3
"""run_random: differential testing of numsc against NumPy on random programs.

    run_random.py --numsc build/numsc [--count N] [--seed S] [--jobs J]
                  [--opts=-O0,-O2] [--threads 1,2] [--out DIR] [--no-shrink]

For each seed S, S+1, ... it generates a program (gen_nps.py), runs it under
/usr/bin/python3, compiles it with numsc at every level in --opts and runs
each binary with every OMP_NUM_THREADS in --threads; outputs are compared with
the acceptance suite's rules (nps_compare).  A failing program (the reference
fails: a generator bug; numsc rejects it, crashes or reports a sanitizer
error; the binary crashes, fails or prints something else) is saved in --out
with its diagnosis, then shrunk by delta debugging over lines to the smallest
program that still fails the same way (NAME.min.nps).  Exit status 1 if any
program failed.  Stdlib only.
"""

import argparse
import ast
import concurrent.futures
import copy
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import gen_nps  # noqa: E402
import nps_compare  # noqa: E402
from run_program import reference_env, run  # noqa: E402

PYTHON = "/usr/bin/python3"


def check(text, args, work):
    """None if numsc agrees with NumPy on program `text`, else (kind, detail).
    kind is a short class ('reference', 'compile', 'crash', 'mismatch', ...)
    that shrinking must preserve."""
    src = os.path.join(work, "prog.nps")
    with open(src, "w") as f:
        f.write(text)
    ref = run([PYTHON, "prog.nps"], work, args.timeout, reference_env())
    if ref.rc != 0 or ref.timed_out:
        return "reference", "python3 failed: " + ref.err.strip()[-300:]
    for opt in args.opts:
        exe = os.path.join(work, "prog" + opt)
        cc = run([args.numsc, opt, "prog.nps", "-o", exe], work, args.timeout * 4)
        if nps_compare.SANITIZER.search(cc.err):
            return "compile-sanitizer", "numsc %s: %s" % (opt, cc.err.strip()[-600:])
        if cc.crashed():
            return "compile-crash", "numsc %s %s: %s" % (opt, cc.status(), cc.err.strip()[-300:])
        if cc.rc != 0:
            first = [l for l in cc.err.splitlines() if "error" in l][:1] or [cc.err.strip()[-200:]]
            msg = first[0].split("error: ", 1)[-1]
            return "compile-error: " + msg, "numsc %s rejected it (exit %d): %s" % (opt, cc.rc, first[0])
        for t in args.threads:
            env = dict(os.environ, OMP_NUM_THREADS=str(t), OPENBLAS_NUM_THREADS="1")
            out = run([exe], work, args.timeout, env)
            where = "%s, %s thread(s)" % (opt, t)
            if nps_compare.SANITIZER.search(out.err):
                return "run-sanitizer", "%s: %s" % (where, out.err.strip()[-600:])
            if out.crashed() or out.rc != 0:
                return "run-fail", "%s: %s: %s" % (where, out.status(), out.err.strip()[-300:])
            diff = nps_compare.compare(ref.out, out.out)
            if diff:
                return "mismatch", "%s: %s" % (where, "\n".join(diff))
    return None


def ddmin_lines(lines, fails):
    """Classic ddmin over the lines after the first ('import numpy as np')."""
    n = 2
    while len(lines) > 2:
        body = lines[1:]
        chunk = max(1, len(body) // n)
        for i in range(0, len(body), chunk):
            cand = lines[:1] + body[:i] + body[i + chunk:]
            if fails(cand):
                lines, n = cand, max(n - 1, 2)
                break
        else:
            if chunk == 1:
                break
            n = min(n * 2, len(body))
    return lines


def drop_blocks(lines, fails):
    """Remove a block header together with its indented body, greedily."""
    i = 1
    while i < len(lines):
        ind = len(lines[i]) - len(lines[i].lstrip())
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or
                                  len(lines[j]) - len(lines[j].lstrip()) > ind):
            j += 1
        cand = lines[:i] + lines[j:]
        if j > i + 1 and fails(cand):
            lines = cand
        else:
            i += 1
    return lines


_SHRINKABLE = (ast.BinOp, ast.UnaryOp, ast.Call, ast.BoolOp, ast.Compare)


def _children(node):
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.BoolOp):
        return list(node.values)
    if isinstance(node, ast.Compare):
        return [node.left] + list(node.comparators)
    kids = list(node.args)
    if isinstance(node.func, ast.Attribute) and not isinstance(node.func.value, ast.Name):
        kids.append(node.func.value)
    return kids


def _replaced(tree, n, k):
    """Source of tree with its n-th shrinkable node replaced by its k-th child."""
    t = copy.deepcopy(tree)
    target = [x for x in ast.walk(t) if isinstance(x, _SHRINKABLE)][n]
    repl = _children(target)[k]
    for parent in ast.walk(t):
        for field, value in ast.iter_fields(parent):
            if value is target:
                setattr(parent, field, repl)
                return ast.unparse(t)
            if isinstance(value, list) and any(v is target for v in value):
                value[[id(v) for v in value].index(id(target))] = repl
                return ast.unparse(t)
    return None


def shrink_exprs(text, fails, budget):
    """Replace operations by one of their operands while the failure stays."""
    n = 0
    while budget[0] > 0:
        tree = ast.parse(text)
        nodes = [x for x in ast.walk(tree) if isinstance(x, _SHRINKABLE)]
        if n >= len(nodes):
            break
        for k in range(len(_children(nodes[n]))):
            cand = _replaced(tree, n, k)
            budget[0] -= 1
            if cand and fails(cand.split("\n")):
                text = cand
                break
        else:
            n += 1
    return text


def shrink(text, kind, args, work):
    """Smallest program found that still fails with the same kind: ddmin over
    lines, whole blocks, then expressions (operation -> one operand)."""
    def fails(cand):
        r = check("\n".join(cand) + "\n", args, work)
        return r is not None and r[0] == kind

    lines = text.rstrip("\n").split("\n")
    lines = drop_blocks(ddmin_lines(lines, fails), fails)
    lines = ddmin_lines(lines, fails)
    small = shrink_exprs("\n".join(lines) + "\n", fails, [args.shrink_steps])
    return small.rstrip("\n") + "\n"


def one(seed, args):
    work = tempfile.mkdtemp(prefix="numsc-rand-")
    try:
        if args.file:
            with open(args.file) as f:
                text = f.read()
            base = os.path.basename(args.file).rsplit(".", 1)[0]
        else:
            text, base = gen_nps.generate(seed), "seed%d" % seed
        res = check(text, args, work)
        if res is None:
            return seed, None, None
        kind, detail = res
        name = os.path.join(args.out, base)
        os.makedirs(args.out, exist_ok=True)
        with open(name + ".nps", "w") as f:
            f.write(text)
        small = None
        if args.shrink and kind != "reference":
            small = shrink(text, kind, args, work)
            with open(name + ".min.nps", "w") as f:
                f.write(small)
            res2 = check(small, args, work)
            detail = res2[1] if res2 else detail
        with open(name + ".txt", "w") as f:
            f.write("%s\n%s\n" % (kind, detail))
        return seed, kind, detail
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--numsc", required=True)
    ap.add_argument("--count", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--opts", default="-O0,-O2")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--out", default="random-failures")
    ap.add_argument("--no-shrink", dest="shrink", action="store_false")
    ap.add_argument("--shrink-steps", type=int, default=200,
                    help="expression replacements tried per failure")
    ap.add_argument("--file", help="check (and shrink) this program instead of generating")
    args = ap.parse_args()
    args.numsc = os.path.abspath(args.numsc)
    args.out = os.path.abspath(args.out)
    args.opts = args.opts.split(",")
    args.threads = [int(t) for t in args.threads.split(",")]
    failed = 0
    if args.file:
        args.count = 1
    seeds = range(args.seed, args.seed + args.count)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for seed, kind, detail in pool.map(lambda s: one(s, args), seeds):
            if kind:
                failed += 1
                print("seed %d: %s: %s" % (seed, kind, detail.splitlines()[0]))
                print("  saved in %s%s" % (args.out, " (+ .min.nps: shrunk)" if args.shrink else ""))
    print("%d programs, %d agree with NumPy, %d failed (seeds %d..%d, opts %s, threads %s)"
          % (args.count, args.count - failed, failed, args.seed, args.seed + args.count - 1,
             ",".join(args.opts), ",".join(map(str, args.threads))))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

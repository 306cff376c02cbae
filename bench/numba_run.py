"""numba_run.py: run a bench kernel (.nps) under Numba.

Usage: numba_run.py KERNEL.nps ARGS...

Loads the kernel file as Python, wraps every module-level function whose name
starts with `kernel` in numba.njit(parallel=True) (a decorator added to the
syntax tree, so line numbers in errors still point into the .nps file), and
runs it as __main__ with sys.argv = [KERNEL.nps, ARGS...].  The kernel script
times its own calls and discards a warm-up call, so Numba's lazy compilation
stays out of the reported times; the compile time itself is measured through
Numba's event API and printed last as `numba_compile SECONDS`.
"""
import ast
import sys
import warnings

import numba
import numba.core.event as nevent

JIT_NAME = "__bench_njit__"


def jit_tree(tree):
    """Decorate the kernel functions of a parsed module; return their names."""
    names = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("kernel"):
            node.decorator_list.append(ast.Name(id=JIT_NAME, ctx=ast.Load()))
            names.append(node.name)
    ast.fix_missing_locations(tree)
    return names


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: numba_run.py KERNEL.nps ARGS...")
    path = sys.argv[1]
    with open(path) as f:
        tree = ast.parse(f.read(), path)
    if not jit_tree(tree):
        sys.exit(f"{path}: no function named kernel*")
    code = compile(tree, path, "exec")
    warnings.simplefilter("ignore", numba.NumbaPerformanceWarning)
    timer = nevent.TimingListener()
    nevent.register("numba:compile", timer)
    sys.argv = [path] + sys.argv[2:]
    env = {"__name__": "__main__", "__file__": path,
           JIT_NAME: numba.njit(parallel=True)}
    exec(code, env)
    print("numba_compile", timer.duration if timer.done else 0.0)


if __name__ == "__main__":
    main()

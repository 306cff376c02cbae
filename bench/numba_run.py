"""numba_run.py: run a bench kernel (.nps) under Numba.

Usage: numba_run.py KERNEL.nps ARGS...

Loads the kernel file as Python, wraps every module-level function whose name
starts with `kernel` in numba.njit(parallel=True) (a decorator added to the
syntax tree, so line numbers in errors still point into the .nps file), and
runs it as __main__ with sys.argv = [KERNEL.nps, ARGS...].  The kernel script
times its own calls and discards a warm-up call, so Numba's lazy compilation
stays out of the reported times; the compile time itself is measured through
Numba's event API and printed as `numba_compile SECONDS`, followed by
`numba_cache_hits N`: with NUMBA_CACHE_DIR set, compiled kernels are cached
on disk (cache=True) and a later run loads them instead of compiling.
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


def cache_hits(env, names):
    """Signatures loaded from Numba's on-disk cache instead of compiled."""
    return sum(sum(env[n].stats.cache_hits.values()) for n in names)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: numba_run.py KERNEL.nps ARGS...")
    path = sys.argv[1]
    with open(path) as f:
        tree = ast.parse(f.read(), path)
    names = jit_tree(tree)
    if not names:
        sys.exit(f"{path}: no function named kernel*")
    code = compile(tree, path, "exec")
    warnings.simplefilter("ignore", numba.NumbaPerformanceWarning)
    timer = nevent.TimingListener()
    nevent.register("numba:compile", timer)
    sys.argv = [path] + sys.argv[2:]
    env = {"__name__": "__main__", "__file__": path,
           JIT_NAME: numba.njit(parallel=True, cache=True)}
    exec(code, env)
    print("numba_compile", timer.duration if timer.done else 0.0)
    print("numba_cache_hits", cache_hits(env, names))


if __name__ == "__main__":
    main()

"""benchlib.py: the pieces of bench/run that are not the run loop.

Kernel headers, running one process while measuring other processes' CPU
use (/proc/stat), parsing kernel output and error messages, the machine's
limits (STREAM triad, DGEMM) and the machine description.  Stdlib only.
"""
import glob
import os
import re
import resource
import subprocess
import sys
import time
from collections import namedtuple

CLK_TCK = os.sysconf("SC_CLK_TCK")
RTOL = 1e-8          # checksums agree to this relative tolerance
BLAS_INC = "/usr/include/x86_64-linux-gnu/openblas-openmp"
BLAS_LIB = "/usr/lib/x86_64-linux-gnu/openblas-openmp"


class Kernel:
    """One bench/kernels/*.nps file and its `# bench:` header line:
    `# bench: S=200 M=600 L=1400 flops=EXPR bytes=EXPR` (EXPR in n)."""

    def __init__(self, path):
        self.path = path
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.sizes, self.exprs = {}, {}
        with open(path) as f:
            for line in f:
                if line.startswith("# bench:"):
                    self._header(line[len("# bench:"):])
        for key in ("flops", "bytes"):
            self.exprs.setdefault(key, "0")

    def _header(self, text):
        for item in text.split():
            key, _, val = item.partition("=")
            if key in ("S", "M", "L"):
                self.sizes[key] = int(val)
            else:
                self.exprs[key] = val

    def _eval(self, key, n):
        return float(eval(self.exprs[key], {"__builtins__": {}}, {"n": n}))

    def flops(self, n):
        return self._eval("flops", n)

    def bytes(self, n):
        return self._eval("bytes", n)


def load_kernels(directory, only=None):
    paths = sorted(glob.glob(os.path.join(directory, "*.nps")))
    kernels = [Kernel(p) for p in paths]
    if only:
        wanted = only.split(",")
        missing = set(wanted) - {k.name for k in kernels}
        if missing:
            sys.exit(f"bench/run: no such kernel: {', '.join(sorted(missing))}")
        kernels = [k for k in kernels if k.name in wanted]
    return kernels


def cpu_busy_seconds():
    """CPU seconds used on all cores since boot (not idle, not iowait)."""
    with open("/proc/stat") as f:
        vals = [int(v) for v in f.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = vals
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def own_cpu_seconds():
    """CPU seconds of this process and of all its waited-for children."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        ru = resource.getrusage(who)
        total += ru.ru_utime + ru.ru_stime
    return total


Measured = namedtuple("Measured", "rc stdout stderr wall other_load timed_out")


def measure(cmd, env, timeout):
    """Run cmd to completion.  other_load: the CPU that processes other than
    this one and its children used meanwhile, in cores (1.0 = one busy core)."""
    busy0, own0, t0 = cpu_busy_seconds(), own_cpu_seconds(), time.perf_counter()
    timed_out = False
    try:
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    except OSError as e:
        return Measured(127, "", str(e), 0.0, 0.0, False)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        timed_out = True
    wall = time.perf_counter() - t0
    other = (cpu_busy_seconds() - busy0) - (own_cpu_seconds() - own0)
    load = max(0.0, other) / wall if wall > 0 else 0.0
    return Measured(p.returncode, out, err, wall, load, timed_out)


def parse_output(text):
    """`key value` lines printed by a kernel (and numba_run.py)."""
    out = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2:
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                pass
    return out


def numsc_error(stderr):
    """The first diagnostic of a failed numsc compile, and how many more."""
    errs = [ln.strip() for ln in stderr.splitlines() if ": error: " in ln]
    if not errs:
        lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
        return lines[-1] if lines else None
    first = re.sub(r"^.*?/([^/]+\.nps)", r"\1", errs[0])
    return first + (f" (+{len(errs) - 1} more)" if len(errs) > 1 else "")


EXC_RE = re.compile(r"^\s*([A-Za-z_][\w.]*(?:Error|Exception)): (.+)$")
LOC_RE = re.compile(r'File "[^"]*?([^/"]+\.nps)", line (\d+)')


def run_error(stderr, rc):
    """One line describing why a kernel process failed."""
    stderr = re.sub(r"/\S*/([^/\s]+\.nps)", r"\1", stderr)
    lines = stderr.splitlines()
    excs = [m for m in map(EXC_RE.match, lines) if m]
    locs = LOC_RE.findall(stderr)
    if not excs:
        tail = [ln.strip() for ln in lines if ln.strip()]
        return tail[-1] if tail else f"exit status {rc}"
    kind = excs[0].group(1).split(".")[-1]
    why = excs[-1].group(2) if len(excs) > 1 else excs[0].group(2)
    where = f" at {locs[-1][0]}:{locs[-1][1]}" if locs else ""
    return f"{kind}{where}: {why.strip()}"


def close(a, b):
    return abs(a - b) <= RTOL * max(abs(a), abs(b), 1e-300)


def check_row(row):
    """row['check']: 'ok', 'mismatch: SYSTEMS' or 'failed: SYSTEMS'."""
    res = row["results"]
    ok = {s: r["checksum"] for s, r in res.items() if r["status"] == "ok"}
    failed = [s for s, r in res.items() if r["status"] != "ok"]
    ref = ok.get("numpy", next(iter(ok.values()), None))
    bad = [s for s, c in ok.items() if not close(c, ref)]
    for s in ok:
        res[s]["agrees"] = s not in bad
    if bad:
        row["check"] = "mismatch: " + ",".join(bad)
    elif failed:
        row["check"] = "failed: " + ",".join(failed)
    else:
        row["check"] = "ok"


def describe(name, size, threads, rec):
    head = f"{name} {size} t={threads} {rec['system']:5s}"
    if rec["status"] != "ok":
        return f"{head} ERROR {rec['error']}"
    med = rec.get("median")
    ms = f"{med * 1e3:10.3f} ms" if med is not None else "   (no time)"
    return f"{head} {ms}  checksum {rec['checksum']!r}  other load {rec['other_load']:.2f}"


def build_tool(bench, workdir, name, extra):
    """Compile bench/NAME.c into workdir once; (path or None, error)."""
    exe = os.path.join(workdir, name)
    if os.path.exists(exe):
        return exe, None
    cmd = ["cc", "-O3", "-fopenmp", "-march=native", "-o", exe,
           os.path.join(bench, name + ".c"), *extra]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return None, (p.stderr.strip().splitlines() or ["cc failed"])[-1]
    return exe, None


def machine_limits(bench, workdir, env, timeout):
    """STREAM triad GB/s and DGEMM GFLOP/s under env's thread count."""
    tools = {"stream": ("triad_GBs", []),
             "dgemm_peak": ("dgemm_GFLOPs",
                            ["-I" + BLAS_INC, "-L" + BLAS_LIB, "-lopenblas"])}
    lim = {"other_load": 0.0}
    for name, (key, extra) in tools.items():
        exe, err = build_tool(bench, workdir, name, extra)
        if exe is None:
            lim[key], lim[key + "_error"] = None, err
            continue
        m = measure([exe], env, timeout)
        lim[key] = parse_output(m.stdout).get(key)
        lim["other_load"] = max(lim["other_load"], round(m.other_load, 3))
    return lim


def best_limits(a, b):
    """The higher rate of two limit measurements, the higher other load."""
    out = {}
    for key in ("triad_GBs", "dgemm_GFLOPs"):
        vals = [v for v in (a.get(key), b.get(key)) if v]
        out[key] = max(vals) if vals else None
    out["other_load"] = max(a.get("other_load", 0.0), b.get("other_load", 0.0))
    return out


def first_line(path, prefix):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(prefix):
                    return line[len(prefix):].strip().lstrip(":").strip()
    except OSError:
        pass
    return "?"


def command_out(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def machine_info(root, numsc):
    versions = command_out(["/usr/bin/python3", "-c",
                            "import numpy; v = 'numpy ' + numpy.__version__\n"
                            "try:\n import numba; v += ', numba ' + numba.__version__\n"
                            "except ImportError: v += ', numba missing'\nprint(v)"])
    commit = command_out(["git", "-C", root, "describe", "--always", "--dirty"])
    cache = os.path.join(os.path.dirname(numsc), "CMakeCache.txt")
    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "cpu": first_line("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "memory": first_line("/proc/meminfo", "MemTotal"),
        "kernel": " ".join(os.uname()[2:3]),
        "python": sys.version.split()[0],
        "versions": versions,
        "commit": commit,
        "numsc_build": first_line(cache, "CMAKE_BUILD_TYPE:STRING="),
        "loadavg_start": open("/proc/loadavg").read().split()[0],
    }


def draw_chart(python, bench, json_path, png_path, log):
    """bench/chart.py in a child process (it needs matplotlib)."""
    p = subprocess.run([python, os.path.join(bench, "chart.py"), json_path, png_path],
                       capture_output=True, text=True)
    if p.returncode != 0 or not os.path.exists(png_path):
        log("chart: " + ((p.stderr.strip().splitlines() or ["failed"])[-1]))
        return None
    return png_path


def logger():
    t0 = time.time()

    def log(msg):
        print(f"[{time.time() - t0:6.1f}s] {msg}", file=sys.stderr, flush=True)
    return log

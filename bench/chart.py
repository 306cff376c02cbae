"""chart.py: bar chart of speedups over NumPy from a bench/run JSON record.

Usage: chart.py RESULT.json OUT.png   (needs Debian's python3-matplotlib)

One group of bars per kernel, at the largest size that ran: Numba and numsc
time relative to NumPy's at the same thread count, on a log scale.  A kernel
a system could not run has no bar for it (marked "x" at the 1x line).
"""
import json
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

ORDER = {"S": 0, "M": 1, "L": 2}
COLORS = {"numba": ("#f4a259", "#c8553d"), "numsc": ("#8ecae6", "#1d4e89")}


def largest_rows(rows):
    best = {}
    for r in rows:
        key = (r["kernel"], r["threads"])
        if key not in best or ORDER[r["size"]] > ORDER[best[key]["size"]]:
            best[key] = r
    return best


def speedup(row, system):
    base, r = row["results"].get("numpy"), row["results"].get(system)
    if not base or not r or base["status"] != "ok" or r["status"] != "ok":
        return None
    if not base.get("median") or not r.get("median"):
        return None
    return base["median"] / r["median"]


def main():
    with open(sys.argv[1]) as f:
        data = json.load(f)
    threads = data["meta"]["threads"]
    systems = [s for s in ("numba", "numsc") if s in data["meta"]["systems"]]
    best = largest_rows(data["rows"])
    kernels = sorted({k for k, _ in best})
    series = [(s, t) for s in systems for t in threads]
    width = 0.8 / max(1, len(series))
    handles = []
    fig, ax = plt.subplots(figsize=(max(8, 0.6 * len(kernels) + 2), 5))
    for i, (s, t) in enumerate(series):
        xs, ys, miss = [], [], []
        for j, k in enumerate(kernels):
            x = j + (i - (len(series) - 1) / 2) * width
            v = speedup(best[(k, t)], s) if (k, t) in best else None
            if v:
                xs.append(x)
                ys.append(v)
            else:
                miss.append(x)
        color = COLORS[s][min(threads.index(t), 1)]
        ax.bar(xs, ys, width, color=color)
        handles.append(Patch(color=color, label=f"{s}, {t} thread{'s' if t > 1 else ''}"))
        ax.plot(miss, [1.0] * len(miss), "x", color=color)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ax.set_xticks(range(len(kernels)))
    ax.set_xticklabels(kernels, rotation=45, ha="right")
    ax.set_ylabel("speedup over NumPy (NumPy time / time)")
    sizes = sorted({r["size"] for r in best.values()}, key=ORDER.get)
    ax.set_title(f"numsc and Numba against NumPy (largest size run: {'/'.join(sizes)}; "
                 f"x = did not run)")
    ax.legend(handles=handles, fontsize="small")
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=110)


if __name__ == "__main__":
    main()

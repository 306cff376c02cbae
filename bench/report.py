"""report.py: the Markdown report of a bench/run result (see bench/run).

markdown(data, chart, noise) turns the JSON record of a run into the
tables of bench/results/*.md and docs/performance.md.  Stdlib only.
"""

NAMES = {"numpy": "NumPy", "numba": "Numba", "numsc": "numsc"}


def cell(text, width=70):
    text = str(text).replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= width else text[:width - 1] + "…"


def ms(rec):
    if rec is None:
        return "—"
    if rec["status"] != "ok":
        return "error: " + cell(rec["error"], 60)
    if rec.get("median") is None:
        return "ok"
    flag = "" if rec.get("agrees", True) else " (wrong)"
    return f"{rec['median'] * 1e3:.3f}{flag}"


def speedup(row, base, system):
    """How many times faster `system` ran than `base` (>1: system faster)."""
    a, b = row["results"].get(base), row["results"].get(system)
    if not a or not b or a["status"] != "ok" or b["status"] != "ok":
        return None
    if not a.get("median") or not b.get("median"):
        return None
    return a["median"] / b["median"]


def fmt_x(v):
    return "—" if v is None else f"{v:.2f}×"


def roofline(row, lim):
    """('mem'|'flop', minimal time in s) under the measured limits."""
    if not lim or not lim.get("triad_GBs") or not lim.get("dgemm_GFLOPs"):
        return None, None
    tf = row["flops"] / (lim["dgemm_GFLOPs"] * 1e9)
    tb = row["bytes"] / (lim["triad_GBs"] * 1e9)
    return ("flop", tf) if tf >= tb else ("mem", tb)


def fractions(row, tmin, systems):
    out = []
    for s in systems:
        r = row["results"].get(s)
        if tmin is None or not r or r["status"] != "ok" or not r.get("median"):
            out.append("—")
        else:
            out.append(f"{100 * tmin / r['median']:.0f}%")
    return " / ".join(out)


def numba_compile(row):
    r = row["results"].get("numba")
    if not r or r["status"] != "ok" or r.get("numba_compile") is None:
        return "—"
    if r.get("numba_cache_hits") and not r["numba_compile"]:
        return "cached"
    return f"{r['numba_compile']:.2f}"


def noise(row, threshold):
    loads = [r.get("other_load", 0.0) for r in row["results"].values()]
    worst = max(loads) if loads else 0.0
    return f"**noisy** {worst:.2f}" if worst > threshold else f"{worst:.2f}"


def time_table(rows, systems, lim, threshold):
    names = [NAMES[s] for s in systems]
    head = (["kernel", "size", "n"] + [f"{n} ms" for n in names] +
            ["numsc vs NumPy", "numsc vs Numba", "bound",
             "% of limit (" + " / ".join(names) + ")",
             "Numba compile s", "numsc compile s", "checksums", "other load"])
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        bound, tmin = roofline(row, lim)
        ctime = row.get("numsc_compile")
        cells = ([row["kernel"], row["size"], str(row["n"])] +
                 [ms(row["results"].get(s)) for s in systems] +
                 [fmt_x(speedup(row, "numpy", "numsc")),
                  fmt_x(speedup(row, "numba", "numsc")),
                  bound or "—", fractions(row, tmin, systems),
                  numba_compile(row),
                  "—" if ctime is None else f"{ctime:.2f}",
                  row["check"], noise(row, threshold)])
        out.append("| " + " | ".join(cells) + " |")
    return out


def scaling_table(rows, systems, t1, tn):
    """t1/tN time ratios: how much faster all cores ran than one."""
    key = {(r["kernel"], r["size"], r["threads"]): r for r in rows}
    head = ["kernel", "size"] + [f"{NAMES[s]} {t1}→{tn}" for s in systems]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        if r["threads"] != t1 or (r["kernel"], r["size"], tn) not in key:
            continue
        other = key[(r["kernel"], r["size"], tn)]
        cells = [r["kernel"], r["size"]]
        for s in systems:
            a, b = r["results"].get(s), other["results"].get(s)
            ok = a and b and a["status"] == "ok" and b["status"] == "ok"
            cells.append(fmt_x(a["median"] / b["median"]) if ok and b.get("median")
                         else "—")
        out.append("| " + " | ".join(cells) + " |")
    return out


def error_list(rows):
    seen, out = set(), []
    for row in rows:
        for s, r in row["results"].items():
            if r["status"] == "ok" or (row["kernel"], s, r["error"]) in seen:
                continue
            seen.add((row["kernel"], s, r["error"]))
            out.append(f"- **{row['kernel']}** ({NAMES[s]}, from size {row['size']}): "
                       f"`{r['error']}`")
    return out


def machine_section(meta, limits):
    out = [f"- date: {meta['date']} ({meta['mode']} run, {meta.get('elapsed_s', '?')} s)",
           f"- CPU: {meta['cpu']}, {meta['cores']} cores, {meta['memory']} memory, "
           f"Linux {meta['kernel']}",
           f"- Python {meta['python']}, {meta['versions']}; numsc at {meta['commit']} "
           f"({meta['numsc_build']} build); load average at start {meta['loadavg_start']}"]
    if limits:
        out += ["", "Machine limits (best of a measurement before and one after the kernels):",
                "", "| threads | STREAM triad GB/s | DGEMM GFLOP/s | other load |",
                "|---|---|---|---|"]
        for t, lim in sorted(limits.items(), key=lambda kv: int(kv[0])):
            out.append(f"| {t} | {lim.get('triad_GBs') or '—'} | "
                       f"{lim.get('dgemm_GFLOPs') or '—'} | {lim.get('other_load', 0):.2f} |")
    return out


LEGEND = """\
Times are the median of the timed repetitions (one untimed warm-up call first,
which also keeps Numba's compilation out of its times). `numsc vs X` is
X's time / numsc's time: above 1× numsc is faster. `bound` says which limit
is nearer for the kernel's minimal traffic and flops (from each kernel's
`# bench:` header): `mem` measures bytes/time against the STREAM triad,
`flop` flops/time against the DGEMM rate, both at the same thread count and
in the same run; the `% of limit` is that minimal time over the measured time
(small sizes that fit in cache can exceed 100%). `other load` is the CPU
used by other processes during the measurement, in cores, from /proc/stat;
rows above the threshold are marked **noisy** and should not be read as
clean. `checksums`: all systems that ran agree with NumPy to 1e-8 relative."""


def markdown(data, chart, threshold):
    meta, limits, rows = data["meta"], data["limits"], data["rows"]
    systems = meta["systems"]
    out = ["# numsc benchmark results", ""] + machine_section(meta, limits) + [""]
    if chart:
        out += [f"![speedup over NumPy]({chart})", ""]
    threads = meta["threads"]
    for t in threads:
        trows = [r for r in rows if r["threads"] == t]
        out += [f"## {t} thread{'s' if t > 1 else ''}", ""]
        out += time_table(trows, systems, limits.get(str(t)), threshold) + [""]
    if len(threads) > 1:
        out += [f"## Scaling (time at {threads[0]} thread / time at {threads[-1]})", ""]
        out += scaling_table(rows, systems, threads[0], threads[-1]) + [""]
    errs = error_list(rows)
    if errs:
        out += ["## Errors", ""] + errs + [""]
    out += ["## How to read this", "", LEGEND.format(), ""]
    return "\n".join(out)

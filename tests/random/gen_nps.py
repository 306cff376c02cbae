#!/usr/bin/python3
"""gen_nps: random valid .nps programs for differential testing (Csmith spirit).

    gen_nps.py SEED            print the program for SEED on stdout

A program builds arrays of random shapes and dtypes and transforms them with
broadcasting element-wise chains, slices with random bounds and steps (views
included), reductions along random axes, matmuls, loops with independent and
with carried iterations, helper functions (some mutate their argument),
in-place and overlapping slice assignments; it ends by printing a checksum of
every array.  Programs are free of undefined or order-sensitive behaviour:
the generator tracks a bound on |value| of every array and keeps floats below
FLOAT_LIMIT and ints below INT_LIMIT (no overflow), divides only by
`abs(y) + 1`, takes sqrt/log of positive arguments, never casts computed
floats to int, and prints floats only through rounded checksums, so any
difference from NumPy is a compiler bug.  Stdlib only.
"""

import random
import re
import sys

FLOAT_LIMIT = 1e4
INT_LIMIT = 10 ** 6
MAX_SIZE = 48                 # elements per array
KINDS = ("f8", "f8", "f8", "i8", "i8", "f4", "b")
# Constructs that hit known, reported numsc bugs; the generator avoids them
# until they are fixed (clear the set to hunt for them again).
#   where-scalars: np.where whose operands are all scalars or 0-d arrays
#                  fails IR verification (tests/programs/where_zero_d_nested.nps;
#                  the all-scalar case was fixed in 4538a1d)
AVOID = set()
DTYPE = {"f8": "np.float64", "f4": "np.float32", "i8": "np.int64", "b": "np.bool_"}


class Var:
    def __init__(self, name, kind, shape, bound, group):
        self.name, self.kind, self.shape, self.bound, self.group = name, kind, shape, bound, group


def size(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def bshape(*shapes):
    """NumPy's broadcast of shapes that are known to be compatible."""
    n = max(len(s) for s in shapes)
    out = []
    for i in range(n):
        out.append(max((s[len(s) - n + i] if len(s) - n + i >= 0 else 1) for s in shapes))
    return tuple(out)


def dims_text(shape):
    return ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "")


def promote(a, b):
    """Result kind of an arithmetic op between arrays of kinds a and b."""
    if a == b:
        return "i8" if a == "b" else a
    order = {"b": 0, "i8": 1, "f4": 2, "f8": 3}
    if {a, b} == {"f4", "i8"}:
        return "f8"
    return a if order[a] > order[b] else b


class Expr:
    """Generated code with its kind, shape and a bound on |value|."""

    def __init__(self, code, kind, shape, bound):
        self.code, self.kind, self.shape, self.bound = code, kind, shape, bound


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.vars = []
        self.lines = []
        self.indent = 0
        self.nvar = 0
        self.ngroup = 0
        self.nscalar = 0
        self.funcs = []           # (name, arity, bound factor)
        self.want = ()            # kinds the current leaf may have

    # ---- output ----
    def emit(self, line):
        self.lines.append("    " * self.indent + line)

    def fresh(self, prefix="V"):
        self.nvar += 1
        return "%s%d" % (prefix, self.nvar)

    def const(self, lo=-2.0, hi=2.0):
        """A float literal that is never a round number (no ties, no exact zero)."""
        return round(self.r.uniform(lo, hi), 3) + 0.0005

    def shape(self):
        r = self.r.choice((1, 1, 2, 2, 2, 3))
        while True:
            s = tuple(self.r.randint(1, 5) for _ in range(r))
            if size(s) <= MAX_SIZE:
                return s

    # ---- slices ----
    def slice_for(self, dim, length):
        """A slice text that selects exactly `length` of `dim` elements."""
        r = self.r
        for _ in range(400):
            step = r.choice((None, 1, 1, 2, 3, -1, -1, -2))
            pick = lambda: r.choice((None, r.randint(-dim - 2, dim + 2)))  # noqa: E731
            start, stop = pick(), pick()
            if len(range(dim)[slice(start, stop, step)]) == length:
                txt = "%s:%s" % ("" if start is None else start, "" if stop is None else stop)
                if step is not None:
                    txt += ":%d" % step
                return txt
        return "%d:%d" % (0, length) if length < dim or r.random() < 0.5 else ":"

    def index_for(self, dim):
        return self.r.randint(-dim, dim - 1)

    # ---- leaves ----
    def candidates(self, pred):
        return [v for v in self.vars if pred(v)]

    def leaf(self, shape, kinds):
        r = self.r
        self.want = kinds
        opts = []
        same = self.candidates(lambda v: v.shape == shape and v.kind in kinds)
        if same:
            opts += [lambda: self.leaf_var(r.choice(same))] * 3
        wider = self.candidates(lambda v: len(v.shape) == len(shape) and v.kind in kinds and
                                all(a >= b for a, b in zip(v.shape, shape)))
        if wider:
            opts += [lambda: self.leaf_slice(r.choice(wider), shape)] * 2
        higher = self.candidates(lambda v: len(v.shape) == len(shape) + 1 and v.kind in kinds)
        if higher:
            opts.append(lambda: self.leaf_index_or_reduce(r.choice(higher), shape))
        tr = self.candidates(lambda v: len(v.shape) >= 2 and v.shape[::-1] == shape and v.kind in kinds)
        if tr:
            opts.append(lambda: self.leaf_transpose(r.choice(tr)))
        resh = self.candidates(lambda v: size(v.shape) == size(shape) and v.shape != shape and
                               v.kind in kinds)
        if resh:
            opts.append(lambda: self.leaf_reshape(r.choice(resh), shape))
        opts.append(lambda: self.leaf_scalar(kinds))
        opts.append(lambda: self.leaf_broadcast(shape, kinds))
        if not opts or r.random() < 0.15:
            return self.leaf_fresh(shape, kinds)
        return r.choice(opts)()

    def leaf_var(self, v):
        return Expr(v.name, v.kind, v.shape, v.bound)

    def leaf_slice(self, v, shape):
        idx = ", ".join(self.slice_for(d, n) for d, n in zip(v.shape, shape))
        return Expr("%s[%s]" % (v.name, idx), v.kind, shape, v.bound)

    def leaf_index_or_reduce(self, v, shape):
        r = self.r
        ax = r.randrange(len(v.shape))
        rest = v.shape[:ax] + v.shape[ax + 1:]
        if rest == shape and v.kind in ("f8", "i8") and r.random() < 0.5:
            if "i8" in self.want and r.random() < 0.3:
                fn = r.choice(("argmax", "argmin"))
                return Expr("np.%s(%s, axis=%d)" % (fn, v.name, ax), "i8", shape, v.shape[ax])
            return self.reduce(v, ax)
        if r.random() < 0.2 and ax == len(v.shape) - 1 and len(v.shape) >= 2:
            ok = all(d >= n for d, n in zip(v.shape, shape))
            if ok:
                parts = [self.slice_for(d, n) for d, n in zip(v.shape[:-1], shape)]
                if all(p == ":" for p in parts):
                    return Expr("%s[..., %d]" % (v.name, self.index_for(v.shape[-1])), v.kind, shape, v.bound)
        parts, k = [], 0
        for i, d in enumerate(v.shape):
            if i == ax:
                parts.append(str(self.index_for(d)))
            else:
                if d < shape[k]:
                    return self.leaf_fresh(shape, (v.kind,))
                parts.append(self.slice_for(d, shape[k]))
                k += 1
        return Expr("%s[%s]" % (v.name, ", ".join(parts)), v.kind, shape, v.bound)

    def reduce(self, v, ax):
        r = self.r
        op = r.choice(("sum", "max", "min", "mean", "prod") if v.kind == "f8" else ("sum", "max", "min"))
        n = v.shape[ax]
        if op == "prod" and v.bound ** n > FLOAT_LIMIT:
            op = "sum"
        axis = ax if r.random() < 0.6 else ax - len(v.shape)
        bound = {"sum": v.bound * n, "prod": v.bound ** n}.get(op, v.bound)
        kind = "f8" if op == "mean" else v.kind
        shape = v.shape[:ax] + v.shape[ax + 1:]
        if r.random() < 0.5:
            code = "%s.%s(axis=%d)" % (v.name, op, axis)
        else:
            code = "np.%s(%s, axis=%d)" % (op, v.name, axis)
        return Expr(code, kind, shape, bound)

    def leaf_transpose(self, v):
        code = "%s.T" % v.name if self.r.random() < 0.6 else "np.transpose(%s)" % v.name
        return Expr(code, v.kind, v.shape[::-1], v.bound)

    def leaf_reshape(self, v, shape):
        dims = list(shape)
        if self.r.random() < 0.3:
            dims[self.r.randrange(len(dims))] = -1
        txt = ", ".join(map(str, dims))
        if self.r.random() < 0.5:
            txt = "(%s)" % (txt + "," if len(dims) == 1 else txt)
        return Expr("%s.reshape(%s)" % (v.name, txt), v.kind, shape, v.bound)

    def leaf_scalar(self, kinds):
        r = self.r
        if "i8" in kinds and (r.random() < 0.5 or not ({"f8", "f4"} & set(kinds))):
            c = r.randint(-5, 7)
            return Expr(str(c), "i8s", (), abs(c))
        if "b" in kinds and not ({"f8", "f4", "i8"} & set(kinds)):
            return Expr(r.choice(("True", "False")), "bs", (), 1)
        c = self.const()
        return Expr(repr(c), "f8s", (), abs(c))

    def leaf_broadcast(self, shape, kinds):
        """An operand of a smaller shape that broadcasts to `shape`."""
        r = self.r
        k = r.randint(0, len(shape))
        sub = tuple(1 if r.random() < 0.4 else d for d in shape[k:])
        if not sub:
            return self.leaf_scalar(kinds)
        ones = [i for i, d in enumerate(sub) if d == 1]
        if ones and r.random() < 0.4:
            p = r.choice(ones)
            e = self.newaxis_or_keepdims(sub, p, kinds)
            if e:
                return e
        return self.leaf(sub, kinds) if r.random() < 0.7 else self.leaf_fresh(sub, kinds)

    def newaxis_or_keepdims(self, sub, p, kinds):
        """An operand of shape `sub` (sub[p] == 1) made with np.newaxis / None /
        keepdims=True from an existing array."""
        r = self.r
        drop = sub[:p] + sub[p + 1:]
        vs = self.candidates(lambda v: v.shape == drop and v.kind in kinds)
        if vs and r.random() < 0.6:
            v = r.choice(vs)
            parts = [":"] * len(drop)
            parts.insert(p, r.choice(("np.newaxis", "None")))
            if p == len(drop) and r.random() < 0.5:
                parts = ["...", parts[-1]]
            return Expr("%s[%s]" % (v.name, ", ".join(parts)), v.kind, sub, v.bound)
        ks = self.candidates(lambda v: len(v.shape) == len(sub) and v.kind in kinds and
                             v.kind in ("f8", "i8") and
                             all(a == b for i, (a, b) in enumerate(zip(v.shape, sub)) if i != p))
        if not ks:
            return None
        v = r.choice(ks)
        op = r.choice(("sum", "max", "min") + (("mean",) if v.kind == "f8" else ()))
        bound = v.bound * v.shape[p] if op == "sum" else v.bound
        return Expr("%s.%s(axis=%d, keepdims=True)" % (v.name, op, p), "f8" if op == "mean" else v.kind,
                    sub, bound)

    def leaf_fresh(self, shape, kinds):
        r = self.r
        kind = r.choice([k for k in kinds if k in DTYPE] or ["f8"])
        n = size(shape)
        dims = ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "")
        form = r.randrange(5)
        if kind == "b":
            m = r.randint(2, 4)
            return Expr("(np.arange(%d) %% %d == %d).reshape((%s))" % (n, m, r.randrange(m), dims),
                        "b", shape, 1)
        if form == 0:
            c = r.randint(-3, 3) if kind == "i8" else self.const(-1, 1)
            return Expr("np.full((%s), %r, dtype=%s)" % (dims, c, DTYPE[kind]), kind, shape, abs(c))
        if form == 1 and kind != "i8":
            a, b = self.const(), self.const()
            return Expr("np.linspace(%r, %r, %d).reshape((%s)).astype(%s)" % (a, b, n, dims, DTYPE[kind]),
                        kind, shape, max(abs(a), abs(b)))
        if form == 2 and len(shape) == 2 and kind != "b":
            return Expr("np.eye(%d, %d, dtype=%s)" % (shape[0], shape[1], DTYPE[kind]), kind, shape, 1)
        if kind == "i8":
            off = r.randint(-n, 2)
            return Expr("(np.arange(%d) + %d).reshape(%s)" % (n, off, dims.rstrip(",")),
                        "i8", shape, n + abs(off))
        scale, off = self.const(0.1, 1.0), self.const()
        return Expr("(np.arange(%d, dtype=%s) * %r + %r).reshape(%s)"
                    % (n, DTYPE[kind], scale, off, dims.rstrip(",")), kind, shape, n * scale + abs(off))

    # ---- expressions ----
    def expr(self, shape, kind, depth):
        """An expression of exactly `shape` whose kind is `kind` ('f8', 'f4', 'i8', 'b')."""
        r = self.r
        if kind == "b":
            return self.cmp(shape, depth)
        if depth <= 0 or r.random() < 0.25:
            e = self.leaf(shape, self.operand_kinds(kind))
            return self.fix(e, shape, kind)
        pick = r.random()
        if pick < 0.15 and kind in ("f8", "i8") and len(shape) in (1, 2):
            e = self.matmul(shape, kind, depth)
        elif pick < 0.35:
            e = self.unary(self.expr(shape, kind, depth - 1), kind)
        elif pick < 0.42 and self.funcs and kind != "i8":
            e = self.call(shape, kind, depth)
        elif pick < 0.5:
            c = self.cmp(shape, depth - 1)
            a, b = self.expr(shape, kind, depth - 1), self.expr(shape, kind, depth - 1)
            if "where-scalars" in AVOID and not (c.shape or a.shape or b.shape):
                a = self.exact(shape, kind, depth - 1)
            e = Expr("np.where(%s, %s, %s)" % (c.code, a.code, b.code), kind,
                     bshape(c.shape, a.shape, b.shape), max(a.bound, b.bound))
        else:
            e = self.binary(self.expr(shape, kind, depth - 1), self.expr(shape, kind, depth - 1), kind)
        return self.fix(e, shape, kind)

    def exact(self, shape, kind, depth):
        """expr() broadcast up to exactly `shape`."""
        e = self.expr(shape, kind, depth)
        if e.shape == shape:
            return e
        zero = "np.zeros((%s), dtype=%s)" % (dims_text(shape), DTYPE[kind])
        op = "|" if kind == "b" else "+"
        return Expr("(%s %s %s)" % (zero, op, e.code), kind, shape, e.bound)

    def operand_kinds(self, kind):
        return {"f8": ("f8", "i8", "f8"), "f4": ("f4",), "i8": ("i8",)}[kind]

    def fix(self, e, shape, kind):
        """Bring e to `kind` and within the limits."""
        if e.kind in ("i8s", "f8s", "bs"):
            e = Expr(e.code, {"i8s": "i8", "f8s": "f8", "bs": "b"}[e.kind], e.shape, e.bound)
            if kind == "f4" and e.kind == "f8":
                e.kind = "f4"
        if e.kind != kind:
            if kind == "f8" and e.kind in ("i8", "f4") and self.r.random() < 0.5:
                e = Expr("(%s * 1.0)" % e.code, "f8", e.shape, e.bound)
            elif kind == "f8" and e.kind in ("i8", "f4", "b"):
                e = Expr("%s.astype(np.float64)" % self.paren_arr(e), "f8", e.shape, e.bound)
            elif kind == "i8" and e.kind == "b":
                e = Expr("%s.astype(np.int64)" % self.paren_arr(e), "i8", e.shape, e.bound)
            else:
                return self.leaf_fresh(shape, (kind,))
        if kind == "i8" and e.bound > INT_LIMIT:
            m = self.r.choice((7, 97, 1000))
            e = Expr("(%s) %% %d" % (e.code, m), kind, e.shape, m)
        elif kind in ("f8", "f4") and e.bound > FLOAT_LIMIT:
            if self.r.random() < 0.5:
                e = Expr("np.tanh(%s)" % e.code, kind, e.shape, 1.0)
            else:
                c = self.r.choice((1.5, 10.0, 100.0))
                e = Expr("np.clip(%s, %r, %r)" % (e.code, -c, c), kind, e.shape, c)
        return e

    def paren_arr(self, e):
        if e.shape == ():
            return "np.array(%s)" % e.code
        return "(%s)" % e.code

    def binary(self, a, b, kind):
        r = self.r
        sh = bshape(a.shape, b.shape)
        ops = ["+", "-", "*", "max", "min"]
        if kind == "f8":
            ops += ["/", "**2"]
        if kind == "i8":
            ops += ["//", "%", "**2"]
        op = r.choice(ops)
        if op == "+" or op == "-":
            return Expr("(%s %s %s)" % (a.code, op, b.code), kind, sh, a.bound + b.bound)
        if op == "*":
            return Expr("(%s * %s)" % (a.code, b.code), kind, sh, a.bound * b.bound)
        if op in ("max", "min"):
            fn = "np.maximum" if op == "max" else "np.minimum"
            return Expr("%s(%s, %s)" % (fn, a.code, b.code), kind, sh, max(a.bound, b.bound))
        if op == "/":
            return Expr("(%s / (np.abs(%s) + 1.0))" % (a.code, b.code), kind, sh, a.bound)
        if op == "**2":
            return Expr("(%s) ** 2" % a.code, kind, a.shape, a.bound ** 2)
        m = r.randint(2, 9)
        if op == "//":
            return Expr("(%s // %d)" % (a.code, m), kind, a.shape, a.bound)
        return Expr("(%s %% %d)" % (a.code, m), kind, a.shape, m)

    def unary(self, a, kind):
        r = self.r
        if kind == "i8":
            op = r.choice(("neg", "abs", "clip"))
        elif kind == "f4":
            op = r.choice(("neg", "abs", "clip", "sqrt"))
        else:
            op = r.choice(("neg", "abs", "clip", "sqrt", "sin", "cos", "tanh", "arctan", "exp", "log"))
        b = a.bound
        if op == "neg":
            return Expr("(-%s)" % a.code, kind, a.shape, b)
        if op == "abs":
            return Expr("np.abs(%s)" % a.code, kind, a.shape, b)
        if op == "clip":
            lo = r.randint(-4, 0) if kind == "i8" else self.const(-2, 0)
            hi = r.randint(1, 6) if kind == "i8" else self.const(0.1, 3)
            return Expr("np.clip(%s, %r, %r)" % (a.code, lo, hi), kind, a.shape, max(abs(lo), abs(hi)))
        if op == "sqrt":
            return Expr("np.sqrt(np.abs(%s) + 0.5)" % a.code, kind, a.shape, (b + 0.5) ** 0.5)
        if op == "exp":
            return Expr("np.exp(np.tanh(%s))" % a.code, kind, a.shape, 2.72)
        if op == "log":
            return Expr("np.log(np.abs(%s) + 1.0)" % a.code, kind, a.shape, b)
        return Expr("np.%s(%s)" % (op, a.code), kind, a.shape, 1.6)

    def cmp(self, shape, depth):
        r = self.r
        if depth > 0 and r.random() < 0.3:
            a, b = self.cmp(shape, depth - 1), self.cmp(shape, depth - 1)
            op = r.choice(("&", "|"))
            code = "(%s %s %s)" % (a.code, op, b.code)
            if r.random() < 0.3 and (a.shape or b.shape):   # ~ of a Python bool is an int
                code = "(~%s)" % code
            return Expr(code, "b", bshape(a.shape, b.shape), 1)
        kind = r.choice(("f8", "i8"))
        a = self.expr(shape, kind, max(depth - 1, 0))
        rhs = repr(self.const(-1, 3)) if kind == "f8" else str(r.randint(-3, 8))
        rsh = ()
        if r.random() < 0.3:
            re_ = self.expr(shape, kind, 0)
            rhs, rsh = re_.code, re_.shape
        return Expr("(%s %s %s)" % (a.code, r.choice(("<", "<=", ">", ">=")), rhs), "b",
                    bshape(a.shape, rsh), 1)

    def matmul(self, shape, kind, depth):
        r = self.r
        k = r.randint(1, 5)
        if len(shape) == 2 and r.random() < 0.2:
            a, b = self.exact((shape[0],), kind, depth - 1), self.exact((shape[1],), kind, depth - 1)
            return Expr("np.outer(%s, %s)" % (a.code, b.code), kind, shape, a.bound * b.bound)
        if len(shape) == 2:
            a = self.exact((shape[0], k), kind, depth - 1)
            b = self.exact((k, shape[1]), kind, depth - 1)
        elif r.random() < 0.5:
            a = self.exact((shape[0], k), kind, depth - 1)
            b = self.exact((k,), kind, depth - 1)
        else:
            a = self.exact((k,), kind, depth - 1)
            b = self.exact((k, shape[0]), kind, depth - 1)
        form = "(%s @ %s)" if r.random() < 0.7 else "np.dot(%s, %s)"
        return Expr(form % (a.code, b.code), kind, shape, k * a.bound * b.bound)

    def call(self, shape, kind, depth):
        if kind == "f8" and self.r.random() < 0.25:     # the recursive helper
            a = self.exact(shape, kind, depth - 1)
            return Expr("halve(%s, %d)" % (a.code, self.r.randint(0, 3)), kind, shape, a.bound + 0.25)
        name, arity, factor = self.r.choice(self.funcs)
        args = [self.exact(shape, kind, depth - 1) for _ in range(arity)]
        bound = factor * max(a.bound for a in args)
        return Expr("%s(%s)" % (name, ", ".join(a.code for a in args)), kind, shape, bound)

    # ---- statements ----
    def new_array(self):
        r = self.r
        kind = r.choice(KINDS)
        shape = self.shape() if not self.vars or r.random() < 0.4 else r.choice(self.vars).shape
        e = self.exact(shape, kind, r.randint(0, 3))
        if kind == "f8" and r.random() < 0.1:
            e = Expr("%s.copy()" % self.paren_arr(e), kind, shape, e.bound)
        m = re.match(r"(?:np\.transpose\()?(V\d+)(?:\[|\.T$|\.reshape|\)$)", e.code)
        base = [v for v in self.vars if m and v.name == m.group(1)]
        self.bind(e, base[0].group if base else None)   # a bare view aliases its base

    def bind(self, e, group=None):
        name = self.fresh()
        if group is None:
            self.ngroup += 1
            group = self.ngroup
        self.vars.append(Var(name, e.kind, e.shape, e.bound, group))
        self.emit("%s = %s" % (name, e.code))
        return self.vars[-1]

    def new_view(self):
        """A named view (slice, index, transpose, reshape) sharing its base's group."""
        r = self.r
        base = r.choice(self.vars)
        shape = tuple(r.randint(1, d) for d in base.shape)
        if r.random() < 0.3 and len(base.shape) >= 2:
            e = self.leaf_transpose(base)
        else:
            e = self.leaf_slice(base, shape)
        v = self.bind(e, base.group)
        return v

    def raise_bound(self, v, bound):
        for w in self.vars:
            if w.group == v.group:
                w.bound = max(w.bound, bound)

    def limit(self, kind):
        return INT_LIMIT if kind == "i8" else FLOAT_LIMIT

    def assign_slice(self):
        """V[sl] = e, V[sl] op= e, V op= e, or an overlapping V[a] = V[b]."""
        r = self.r
        v = r.choice(self.vars)
        sub = tuple(r.randint(1, d) for d in v.shape)
        target = "%s[%s]" % (v.name, ", ".join(self.slice_for(d, n) for d, n in zip(v.shape, sub)))
        whole = r.random() < 0.2
        if whole:
            target, sub = v.name, v.shape
        if r.random() < 0.25:       # overlapping copy within the same array
            src = self.leaf_slice(v, sub)
            self.emit("%s%s = %s" % (target, "[...]" if whole else "", src.code))
            return
        if v.kind == "b":
            e = self.expr(sub, "b", 2)
            op = r.choice(("", "&", "|"))
            if whole and op == "":
                target += "[...]"
            self.emit("%s %s= %s" % (target, op, e.code))
            return
        e = self.expr(sub, v.kind, r.randint(0, 2))
        ops = ["", "+", "-"]
        if e.bound * v.bound < self.limit(v.kind):
            ops.append("*")
        op = r.choice(ops)
        if whole and op == "":
            target += r.choice(("[...]", "[:]"))
        new = {"": e.bound, "+": v.bound + e.bound, "-": v.bound + e.bound, "*": v.bound * e.bound}[op]
        if new > self.limit(v.kind):
            op, new = "", e.bound
        self.emit("%s %s= %s" % (target, op, e.code))
        self.raise_bound(v, new)

    def assign_element(self):
        r = self.r
        v = r.choice(self.vars)
        idx = ", ".join(str(self.index_for(d)) for d in v.shape)
        if v.kind == "b":
            self.emit("%s[%s] = %s" % (v.name, idx, r.choice(("True", "False"))))
            return
        e = self.scalar_expr(v.kind)
        self.emit("%s[%s] = %s" % (v.name, idx, e.code))
        self.raise_bound(v, e.bound)

    def scalar_expr(self, kind):
        """A scalar of kind f8/f4 (float) or i8: an element, a reduction or a literal."""
        r = self.r
        pool = self.candidates(lambda w: w.kind == ("i8" if kind == "i8" else "f8"))
        if not pool or r.random() < 0.3:
            c = r.randint(-9, 9) if kind == "i8" else self.const()
            return Expr(repr(c), kind, (), abs(c))
        w = r.choice(pool)
        idx = ", ".join(str(self.index_for(d)) for d in w.shape)
        form = r.randrange(4)
        if form == 3 and kind == "i8":
            return Expr("int(%s.argmax()) - %d" % (w.name, size(w.shape) // 2), kind, (), size(w.shape))
        if form == 3:
            return Expr("float(%s.mean()) * 0.5 + %d / %d" % (w.name, r.randint(1, 9), r.randint(2, 7)),
                        kind, (), w.bound + 5)
        if form == 0:
            return Expr("%s[%s]" % (w.name, idx), kind, (), w.bound)
        if form == 1:
            return Expr("%s.max()" % w.name, kind, (), w.bound)
        return Expr("np.min(%s) * 2 - %s[%s]" % (w.name, w.name, idx), kind, (), 3 * w.bound)

    def loop_carried(self):
        """A first-axis recurrence: each row depends on the previous one."""
        r = self.r
        pool = self.candidates(lambda w: w.kind in ("f8", "f4") and w.shape[0] >= 2)
        if not pool:
            return
        v = r.choice(pool)
        n = v.shape[0]
        a, b = round(r.uniform(-0.6, 0.6), 2), round(r.uniform(-0.4, 0.4), 2)
        if r.random() < 0.5:
            self.emit("for i in range(1, %d):" % n)
            prev = "i - 1"
        else:
            self.emit("for i in range(%d, -1, -1):" % (n - 2))
            prev = "i + 1"
        self.emit("    %s[i] = %s[%s] * %r + %s[i] * %r" % (v.name, v.name, prev, a, v.name, b))

    def loop_independent(self):
        """Row-wise map from one array into another of the same shape."""
        r = self.r
        v = r.choice(self.vars)
        pool = self.candidates(lambda w: w.shape[0] == v.shape[0] and w.kind == "f8" and w is not v)
        if not pool or v.kind == "b":
            return
        w = r.choice(pool)
        n = v.shape[0]
        lo = r.randint(0, n - 1)
        step = r.choice((1, 1, 2))
        self.emit("for i in range(%d, %d, %d):" % (lo, n, step))
        rest = w.shape[1:]
        row = "%s[i]" % v.name
        if v.shape[1:] != rest:
            row = "%s[i].sum()" % v.name
        fn = r.choice(("np.tanh", "np.sin", "np.abs"))
        c = self.const()
        if rest:
            self.emit("    %s[i] = %s(%s) * %r + %s[i] * 0.5" % (w.name, fn, row, c, w.name))
        else:
            self.emit("    %s[i] = %s(%s) * %r" % (w.name, fn, row, c))
        self.raise_bound(w, 2 * abs(c) + w.bound)

    def scalar_loop(self):
        """Accumulate a scalar in a for or while loop and print it."""
        r = self.r
        pool = self.candidates(lambda w: w.kind in ("f8", "i8"))
        if not pool:
            return
        w = r.choice(pool)
        s = "s%d" % self.nvar
        self.nvar += 1
        n = w.shape[0]
        if w.kind == "f8":
            self.emit("%s = 0.0" % s)
        else:
            self.emit("%s = 0" % s)
        if r.random() < 0.5:
            self.emit("for j in range(%d):" % n)
            self.emit("    %s = %s + %s[j].sum() * %d" % (s, s, w.name, r.randint(1, 3)))
            if r.random() < 0.5:
                self.emit("    if %s > %s:" % (s, r.randint(0, 5)))
                self.emit("        %s = %s - 1" % (s, s))
        else:
            self.emit("k = %d" % (n - 1))
            self.emit("while k >= 0:")
            self.emit("    %s += %s[k].max()" % (s, w.name))
            self.emit("    k -= %d" % r.randint(1, 2))
        self.print_scalar(s, w.kind)

    def print_scalar(self, s, kind):
        if kind == "i8":
            self.emit("print(%r, int(%s))" % (s, s))
        else:
            self.emit("print(%r, round(float(%s), 4) + 0.0)" % (s, s))

    def branch(self):
        r = self.r
        pool = self.candidates(lambda w: w.kind == "i8")
        if not pool:
            return
        w = r.choice(pool)
        self.emit("if %s.sum() %% 2 == %d:" % (w.name, r.randint(0, 1)))
        self.indent += 1
        self.assign_slice()
        self.indent -= 1
        self.emit("else:")
        self.indent += 1
        self.assign_element()
        self.indent -= 1

    def call_mutator(self):
        pool = self.candidates(lambda w: w.kind == "f8")
        if pool:
            v = self.r.choice(pool)
            self.emit("t = damp(%s, %r)" % (v.name, self.const(-1, 1)))
            self.emit("print('t', round(float(t), 4) + 0.0)")

    def statement(self):
        r = self.r
        x = r.random()
        if x < 0.35 or len(self.vars) < 3:
            self.new_array()
        elif x < 0.45:
            self.new_view()
        elif x < 0.65:
            self.assign_slice()
        elif x < 0.72:
            self.assign_element()
        elif x < 0.78:
            self.loop_carried()
        elif x < 0.84:
            self.loop_independent()
        elif x < 0.9:
            self.scalar_loop()
        elif x < 0.95:
            self.branch()
        else:
            self.call_mutator()

    # ---- the whole program ----
    def prelude(self):
        self.emit("import numpy as np")
        self.emit("")
        self.emit("")
        self.emit("def cks(a):")
        self.emit("    w = np.arange(a.size) % 7 + 1")
        self.emit("    return round(float(np.sum(np.ravel(a) * w)), 4) + 0.0")
        self.emit("")
        self.emit("")
        self.emit("def damp(a, c):")
        self.emit("    a *= 0.5")
        self.emit("    a[0] = c")
        self.emit("    return a.sum() / (a.size + 1)")
        self.emit("")
        self.emit("")
        self.emit("def blend(a, b):")
        self.emit("    t = a * 0.5 - b * 0.25")
        self.emit("    return np.maximum(t, b) * 0.5")
        self.funcs.append(("blend", 2, 0.75))
        self.emit("")
        self.emit("")
        self.emit("def squash(a):")
        self.emit("    if a.ndim > 1:")
        self.emit("        return np.tanh(a) * 2.0")
        self.emit("    return np.clip(a, -3.0, 3.0) + 1.0")
        self.funcs.append(("squash", 1, 0.0))  # bound: see fix()
        self.emit("")
        self.emit("")
        self.emit("def halve(a, n):")
        self.emit("    if n == 0:")
        self.emit("        return a")
        self.emit("    return halve(a * 0.5 + 0.125, n - 1)")
        self.emit("")
        self.emit("")

    def checksums(self):
        for v in self.vars:
            if v.kind in ("i8", "b") and size(v.shape) <= 12 and self.r.random() < 0.3:
                self.emit("print(%r, %s)" % (v.name, v.name))
            self.emit("print(%r, %s.shape, cks(%s))" % (v.name, v.name, v.name))

    def program(self, nstmts):
        self.prelude()
        for _ in range(nstmts):
            self.statement()
        self.checksums()
        return "\n".join(self.lines) + "\n"


def generate(seed, nstmts=None):
    g = Gen(seed)
    if nstmts is None:
        nstmts = g.r.randint(8, 25)
    return g.program(nstmts)


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 0))

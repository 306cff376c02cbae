/* parallelize.c: serial-to-parallel translation of explicit for loops.
 *
 * A `for` over range() becomes `parallel` when its iterations are
 * independent:
 *   - the body holds only scalar work: constants, scalar arithmetic, casts,
 *     element loads and stores, dim/size, nested if/for/loop (no calls,
 *     no array-valued ops, no printing, no break out of this loop);
 *   - every store writes an element whose subscript, in some axis, is
 *     c*i + b with c != 0 and b loop-invariant (so iterations write distinct
 *     elements), and every other access to the same array has exactly the
 *     same subscript in that axis (so no iteration touches an element
 *     another one writes) -- otherwise the dependence distance is reported;
 *   - arrays written and arrays read under different names must not share
 *     memory: that is checked at run time (attribute `disjoint`), and the
 *     loop runs serially when they do;
 *   - every scalar assigned in the body is either assigned before it is read
 *     in each iteration (private; its value after the loop is that of the
 *     last iteration, as in Python), or is a sum/product accumulator
 *     `s = s + x` read nowhere else in the body (attribute `reduce`).
 * Reductions are computed in a fixed number of chunks combined in order, so
 * the result does not depend on the number of threads.  The loop carries
 * `min_trip`, the iteration count below which threads do not pay.
 */
#include <stdlib.h>
#include <string.h>

#include "passes/pass_util.h"
#include "passes/passes.h"

enum { MAX_SYMS = 4, MAX_ACCESS = 64, WORK_TO_PAY = 20000 };

/* c*k + b + sum(sym coefs): an affine function of the induction var k. */
typedef struct affine {
    bool known;
    int64_t coef, cst;
    int nsym;
    const ir_var *sym[MAX_SYMS];
    int64_t symc[MAX_SYMS];
} affine;

/* An access to a shared (loop-invariant) array: per axis the index operand,
 * or NULL for "any element of this axis" (a slice, a whole-array read). */
typedef struct access {
    const ir_var *array;
    bool is_store;
    const ir_var *sub[IR_MAX_RANK];
} access;

typedef struct par_ctx {
    const ir_func *f;
    const ir_op *loop;
    const ir_var *k;            /* the IR induction variable */
    bool *assigned;             /* by var id: written somewhere in the body */
    const ir_op **def;          /* by var id: its single defining op in the body (or NULL) */
    int *ndefs;
    const ir_op **fdef;         /* by var id: its defining op anywhere in the function */
    int *fndefs;
    access acc[MAX_ACCESS];
    int nacc;
    const char *why;            /* first reason not to parallelise */
    char why_buf[256];
    int64_t work;               /* rough ops per iteration */
} par_ctx;

/* ---- body scan ---- */

static bool allowed_in_body(const ir_op *op)
{
    switch (op->code) {
    case IR_CONST: case IR_LOAD: case IR_STORE: case IR_DIM: case IR_SIZE:
    case IR_IF: case IR_FOR: case IR_LOOP: case IR_CONTINUE: case IR_ASSERT:
    case IR_SLICE: case IR_RESHAPE: case IR_TRANSPOSE: case IR_COPY: case IR_MAP: case IR_REDUCE:
    case IR_ASSIGN: case IR_ALLOC: case IR_FULL: case IR_ARANGE: case IR_LINSPACE: case IR_EYE:
    case IR_LITERAL: case IR_MATMUL: case IR_OUTER: case IR_RELEASE:
        return true;
    case IR_MOV:
        return op->results[0]->type.dtype != IR_RNG && op->results[0]->type.dtype != IR_STR;
    default:
        return ir_opinfos[op->code].elementwise && op->nresults == 1;
    }
}

/* ---- array accesses ---- */

/* The shared array that v (an array variable) refers to, and the index
 * operand per axis of it that v is fixed to (NULL: any).  false: v is a
 * private array made inside the body. */
static bool resolve(par_ctx *P, const ir_var *v, access *out, int depth)
{
    memset(out->sub, 0, sizeof out->sub);
    if (v->is_global || !P->assigned[v->id]) {
        out->array = v;
        return true;
    }
    const ir_op *d = P->def[v->id];
    if (depth > 8 || P->ndefs[v->id] != 1 || !d) {
        snprintf(P->why_buf, sizeof P->why_buf, "cannot tell which array '%s' refers to", v->name);
        P->why = P->why_buf;
        return false;
    }
    if (d->code == IR_MOV)
        return resolve(P, d->args[0], out, depth + 1);
    if (d->code == IR_RESHAPE || d->code == IR_TRANSPOSE) {
        bool shared = resolve(P, d->args[0], out, depth + 1);
        memset(out->sub, 0, sizeof out->sub);   /* some element of the base: any */
        return shared;
    }
    if (d->code != IR_SLICE)
        return false;   /* a fresh array */
    access base;
    if (!resolve(P, d->args[0], &base, depth + 1))
        return false;
    out->array = base.array;
    bool direct = true;     /* the slice is of the shared array itself */
    for (int ax = 0; ax < IR_MAX_RANK; ax++)
        direct &= base.sub[ax] == NULL;
    if (!direct || base.array != d->args[0])
        return true;        /* a view of a view: any element */
    for (int i = 0, ax = 0; i < d->nindex && ax < IR_MAX_RANK; i++) {
        if (d->index[i].kind == IR_IDX_NEWAXIS)
            continue;
        if (d->index[i].kind == IR_IDX_INT)
            out->sub[ax] = d->args[d->index[i].lo];
        ax++;
    }
    return true;
}

static void add_access(par_ctx *P, const access *a)
{
    if (P->nacc == MAX_ACCESS) {
        P->why = "too many array accesses to analyse";
        return;
    }
    P->acc[P->nacc++] = *a;
}

/* The element of array operand 0 that a load/store names. */
static void element_access(par_ctx *P, const ir_op *op, bool store)
{
    access a;
    if (!resolve(P, op->args[0], &a, 0))
        return;
    a.is_store = store;
    bool direct = a.array == op->args[0];
    for (int i = 0, ax = 0; i < op->nindex && ax < IR_MAX_RANK; i++, ax++)
        a.sub[ax] = direct ? op->args[op->index[i].lo] : NULL;
    add_access(P, &a);
}

static void array_access(par_ctx *P, const ir_var *v, bool store)
{
    access a;
    if (!v->type.is_array || !resolve(P, v, &a, 0))
        return;
    a.is_store = store;
    add_access(P, &a);
}

/* Record the shared arrays op reads and writes. */
static void accesses_of(par_ctx *P, const ir_op *op)
{
    switch (op->code) {
    case IR_LOAD: element_access(P, op, false); return;
    case IR_STORE: element_access(P, op, true); return;
    case IR_SLICE: case IR_RESHAPE: case IR_TRANSPOSE: case IR_MOV: case IR_DIM: case IR_SIZE:
    case IR_RELEASE:
        return;     /* no element is read */
    case IR_ASSIGN:
        array_access(P, op->args[0], true);
        array_access(P, op->args[1], false);
        return;
    default:
        for (int a = 0; a < op->nargs; a++)
            array_access(P, op->args[a], false);
    }
}

static void scan(par_ctx *P, const ir_block *b, int depth, int64_t weight)
{
    for (int i = 0; i < b->nops && !P->why; i++) {
        const ir_op *op = b->ops[i];
        if (!allowed_in_body(op) && !(op->code == IR_BREAK && depth > 0)) {
            snprintf(P->why_buf, sizeof P->why_buf, "the body contains '%s'%s", ir_opcode_name(op->code),
                     op->code == IR_BREAK ? " out of the loop" : "");
            P->why = P->why_buf;
            return;
        }
        P->work += weight * (op->nresults && op->results[0]->type.is_array ? 100 : 1);
        for (int r = 0; r < op->nresults; r++) {
            const ir_var *v = op->results[r];
            if (v->is_global) {
                P->why = "the body assigns a module-level variable";
                return;
            }
            P->assigned[v->id] = true;
            P->def[v->id] = op;
            P->ndefs[v->id]++;
        }
        for (int r = 0; r < op->nregions && op->code != IR_MAP; r++)
            scan(P, &op->regions[r], depth + (op->code == IR_FOR || op->code == IR_LOOP),
                 weight * (op->code == IR_FOR || op->code == IR_LOOP ? 64 : 1));
    }
}

/* ---- affine subscripts ---- */

static affine affine_of(par_ctx *P, const ir_var *v, int depth);

static affine unknown(void)
{
    affine a = {0};
    return a;
}

static affine combine(affine x, affine y, int64_t sy)
{
    if (!x.known || !y.known)
        return unknown();
    x.coef += sy * y.coef;
    x.cst += sy * y.cst;
    for (int i = 0; i < y.nsym; i++) {
        int j = 0;
        while (j < x.nsym && x.sym[j] != y.sym[i])
            j++;
        if (j == x.nsym) {
            if (x.nsym == MAX_SYMS)
                return unknown();
            x.sym[x.nsym] = y.sym[i];
            x.symc[x.nsym++] = 0;
        }
        x.symc[j] += sy * y.symc[i];
    }
    return x;
}

static affine affine_of(par_ctx *P, const ir_var *v, int depth)
{
    affine a = {.known = true};
    if (v == P->k) {
        a.coef = 1;
        return a;
    }
    if (v->is_global || !P->assigned[v->id]) {     /* loop-invariant */
        const ir_op *d = v->is_global ? NULL : P->fdef[v->id];
        if (d && P->fndefs[v->id] == 1 && d->code == IR_CONST && v->type.dtype == IR_I64) {
            a.cst = ir_attr_int(d, "value", 0);     /* a constant set once, before the loop */
            return a;
        }
        a.nsym = 1;
        a.sym[0] = v;
        a.symc[0] = 1;
        return a;
    }
    const ir_op *d = P->def[v->id];
    if (depth > 16 || P->ndefs[v->id] != 1 || !d || v->type.dtype != IR_I64)
        return unknown();
    switch (d->code) {
    case IR_CONST: a.cst = ir_attr_int(d, "value", 0); return a;
    case IR_MOV: return affine_of(P, d->args[0], depth + 1);
    case IR_ADD: return combine(affine_of(P, d->args[0], depth + 1), affine_of(P, d->args[1], depth + 1), 1);
    case IR_SUB: return combine(affine_of(P, d->args[0], depth + 1), affine_of(P, d->args[1], depth + 1), -1);
    case IR_MUL: {
        affine x = affine_of(P, d->args[0], depth + 1), y = affine_of(P, d->args[1], depth + 1);
        if (x.known && y.known && !y.coef && !y.nsym) {
            affine z = {.known = true};
            return combine(z, x, y.cst);
        }
        if (x.known && y.known && !x.coef && !x.nsym) {
            affine z = {.known = true};
            return combine(z, y, x.cst);
        }
        return unknown();
    }
    default:
        return unknown();
    }
}

static bool same_invariant_part(const affine *x, const affine *y)
{
    affine d = combine(*x, *y, -1);
    if (!d.known)
        return false;
    for (int i = 0; i < d.nsym; i++)
        if (d.symc[i] != 0)
            return false;
    return true;
}

/* Subscript of axis `ax` of an access. */
static affine subscript(par_ctx *P, const access *a, int ax)
{
    return a->sub[ax] ? affine_of(P, a->sub[ax], 0) : unknown();
}

/* Every access, once the body's definitions are known. */
static void collect_accesses(par_ctx *P, const ir_block *b)
{
    for (int i = 0; i < b->nops && !P->why; i++) {
        const ir_op *op = b->ops[i];
        if (op->code != IR_MAP)
            for (int r = 0; r < op->nregions; r++)
                collect_accesses(P, &op->regions[r]);
        accesses_of(P, op);
    }
}

/* Does store s conflict with access a (same array) across iterations? */
static bool independent(par_ctx *P, const access *s, const access *a, int64_t *distance)
{
    int rank = s->array->type.rank;
    *distance = 0;
    for (int ax = 0; ax < rank; ax++) {
        affine x = subscript(P, s, ax), y = subscript(P, a, ax);
        if (!x.known || !y.known || x.coef == 0 || x.coef != y.coef)
            continue;
        affine diff = combine(y, x, -1);
        if (!same_invariant_part(&x, &y)) {
            bool only_cst = diff.known;
            for (int i = 0; i < diff.nsym && only_cst; i++)
                only_cst = diff.symc[i] == 0;
            if (!only_cst)
                continue;
        }
        if (diff.cst == 0)
            return true;                    /* same element only in the same iteration */
        if (diff.cst % x.coef == 0)
            *distance = -diff.cst / x.coef;  /* written at i, touched at i + distance */
        else
            return true;                    /* never the same element */
        return false;
    }
    return false;
}

static bool check_arrays(par_ctx *P)
{
    for (int i = 0; i < P->nacc; i++) {
        const access *s = &P->acc[i];
        if (!s->is_store)
            continue;
        for (int j = 0; j < P->nacc; j++) {
            const access *a = &P->acc[j];
            if (a->array != s->array)
                continue;
            int64_t dist;
            if (independent(P, s, a, &dist))
                continue;
            if (dist)
                snprintf(P->why_buf, sizeof P->why_buf, "%s[...] written in iteration i is %s in iteration i%+lld",
                         s->array->name, a->is_store ? "written again" : "read", (long long)dist);
            else
                snprintf(P->why_buf, sizeof P->why_buf, "cannot prove that iterations touch different "
                         "elements of %s", s->array->name);
            P->why = P->why_buf;
            return false;
        }
    }
    return true;
}

/* ---- scalars: private or reduction ---- */

/* Is v read in ops[from..] of b (nested regions included)? */
static bool reads_var(const ir_block *b, const ir_var *v)
{
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int a = 0; a < op->nargs; a++)
            if (op->args[a] == v)
                return true;
        for (int r = 0; r < op->nregions; r++)
            if (reads_var(&op->regions[r], v))
                return true;
    }
    return false;
}

static bool touches(const ir_op *op, const ir_var *v)
{
    for (int a = 0; a < op->nargs; a++)
        if (op->args[a] == v)
            return true;
    for (int r = 0; r < op->nregions; r++)
        if (reads_var(&op->regions[r], v))
            return true;
    return pu_writes_var(op, v);
}

/* In every execution of b, v is written before it is read: it can be
 * private to an iteration.  *nested: that relied on a write inside an
 * inner region (if/loop), so v may keep no value after the loop. */
static bool private_in(const ir_block *b, const ir_var *v, bool *nested)
{
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        if (!touches(op, v))
            continue;
        for (int a = 0; a < op->nargs; a++)
            if (op->args[a] == v)
                return false;
        if (op->nregions == 0)
            return true;    /* a plain write comes first */
        for (int k = i + 1; k < b->nops; k++)
            if (touches(b->ops[k], v))
                return false;   /* used again after the region: needs the region's value */
        *nested = true;
        for (int r = 0; r < op->nregions; r++)
            if (!private_in(&op->regions[r], v, nested))
                return false;
        return true;
    }
    return true;
}

static int count_reads(const ir_block *b, const ir_var *v)
{
    int n = 0;
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int a = 0; a < op->nargs; a++)
            n += op->args[a] == v;
        for (int r = 0; r < op->nregions; r++)
            n += count_reads(&op->regions[r], v);
    }
    return n;
}

/* `v = add v, x` (or mul) as the only use and the only definition of v. */
static const char *reduction_kind(par_ctx *P, const ir_block *body, const ir_var *v)
{
    if (P->ndefs[v->id] != 1 || v->type.is_array || v->type.dtype == IR_STR || v->type.dtype == IR_BOOL)
        return NULL;
    const ir_op *d = P->def[v->id];
    if (!d || (d->code != IR_ADD && d->code != IR_MUL) || d->args[0] == d->args[1])
        return NULL;
    if (d->args[0] != v && d->args[1] != v)
        return NULL;
    int uses = 0;
    for (int i = 0; i < body->nops; i++) {
        const ir_op *op = body->ops[i];
        for (int a = 0; a < op->nargs; a++)
            uses += op->args[a] == v;
        for (int r = 0; r < op->nregions; r++)
            if (reads_var(&op->regions[r], v))
                return NULL;
    }
    return uses == 1 ? (d->code == IR_ADD ? "add" : "mul") : NULL;
}

static bool check_scalars(par_ctx *P, const ir_block *body, strbuf *reductions)
{
    for (int id = 0; id < P->f->nvars; id++) {
        const ir_var *v = P->f->vars[id];
        if (!P->assigned[id] || v == P->k)
            continue;
        bool nested = false;
        if (pu_is_temp(v))
            continue;
        if (v->type.is_array) {     /* private to an iteration, and dead after the loop */
            if (private_in(body, v, &nested) && count_reads(&P->f->body, v) == count_reads(body, v))
                continue;
            snprintf(P->why_buf, sizeof P->why_buf, "array '%s' is used after the loop or before it is assigned",
                     v->name);
            P->why = P->why_buf;
            return false;
        }
        if (private_in(body, v, &nested)) {
            if (!nested || count_reads(&P->f->body, v) == count_reads(body, v))
                continue;
            snprintf(P->why_buf, sizeof P->why_buf, "'%s' is assigned conditionally and read after the loop",
                     v->name);
            P->why = P->why_buf;
            return false;
        }
        const char *kind = reduction_kind(P, body, v);
        if (kind) {
            sb_printf(reductions, "%s%s:%s", reductions->len ? "," : "", v->name, kind);
            continue;
        }
        snprintf(P->why_buf, sizeof P->why_buf, "'%s' carries a value from one iteration to the next",
                 v->name);
        P->why = P->why_buf;
        return false;
    }
    return true;
}

/* Arrays written, and read under another name: must not overlap at run time. */
static void disjoint_pairs(par_ctx *P, strbuf *sb)
{
    for (int i = 0; i < P->nacc; i++) {
        if (!P->acc[i].is_store)
            continue;
        for (int j = 0; j < P->nacc; j++) {
            const ir_var *w = P->acc[i].array, *r = P->acc[j].array;
            if (r == w)
                continue;
            char pair[256];
            snprintf(pair, sizeof pair, "%s:%s", w->name, r->name);
            if (!strstr(sb->buf, pair))
                sb_printf(sb, "%s%s", sb->len ? "," : "", pair);
        }
    }
}

static void function_defs(const ir_block *b, const ir_op **def, int *ndefs)
{
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int r = 0; r < op->nresults; r++)
            if (!op->results[r]->is_global) {
                def[op->results[r]->id] = op;
                ndefs[op->results[r]->id]++;
            }
        for (int r = 0; r < op->nregions; r++)
            function_defs(&op->regions[r], def, ndefs);
    }
}

static bool try_parallelize(ir_module *m, const ir_func *f, ir_op *loop)
{
    par_ctx P = {.f = f, .loop = loop, .k = loop->nresults ? loop->results[0] : NULL};
    int n = f->nvars ? f->nvars : 1;
    P.assigned = xcalloc((size_t)n, sizeof *P.assigned);
    P.def = xcalloc((size_t)n, sizeof *P.def);
    P.ndefs = xcalloc((size_t)n, sizeof *P.ndefs);
    P.fdef = xcalloc((size_t)n, sizeof *P.fdef);
    P.fndefs = xcalloc((size_t)n, sizeof *P.fndefs);
    function_defs(&f->body, P.fdef, P.fndefs);
    const ir_block *body = &loop->regions[0];
    strbuf red, disj;
    sb_init(&red);
    sb_init(&disj);
    if (!P.k)
        P.why = "the loop has no induction variable";
    if (!P.why)
        scan(&P, body, 0, 1);
    if (!P.why)
        collect_accesses(&P, body);
    bool ok = !P.why && check_arrays(&P) && check_scalars(&P, body, &red);
    if (ok) {
        disjoint_pairs(&P, &disj);
        ir_attr_set_bool(m, loop, "parallel", true);
        if (red.len)
            ir_attr_set_str(m, loop, "reduce", red.buf, (int)red.len);
        if (disj.len)
            ir_attr_set_str(m, loop, "disjoint", disj.buf, (int)disj.len);
        int64_t work = P.work ? P.work : 1;
        ir_attr_set_int(m, loop, "min_trip", (WORK_TO_PAY + work - 1) / work);
        pu_remark("parallelize", loop->loc, "loop parallelized (iterations independent%s%s%s)",
                  red.len ? "; reductions " : "", red.len ? red.buf : "",
                  disj.len ? "; arrays checked for overlap at run time" : "");
    } else {
        pu_remark("parallelize", loop->loc, "loop not parallelized: %s", P.why);
    }
    sb_free(&red);
    sb_free(&disj);
    free(P.assigned);
    free(P.def);
    free(P.ndefs);
    free(P.fdef);
    free(P.fndefs);
    return ok;
}

static bool walk(ir_module *m, const ir_func *f, ir_block *b)
{
    bool changed = false;
    for (int i = 0; i < b->nops; i++) {
        ir_op *op = b->ops[i];
        if (op->code == IR_MAP)
            continue;
        if (op->code == IR_FOR && !ir_attr_get(op, "parallel") && try_parallelize(m, f, op)) {
            changed = true;
            continue;   /* loops inside a parallel loop stay serial */
        }
        for (int r = 0; r < op->nregions; r++)
            changed |= walk(m, f, &op->regions[r]);
    }
    return changed;
}

bool pass_parallelize(ir_module *m)
{
    bool changed = false;
    for (int i = 0; i < m->nfuncs; i++)
        changed |= walk(m, m->funcs[i], &m->funcs[i]->body);
    return changed;
}

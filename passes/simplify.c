/* simplify.c: rule-based algebraic simplification (TASO-style rewrites).
 *
 * Each rule is a pattern on one elementwise op with a legality condition.
 * "Array context" means the op works on whole arrays: its result is an array,
 * or it sits in a map body (a map body is an array op, element by element).
 *
 *   fold      op(c1, c2) -> c            scalar ops on constants, with the run
 *                                        time's semantics (simplify_fold.c)
 *   pow2      x ** 2    -> x * x         int64: same wrap-around product;
 *                                        floats, array context: NumPy's fast
 *                                        path computes np.square, i.e. x*x
 *   sqrt      x ** 0.5  -> sqrt(x)       floats, array context, x not an int
 *                                        array cast to float (NumPy's fast
 *                                        path is for float arrays only)
 *   recip     x ** -1   -> 1 / x         likewise (np.reciprocal)
 *   pow1      x ** 1    -> x             int64, or floats in array context
 *   mul1      x * 1, 1 * x -> x          int64 and floats: exact
 *   sub0      x - 0     -> x             int64, floats with +0.0 only
 *                                        (x - (-0.0) turns -0.0 into 0.0)
 *   add0      x + 0     -> x             int64 only: -0.0 + 0.0 is 0.0
 *   div1      x / 1     -> x             floats: exact, cannot raise
 *   neg2      -(-x), ~~x, not not x -> x exact for every dtype
 *
 * Scalar float `**` outside array context is left alone: Python and NumPy
 * scalars call the C library's pow, which need not equal x*x in the last bit.
 * "-> x" gives `mov x` for scalars and, for arrays, an identity map (a new
 * array, as NumPy returns, which the program may mutate; fusion absorbs it).  Constant scalar operands of a
 * map are sunk into its body as consts, so the rules see them; scalar
 * operands the body no longer reads are dropped (array operands stay: they
 * fix the broadcast shape and its errors).  Dead ops are left to dce.
 */
#include <math.h>
#include <stdlib.h>

#include "passes/pass_util.h"
#include "passes/passes.h"
#include "passes/simplify.h"

typedef struct sctx {
    ir_module *m;
    ir_func *f;
    int n;              /* variables when the defs were counted */
    int *defs;          /* by id: function params, map bindings and op results */
    ir_op **def;        /* by id: the defining op, when it is an op */
    const ir_op *map;   /* the map whose body is being simplified, or NULL */
    bool changed;
} sctx;

static void count_defs(sctx *S, const ir_block *b)
{
    for (int p = 0; p < b->nparams; p++)
        S->defs[b->params[p]->id]++;
    for (int i = 0; i < b->nops; i++) {
        ir_op *op = b->ops[i];
        for (int r = 0; r < op->nresults; r++)
            if (!op->results[r]->is_global) {
                S->defs[op->results[r]->id]++;
                S->def[op->results[r]->id] = op;
            }
        for (int r = 0; r < op->nregions; r++)
            count_defs(S, &op->regions[r]);
    }
}

/* Assigned exactly once (a function parameter counts as an assignment). */
static bool stable(const sctx *S, const ir_var *v)
{
    return !v->is_global && v->id < S->n && S->defs[v->id] == 1;
}

static ir_op *def_of(const sctx *S, const ir_var *v)
{
    return stable(S, v) ? S->def[v->id] : NULL;
}

static bool const_of(const sctx *S, const ir_var *v, sf_value *out)
{
    const ir_op *d = def_of(S, v);
    return d && d->code == IR_CONST && sf_const_value(d, out);
}

static bool is_float(ir_dtype dt)
{
    return dt == IR_F32 || dt == IR_F64;
}

static bool is_one(sf_value v)
{
    return is_float(v.dt) ? v.f == 1.0 : v.dt == IR_I64 && v.i == 1;
}

static bool is_pzero(sf_value v)
{
    return is_float(v.dt) ? v.f == 0.0 && !signbit(v.f) : v.dt == IR_I64 && v.i == 0;
}

/* The map operand bound to v when v is a parameter of the current map. */
static const ir_var *origin(const sctx *S, const ir_var *v)
{
    if (S->map)
        for (int p = 0; p < S->map->regions[0].nparams; p++)
            if (S->map->regions[0].params[p] == v)
                return S->map->args[p];
    return v;
}

/* v holds ints converted to floats (NumPy's pow fast path does not apply). */
static bool from_int(const sctx *S, const ir_var *v)
{
    const ir_op *d = def_of(S, origin(S, v));
    if (!d)
        return v != origin(S, v);   /* an operand we cannot see: assume the worst */
    return d->code == IR_CAST && !is_float(d->args[0]->type.dtype);
}

static ir_op *new_op(sctx *S, ir_opcode code, const ir_op *old, ir_var *a, ir_var *b)
{
    ir_op *op = ir_op_new(S->m, code, old->loc);
    ir_op_add_arg(S->m, op, a);
    if (b)
        ir_op_add_arg(S->m, op, b);
    ir_op_set_results(S->m, op, old->results, 1);
    return op;
}

/* %r = map %x (%p) { yield %p }: a fresh copy that fusion can absorb. */
static ir_op *copy_map(sctx *S, const ir_op *old, ir_var *x)
{
    ir_op *map = ir_op_new(S->m, IR_MAP, old->loc);
    ir_op_add_arg(S->m, map, x);
    ir_op_set_results(S->m, map, old->results, 1);
    if (map->nregions == 0) {
        map->regions = arena_alloc(&S->m->arena, sizeof(ir_block));
        map->nregions = 1;
    }
    ir_var *p = ir_block_add_param(S->m, S->f, &map->regions[0], NULL, ir_scalar_type(x->type.dtype));
    ir_op *y = ir_op_new(S->m, IR_YIELD, old->loc);
    ir_op_add_arg(S->m, y, p);
    ir_block_append(&map->regions[0], y);
    return map;
}

/* Replace b->ops[i] by "result = x": mov for scalars; for arrays a copy
 * (as an identity map), since NumPy makes a new array. */
static bool to_identity(sctx *S, ir_block *b, int i, ir_var *x)
{
    ir_var *r = b->ops[i]->results[0];
    if (r->type.is_array != x->type.is_array || r->type.dtype != x->type.dtype ||
        (r->type.is_array && r->type.rank != x->type.rank))
        return false;
    b->ops[i] = r->type.is_array ? copy_map(S, b->ops[i], x) : new_op(S, IR_MOV, b->ops[i], x, NULL);
    return true;
}

static bool rule_pow(sctx *S, ir_block *b, int i, bool arr, sf_value e)
{
    ir_op *op = b->ops[i];
    ir_var *x = op->args[0];
    ir_dtype dt = op->results[0]->type.dtype;
    double ev = is_float(e.dt) ? e.f : (double)e.i;
    if (dt == IR_I64 && e.dt == IR_I64 && (e.i == 1 || e.i == 2)) {
        if (e.i == 1)
            return to_identity(S, b, i, x);
        b->ops[i] = new_op(S, IR_MUL, op, x, x);
        return true;
    }
    if (!is_float(dt) || !arr)
        return false;
    if (ev == 2.0) {
        b->ops[i] = new_op(S, IR_MUL, op, x, x);
        return true;
    }
    if (ev == 1.0)
        return to_identity(S, b, i, x);
    if (from_int(S, x))
        return false;
    if (ev == 0.5) {
        b->ops[i] = new_op(S, IR_SQRT, op, x, NULL);
        return true;
    }
    if (ev == -1.0) {
        ir_op *one = ir_op_new(S->m, IR_CONST, op->loc);
        ir_var *v = ir_var_new(S->m, S->f, NULL, ir_scalar_type(dt));
        ir_op_set_results(S->m, one, &v, 1);
        sf_set_const(S->m, one, (sf_value){dt, 0, 1.0});
        b->ops[i] = new_op(S, IR_DIV, op, v, x);
        ir_block_insert(b, i, one);
        return true;
    }
    return false;
}

/* -(-x), ~~x, not not x. */
static bool rule_involution(sctx *S, ir_block *b, int i)
{
    ir_op *op = b->ops[i];
    const ir_op *in = def_of(S, op->args[0]);
    if (!in || in->code != op->code || in->nargs != 1 || !stable(S, in->args[0]))
        return false;
    if (op->code == IR_NEG && op->results[0]->type.dtype == IR_BOOL)
        return false;
    return to_identity(S, b, i, in->args[0]);
}

static bool rules(sctx *S, ir_block *b, int i, bool arr, const bool *c, const sf_value *v)
{
    ir_op *op = b->ops[i];
    ir_dtype dt = op->results[0]->type.dtype;
    bool num = dt == IR_I64 || is_float(dt);
    switch (op->code) {
    case IR_POW:
        return c[1] && rule_pow(S, b, i, arr, v[1]);
    case IR_MUL:
        if (num && c[1] && is_one(v[1]))
            return to_identity(S, b, i, op->args[0]);
        return num && c[0] && is_one(v[0]) && to_identity(S, b, i, op->args[1]);
    case IR_SUB:
        return num && c[1] && is_pzero(v[1]) && to_identity(S, b, i, op->args[0]);
    case IR_ADD:
        if (dt == IR_I64 && c[1] && v[1].i == 0)
            return to_identity(S, b, i, op->args[0]);
        return dt == IR_I64 && c[0] && v[0].i == 0 && to_identity(S, b, i, op->args[1]);
    case IR_DIV:
        return is_float(dt) && c[1] && is_one(v[1]) && to_identity(S, b, i, op->args[0]);
    case IR_NEG: case IR_NOT: case IR_BITNOT:
        return rule_involution(S, b, i);
    default:
        return false;
    }
}

static bool simplify_op(sctx *S, ir_block *b, int i, bool in_map)
{
    ir_op *op = b->ops[i];
    if (!ir_opinfos[op->code].elementwise || op->nresults != 1 || op->nargs < 1 || op->nargs > 2)
        return false;
    bool c[2] = {false, false};
    sf_value v[2];
    for (int k = 0; k < op->nargs; k++)
        c[k] = const_of(S, op->args[k], &v[k]);
    sf_value out;
    if (c[0] && (op->nargs == 1 || c[1]) && sf_fold(op, v, op->nargs, &out)) {
        ir_op *k = ir_op_new(S->m, IR_CONST, op->loc);
        ir_op_set_results(S->m, k, op->results, 1);
        sf_set_const(S->m, k, out);
        b->ops[i] = k;
        if (stable(S, op->results[0]))
            S->def[op->results[0]->id] = k;
        return true;
    }
    bool done = rules(S, b, i, in_map || op->results[0]->type.is_array, c, v);
    if (done && stable(S, op->results[0]))
        S->def[op->results[0]->id] = b->ops[i];
    return done;
}

static void simplify_block(sctx *S, ir_block *b, bool in_map);

static int reads_in(const ir_block *b, const ir_var *v)
{
    int n = 0;
    for (int i = 0; i < b->nops; i++)
        for (int k = 0; k < b->ops[i]->nargs; k++)
            n += b->ops[i]->args[k] == v;
    return n;
}

/* Sink constant scalar operands into the body, simplify it, and drop the
 * scalar operands it no longer reads. */
static void simplify_map(sctx *S, ir_op *map)
{
    ir_block *body = &map->regions[0];
    const ir_op *outer = S->map;
    bool has_array = false;
    for (int p = 0; p < map->nargs; p++)
        has_array |= map->args[p]->type.is_array;
    if (!has_array || body->nparams != map->nargs) {
        S->map = map;
        simplify_block(S, body, true);
        S->map = outer;
        return;
    }
    bool *sunk = xcalloc((size_t)body->nparams + 1, sizeof *sunk);
    for (int p = body->nparams - 1; p >= 0; p--) {
        sf_value v;
        ir_var *prm = body->params[p];
        if (map->args[p]->type.is_array || !const_of(S, map->args[p], &v) || !stable(S, prm))
            continue;
        ir_op *k = ir_op_new(S->m, IR_CONST, map->loc);
        ir_op_set_results(S->m, k, &prm, 1);
        sf_set_const(S->m, k, v);
        ir_block_insert(body, 0, k);
        S->def[prm->id] = k;
        sunk[p] = true;
        S->changed = true;
    }
    S->map = map;
    simplify_block(S, body, true);
    S->map = outer;
    int n = 0;
    for (int p = 0; p < body->nparams; p++) {
        ir_var *prm = body->params[p];
        bool drop = !map->args[p]->type.is_array && (sunk[p] || reads_in(body, prm) == 0);
        if (drop) {
            S->changed = true;
            continue;
        }
        body->params[n] = prm;
        map->args[n++] = map->args[p];
    }
    body->nparams = n;
    map->nargs = n;
    free(sunk);
}

static void simplify_block(sctx *S, ir_block *b, bool in_map)
{
    for (int i = 0; i < b->nops; i++) {
        ir_op *op = b->ops[i];
        if (op->code == IR_MAP) {
            simplify_map(S, op);
            continue;
        }
        for (int r = 0; r < op->nregions; r++)
            simplify_block(S, &op->regions[r], in_map);
        int before = b->nops;
        if (simplify_op(S, b, i, in_map)) {
            S->changed = true;
            i += b->nops - before;  /* skip a const inserted before the op */
        }
    }
}

bool pass_simplify(ir_module *m)
{
    bool changed = false;
    for (int f = 0; f < m->nfuncs; f++) {
        ir_func *fn = m->funcs[f];
        sctx S = {.m = m, .f = fn, .n = fn->nvars};
        S.defs = xcalloc((size_t)(fn->nvars + 1), sizeof *S.defs);
        S.def = xcalloc((size_t)(fn->nvars + 1), sizeof *S.def);
        for (int p = 0; p < fn->nparams; p++)
            S.defs[fn->params[p]->id]++;
        count_defs(&S, &fn->body);
        simplify_block(&S, &fn->body, false);
        changed |= S.changed;
        free(S.defs);
        free(S.def);
    }
    return changed;
}

/* licm.c: loop-invariant code motion out of `for` and `loop` bodies.
 *
 *     for %i = ... {                      %t = sqrt %z
 *       %t = sqrt %z              ->      for %i = ... {
 *       %q = add %t, %c                     %q = add %t, %c
 *
 * An op of the loop body (its top-level block) moves to just before the
 * loop when:
 *   - it is pure (no barrier, no call/rtcall) and its one result is assigned
 *     exactly once in the function;
 *   - no operand is assigned anywhere in the loop (the induction variable
 *     included); module-level operands are not, and the loop calls nothing;
 *   - when it reads an array, nothing in the loop may write that array's
 *     memory: no assign/store/call/rtcall argument in the loop shares an
 *     alias class with it (mutation.c: views, parameters, globals);
 *   - when its result is an array, that array is never written in place
 *     (each iteration made a fresh one; now all share one);
 *   - when it may raise (shape errors, bounds, Python division, ...): the
 *     loop is a `for` with constant bounds that runs at least once, and every
 *     op before it in the body is quiet (cannot raise, no effect, no control
 *     flow), so it would have run, and raised, in the first iteration before
 *     anything else observable.  Ops that cannot raise move unconditionally.
 * Inner loops are done first, so an expression invariant in both moves out
 * of both.  Each move is a remark.
 */
#include <stdlib.h>

#include "passes/mutation.h"
#include "passes/pass_util.h"
#include "passes/passes.h"

typedef struct lctx {
    ir_module *m;
    ir_func *f;
    int n;              /* variables when the pass started (the arrays below) */
    int *defs;          /* by id: assignments in the function */
    const ir_op **def;  /* by id: the defining op */
    bool *mut;          /* by id: array written in place somewhere */
    int *cls;           /* alias classes */
    bool *written;      /* by id: assigned in the current loop */
    bool *dirty;        /* by alias class: memory written in the current loop */
    bool calls;         /* the current loop calls a function */
    bool changed;
} lctx;

static void count_defs(lctx *L, const ir_block *b)
{
    for (int p = 0; p < b->nparams; p++)
        L->defs[b->params[p]->id]++;
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int r = 0; r < op->nresults; r++)
            if (!op->results[r]->is_global) {
                L->defs[op->results[r]->id]++;
                L->def[op->results[r]->id] = op;
            }
        for (int r = 0; r < op->nregions; r++)
            count_defs(L, &op->regions[r]);
    }
}

static void scan_loop(lctx *L, const ir_block *b)
{
    for (int p = 0; p < b->nparams; p++)
        L->written[b->params[p]->id] = true;
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int r = 0; r < op->nresults; r++)
            if (!op->results[r]->is_global)
                L->written[op->results[r]->id] = true;
        if (op->code == IR_CALL)
            L->calls = true;
        if (mu_writes_memory(op))
            for (int k = 0; k < (op->code == IR_ASSIGN || op->code == IR_STORE ? 1 : op->nargs); k++)
                if (op->args[k]->type.is_array)
                    L->dirty[mu_class(L->f, L->cls, op->args[k])] = true;
        for (int r = 0; r < op->nregions; r++)
            scan_loop(L, &op->regions[r]);
    }
}

static bool py_op(const ir_op *op)
{
    return ir_attr_int(op, "py", 0) != 0;
}

/* One scalar elementwise op (or map body op) may raise. */
static bool scalar_raises(const ir_op *op)
{
    if (op->code == IR_POW && op->results[0]->type.dtype == IR_I64)
        return true;    /* negative exponent: ValueError */
    return py_op(op);
}

/* Array operands cannot fail to broadcast: one array, or equal known shapes. */
static bool shapes_agree(const ir_op *op)
{
    const ir_var *first = NULL;
    for (int k = 0; k < op->nargs; k++) {
        const ir_var *a = op->args[k];
        if (!a->type.is_array)
            continue;
        if (!first) {
            first = a;
            continue;
        }
        if (a == first)
            continue;
        if (a->type.rank != first->type.rank)
            return false;
        for (int d = 0; d < a->type.rank; d++)
            if (a->type.dims[d] < 0 || a->type.dims[d] != first->type.dims[d])
                return false;
    }
    return true;
}

static bool may_raise(const ir_op *op)
{
    switch (op->code) {
    case IR_CONST: case IR_DIM: case IR_SIZE: case IR_MOV: case IR_COPY:
        return false;
    case IR_TRANSPOSE:
        return ir_attr_get(op, "perm") != NULL;
    case IR_MAP:
        if (!shapes_agree(op))
            return true;
        for (int i = 0; i < op->regions[0].nops; i++)
            if (op->regions[0].ops[i]->code != IR_YIELD && scalar_raises(op->regions[0].ops[i]))
                return true;
        return false;
    default:
        if (!ir_opinfos[op->code].elementwise)
            return true;
        return scalar_raises(op) || !shapes_agree(op);
    }
}

static bool pure(const ir_op *op)
{
    if (op->code == IR_MAP)
        return true;
    return op->nregions == 0 && !pu_is_barrier(op) && op->code != IR_YIELD;
}

/* v is a constant defined in the loop: its value is invariant. */
static bool loop_const(const lctx *L, const ir_var *v)
{
    return !v->is_global && v->id < L->n && L->defs[v->id] == 1 && L->def[v->id] &&
           L->def[v->id]->code == IR_CONST;
}

static bool invariant(lctx *L, const ir_op *op)
{
    if (!pure(op) || op->code == IR_CONST || op->nresults != 1 || op->results[0]->is_global ||
        L->defs[op->results[0]->id] != 1 || op->results[0]->type.dtype == IR_RNG)
        return false;
    if (op->results[0]->type.is_array && L->mut[op->results[0]->id])
        return false;
    bool reads_memory = op->code == IR_LOAD;
    for (int k = 0; k < op->nargs; k++) {
        const ir_var *a = op->args[k];
        if (a->is_global ? L->calls : L->written[a->id] && !loop_const(L, a))
            return false;
        reads_memory |= a->type.is_array && op->code != IR_DIM && op->code != IR_SIZE;
    }
    if (reads_memory)
        for (int k = 0; k < op->nargs; k++)
            if (op->args[k]->type.is_array && L->dirty[mu_class(L->f, L->cls, op->args[k])])
                return false;
    return true;
}

static bool const_i64(const lctx *L, const ir_var *v, int64_t *out)
{
    if (v->is_global || L->defs[v->id] != 1 || !L->def[v->id] || L->def[v->id]->code != IR_CONST ||
        v->type.dtype != IR_I64)
        return false;
    *out = ir_attr_int(L->def[v->id], "value", 0);
    return true;
}

/* The loop is a for with constant bounds and at least one iteration. */
static bool runs_once(const lctx *L, const ir_op *loop)
{
    int64_t lo, hi, step;
    if (loop->code != IR_FOR || !const_i64(L, loop->args[0], &lo) ||
        !const_i64(L, loop->args[1], &hi) || !const_i64(L, loop->args[2], &step))
        return false;
    return (step > 0 && lo < hi) || (step < 0 && lo > hi);
}

/* Move op to b at position `at`, preceded by copies of the constants it
 * reads from the loop (they stay in the loop for its other readers: the
 * subscript analysis of parallelize looks for them there). */
static int move_out(lctx *L, ir_block *b, int at, ir_op *op)
{
    int n = 0;
    for (int k = 0; k < op->nargs; k++) {
        ir_var *a = op->args[k];
        if (a->is_global || !L->written[a->id])
            continue;
        ir_op *c = ir_op_clone(L->m, L->def[a->id]);
        ir_var *v = ir_var_new(L->m, L->f, NULL, a->type);
        ir_op_set_results(L->m, c, &v, 1);
        ir_block_insert(b, at + n++, c);
        for (int j = k; j < op->nargs; j++)
            if (op->args[j] == a)
                op->args[j] = v;
    }
    ir_block_insert(b, at + n++, op);
    return n;
}

/* Hoist what can move out of b->ops[at]; returns the number of ops moved. */
static int hoist(lctx *L, ir_block *b, int at)
{
    ir_op *loop = b->ops[at];
    ir_block *body = &loop->regions[0];
    int nv = L->f->nvars;
    L->written = xcalloc((size_t)nv + 1, sizeof *L->written);
    L->dirty = xcalloc((size_t)nv + 1, sizeof *L->dirty);
    L->calls = false;
    for (int r = 0; r < loop->nresults; r++)
        L->written[loop->results[r]->id] = true;
    scan_loop(L, body);
    bool once = runs_once(L, loop), quiet = true;
    int moved = 0;
    for (int i = 0; i < body->nops; i++) {
        ir_op *op = body->ops[i];
        bool raises = may_raise(op);
        if (invariant(L, op) && (!raises || (once && quiet))) {
            ir_block_remove(body, i--);
            moved += move_out(L, b, at + moved, op);
            L->written[op->results[0]->id] = false;
            pu_remark("licm", op->loc, "'%s' hoisted out of the loop at line %d (loop-invariant)",
                      ir_opcode_name(op->code), loop->loc.line);
            continue;
        }
        quiet &= !raises && !pu_is_barrier(op);
    }
    free(L->written);
    free(L->dirty);
    return moved;
}

static void licm_block(lctx *L, ir_block *b)
{
    for (int i = 0; i < b->nops; i++) {
        ir_op *op = b->ops[i];
        if (op->code == IR_MAP)
            continue;
        for (int r = 0; r < op->nregions; r++)
            licm_block(L, &op->regions[r]);
        if (op->code == IR_FOR || op->code == IR_LOOP) {
            int n = hoist(L, b, i);
            L->changed |= n > 0;
            i += n;
        }
    }
}

bool pass_licm(ir_module *m)
{
    bool changed = false;
    for (int f = 0; f < m->nfuncs; f++) {
        ir_func *fn = m->funcs[f];
        lctx L = {.m = m, .f = fn, .n = fn->nvars};
        L.defs = xcalloc((size_t)fn->nvars + 1, sizeof *L.defs);
        L.def = xcalloc((size_t)fn->nvars + 1, sizeof *L.def);
        for (int p = 0; p < fn->nparams; p++)
            L.defs[fn->params[p]->id]++;
        count_defs(&L, &fn->body);
        L.mut = mu_mutated(fn);
        L.cls = mu_alias_classes(fn);
        licm_block(&L, &fn->body);
        changed |= L.changed;
        free(L.defs);
        free(L.def);
        free(L.mut);
        free(L.cls);
    }
    return changed;
}

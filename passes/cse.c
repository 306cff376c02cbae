/* cse.c: common subexpression elimination within a block.
 *
 *     %a = sqrt %z            %a = sqrt %z
 *     ...               ->    ...
 *     %b = sqrt %z            %b = mov %a        (arrays: share, +1 reference)
 *
 * Two ops compute the same value when they have the same opcode, operands,
 * attributes, index and result type (maps: the same body up to renaming),
 * sit in the same block, and between them there is no barrier (no write to
 * memory, call, control flow: pu_is_barrier) and no op rebinds one of the
 * operands.  Both results must be assigned exactly once in the function, so
 * every read of the second sees the value the first computed.  Ops that may
 * raise are fine: if the first raised, the second never ran.
 *
 * Array results are merged only when neither array is written in place
 * afterwards, directly or through a view (mutation.c): NumPy would have made
 * two arrays, and a write to one must not show in the other.  Scalar
 * duplicates are removed and their reads renamed.  Allocating ops that are
 * not pure (rtcall: random numbers, files) and calls are never merged.
 * Map bodies are searched too (after fusion they often repeat a product).
 */
#include <stdlib.h>
#include <string.h>

#include "passes/mutation.h"
#include "passes/pass_util.h"
#include "passes/passes.h"

enum { MAX_BODY_VARS = 256 };

typedef struct cctx {
    ir_module *m;
    ir_func *f;
    int *defs;          /* by id: assignments (params and map bindings count) */
    bool *mut;          /* by id: array written in place (mutation.c) */
    bool changed;
} cctx;

static void count_defs(const ir_block *b, int *defs)
{
    for (int p = 0; p < b->nparams; p++)
        defs[b->params[p]->id]++;
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int r = 0; r < op->nresults; r++)
            if (!op->results[r]->is_global)
                defs[op->results[r]->id]++;
        for (int r = 0; r < op->nregions; r++)
            count_defs(&op->regions[r], defs);
    }
}

static bool candidate(const cctx *C, const ir_op *op)
{
    if (op->nresults != 1 || op->results[0]->is_global || C->defs[op->results[0]->id] != 1)
        return false;
    if (op->code == IR_MAP)
        return true;
    if (op->nregions)
        return false;
    switch (op->code) {
    case IR_MOV: case IR_CALL: case IR_RTCALL:
        return false;
    default:
        return !pu_is_barrier(op) && op->results[0]->type.dtype != IR_RNG;
    }
}

static bool same_attrs(const ir_op *a, const ir_op *b)
{
    if (a->nattrs != b->nattrs)
        return false;
    for (int i = 0; i < a->nattrs; i++) {
        const ir_attr *x = &a->attrs[i], *y = ir_attr_get(b, x->name);
        if (!y || x->kind != y->kind || x->i != y->i || x->slen != y->slen ||
            x->nlist != y->nlist)
            return false;
        if (x->kind == IR_ATTR_FLOAT && memcmp(&x->f, &y->f, sizeof x->f) != 0)
            return false;
        if (x->s && (!y->s || memcmp(x->s, y->s, (size_t)(x->slen ? x->slen : (int)strlen(x->s) + 1))))
            return false;
        if (x->nlist && memcmp(x->list, y->list, sizeof *x->list * (size_t)x->nlist))
            return false;
    }
    return true;
}

/* Renaming between two map bodies: var pairs (a[i] in one, b[i] in the other). */
typedef struct renaming {
    const ir_var *a[MAX_BODY_VARS], *b[MAX_BODY_VARS];
    int n;
} renaming;

static bool same_var(const renaming *R, const ir_var *x, const ir_var *y)
{
    if (R)
        for (int i = 0; i < R->n; i++)
            if (R->a[i] == x || R->b[i] == y)
                return R->a[i] == x && R->b[i] == y;
    return x == y;
}

static bool same_op(const ir_op *a, const ir_op *b, const renaming *R)
{
    if (a->code != b->code || a->nargs != b->nargs || a->nresults != b->nresults ||
        a->nindex != b->nindex || a->nregions != b->nregions || !same_attrs(a, b))
        return false;
    for (int i = 0; i < a->nargs; i++)
        if (!same_var(R, a->args[i], b->args[i]))
            return false;
    for (int i = 0; i < a->nresults; i++)
        if (!ir_type_equal(a->results[i]->type, b->results[i]->type))
            return false;
    if (a->nindex && memcmp(a->index, b->index, sizeof *a->index * (size_t)a->nindex))
        return false;
    return true;
}

static bool pair(renaming *R, const ir_var *x, const ir_var *y)
{
    if (R->n == MAX_BODY_VARS || !ir_type_equal(x->type, y->type))
        return false;
    R->a[R->n] = x;
    R->b[R->n++] = y;
    return true;
}

static bool same_map(const ir_op *a, const ir_op *b)
{
    const ir_block *x = &a->regions[0], *y = &b->regions[0];
    if (!same_op(a, b, NULL) || x->nops != y->nops || x->nparams != y->nparams)
        return false;
    renaming *R = xcalloc(1, sizeof *R);
    bool ok = true;
    for (int p = 0; p < x->nparams && ok; p++)
        ok = pair(R, x->params[p], y->params[p]);
    for (int i = 0; i < x->nops && ok; i++) {
        ok = x->ops[i]->nregions == 0 && same_op(x->ops[i], y->ops[i], R);
        for (int r = 0; r < x->ops[i]->nresults && ok; r++)
            ok = pair(R, x->ops[i]->results[r], y->ops[i]->results[r]);
    }
    free(R);
    return ok;
}

static bool equal(const ir_op *a, const ir_op *b)
{
    return a->code == IR_MAP ? b->code == IR_MAP && same_map(a, b) : same_op(a, b, NULL);
}

/* An earlier op in b computing what b->ops[i] computes, or -1. */
static int find_earlier(const cctx *C, const ir_block *b, int i)
{
    const ir_op *op = b->ops[i];
    for (int j = i - 1; j >= 0; j--) {
        const ir_op *e = b->ops[j];
        if (pu_is_barrier(e))
            return -1;
        for (int k = 0; k < op->nargs; k++)
            if (pu_writes_var(e, op->args[k]))
                return -1;
        if (candidate(C, e) && equal(e, op))
            return j;
    }
    return -1;
}

static void cse_block(cctx *C, ir_block *b)
{
    for (int i = 0; i < b->nops; i++) {
        ir_op *op = b->ops[i];
        for (int r = 0; r < op->nregions; r++)
            cse_block(C, &op->regions[r]);
        if (!candidate(C, op))
            continue;
        int j = find_earlier(C, b, i);
        if (j < 0)
            continue;
        ir_var *first = b->ops[j]->results[0], *dup = op->results[0];
        if (dup->type.is_array) {
            if (C->mut[first->id] || C->mut[dup->id])
                continue;
            ir_op *mov = ir_op_new(C->m, IR_MOV, op->loc);
            ir_op_add_arg(C->m, mov, first);
            ir_op_set_results(C->m, mov, &dup, 1);
            b->ops[i] = mov;
            if (!mu_is_view(op))
                pu_remark("cse", op->loc, "'%s' reuses the array computed at line %d",
                          ir_opcode_name(op->code), b->ops[j]->loc.line);
        } else {
            pu_replace_uses(&C->f->body, dup, first);
            ir_block_remove(b, i--);
        }
        C->changed = true;
    }
}

bool pass_cse(ir_module *m)
{
    bool changed = false;
    for (int f = 0; f < m->nfuncs; f++) {
        ir_func *fn = m->funcs[f];
        cctx C = {.m = m, .f = fn};
        C.defs = xcalloc((size_t)fn->nvars + 1, sizeof *C.defs);
        for (int p = 0; p < fn->nparams; p++)
            C.defs[fn->params[p]->id]++;
        count_defs(&fn->body, C.defs);
        C.mut = mu_mutated(fn);
        cse_block(&C, &fn->body);
        changed |= C.changed;
        free(C.defs);
        free(C.mut);
    }
    return changed;
}

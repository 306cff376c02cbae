/* mutation.c: see mutation.h.  Conservative by construction: anything that
 * leaves the function's sight (calls, returns, globals) counts as written. */
#include <stdlib.h>

#include "passes/mutation.h"

bool mu_is_view(const ir_op *op)
{
    switch (op->code) {
    case IR_SLICE: case IR_TRANSPOSE: case IR_RESHAPE: case IR_MOV:
        return op->nresults == 1 && op->nargs >= 1 && op->args[0]->type.is_array;
    default:
        return false;
    }
}

bool mu_writes_memory(const ir_op *op)
{
    return op->code == IR_ASSIGN || op->code == IR_STORE || op->code == IR_CALL ||
           op->code == IR_RTCALL;
}

static void mark(bool *mut, const ir_var *v)
{
    if (!v->is_global && v->type.is_array)
        mut[v->id] = true;
}

static void seed(const ir_block *b, bool *mut)
{
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        if (op->code == IR_ASSIGN || op->code == IR_STORE)
            mark(mut, op->args[0]);
        else if (op->code == IR_CALL || op->code == IR_RTCALL || op->code == IR_RETURN)
            for (int k = 0; k < op->nargs; k++)
                mark(mut, op->args[k]);
        else if (mu_is_view(op) && op->results[0]->is_global)
            mark(mut, op->args[0]);
        for (int r = 0; r < op->nregions; r++)
            seed(&op->regions[r], mut);
    }
}

/* A view of a written array is written: so is its base. */
static bool spread(const ir_block *b, bool *mut)
{
    bool changed = false;
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        if (mu_is_view(op) && !op->results[0]->is_global && mut[op->results[0]->id] &&
            !op->args[0]->is_global && !mut[op->args[0]->id]) {
            mut[op->args[0]->id] = true;
            changed = true;
        }
        for (int r = 0; r < op->nregions; r++)
            changed |= spread(&op->regions[r], mut);
    }
    return changed;
}

bool *mu_mutated(const ir_func *f)
{
    bool *mut = xcalloc((size_t)f->nvars + 1, sizeof *mut);
    seed(&f->body, mut);
    while (spread(&f->body, mut))
        ;
    return mut;
}

static int find(int *p, int x)
{
    while (p[x] != x)
        x = p[x] = p[p[x]];
    return x;
}

static void join(int *p, int a, int b)
{
    a = find(p, a);
    b = find(p, b);
    if (a != b)
        p[a < b ? b : a] = a < b ? a : b;
}

static void join_views(const ir_func *f, const ir_block *b, int *p)
{
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        if (mu_is_view(op))
            join(p, mu_class(f, p, op->results[0]), mu_class(f, p, op->args[0]));
        for (int r = 0; r < op->nregions; r++)
            join_views(f, &op->regions[r], p);
    }
}

int mu_class(const ir_func *f, const int *classes, const ir_var *v)
{
    return v->is_global ? f->nvars : classes[v->id];
}

int *mu_alias_classes(const ir_func *f)
{
    int n = f->nvars;
    int *p = xmalloc(sizeof *p * (size_t)(n + 1));
    for (int i = 0; i <= n; i++)
        p[i] = i;
    for (int i = 0; i < f->nparams; i++)
        if (f->params[i]->type.is_array)
            join(p, f->params[i]->id, n);
    join_views(f, &f->body, p);
    for (int i = 0; i <= n; i++)
        p[i] = find(p, i);
    return p;
}

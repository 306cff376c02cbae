/* ir_clone.c: deep copies of ops and blocks inside one module.
 *
 * Variables are shared (a copy reads and writes the same locals); ops,
 * attributes, index items and regions are new. */
#include "ir/ir.h"

#include <string.h>

static void *dup_mem(ir_module *m, const void *p, size_t n)
{
    if (!p || n == 0)
        return NULL;
    void *d = arena_alloc(&m->arena, n);
    memcpy(d, p, n);
    return d;
}

static void clone_attrs(ir_module *m, ir_op *dst, const ir_op *src)
{
    dst->attrs = dup_mem(m, src->attrs, (size_t)src->nattrs * sizeof *src->attrs);
    dst->nattrs = src->nattrs;
    for (int i = 0; i < dst->nattrs; i++) {
        ir_attr *a = &dst->attrs[i];
        if (a->kind == IR_ATTR_INTLIST)
            a->list = dup_mem(m, a->list, (size_t)a->nlist * sizeof *a->list);
    }
}

ir_op *ir_op_clone(ir_module *m, const ir_op *op)
{
    ir_op *c = ir_op_new(m, op->code, op->loc);
    ir_op_set_results(m, c, op->results, op->nresults);
    ir_op_set_args(m, c, op->args, op->nargs);
    ir_op_set_index(m, c, op->index, op->nindex);
    clone_attrs(m, c, op);
    for (int r = 0; r < op->nregions && r < c->nregions; r++)
        ir_block_clone(m, &c->regions[r], &op->regions[r]);
    return c;
}

void ir_block_clone(ir_module *m, ir_block *dst, const ir_block *src)
{
    dst->params = dup_mem(m, src->params, (size_t)src->nparams * sizeof *src->params);
    dst->nparams = src->nparams;
    for (int i = 0; i < src->nops; i++)
        ir_block_append(dst, ir_op_clone(m, src->ops[i]));
}

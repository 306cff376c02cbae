/* lower_elementwise.c: elementwise ops on arrays -> one-op MAPs.
 *
 *     %r = add %a, %s            (%a: f64[?], %s: f64)
 * becomes
 *     %r = map %a, %s (%p0:f64, %p1:f64) { %t = add %p0, %p1; yield %t }
 *
 * Every op whose opinfo says elementwise and whose result is an array is
 * rewritten; every operand (array or scalar) becomes a map operand with one
 * scalar block parameter of its dtype, and the body is the same op (same
 * attributes) on the parameters.
 *
 * Legal because an elementwise op is pure and computes each result element
 * from the operands' elements at the same broadcast position only; a MAP
 * has exactly that meaning (broadcast shape of the array operands, scalars
 * broadcast, a fresh C-contiguous result of the result's dtype).  Nothing
 * else changes: results keep their variables, so later uses are untouched.
 * Ops already inside a map body are scalar and left alone.  Fusion (later)
 * merges the resulting maps.
 */
#include <string.h>

#include "passes/passes.h"

static ir_attr *copy_attrs(ir_module *m, const ir_op *op)
{
    if (op->nattrs == 0)
        return NULL;
    ir_attr *a = arena_alloc(&m->arena, (size_t)op->nattrs * sizeof *a);
    memcpy(a, op->attrs, (size_t)op->nattrs * sizeof *a);
    return a;
}

/* The map body: one scalar copy of op over fresh parameters, then yield. */
static void build_body(ir_module *m, ir_func *f, const ir_op *op, ir_block *body)
{
    ir_op *scalar = ir_op_new(m, op->code, op->loc);
    for (int i = 0; i < op->nargs; i++) {
        ir_type t = ir_scalar_type(op->args[i]->type.dtype);
        ir_op_add_arg(m, scalar, ir_block_add_param(m, f, body, NULL, t));
    }
    ir_var *r = ir_var_new(m, f, NULL, ir_scalar_type(op->results[0]->type.dtype));
    ir_op_set_results(m, scalar, &r, 1);
    scalar->attrs = copy_attrs(m, op);
    scalar->nattrs = op->nattrs;
    ir_block_append(body, scalar);
    ir_op *yield = ir_op_new(m, IR_YIELD, op->loc);
    ir_op_add_arg(m, yield, r);
    ir_block_append(body, yield);
}

static ir_op *to_map(ir_module *m, ir_func *f, const ir_op *op)
{
    ir_op *map = ir_op_new(m, IR_MAP, op->loc);
    ir_op_set_args(m, map, op->args, op->nargs);
    ir_op_set_results(m, map, op->results, op->nresults);
    if (map->nregions == 0) {
        map->regions = arena_alloc(&m->arena, sizeof(ir_block));
        map->nregions = 1;
    }
    build_body(m, f, op, &map->regions[0]);
    return map;
}

static bool wants_map(const ir_op *op)
{
    return ir_opinfos[op->code].elementwise && op->nresults == 1 &&
           op->results[0]->type.is_array;
}

static bool lower_block(ir_module *m, ir_func *f, ir_block *b)
{
    bool changed = false;
    for (int i = 0; i < b->nops; i++) {
        ir_op *op = b->ops[i];
        if (op->code == IR_MAP)
            continue;
        for (int r = 0; r < op->nregions; r++)
            changed |= lower_block(m, f, &op->regions[r]);
        if (wants_map(op)) {
            b->ops[i] = to_map(m, f, op);
            changed = true;
        }
    }
    return changed;
}

bool pass_lower_elementwise(ir_module *m)
{
    bool changed = false;
    for (int i = 0; i < m->nfuncs; i++)
        changed |= lower_block(m, m->funcs[i], &m->funcs[i]->body);
    return changed;
}

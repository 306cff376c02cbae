/* dce.c: dead code elimination.
 *
 * Removes ops whose results nobody reads, when the op can neither raise nor
 * have an effect: constants, scalar arithmetic without Python's
 * ZeroDivisionError semantics, casts that cannot raise, dim/size queries,
 * and moves into variables never read.  Ops that may raise stay even when
 * their result is dead (NumPy would raise there: a broadcast mismatch in
 * `c = a + b` is reported even if c is never used).  Repeats until nothing
 * changes, so chains of dead temporaries disappear.
 */
#include <stdlib.h>

#include "passes/pass_util.h"
#include "passes/passes.h"

static bool removable(const ir_op *op, const int *uses)
{
    if (op->nresults == 0 || op->nregions > 0)
        return false;
    for (int i = 0; i < op->nresults; i++)
        if (op->results[i]->is_global || uses[op->results[i]->id] > 0)
            return false;
    switch (op->code) {
    case IR_CONST: case IR_DIM: case IR_SIZE: case IR_MOV:
        return true;
    case IR_POW: case IR_FLOORDIV: case IR_MOD: case IR_DIV: case IR_ROUND:
        return false;   /* may raise (Python semantics, int ** negative) */
    case IR_CAST:
        return !ir_attr_int(op, "py", 0);
    default:
        return ir_opinfos[op->code].elementwise && !op->results[0]->type.is_array;
    }
}

static bool dce_block(ir_block *b, const int *uses)
{
    bool changed = false;
    for (int i = b->nops - 1; i >= 0; i--) {
        ir_op *op = b->ops[i];
        if (op->code != IR_MAP)
            for (int r = 0; r < op->nregions; r++)
                changed |= dce_block(&op->regions[r], uses);
        if (removable(op, uses)) {
            ir_block_remove(b, i);
            changed = true;
        }
    }
    return changed;
}

bool pass_dce(ir_module *m)
{
    bool changed = false;
    for (int f = 0; f < m->nfuncs; f++) {
        for (;;) {
            int *uses = pu_use_counts(m->funcs[f]);
            bool did = dce_block(&m->funcs[f]->body, uses);
            free(uses);
            if (!did)
                break;
            changed = true;
        }
    }
    return changed;
}

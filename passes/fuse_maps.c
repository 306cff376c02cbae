/* fuse_maps.c: merge a map into the map that reads its result.
 *
 *     %t = map %a, %b (%x, %y) { %u = mul %x, %y; yield %u }
 *     %r = map %t, %c (%p, %q) { %v = add %p, %q; yield %v }
 * becomes
 *     %r = map %c, %a, %b (%q, %x, %y) { %u = mul %x, %y; %v = add %u, %q; yield %v }
 *
 * so y = a*x + b*sqrt(z) is one loop with no temporary arrays.
 *
 * Legal when: the producer's result is a temporary read exactly once (by the
 * consumer), both maps sit in the same block, and nothing between them can
 * write memory, call out, or rebind one of the producer's operands (no
 * barrier op, see pass_util.c).  Then every element the consumer reads from
 * the temporary is computed from the producer's operands at the same
 * broadcast position, which is what the fused body does: the producer's
 * result shape is the broadcast of its operands, and broadcasting it further
 * to the consumer's shape reads the same elements as broadcasting the
 * operands directly.  Shape errors are still raised (by the fused loop's
 * broadcast), at the consumer's line, which for temporaries of one
 * expression is the same statement.
 */
#include <stdlib.h>
#include <string.h>

#include "passes/pass_util.h"
#include "passes/passes.h"

enum { MAX_MAP_OPERANDS = 32 };

static bool movable_between(const ir_block *b, int i, int j, const ir_op *producer)
{
    for (int k = i + 1; k < j; k++) {
        const ir_op *op = b->ops[k];
        if (pu_is_barrier(op))
            return false;
        for (int a = 0; a < producer->nargs; a++)
            if (pu_writes_var(op, producer->args[a]))
                return false;
    }
    return true;
}

static int find_arg(ir_var **args, int n, const ir_var *v)
{
    for (int i = 0; i < n; i++)
        if (args[i] == v)
            return i;
    return -1;
}

/* Fuse producer b->ops[i] into consumer b->ops[j] through its operand k. */
static void fuse(ir_module *m, ir_block *b, int i, int j, int k)
{
    ir_op *P = b->ops[i], *C = b->ops[j];
    ir_block *pb = &P->regions[0], *cb = &C->regions[0];
    int cap = C->nargs + P->nargs;
    ir_var **args = arena_alloc(&m->arena, sizeof *args * (size_t)cap);
    ir_var **params = arena_alloc(&m->arena, sizeof *params * (size_t)cap);
    int n = 0;
    for (int a = 0; a < C->nargs; a++)
        if (a != k) {
            args[n] = C->args[a];
            params[n++] = cb->params[a];
        }
    for (int a = 0; a < P->nargs; a++) {
        int at = find_arg(args, n, P->args[a]);
        if (at >= 0) {
            pu_replace_uses(pb, pb->params[a], params[at]);
        } else {
            args[n] = P->args[a];
            params[n++] = pb->params[a];
        }
    }
    ir_var *yielded = pb->ops[pb->nops - 1]->args[0];
    pu_replace_uses(cb, cb->params[k], yielded);
    for (int t = pb->nops - 2; t >= 0; t--)
        ir_block_insert(cb, 0, pb->ops[t]);
    cb->params = params;
    cb->nparams = n;
    ir_op_set_args(m, C, args, n);
    ir_block_remove(b, i);
}

/* One fusion in b, if any is possible. */
static bool fuse_once(ir_module *m, const int *uses, ir_block *b)
{
    for (int j = 0; j < b->nops; j++) {
        ir_op *C = b->ops[j];
        if (C->code != IR_MAP)
            continue;
        for (int k = 0; k < C->nargs; k++) {
            ir_var *t = C->args[k];
            if (!t->type.is_array || !pu_is_temp(t) || uses[t->id] != 1)
                continue;
            for (int i = j - 1; i >= 0; i--) {
                ir_op *P = b->ops[i];
                if (P->nresults != 1 || P->results[0] != t)
                    continue;
                if (P->code == IR_MAP && C->nargs + P->nargs <= MAX_MAP_OPERANDS &&
                    movable_between(b, i, j, P)) {
                    fuse(m, b, i, j, k);
                    return true;
                }
                break;
            }
        }
    }
    for (int i = 0; i < b->nops; i++)
        if (b->ops[i]->code != IR_MAP)
            for (int r = 0; r < b->ops[i]->nregions; r++)
                if (fuse_once(m, uses, &b->ops[i]->regions[r]))
                    return true;
    return false;
}

static void remark_block(const ir_block *b)
{
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        if (op->code == IR_MAP && op->regions[0].nops > 2)
            pu_remark("fuse-maps", op->loc, "fused %d elementwise operations into one loop, "
                      "%d temporary arrays removed", op->regions[0].nops - 1, op->regions[0].nops - 2);
        else
            for (int r = 0; r < op->nregions; r++)
                remark_block(&op->regions[r]);
    }
}

bool pass_fuse_maps(ir_module *m)
{
    bool changed = false;
    for (int f = 0; f < m->nfuncs; f++) {
        ir_func *fn = m->funcs[f];
        for (;;) {
            int *uses = pu_use_counts(fn);
            bool did = fuse_once(m, uses, &fn->body);
            free(uses);
            if (!did)
                break;
            changed = true;
        }
        remark_block(&fn->body);
    }
    return changed;
}

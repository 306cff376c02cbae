/* tile.c: choose cache tiles for maps that read an operand across its rows.
 *
 * A map over a 2-D shape walks the result row by row.  When an
 * operand is a transposed view (`A.T + B`, `X - X.T`), reading it row by row
 * means striding down its columns: every element touches a new cache line.
 * Blocking the two innermost loops into T0 x T1 tiles keeps the lines of the
 * transposed operand in L1 while the tile is done.  The tile edge comes from
 * a cache model: the tile of every array operand and of the result must fit
 * in half of L1 (the rest is for the streams and the stack):
 *     T = largest multiple of 8 with (operands + 1) * T*T * 8 bytes <= L1/2.
 * L1's size is read from the machine at compile time (sysconf), or given
 * with --l1-cache=BYTES.  Legal because a map's elements are independent:
 * any iteration order computes the same values.  The chosen tile is the
 * map's attribute `tile = [T0, T1]`, visible in --emit=ir, and a remark.
 */
#include <stdlib.h>
#include <unistd.h>

#include "passes/pass_util.h"
#include "passes/passes.h"

static long l1_bytes = 0;

void pass_tile_set_l1(long bytes)
{
    l1_bytes = bytes;
}

static long l1_size(void)
{
    if (l1_bytes > 0)
        return l1_bytes;
#ifdef _SC_LEVEL1_DCACHE_SIZE
    long s = sysconf(_SC_LEVEL1_DCACHE_SIZE);
    if (s > 0)
        return s;
#endif
    return 32 * 1024;
}

static const ir_op *definition(const ir_block *b, const ir_var *v)
{
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int r = 0; r < op->nresults; r++)
            if (op->results[r] == v)
                return op;
        if (op->code != IR_MAP)
            for (int r = 0; r < op->nregions; r++) {
                const ir_op *d = definition(&op->regions[r], v);
                if (d)
                    return d;
            }
    }
    return NULL;
}

static int tile_edge(int narrays)
{
    long budget = l1_size() / 2;
    int t = 8;
    while ((long)(narrays + 1) * (t + 8) * (t + 8) * 8 <= budget)
        t += 8;
    return t;
}

static bool tile_block(ir_module *m, const ir_func *f, ir_block *b)
{
    bool changed = false;
    for (int i = 0; i < b->nops; i++) {
        ir_op *op = b->ops[i];
        if (op->code != IR_MAP) {
            for (int r = 0; r < op->nregions; r++)
                changed |= tile_block(m, f, &op->regions[r]);
            continue;
        }
        if (op->results[0]->type.rank != 2 || ir_attr_get(op, "tile"))
            continue;
        int narrays = 0;
        const ir_var *transposed = NULL;
        for (int a = 0; a < op->nargs; a++) {
            if (!op->args[a]->type.is_array)
                continue;
            narrays++;
            const ir_op *d = definition(&f->body, op->args[a]);
            if (d && d->code == IR_TRANSPOSE && op->args[a]->type.rank >= 2)
                transposed = op->args[a];
        }
        if (!transposed)
            continue;
        int t = tile_edge(narrays);
        int64_t tile[2] = {t, t};
        ir_attr_set_intlist(m, op, "tile", tile, 2);
        pu_remark("tile", op->loc, "tiled %dx%d for L1 = %ld bytes: an operand is a transposed view", t, t,
                  l1_size());
        changed = true;
    }
    return changed;
}

bool pass_tile(ir_module *m)
{
    bool changed = false;
    for (int i = 0; i < m->nfuncs; i++)
        changed |= tile_block(m, m->funcs[i], &m->funcs[i]->body);
    return changed;
}

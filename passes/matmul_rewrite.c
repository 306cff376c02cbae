/* matmul_rewrite.c: BLAS-level rewrites of matrix products.
 *
 *  syrk      %t = transpose %X; %G = matmul %t, %X   ->  %G = rtcall %X, true {fn = syrk}
 *            (and X @ X.T with false): float X of rank 2.  ?syrk computes
 *            one triangle (half the flops) and the runtime mirrors it.
 *            Legal: X.T @ X has no shape error; the product is symmetric.
 *            NumPy's matmul itself uses syrk for one array times its
 *            transpose, so results agree; at worst they differ in the last
 *            bits (summation order), within the acceptance tolerance.
 *  reassoc   %t = matmul %A, %B; %r = matmul %t, %C  ->  %u = matmul %B, %C;
 *            %r = matmul %A, %u, when every dimension is known at compile
 *            time, the shapes agree (so neither order can raise), %t is a
 *            temporary read only there, one dtype throughout, nothing between
 *            the two products writes memory or rebinds %A or %B, and the
 *            flop count m*k*n + m*n*p drops (A @ B @ x with x a vector:
 *            A @ (B @ x) is two matrix-vector products).  Floating-point
 *            sums are then taken in another order: last-bit differences.
 *  trans     a product with a transposed operand (A.T @ B) needs no pass:
 *            rt_matmul hands transposed views of contiguous arrays to BLAS
 *            with Trans flags (rt_linalg.c: blas_matrix); the pass reports
 *            it as a remark, "mapped to dgemm(TransA)".
 */
#include <stdlib.h>
#include <string.h>

#include "passes/pass_util.h"
#include "passes/passes.h"

typedef struct mctx {
    ir_module *m;
    ir_func *f;
    int *defs;          /* by id */
    ir_op **def;        /* by id */
    int *uses;
    bool changed;
} mctx;

static void count_defs(mctx *M, const ir_block *b)
{
    for (int p = 0; p < b->nparams; p++)
        M->defs[b->params[p]->id]++;
    for (int i = 0; i < b->nops; i++) {
        ir_op *op = b->ops[i];
        for (int r = 0; r < op->nresults; r++)
            if (!op->results[r]->is_global) {
                M->defs[op->results[r]->id]++;
                M->def[op->results[r]->id] = op;
            }
        for (int r = 0; r < op->nregions; r++)
            count_defs(M, &op->regions[r]);
    }
}

static ir_op *def_of(const mctx *M, const ir_var *v)
{
    return !v->is_global && M->defs[v->id] == 1 ? M->def[v->id] : NULL;
}

static bool is_float(ir_dtype dt)
{
    return dt == IR_F32 || dt == IR_F64;
}

/* v = X.T for a rank-2 X assigned once: X, else NULL. */
static ir_var *transposed(const mctx *M, const ir_var *v)
{
    const ir_op *d = def_of(M, v);
    for (int hop = 0; d && d->code == IR_MOV && hop < 8; hop++)
        d = def_of(M, d->args[0]);     /* cse may leave %t2 = mov %t1 */
    if (!d || d->code != IR_TRANSPOSE || ir_attr_get(d, "perm") || d->args[0]->type.rank != 2)
        return NULL;
    ir_var *x = d->args[0];
    return !x->is_global && M->defs[x->id] == 1 ? x : NULL;
}

static bool try_syrk(mctx *M, ir_block *b, int i)
{
    ir_op *op = b->ops[i];
    ir_var *a = op->args[0], *c = op->args[1];
    if (!is_float(a->type.dtype) || a->type.dtype != c->type.dtype || a->type.rank != 2 ||
        c->type.rank != 2)
        return false;
    bool xt_x = transposed(M, a) == c;
    if (!xt_x && transposed(M, c) != a)
        return false;
    ir_var *x = xt_x ? c : a;
    ir_op *flag = ir_op_new(M->m, IR_CONST, op->loc);
    ir_var *fv = ir_var_new(M->m, M->f, NULL, ir_scalar_type(IR_BOOL));
    ir_op_set_results(M->m, flag, &fv, 1);
    ir_attr_set_bool(M->m, flag, "value", xt_x);
    ir_op *call = ir_op_new(M->m, IR_RTCALL, op->loc);
    ir_op_add_arg(M->m, call, x);
    ir_op_add_arg(M->m, call, fv);
    ir_op_set_results(M->m, call, op->results, 1);
    ir_attr_set_word(M->m, call, "fn", "syrk");
    b->ops[i] = call;
    ir_block_insert(b, i, flag);
    pu_remark("matmul-rewrite", op->loc, "%s mapped to %csyrk (one triangle, mirrored)",
              xt_x ? "X.T @ X" : "X @ X.T", a->type.dtype == IR_F64 ? 'd' : 's');
    return true;
}

static bool known(const ir_var *v)
{
    for (int d = 0; d < v->type.rank; d++)
        if (v->type.dims[d] < 0)
            return false;
    return v->type.is_array;
}

/* Nothing in b between ops i and j writes memory or rebinds a or b. */
static bool quiet_between(const ir_block *b, int i, int j, const ir_var *x, const ir_var *y)
{
    for (int k = i + 1; k < j; k++)
        if (pu_is_barrier(b->ops[k]) || pu_writes_var(b->ops[k], x) || pu_writes_var(b->ops[k], y))
            return false;
    return true;
}

static bool try_reassoc(mctx *M, ir_block *b, int j)
{
    ir_op *r = b->ops[j];
    ir_var *t = r->args[0], *C = r->args[1];
    ir_op *d = def_of(M, t);
    if (!d || d->code != IR_MATMUL || !pu_is_temp(t) || M->uses[t->id] != 1)
        return false;
    int i = j - 1;
    while (i >= 0 && b->ops[i] != d)
        i--;
    ir_var *A = d->args[0], *B = d->args[1];
    if (i < 0 || !known(A) || !known(B) || !known(C) || A->type.rank != 2 || B->type.rank != 2 ||
        A->type.dtype != B->type.dtype || B->type.dtype != C->type.dtype ||
        !quiet_between(b, i, j, A, B))
        return false;
    int64_t m = A->type.dims[0], k = A->type.dims[1], n = B->type.dims[1];
    int64_t p = C->type.rank == 2 ? C->type.dims[1] : 1;
    if (B->type.dims[0] != k || C->type.dims[0] != n)
        return false;
    double left = (double)m * k * n + (double)m * n * p, right = (double)k * n * p + (double)m * k * p;
    if (!(right < left))
        return false;
    int64_t ud[2] = {k, p};
    ir_var *u = ir_var_new(M->m, M->f, NULL, ir_array_type(C->type.dtype, C->type.rank, ud));
    ir_op *bc = ir_op_new(M->m, IR_MATMUL, r->loc);
    ir_op_add_arg(M->m, bc, B);
    ir_op_add_arg(M->m, bc, C);
    ir_op_set_results(M->m, bc, &u, 1);
    r->args[0] = A;
    r->args[1] = u;
    ir_block_insert(b, j, bc);
    ir_block_remove(b, i);
    pu_remark("matmul-rewrite", r->loc, "(A @ B) @ C reassociated to A @ (B @ C): %.0f -> %.0f "
              "multiply-adds", left, right);
    return true;
}

static void remark_trans(const mctx *M, const ir_op *op)
{
    bool ta = transposed(M, op->args[0]) != NULL, tb = transposed(M, op->args[1]) != NULL;
    ir_dtype dt = op->args[0]->type.dtype;
    if ((!ta && !tb) || !is_float(dt) || dt != op->args[1]->type.dtype)
        return;
    bool mv = op->args[0]->type.rank == 1 || op->args[1]->type.rank == 1;
    pu_remark("matmul-rewrite", op->loc, "%s @ %s mapped to %c%s(%s): transposed operand passed "
              "to BLAS without a copy", ta ? "A.T" : "A", tb ? "B.T" : "B",
              dt == IR_F64 ? 'd' : 's', mv ? "gemv" : "gemm",
              ta && tb ? "TransA, TransB" : ta ? "TransA" : "TransB");
}

static void rewrite_block(mctx *M, ir_block *b)
{
    for (int i = 0; i < b->nops; i++) {
        ir_op *op = b->ops[i];
        if (op->code == IR_MAP)
            continue;
        for (int r = 0; r < op->nregions; r++)
            rewrite_block(M, &op->regions[r]);
        if (op->code != IR_MATMUL || op->nresults != 1)
            continue;
        if (try_syrk(M, b, i)) {
            i++;
            M->changed = true;
        } else if (try_reassoc(M, b, i)) {
            M->changed = true;
        } else {
            remark_trans(M, op);
        }
    }
}

bool pass_matmul_rewrite(ir_module *m)
{
    bool changed = false;
    for (int f = 0; f < m->nfuncs; f++) {
        ir_func *fn = m->funcs[f];
        mctx M = {.m = m, .f = fn};
        M.defs = xcalloc((size_t)fn->nvars + 1, sizeof *M.defs);
        M.def = xcalloc((size_t)fn->nvars + 1, sizeof *M.def);
        for (int p = 0; p < fn->nparams; p++)
            M.defs[fn->params[p]->id]++;
        count_defs(&M, &fn->body);
        M.uses = pu_use_counts(fn);
        rewrite_block(&M, &fn->body);
        changed |= M.changed;
        free(M.defs);
        free(M.def);
        free(M.uses);
    }
    return changed;
}

/* emit_llvm_parfor.c: a `for` marked parallel by passes/parallelize.c,
 * with the semantics of emit_c_parfor.c.
 *
 *     trip = number of iterations; NCH = min(trip, 64) fixed chunks
 *     if (trip >= min_trip && the `disjoint` array pairs do not overlap)
 *         rt_parallel_for(NCH, f.forN, &ctx): chunk c runs iterations
 *         [trip*c/NCH, trip*(c+1)/NCH) with private allocas for every var
 *         the body assigns (handles start NULL and are released at chunk
 *         end); reductions start at their identity, store their chunk's
 *         result in ctx's partials, combined in chunk order after the
 *         call; chunk NCH-1 stores its private scalars out through ctx.
 *     else the ordinary serial loop (emit_llvm_stmt.c).
 * ctx holds a pointer to the caller's slot of every local the body names
 * (vars it only reads are loaded once per call: the body cannot change
 * them), lo, step, trip, NCH and one pointer per reduction's partials.
 */
#include <stdio.h>
#include <string.h>

#include "codegen/emit_llvm_loop.h"

enum { NL_CHUNKS = 64 };
enum { K_PRIV = 1, K_RED = 2, K_SHARED = 3 };   /* kind[] of a named local */

typedef struct pf {
    const ir_op *op;
    int nvars;
    char *kind;             /* by local id: 0 (not named in the body) or K_* */
    int *field;             /* by local id: its ctx field */
    const ir_var **red;     /* reduction vars, in order */
    int nred;
    int nfields;            /* ptr per named local, then 4 x i64, then partials */
    LLVMTypeRef ctx_t;
} pf;

/* "s:add,t:mul" -> 0 (not a reduction), '+' or '*'. */
static char reduction_of(const ir_op *op, const ir_var *v)
{
    const ir_attr *a = ir_attr_get(op, "reduce");
    size_t n = strlen(v->name);
    for (const char *p = a ? a->s : NULL; p && *p;) {
        const char *colon = strchr(p, ':'), *comma = strchr(p, ',');
        if (colon && (size_t)(colon - p) == n && !strncmp(p, v->name, n))
            return !strncmp(colon + 1, "mul", 3) ? '*' : '+';
        p = comma ? comma + 1 : NULL;
    }
    return 0;
}

static void name_var(pf *P, const ir_var *v, int kind)
{
    if (v->is_global || v->id < 0 || v->id >= P->nvars)
        return;
    if (kind == K_SHARED ? !P->kind[v->id] : P->kind[v->id] != K_RED)
        P->kind[v->id] = (char)kind;
}

/* Every local the block names; results of non-map regions are private. */
static void scan(pf *P, const ir_block *b, bool in_map)
{
    for (int i = 0; i < b->nparams; i++)
        name_var(P, b->params[i], K_SHARED);
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int r = 0; r < op->nresults; r++)
            name_var(P, op->results[r], in_map ? K_SHARED : K_PRIV);
        for (int a = 0; a < op->nargs; a++)
            name_var(P, op->args[a], K_SHARED);
        for (int r = 0; r < op->nregions; r++)
            scan(P, &op->regions[r], in_map || op->code == IR_MAP);
    }
}

static void classify(nl *e, pf *P, const ir_op *op)
{
    P->op = op;
    P->nvars = e->f->nvars;
    int n = P->nvars ? P->nvars : 1;
    P->kind = xcalloc((size_t)n, 1);
    P->field = xcalloc((size_t)n, sizeof *P->field);
    P->red = xcalloc((size_t)n, sizeof *P->red);
    scan(P, &op->regions[0], false);
    name_var(P, op->results[0], K_PRIV);     /* assigned beats read: one pass */
    for (int i = 0; i < P->nvars; i++) {
        if (P->kind[i] == K_PRIV && reduction_of(op, e->f->vars[i])) {
            P->kind[i] = K_RED;
            P->red[P->nred++] = e->f->vars[i];
        }
        if (P->kind[i])
            P->field[i] = P->nfields++;
    }
    LLVMTypeRef *ft = xcalloc((size_t)P->nfields + 4 + (size_t)P->nred, sizeof *ft);
    for (int i = 0; i < P->nfields + 4 + P->nred; i++)
        ft[i] = i >= P->nfields && i < P->nfields + 4 ? e->i64 : e->ptr;
    P->ctx_t = LLVMStructTypeInContext(e->cx, ft, (unsigned)(P->nfields + 4 + P->nred), 0);
    free(ft);
}

static void pf_free(pf *P)
{
    free(P->kind);
    free(P->field);
    free(P->red);
}

static LLVMValueRef ctx_gep(nl *e, pf *P, LLVMValueRef ctx, int i)
{
    return LLVMBuildStructGEP2(e->b, P->ctx_t, ctx, (unsigned)i, "");
}

static bool is_float(LLVMTypeRef t) { return LLVMGetTypeKind(t) != LLVMIntegerTypeKind; }

static LLVMValueRef identity(nl *e, const pf *P, const ir_var *v)
{
    LLVMTypeRef t = nl_type(e, v->type);
    int one = reduction_of(P->op, v) == '*';
    return is_float(t) ? LLVMConstReal(t, one) : LLVMConstInt(t, (unsigned long long)one, 0);
}

static LLVMValueRef combine(nl *e, const pf *P, const ir_var *v, LLVMValueRef x, LLVMValueRef y)
{
    LLVMTypeRef t = nl_type(e, v->type);
    bool mul = reduction_of(P->op, v) == '*';
    if (is_float(t))
        return mul ? LLVMBuildFMul(e->b, x, y, "") : LLVMBuildFAdd(e->b, x, y, "");
    if (t == e->i1)     /* C: bool = bool + bool is "either", bool * bool "both" */
        return mul ? LLVMBuildAnd(e->b, x, y, "") : LLVMBuildOr(e->b, x, y, "");
    return mul ? LLVMBuildMul(e->b, x, y, "") : LLVMBuildAdd(e->b, x, y, "");
}

/* Iterations [trip*c/nch, trip*(c+1)/nch) of chunk c. */
static void chunk_iterations(nl *e, pf *P, LLVMValueRef c, LLVMValueRef *lst)
{
    LLVMValueRef qlo = LLVMBuildSDiv(e->b, LLVMBuildMul(e->b, lst[2], c, ""), lst[3], "");
    LLVMValueRef c1 = LLVMBuildAdd(e->b, c, nl_i64(e, 1), "");
    LLVMValueRef qhi = LLVMBuildSDiv(e->b, LLVMBuildMul(e->b, lst[2], c1, ""), lst[3], "");
    nl_loop q;
    nl_loop_open(e, &q, qlo, qhi, "iter");
    LLVMBasicBlockRef latch = nl_block(e, "iter.next");
    nl_set(e, P->op->results[0], LLVMBuildAdd(e->b, lst[0], LLVMBuildMul(e->b, q.iv, lst[1], ""), ""));
    int saved = e->nloops;
    e->brk[0] = q.exit;     /* the pass allows break only in inner loops */
    e->cont[0] = latch;
    e->nloops = 1;
    nl_emit_block(e, &P->op->regions[0]);
    e->nloops = saved;
    LLVMBuildBr(e->b, latch);
    LLVMPositionBuilderAtEnd(e->b, latch);
    nl_loop_close(e, &q, false);
}

/* The end of chunk c: partials, copy-out from the last chunk, releases. */
static void chunk_end(nl *e, pf *P, LLVMValueRef c, LLVMValueRef ctx, LLVMValueRef *outer, LLVMValueRef nch)
{
    for (int i = 0; i < P->nred; i++) {
        LLVMTypeRef t = nl_type(e, P->red[i]->type);
        LLVMValueRef part = LLVMBuildLoad2(e->b, e->ptr, ctx_gep(e, P, ctx, P->nfields + 4 + i), "");
        LLVMBuildStore(e->b, nl_get(e, P->red[i]), LLVMBuildInBoundsGEP2(e->b, t, part, &c, 1, ""));
    }
    LLVMBasicBlockRef last = nl_block(e, "chunk.last"), rest = nl_block(e, "chunk.end");
    LLVMValueRef is_last = LLVMBuildICmp(e->b, LLVMIntEQ, c, LLVMBuildSub(e->b, nch, nl_i64(e, 1), ""), "");
    LLVMBuildCondBr(e->b, is_last, last, rest);
    LLVMPositionBuilderAtEnd(e->b, last);
    for (int i = 0; i < P->nvars; i++)
        if (P->kind[i] == K_PRIV && !nl_is_handle(e->f->vars[i]->type))
            LLVMBuildStore(e->b, nl_get(e, e->f->vars[i]), outer[i]);
    LLVMBuildBr(e->b, rest);
    LLVMPositionBuilderAtEnd(e->b, rest);
    for (int i = 0; i < P->nvars; i++)     /* private arrays die with the chunk */
        if (P->kind[i] == K_PRIV && nl_is_handle(e->f->vars[i]->type))
            nl_release(e, e->f->vars[i]->type, nl_get(e, e->f->vars[i]));
}

/* body(c_lo, c_hi, ctx): chunks [c_lo, c_hi). */
static void body_code(nl *e, pf *P, LLVMValueRef fn)
{
    LLVMValueRef ctx = LLVMGetParam(fn, 2);
    LLVMValueRef *outer = xcalloc((size_t)(P->nvars ? P->nvars : 1), sizeof *outer);
    for (int i = 0; i < P->nvars; i++) {
        if (!P->kind[i])
            continue;
        LLVMTypeRef t = nl_type(e, e->f->vars[i]->type);
        outer[i] = LLVMBuildLoad2(e->b, e->ptr, ctx_gep(e, P, ctx, P->field[i]), "");
        e->slot[i] = nl_alloca(e, t, e->f->vars[i]->name);
        if (P->kind[i] == K_SHARED)
            LLVMBuildStore(e->b, LLVMBuildLoad2(e->b, t, outer[i], ""), e->slot[i]);
    }
    LLVMValueRef lst[4];    /* lo, step, trip, nch */
    for (int i = 0; i < 4; i++)
        lst[i] = LLVMBuildLoad2(e->b, e->i64, ctx_gep(e, P, ctx, P->nfields + i), "");
    nl_loop ch;
    nl_loop_open(e, &ch, LLVMGetParam(fn, 0), LLVMGetParam(fn, 1), "chunk");
    for (int i = 0; i < P->nvars; i++) {
        const ir_var *v = e->f->vars[i];
        if (P->kind[i] == K_PRIV)
            LLVMBuildStore(e->b, LLVMConstNull(nl_type(e, v->type)), e->slot[i]);
        else if (P->kind[i] == K_RED)
            LLVMBuildStore(e->b, identity(e, P, v), e->slot[i]);
    }
    chunk_iterations(e, P, ch.iv, lst);
    chunk_end(e, P, ch.iv, ctx, outer, lst[3]);
    nl_loop_close(e, &ch, false);
    LLVMBuildRetVoid(e->b);
    free(outer);
}

/* Outline the body; the builder, slots and debug scope return to the caller. */
static LLVMValueRef build_body(nl *e, pf *P)
{
    LLVMBasicBlockRef saved = LLVMGetInsertBlock(e->b);
    LLVMValueRef saved_fn = e->fn, *saved_slot = e->slot;
    LLVMMetadataRef saved_sp = e->di_sp, saved_loc = LLVMGetCurrentDebugLocation2(e->b);
    char name[96];
    snprintf(name, sizeof name, "%s.for%d", e->f->name, e->nkernels++);
    LLVMTypeRef pt[] = {e->i64, e->i64, e->ptr};
    LLVMValueRef fn = LLVMAddFunction(e->mod, name, LLVMFunctionType(e->vd, pt, 3, 0));
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    e->fn = fn;
    e->slot = xcalloc((size_t)(P->nvars ? P->nvars : 1), sizeof *e->slot);
    LLVMPositionBuilderAtEnd(e->b, LLVMAppendBasicBlockInContext(e->cx, fn, "entry"));
    nl_debug_func(e, fn, name, P->op->loc.line);
    body_code(e, P, fn);
    free(e->slot);
    e->slot = saved_slot;
    e->fn = saved_fn;
    e->di_sp = saved_sp;
    LLVMPositionBuilderAtEnd(e->b, saved);
    LLVMSetCurrentDebugLocation2(e->b, saved_loc);
    return fn;
}

/* trip >= min_trip && !rt_arrays_overlap(W, R) for each "W:R" of `disjoint`,
 * short-circuit: branches to par or ser. */
static void worth_it(nl *e, const ir_op *op, LLVMValueRef trip, LLVMBasicBlockRef par, LLVMBasicBlockRef ser)
{
    LLVMValueRef big = LLVMBuildICmp(e->b, LLVMIntSGE, trip, nl_i64(e, ir_attr_int(op, "min_trip", 2)), "");
    const ir_attr *a = ir_attr_get(op, "disjoint");
    char buf[512];
    LLVMBasicBlockRef next = nl_block(e, "pfor.check");
    LLVMBuildCondBr(e->b, big, next, ser);
    LLVMPositionBuilderAtEnd(e->b, next);
    for (const char *p = a ? a->s : NULL; p && *p;) {
        const char *comma = strchr(p, ','), *colon = strchr(p, ':');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        const char *q = p;
        p = comma ? comma + 1 : NULL;
        if (!colon || colon >= q + len || len >= sizeof buf)
            continue;
        memcpy(buf, q, len);
        buf[len] = '\0';
        buf[colon - q] = '\0';
        const ir_var *w = ir_func_find_var(e->f, buf), *r = ir_func_find_var(e->f, buf + (colon - q) + 1);
        if (!w || !r)
            continue;
        LLVMValueRef ov = nl_call_v(e, "rt_arrays_overlap", 2, nl_get(e, w), nl_get(e, r));
        next = nl_block(e, "pfor.check");
        LLVMBuildCondBr(e->b, ov, ser, next);
        LLVMPositionBuilderAtEnd(e->b, next);
    }
    LLVMBuildBr(e->b, par);
}

static LLVMValueRef trip_count(nl *e, LLVMValueRef lo, LLVMValueRef hi, LLVMValueRef step)
{
    LLVMValueRef one = nl_i64(e, 1), zero = nl_i64(e, 0);
    LLVMValueRef up = LLVMBuildAdd(e->b, LLVMBuildSDiv(e->b, LLVMBuildSub(e->b, LLVMBuildSub(e->b, hi, lo, ""), one, ""),
                                                       step, ""), one, "");
    LLVMValueRef down = LLVMBuildAdd(e->b, LLVMBuildSDiv(e->b, LLVMBuildSub(e->b, LLVMBuildSub(e->b, lo, hi, ""), one, ""),
                                                         LLVMBuildNeg(e->b, step, ""), ""), one, "");
    up = LLVMBuildSelect(e->b, LLVMBuildICmp(e->b, LLVMIntSGT, hi, lo, ""), up, zero, "");
    down = LLVMBuildSelect(e->b, LLVMBuildICmp(e->b, LLVMIntSGT, lo, hi, ""), down, zero, "");
    return LLVMBuildSelect(e->b, LLVMBuildICmp(e->b, LLVMIntSGT, step, zero, ""), up, down, "trip");
}

/* var = var op part[c] for c in [0, nch), in chunk order. */
static void combine_partials(nl *e, pf *P, LLVMValueRef *parts, LLVMValueRef nch)
{
    for (int i = 0; i < P->nred; i++) {
        const ir_var *v = P->red[i];
        LLVMTypeRef t = nl_type(e, v->type);
        nl_loop L;
        nl_loop_open(e, &L, nl_i64(e, 0), nch, "combine");
        LLVMValueRef x = LLVMBuildLoad2(e->b, t, LLVMBuildInBoundsGEP2(e->b, t, parts[i], &L.iv, 1, ""), "");
        nl_set(e, v, combine(e, P, v, nl_get(e, v), x));
        nl_loop_close(e, &L, false);
    }
}

static void parallel_path(nl *e, pf *P, LLVMValueRef fn, LLVMValueRef *lst)
{
    LLVMValueRef ctx = nl_alloca(e, P->ctx_t, "pctx");
    LLVMValueRef nch = LLVMBuildSelect(e->b, LLVMBuildICmp(e->b, LLVMIntSLT, lst[2], nl_i64(e, NL_CHUNKS), ""),
                                       lst[2], nl_i64(e, NL_CHUNKS), "nch");
    lst[3] = nch;
    for (int i = 0; i < P->nvars; i++)
        if (P->kind[i])
            LLVMBuildStore(e->b, e->slot[i], ctx_gep(e, P, ctx, P->field[i]));
    for (int i = 0; i < 4; i++)
        LLVMBuildStore(e->b, lst[i], ctx_gep(e, P, ctx, P->nfields + i));
    LLVMValueRef *parts = xcalloc((size_t)(P->nred ? P->nred : 1), sizeof *parts);
    for (int i = 0; i < P->nred; i++) {
        parts[i] = nl_alloca(e, LLVMArrayType2(nl_type(e, P->red[i]->type), NL_CHUNKS), "part");
        LLVMBuildStore(e->b, parts[i], ctx_gep(e, P, ctx, P->nfields + 4 + i));
    }
    nl_call_v(e, "rt_parallel_for", 3, nch, fn, ctx);
    combine_partials(e, P, parts, nch);
    free(parts);
}

LLVMBasicBlockRef nl_emit_parallel_for(nl *e, const ir_op *op, LLVMValueRef lo, LLVMValueRef hi, LLVMValueRef step)
{
    pf P = {0};
    classify(e, &P, op);
    LLVMValueRef fn = build_body(e, &P);
    LLVMValueRef lst[4] = {lo, step, trip_count(e, lo, hi, step), NULL};
    LLVMBasicBlockRef par = nl_block(e, "pfor"), ser = nl_block(e, "pfor.serial"), end = nl_block(e, "pfor.end");
    worth_it(e, op, lst[2], par, ser);
    LLVMPositionBuilderAtEnd(e->b, par);
    parallel_path(e, &P, fn, lst);
    LLVMBuildBr(e->b, end);
    LLVMPositionBuilderAtEnd(e->b, ser);
    pf_free(&P);
    return end;
}

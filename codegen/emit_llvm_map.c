/* emit_llvm_map.c: MAP (and elementwise ops on arrays) -> outlined kernels.
 *
 * In the function: broadcast shape, rt_alloc the C-contiguous result,
 * broadcast strides per array operand, then pack a context struct
 *     {out, in_0.., st_0.., shape, captured scalars..}
 * and run one of two kernels over it, serially or, for more than
 * NL_PAR_MIN elements, through rt_parallel_for (static chunks, OpenMP):
 *   flat:    every array operand is contiguous with the result's size, so
 *            element i of each is data[i]: one loop the vectoriser takes;
 *   strided: rows of the broadcast shape; each row's start offsets come
 *            from its multi-index, then one loop along the last axis.
 * Each kernel is an inner function (lo, hi, out, in.., st.., shape, caps..)
 * whose `out` is noalias align 64 (a fresh runtime buffer) and inputs
 * noalias readonly, plus a wrapper (lo, hi, ctx) that unpacks the context;
 * inlining turns the noalias arguments into alias scopes.  Wrappers are
 * noinline: the serial path calls the same code, so each kernel exists once.
 */
#include <string.h>

#include "codegen/emit_llvm_loop.h"

enum { NL_PAR_MIN = 32768 };
enum { NL_VECTORISE_STRIDED = 1 };     /* see docs/performance.md */

typedef struct kmap {
    const ir_op *op;
    int rank, narr, ncap, nfields;
    int slot[64];               /* operand -> array slot, -1 for scalars */
    const ir_var *cap[64];      /* scalar locals read by the kernel */
    LLVMTypeRef *ftypes;        /* context fields */
    LLVMTypeRef ctx_t, inner_t;
} kmap;

static int f_in(const kmap *k, int s) { return 1 + s; }
static int f_st(const kmap *k, int s) { return 1 + k->narr + s; }
static int f_shape(const kmap *k) { return 1 + 2 * k->narr; }
static int f_cap(const kmap *k, int c) { return 2 + 2 * k->narr + c; }

static void add_cap(kmap *k, const ir_var *v)
{
    if (v->is_global || v->type.is_array)
        return;
    for (int i = 0; i < k->ncap; i++)
        if (k->cap[i] == v)
            return;
    if (k->ncap < 64)
        k->cap[k->ncap++] = v;
}

static bool defined_in(const ir_block *b, const ir_var *v)
{
    for (int j = 0; j < b->nparams; j++)
        if (b->params[j] == v)
            return true;
    for (int i = 0; i < b->nops; i++)
        for (int j = 0; j < b->ops[i]->nresults; j++)
            if (b->ops[i]->results[j] == v)
                return true;
    return false;
}

static void find_captures(kmap *k)
{
    const ir_op *op = k->op;
    if (op->code != IR_MAP) {
        for (int j = 0; j < op->nargs; j++)
            add_cap(k, op->args[j]);
        return;
    }
    const ir_block *b = &op->regions[0];
    for (int j = 0; j < op->nargs; j++)
        if (k->slot[j] < 0)
            add_cap(k, op->args[j]);
    for (int i = 0; i < b->nops; i++)
        for (int j = 0; j < b->ops[i]->nargs; j++)
            if (!defined_in(b, b->ops[i]->args[j]))
                add_cap(k, b->ops[i]->args[j]);
}

static void make_types(nl *e, kmap *k)
{
    k->nfields = f_cap(k, k->ncap);
    k->ftypes = xcalloc((size_t)k->nfields + 2, sizeof *k->ftypes);
    LLVMTypeRef *f = k->ftypes + 2;
    for (int i = 0; i < f_cap(k, 0); i++)
        f[i] = e->ptr;
    for (int c = 0; c < k->ncap; c++)
        f[f_cap(k, c)] = nl_type(e, k->cap[c]->type);
    k->ctx_t = LLVMStructTypeInContext(e->cx, f, (unsigned)k->nfields, 0);
    k->ftypes[0] = k->ftypes[1] = e->i64;
    k->inner_t = LLVMFunctionType(e->vd, k->ftypes, (unsigned)k->nfields + 2, 0);
}

static void param_attr(nl *e, LLVMValueRef fn, unsigned idx, const char *name, uint64_t v)
{
    unsigned kind = LLVMGetEnumAttributeKindForName(name, strlen(name));
    LLVMAddAttributeAtIndex(fn, idx, LLVMCreateEnumAttribute(e->cx, kind, v));
}

/* The value the kernel body yields for one element (operand values vals). */
static LLVMValueRef eval_body(nl *e, const ir_op *op, LLVMValueRef *vals)
{
    if (op->code != IR_MAP)
        return nl_scalar(e, op, vals);
    const ir_block *b = &op->regions[0];
    for (int j = 0; j < b->nparams && j < op->nargs; j++)
        e->ssa[b->params[j]->id] = vals[j];
    for (int i = 0; i < b->nops; i++) {
        const ir_op *o = b->ops[i];
        if (o->code == IR_YIELD && o->nargs == 1)
            return nl_get(e, o->args[0]);
        if (o->code == IR_MOV && o->nresults == 1)
            nl_set(e, o->results[0], nl_get(e, o->args[0]));
        else if (o->nresults == 1 && !o->results[0]->type.is_array && o->nregions == 0 &&
                 (ir_opinfos[o->code].elementwise || o->code == IR_CONST))
            nl_emit_scalar_op(e, o);
        else
            nl_unsupported(e, o, "only scalar ops may appear in a map body");
    }
    nl_unsupported(e, op, "map body without yield");
    return LLVMGetUndef(nl_elem_type(e, op->results[0]->type.dtype));
}

static LLVMValueRef elem_ptr(nl *e, ir_dtype dt, LLVMValueRef base, LLVMValueRef i)
{
    return LLVMBuildInBoundsGEP2(e->b, nl_elem_type(e, dt), base, &i, 1, "");
}

/* Compute one element: out[o] = body(in_k[off_k]). */
static void element(nl *e, kmap *k, LLVMValueRef fn, LLVMValueRef o, LLVMValueRef *off)
{
    const ir_op *op = k->op;
    LLVMValueRef vals[64];
    for (int j = 0; j < op->nargs; j++) {
        int s = k->slot[j];
        ir_dtype dt = op->args[j]->type.dtype;
        vals[j] = s < 0 ? nl_get(e, op->args[j])
                        : nl_elem_load(e, dt, elem_ptr(e, dt, LLVMGetParam(fn, 2 + (unsigned)f_in(k, s)), off[s]));
    }
    ir_dtype rt = op->results[0]->type.dtype;
    nl_elem_store(e, rt, elem_ptr(e, rt, LLVMGetParam(fn, 2), o), eval_body(e, op, vals));
}

static LLVMValueRef shape_dim(nl *e, kmap *k, LLVMValueRef fn, int d)
{
    LLVMValueRef sh = LLVMGetParam(fn, 2 + (unsigned)f_shape(k)), i = nl_i64(e, d);
    return LLVMBuildLoad2(e->b, e->i64, LLVMBuildInBoundsGEP2(e->b, e->i64, sh, &i, 1, ""), "");
}

static LLVMValueRef stride(nl *e, kmap *k, LLVMValueRef fn, int s, int d)
{
    LLVMValueRef st = LLVMGetParam(fn, 2 + (unsigned)f_st(k, s)), i = nl_i64(e, d);
    return LLVMBuildLoad2(e->b, e->i64, LLVMBuildInBoundsGEP2(e->b, e->i64, st, &i, 1, ""), "");
}

static void flat_body(nl *e, kmap *k, LLVMValueRef fn)
{
    nl_loop L;
    nl_loop_open(e, &L, LLVMGetParam(fn, 0), LLVMGetParam(fn, 1), "flat");
    LLVMValueRef off[64];
    for (int s = 0; s < k->narr; s++)
        off[s] = L.iv;
    element(e, k, fn, L.iv, off);
    nl_loop_close(e, &L, true);
}

/* Rows lo..hi of the broadcast shape; a row is the last axis. */
static void strided_body(nl *e, kmap *k, LLVMValueRef fn)
{
    int R = k->rank;
    LLVMValueRef len = R ? shape_dim(e, k, fn, R - 1) : nl_i64(e, 1);
    LLVMValueRef base[64], step[64], off[64];
    for (int s = 0; s < k->narr; s++)
        step[s] = R ? stride(e, k, fn, s, R - 1) : nl_i64(e, 0);
    nl_loop rows;
    nl_loop_open(e, &rows, LLVMGetParam(fn, 0), LLVMGetParam(fn, 1), "rows");
    LLVMValueRef rem = rows.iv;
    for (int s = 0; s < k->narr; s++)
        base[s] = nl_i64(e, 0);
    for (int d = R - 2; d >= 0; d--) {
        LLVMValueRef n = shape_dim(e, k, fn, d);
        LLVMValueRef i = LLVMBuildURem(e->b, rem, n, "");
        rem = LLVMBuildUDiv(e->b, rem, n, "");
        for (int s = 0; s < k->narr; s++)
            base[s] = LLVMBuildAdd(e->b, base[s], LLVMBuildMul(e->b, i, stride(e, k, fn, s, d), ""), "");
    }
    LLVMValueRef obase = LLVMBuildMul(e->b, rows.iv, len, "");
    nl_loop col;
    nl_loop_open(e, &col, nl_i64(e, 0), len, "row");
    for (int s = 0; s < k->narr; s++)
        off[s] = LLVMBuildAdd(e->b, base[s], LLVMBuildMul(e->b, col.iv, step[s], ""), "");
    element(e, k, fn, LLVMBuildAdd(e->b, obase, col.iv, ""), off);
    nl_loop_close(e, &col, NL_VECTORISE_STRIDED);
    nl_loop_close(e, &rows, false);
}

static LLVMValueRef new_kernel(nl *e, LLVMTypeRef t, const char *kind, int id)
{
    char name[64];
    snprintf(name, sizeof name, "%s.map%d.%s", e->f->name, id, kind);
    LLVMValueRef fn = LLVMAddFunction(e->mod, name, t);
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    param_attr(e, fn, LLVMAttributeFunctionIndex, "nounwind", 0);
    return fn;
}

static LLVMValueRef build_inner(nl *e, kmap *k, bool flat, int id)
{
    LLVMValueRef fn = new_kernel(e, k->inner_t, flat ? "flat" : "strided", id);
    param_attr(e, fn, 3, "noalias", 0);
    param_attr(e, fn, 3, "align", 64);
    for (int s = 0; s < k->narr; s++) {
        param_attr(e, fn, 3 + (unsigned)f_in(k, s), "noalias", 0);
        param_attr(e, fn, 3 + (unsigned)f_in(k, s), "readonly", 0);
    }
    LLVMPositionBuilderAtEnd(e->b, LLVMAppendBasicBlockInContext(e->cx, fn, "entry"));
    e->fn = fn;
    nl_debug_func(e, fn, LLVMGetValueName(fn), k->op->loc.line);
    for (int c = 0; c < k->ncap; c++)
        e->ssa[k->cap[c]->id] = LLVMGetParam(fn, 2 + (unsigned)f_cap(k, c));
    if (flat)
        flat_body(e, k, fn);
    else
        strided_body(e, k, fn);
    LLVMBuildRetVoid(e->b);
    return fn;
}

/* wrapper(lo, hi, ctx): unpack the context and call the inner kernel. */
static LLVMValueRef build_wrapper(nl *e, kmap *k, LLVMValueRef inner, bool flat, int id)
{
    LLVMTypeRef pt[] = {e->i64, e->i64, e->ptr};
    LLVMValueRef fn = new_kernel(e, LLVMFunctionType(e->vd, pt, 3, 0), flat ? "flat.par" : "strided.par", id);
    param_attr(e, fn, LLVMAttributeFunctionIndex, "noinline", 0);   /* one copy of each kernel */
    LLVMPositionBuilderAtEnd(e->b, LLVMAppendBasicBlockInContext(e->cx, fn, "entry"));
    e->fn = fn;
    nl_debug_func(e, fn, LLVMGetValueName(fn), k->op->loc.line);
    LLVMValueRef *args = xcalloc((size_t)k->nfields + 2, sizeof *args);
    args[0] = LLVMGetParam(fn, 0);
    args[1] = LLVMGetParam(fn, 1);
    for (int i = 0; i < k->nfields; i++)
        args[2 + i] = LLVMBuildLoad2(e->b, k->ftypes[2 + i],
                                     LLVMBuildStructGEP2(e->b, k->ctx_t, LLVMGetParam(fn, 2), (unsigned)i, ""), "");
    LLVMBuildCall2(e->b, k->inner_t, inner, args, (unsigned)k->nfields + 2, "");
    LLVMBuildRetVoid(e->b);
    free(args);
    return fn;
}

/* Build the four functions of one map; the builder returns to the caller. */
static void build_kernels(nl *e, kmap *k, LLVMValueRef *flat, LLVMValueRef *strided)
{
    LLVMBasicBlockRef saved = LLVMGetInsertBlock(e->b);
    LLVMValueRef saved_fn = e->fn;
    LLVMMetadataRef saved_sp = e->di_sp, saved_loc = LLVMGetCurrentDebugLocation2(e->b);
    int id = e->nkernels++;
    e->in_kernel = true;
    e->ssa = xcalloc((size_t)(e->f->nvars ? e->f->nvars : 1), sizeof *e->ssa);
    LLVMValueRef fi = build_inner(e, k, true, id);
    memset(e->ssa, 0, (size_t)(e->f->nvars ? e->f->nvars : 1) * sizeof *e->ssa);
    LLVMValueRef si = build_inner(e, k, false, id);
    *flat = build_wrapper(e, k, fi, true, id);
    *strided = build_wrapper(e, k, si, false, id);
    free(e->ssa);
    e->ssa = NULL;
    e->in_kernel = false;
    e->fn = saved_fn;
    e->di_sp = saved_sp;
    LLVMPositionBuilderAtEnd(e->b, saved);
    LLVMSetCurrentDebugLocation2(e->b, saved_loc);
}

static void store_field(nl *e, kmap *k, LLVMValueRef ctx, int i, LLVMValueRef v)
{
    LLVMBuildStore(e->b, v, LLVMBuildStructGEP2(e->b, k->ctx_t, ctx, (unsigned)i, ""));
}

static LLVMValueRef dims_alloca(nl *e, int R, const char *name)
{
    return nl_alloca(e, LLVMArrayType2(e->i64, (unsigned)(R ? R : 1)), name);
}

/* serial call for small maps, rt_parallel_for for big ones */
static void dispatch(nl *e, LLVMValueRef fn, LLVMValueRef count, LLVMValueRef ctx, LLVMValueRef n)
{
    LLVMBasicBlockRef par = nl_block(e, "par"), ser = nl_block(e, "ser"), join = nl_block(e, "join");
    LLVMBuildCondBr(e->b, LLVMBuildICmp(e->b, LLVMIntSGT, n, nl_i64(e, NL_PAR_MIN), ""), par, ser);
    LLVMPositionBuilderAtEnd(e->b, par);
    nl_call_v(e, "rt_parallel_for", 3, count, fn, ctx);
    LLVMBuildBr(e->b, join);
    LLVMPositionBuilderAtEnd(e->b, ser);
    LLVMTypeRef pt[] = {e->i64, e->i64, e->ptr};
    LLVMValueRef args[] = {nl_i64(e, 0), count, ctx};
    LLVMBuildCall2(e->b, LLVMFunctionType(e->vd, pt, 3, 0), fn, args, 3, "");
    LLVMBuildBr(e->b, join);
    LLVMPositionBuilderAtEnd(e->b, join);
}

/* Shape, result, strides and the context; returns the result array. */
static LLVMValueRef setup(nl *e, kmap *k, LLVMValueRef ctx, LLVMValueRef *arrs)
{
    const ir_op *op = k->op;
    int R = k->rank;
    LLVMValueRef shape = dims_alloca(e, R, "shape");
    for (int j = 0; j < op->nargs; j++)
        if (k->slot[j] >= 0)
            arrs[k->slot[j]] = nl_get(e, op->args[j]);
    if (k->narr) {
        LLVMValueRef ops = nl_alloca(e, LLVMArrayType2(e->ptr, (unsigned)k->narr), "ops");
        for (int s = 0; s < k->narr; s++) {
            LLVMValueRef i = nl_i64(e, s);
            LLVMBuildStore(e->b, arrs[s], LLVMBuildInBoundsGEP2(e->b, e->ptr, ops, &i, 1, ""));
        }
        nl_call_v(e, "rt_broadcast_shape", 4, nl_i32(e, k->narr), ops, nl_i32(e, R), shape);
    }
    LLVMValueRef res = nl_call_v(e, "rt_alloc", 3, nl_i32(e, (int)op->results[0]->type.dtype),
                                 nl_i32(e, R), shape);
    store_field(e, k, ctx, 0, nl_field(e, res, NL_ARR_DATA, e->ptr));
    for (int s = 0; s < k->narr; s++) {
        LLVMValueRef st = dims_alloca(e, R, "st");
        nl_call_v(e, "rt_broadcast_strides", 4, arrs[s], nl_i32(e, R), shape, st);
        store_field(e, k, ctx, f_in(k, s), nl_field(e, arrs[s], NL_ARR_DATA, e->ptr));
        store_field(e, k, ctx, f_st(k, s), st);
    }
    store_field(e, k, ctx, f_shape(k), shape);
    for (int c = 0; c < k->ncap; c++)
        store_field(e, k, ctx, f_cap(k, c), nl_get(e, k->cap[c]));
    return res;
}

/* All operands contiguous with the result's size: flat indexing is exact. */
static LLVMValueRef all_flat(nl *e, kmap *k, LLVMValueRef *arrs, LLVMValueRef n)
{
    LLVMValueRef ok = LLVMConstInt(e->i1, 1, 0);
    for (int s = 0; s < k->narr; s++) {
        LLVMValueRef c = nl_call_v(e, "rt_is_contiguous", 1, arrs[s]);
        LLVMValueRef same = LLVMBuildICmp(e->b, LLVMIntEQ, nl_call_v(e, "rt_size", 1, arrs[s]), n, "");
        ok = LLVMBuildAnd(e->b, ok, LLVMBuildAnd(e->b, c, same, ""), "");
    }
    return ok;
}

static LLVMValueRef outer_rows(nl *e, kmap *k, LLVMValueRef ctx)
{
    LLVMValueRef rows = nl_i64(e, 1);
    if (k->rank < 2)
        return rows;
    LLVMValueRef shape = LLVMBuildLoad2(e->b, e->ptr, LLVMBuildStructGEP2(e->b, k->ctx_t, ctx, (unsigned)f_shape(k), ""), "");
    for (int d = 0; d < k->rank - 1; d++) {
        LLVMValueRef i = nl_i64(e, d);
        LLVMValueRef n = LLVMBuildLoad2(e->b, e->i64, LLVMBuildInBoundsGEP2(e->b, e->i64, shape, &i, 1, ""), "");
        rows = LLVMBuildMul(e->b, rows, n, "");
    }
    return rows;
}

static void run(nl *e, kmap *k, LLVMValueRef ctx, LLVMValueRef res, LLVMValueRef *arrs)
{
    LLVMValueRef flat_fn, strided_fn;
    build_kernels(e, k, &flat_fn, &strided_fn);
    LLVMValueRef n = nl_call_v(e, "rt_size", 1, res);
    LLVMBasicBlockRef work = nl_block(e, "map"), fl = nl_block(e, "map.flat"),
                      st = nl_block(e, "map.strided"), done = nl_block(e, "map.done");
    LLVMBuildCondBr(e->b, LLVMBuildICmp(e->b, LLVMIntSGT, n, nl_i64(e, 0), ""), work, done);
    LLVMPositionBuilderAtEnd(e->b, work);
    LLVMBuildCondBr(e->b, all_flat(e, k, arrs, n), fl, st);
    LLVMPositionBuilderAtEnd(e->b, fl);
    dispatch(e, flat_fn, n, ctx, n);
    LLVMBuildBr(e->b, done);
    LLVMPositionBuilderAtEnd(e->b, st);
    dispatch(e, strided_fn, outer_rows(e, k, ctx), ctx, n);
    LLVMBuildBr(e->b, done);
    LLVMPositionBuilderAtEnd(e->b, done);
}

void nl_emit_map(nl *e, const ir_op *op)
{
    kmap k = {.op = op};
    if (op->nargs > 64 || op->nresults != 1 || !op->results[0]->type.is_array ||
        (op->code == IR_MAP && op->nregions != 1)) {
        nl_unsupported(e, op, "malformed map");
        return;
    }
    k.rank = op->results[0]->type.rank;
    for (int j = 0; j < op->nargs; j++)
        k.slot[j] = op->args[j]->type.is_array ? k.narr++ : -1;
    find_captures(&k);
    make_types(e, &k);
    nl_set_line(e, op);
    LLVMValueRef ctx = nl_alloca(e, k.ctx_t, "ctx"), arrs[64];
    LLVMValueRef res = setup(e, &k, ctx, arrs);
    run(e, &k, ctx, res, arrs);
    nl_replace_array(e, op->results[0], res);
    free(k.ftypes);
}

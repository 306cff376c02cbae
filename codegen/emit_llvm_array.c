/* emit_llvm_array.c: array-level ops -> runtime calls.
 *
 * The same calls as the C emitter (emit_c_array.c): creation, views and
 * copies, element access (rt_check_index per axis, then data + offset),
 * assign, reduce, matmul/outer, dim and size.  Every array result is a +1
 * reference stored with nl_replace_array; a scalar result of a call that
 * returns an array (reduce to a scalar, vector @ vector) takes the item
 * and releases the array.  Shapes go through entry-block allocas; constant
 * axis and perm lists are private globals.
 */
#include <string.h>

#include "codegen/emit_llvm_internal.h"

void nl_replace_array(nl *e, const ir_var *v, LLVMValueRef fresh)
{
    nl_release(e, v->type, nl_get(e, v));
    nl_set(e, v, fresh);
}

static LLVMValueRef to_f64(nl *e, LLVMValueRef v)
{
    LLVMTypeRef t = LLVMTypeOf(v);
    if (t == e->f64)
        return v;
    if (t == e->f32)
        return LLVMBuildFPExt(e->b, v, e->f64, "");
    if (t == e->i1)
        return LLVMBuildUIToFP(e->b, v, e->f64, "");
    return LLVMBuildSIToFP(e->b, v, e->f64, "");
}

static LLVMValueRef to_i64(nl *e, LLVMValueRef v)
{
    return LLVMTypeOf(v) == e->i1 ? LLVMBuildZExt(e->b, v, e->i64, "") : v;
}

static LLVMValueRef arg(nl *e, const ir_op *op, int k)
{
    return nl_get(e, op->args[k]);
}

static void array_result(nl *e, const ir_op *op, LLVMValueRef a)
{
    const ir_var *r = op->results[0];
    if (r->type.is_array) {
        nl_replace_array(e, r, a);
        return;
    }
    static const char *const item[] = {"rt_item_bool", "rt_item_i64", "rt_item_f64", "rt_item_f64"};
    LLVMValueRef v = nl_call_v(e, item[r->type.dtype < IR_STR ? r->type.dtype : IR_F64], 1, a);
    if (r->type.dtype == IR_F32)
        v = LLVMBuildFPTrunc(e->b, v, e->f32, "");
    nl_set(e, r, v);
    nl_release(e, ir_array_type(IR_F64, 0, NULL), a);   /* the call's array */
}

/* An alloca holding args[from..from+n) as i64. */
static LLVMValueRef shape_of(nl *e, const ir_op *op, int from, int n)
{
    LLVMValueRef s = nl_alloca(e, LLVMArrayType2(e->i64, (unsigned)(n ? n : 1)), "dims");
    for (int i = 0; i < n; i++) {
        LLVMValueRef k = nl_i64(e, i);
        LLVMBuildStore(e->b, to_i64(e, arg(e, op, from + i)),
                       LLVMBuildInBoundsGEP2(e->b, e->i64, s, &k, 1, ""));
    }
    return s;
}

/* A private constant int[n] (i32) global. */
static LLVMValueRef int_list(nl *e, const int64_t *v, int n)
{
    LLVMValueRef el[IR_MAX_RANK + 1];
    for (int i = 0; i < n && i < IR_MAX_RANK; i++)
        el[i] = nl_i32(e, (int)v[i]);
    if (n == 0)
        el[n++] = nl_i32(e, 0);
    LLVMValueRef init = LLVMConstArray2(e->i32, el, (uint64_t)n);
    LLVMValueRef g = LLVMAddGlobal(e->mod, LLVMTypeOf(init), ".ints");
    LLVMSetInitializer(g, init);
    LLVMSetLinkage(g, LLVMPrivateLinkage);
    LLVMSetGlobalConstant(g, 1);
    return g;
}

static void emit_alloc(nl *e, const ir_op *op)
{
    ir_dtype dt = op->results[0]->type.dtype;
    const char *fill = ir_attr_word(op, "fill");
    bool full = op->code == IR_FULL;
    int n = full ? op->nargs - 1 : op->nargs;
    LLVMValueRef shape = shape_of(e, op, full ? 1 : 0, n), r;
    LLVMValueRef d = nl_i32(e, (int)dt), rank = nl_i32(e, n);
    nl_call_v(e, "rt_check_shape", 2, rank, shape);
    if (full) {
        ir_dtype vt = op->args[0]->type.dtype;
        bool f = vt == IR_F32 || vt == IR_F64;
        LLVMValueRef v = arg(e, op, 0);
        r = nl_call_v(e, f ? "rt_full_f64" : "rt_full_i64", 4, d, rank, shape,
                      f ? to_f64(e, v) : to_i64(e, v));
    } else if (fill && strcmp(fill, "ones") == 0) {
        r = nl_call_v(e, "rt_full_i64", 4, d, rank, shape, nl_i64(e, 1));
    } else {
        r = nl_call_v(e, fill && strcmp(fill, "empty") == 0 ? "rt_alloc" : "rt_zeros", 3, d, rank, shape);
    }
    nl_replace_array(e, op->results[0], r);
}

static void emit_creation(nl *e, const ir_op *op)
{
    ir_dtype dt = op->results[0]->type.dtype;
    LLVMValueRef a0 = op->nargs > 0 ? arg(e, op, 0) : nl_i64(e, 0);
    LLVMValueRef a1 = op->nargs > 1 ? arg(e, op, 1) : a0;
    LLVMValueRef a2 = op->nargs > 2 ? arg(e, op, 2) : nl_i64(e, 1), r;
    if (op->code == IR_ARANGE && dt == IR_I64)
        r = nl_call_v(e, "rt_arange_i64", 3, to_i64(e, a0), to_i64(e, a1), to_i64(e, a2));
    else if (op->code == IR_ARANGE)
        r = nl_call_v(e, "rt_arange_f64", 3, to_f64(e, a0), to_f64(e, a1), to_f64(e, a2));
    else if (op->code == IR_LINSPACE)
        r = nl_call_v(e, "rt_linspace", 4, to_f64(e, a0), to_f64(e, a1), to_i64(e, a2),
                      LLVMConstInt(e->i1, ir_attr_int(op, "endpoint", 1) != 0, 0));
    else
        r = nl_call_v(e, "rt_eye", 4, nl_i32(e, (int)dt), to_i64(e, a0), to_i64(e, a1),
                      nl_i64(e, ir_attr_int(op, "k", 0)));
    nl_replace_array(e, op->results[0], r);
}

static void emit_literal(nl *e, const ir_op *op)
{
    ir_type t = op->results[0]->type;
    LLVMValueRef shape = nl_alloca(e, LLVMArrayType2(e->i64, (unsigned)(t.rank ? t.rank : 1)), "dims");
    for (int i = 0; i < t.rank; i++) {
        if (t.dims[i] < 0)
            nl_unsupported(e, op, "literal with an unknown dimension");
        LLVMValueRef k = nl_i64(e, i);
        LLVMBuildStore(e->b, nl_i64(e, t.dims[i]), LLVMBuildInBoundsGEP2(e->b, e->i64, shape, &k, 1, ""));
    }
    LLVMValueRef r = nl_call_v(e, "rt_alloc", 3, nl_i32(e, (int)t.dtype), nl_i32(e, t.rank), shape);
    LLVMValueRef data = nl_field(e, r, NL_ARR_DATA, e->ptr);
    for (int i = 0; i < op->nargs; i++) {
        LLVMValueRef k = nl_i64(e, i);
        nl_elem_store(e, t.dtype, LLVMBuildInBoundsGEP2(e->b, nl_elem_type(e, t.dtype), data, &k, 1, ""),
                      arg(e, op, i));
    }
    nl_replace_array(e, op->results[0], r);
}

static void emit_reshape(nl *e, const ir_op *op)
{
    int n = op->nargs - 1;
    LLVMValueRef shape = shape_of(e, op, 1, n);
    nl_replace_array(e, op->results[0], nl_call_v(e, "rt_reshape", 3, arg(e, op, 0), nl_i32(e, n), shape));
}

static void emit_transpose(nl *e, const ir_op *op)
{
    const ir_attr *perm = ir_attr_get(op, "perm");
    LLVMValueRef p = perm && perm->kind == IR_ATTR_INTLIST ? int_list(e, perm->list, perm->nlist)
                                                          : LLVMConstNull(e->ptr);
    nl_replace_array(e, op->results[0], nl_call_v(e, "rt_transpose", 2, arg(e, op, 0), p));
}

static void set_idx(nl *e, LLVMValueRef item, int field, LLVMValueRef v)
{
    LLVMBuildStore(e->b, v, LLVMBuildStructGEP2(e->b, e->idx, item, (unsigned)field, ""));
}

static void emit_slice(nl *e, const ir_op *op)
{
    int n = op->nindex;
    LLVMValueRef items = nl_alloca(e, LLVMArrayType2(e->idx, (unsigned)(n ? n : 1)), "idx");
    for (int i = 0; i < n; i++) {
        const ir_index *x = &op->index[i];
        bool sl = x->kind == IR_IDX_SLICE, in = x->kind == IR_IDX_INT;
        LLVMValueRef k = nl_i64(e, i);
        LLVMValueRef it = LLVMBuildInBoundsGEP2(e->b, e->idx, items, &k, 1, "");
        int part[3] = {x->lo, x->hi, x->step};
        set_idx(e, it, 0, nl_i32(e, (int)x->kind));
        for (int j = 0; j < 3; j++) {
            bool given = (sl || (in && j == 0)) && part[j] >= 0 && part[j] < op->nargs;
            set_idx(e, it, 1 + j, given ? to_i64(e, arg(e, op, part[j])) : nl_i64(e, j == 2));
            set_idx(e, it, 4 + j, LLVMConstInt(e->i8, sl && part[j] >= 0, 0));
        }
    }
    nl_replace_array(e, op->results[0], nl_call_v(e, "rt_view", 3, arg(e, op, 0), nl_i32(e, n), items));
}

/* Address of the element a load/store names; indices checked per axis. */
static LLVMValueRef element_ptr(nl *e, const ir_op *op, int nidx_args)
{
    LLVMValueRef a = arg(e, op, 0), off = nl_i64(e, 0);
    int n = op->nindex ? op->nindex : nidx_args;
    for (int i = 0; i < n; i++) {
        int k = op->nindex ? op->index[i].lo : 1 + i;
        LLVMValueRef ax = nl_i32(e, i);
        LLVMValueRef len = nl_shape_at(e, a, NL_ARR_SHAPE, ax);
        LLVMValueRef j = nl_call_v(e, "rt_check_index", 3, to_i64(e, arg(e, op, k)), len, ax);
        off = LLVMBuildAdd(e->b, off, LLVMBuildMul(e->b, j, nl_shape_at(e, a, NL_ARR_STRIDES, ax), ""), "");
    }
    LLVMValueRef data = nl_field(e, a, NL_ARR_DATA, e->ptr);
    return LLVMBuildGEP2(e->b, nl_elem_type(e, op->args[0]->type.dtype), data, &off, 1, "");
}

static void emit_load_store(nl *e, const ir_op *op)
{
    ir_dtype dt = op->args[0]->type.dtype;
    if (op->code == IR_LOAD) {
        nl_set(e, op->results[0], nl_elem_load(e, dt, element_ptr(e, op, op->nargs - 1)));
        return;
    }
    LLVMValueRef p = element_ptr(e, op, op->nargs - 2);
    nl_elem_store(e, dt, p, arg(e, op, op->nargs - 1));
}

static void emit_assign(nl *e, const ir_op *op)
{
    const ir_var *src = op->args[1];
    LLVMValueRef d = arg(e, op, 0), s = arg(e, op, 1);
    if (src->type.is_array)
        nl_call_v(e, "rt_assign", 2, d, s);
    else if (src->type.dtype == IR_F32 || src->type.dtype == IR_F64)
        nl_call_v(e, "rt_fill_f64", 2, d, to_f64(e, s));
    else
        nl_call_v(e, "rt_fill_i64", 2, d, to_i64(e, s));
}

static const char *const reduce_kinds[] = {"sum", "prod", "max", "min", "mean",
                                           "argmax", "argmin", "any", "all"};

static void emit_reduce(nl *e, const ir_op *op)
{
    const char *kind = ir_attr_word(op, "kind");
    int rk = -1;
    if (kind && strcmp(kind, "truth") == 0) {   /* `if a:` on an array */
        nl_set(e, op->results[0], nl_call_v(e, "rt_truth", 1, arg(e, op, 0)));
        return;
    }
    for (int i = 0; kind && i < (int)(sizeof reduce_kinds / sizeof reduce_kinds[0]); i++)
        if (strcmp(kind, reduce_kinds[i]) == 0)
            rk = i;
    if (rk < 0) {
        nl_unsupported(e, op, "unknown reduce kind");
        return;
    }
    int rank = op->args[0]->type.rank, n = 0;
    const ir_attr *axes = ir_attr_get(op, "axes");
    int64_t ax[IR_MAX_RANK];
    for (int i = 0; i < (axes ? axes->nlist : rank) && n < IR_MAX_RANK; i++, n++) {
        int64_t a = axes ? axes->list[i] : i;
        ax[n] = a < 0 ? a + rank : a;
    }
    LLVMValueRef r = nl_call_v(e, "rt_reduce", 6, nl_i32(e, rk), arg(e, op, 0), nl_i32(e, n),
                               int_list(e, ax, n),
                               LLVMConstInt(e->i1, ir_attr_int(op, "keepdims", 0) != 0, 0),
                               nl_i32(e, (int)op->results[0]->type.dtype));
    array_result(e, op, r);
}

/* rtcall: rt_<fn>(operands); operands from shape_from on are i64 sizes
 * passed as (int n, const int64_t *), from list_from on arrays as
 * (int n, rt_array *const *). */
static void emit_rtcall(nl *e, const ir_op *op)
{
    const char *fn = ir_attr_word(op, "fn");
    int64_t shape_from = ir_attr_int(op, "shape_from", -1), list_from = ir_attr_int(op, "list_from", -1);
    int n = op->nargs;
    if (shape_from >= 0 && shape_from < n)
        n = (int)shape_from;
    if (list_from >= 0 && list_from < n)
        n = (int)list_from;
    if (!fn || n > 60) {
        nl_unsupported(e, op, "malformed rtcall");
        return;
    }
    LLVMValueRef args[64];
    for (int i = 0; i < n; i++)
        args[i] = arg(e, op, i);
    int k = n;
    int64_t from = shape_from >= 0 ? shape_from : list_from;
    if (from >= 0) {
        int cnt = op->nargs - (int)from;
        LLVMTypeRef et = shape_from >= 0 ? e->i64 : e->ptr;
        LLVMValueRef list = nl_alloca(e, LLVMArrayType2(et, (unsigned)(cnt ? cnt : 1)), "list");
        for (int i = 0; i < cnt; i++) {
            LLVMValueRef j = nl_i64(e, i), v = arg(e, op, (int)from + i);
            LLVMBuildStore(e->b, shape_from >= 0 ? to_i64(e, v) : v,
                           LLVMBuildInBoundsGEP2(e->b, et, list, &j, 1, ""));
        }
        args[k++] = nl_i32(e, cnt);
        args[k++] = list;
    }
    char name[128];
    snprintf(name, sizeof name, "rt_%s", fn);
    LLVMTypeRef ret = op->nresults ? nl_type(e, op->results[0]->type) : e->vd;
    LLVMValueRef r = nl_call_dyn(e, name, ret, args, k);
    if (op->nresults == 0)
        return;
    const ir_type t = op->results[0]->type;
    if (t.is_array || t.dtype == IR_RNG)
        nl_replace_array(e, op->results[0], r);
    else
        nl_set(e, op->results[0], r);
}

static void emit_simple(nl *e, const ir_op *op, const char *fn)
{
    LLVMValueRef args[2] = {arg(e, op, 0), op->nargs > 1 ? arg(e, op, 1) : NULL};
    array_result(e, op, nl_call(e, fn, args, op->nargs > 1 ? 2 : 1));
}

static void emit_dim(nl *e, const ir_op *op)
{
    int64_t ax = ir_attr_int(op, "axis", 0);
    if (ax < 0)
        ax += op->args[0]->type.rank;
    nl_set(e, op->results[0], nl_shape_at(e, arg(e, op, 0), NL_ARR_SHAPE, nl_i32(e, (int)ax)));
}

bool nl_emit_array_op(nl *e, const ir_op *op)
{
    if (op->code < IR_ALLOC)
        return false;
    nl_set_line(e, op);
    switch (op->code) {
    case IR_ALLOC: case IR_FULL: emit_alloc(e, op); break;
    case IR_ARANGE: case IR_LINSPACE: case IR_EYE: emit_creation(e, op); break;
    case IR_LITERAL: emit_literal(e, op); break;
    case IR_DIM: emit_dim(e, op); break;
    case IR_SIZE: nl_set(e, op->results[0], nl_call_v(e, "rt_size", 1, arg(e, op, 0))); break;
    case IR_COPY: emit_simple(e, op, "rt_copy"); break;
    case IR_RESHAPE: emit_reshape(e, op); break;
    case IR_TRANSPOSE: emit_transpose(e, op); break;
    case IR_SLICE: emit_slice(e, op); break;
    case IR_LOAD: case IR_STORE: emit_load_store(e, op); break;
    case IR_ASSIGN: emit_assign(e, op); break;
    case IR_REDUCE: emit_reduce(e, op); break;
    case IR_MATMUL: emit_simple(e, op, "rt_matmul"); break;
    case IR_OUTER: emit_simple(e, op, "rt_outer"); break;
    case IR_RTCALL: emit_rtcall(e, op); break;
    default: return false;
    }
    return true;
}

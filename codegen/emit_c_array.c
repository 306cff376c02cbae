/* emit_c_array.c: array-level ops -> runtime calls.
 *
 * Creation (alloc, full, arange, linspace, eye, literal), views and copies
 * (copy, reshape, transpose, slice), element access (load/store with
 * rt_check_index per axis), assign, reduce, matmul/outer, dim and size.
 * Every array result is a +1 reference stored with ec_assign_array; an
 * op whose result is a scalar but whose runtime call gives an array
 * (reduce to a scalar, vector @ vector) takes the item and releases it.
 */
#include <string.h>

#include "codegen/emit_c_internal.h"

void ec_replace_array(ec *e, const ir_var *v, const char *tmp)
{
    const char *name = ec_var(e, v);
    ec_line(e, "%s(%s);", ec_release_fn(v->type), name);
    ec_line(e, "%s = %s;", name, tmp);
}

void ec_assign_array(ec *e, const ir_var *v, const char *expr)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "e%d", ec_tmp(e));
    ec_block(e);
    ec_line(e, "%s%s = %s;", ec_ctype(v->type), tmp, expr);
    ec_replace_array(e, v, tmp);
    ec_close(e);
}

/* Store a call's result in op's result; scalar results take the item of a
 * returned array, which is then released. */
static void array_result(ec *e, const ir_op *op, const char *call)
{
    const ir_var *r = op->results[0];
    if (r->type.is_array) {
        ec_assign_array(e, r, call);
        return;
    }
    static const char *const item[] = {"rt_item_bool", "rt_item_i64", "(float)rt_item_f64",
                                       "rt_item_f64", NULL};
    int n = ec_tmp(e);
    ec_block(e);
    ec_line(e, "rt_array *e%d = %s;", n, call);
    ec_line(e, "%s = %s(e%d);", ec_var(e, r), item[r->type.dtype], n);
    ec_line(e, "rt_release(e%d);", n);
    ec_close(e);
}

/* int64_t e<id>_shape[] = {args[from..from+n)} */
static void shape_decl(ec *e, int id, const ir_op *op, int from, int n)
{
    strbuf sb;
    sb_init(&sb);
    for (int i = 0; i < n; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", ec_var(e, op->args[from + i]));
    ec_line(e, "int64_t e%d_shape[%d] = {%s};", id, n ? n : 1, n ? sb.buf : "0");
    sb_free(&sb);
}

static void emit_alloc(ec *e, const ir_op *op)
{
    const ir_var *r = op->results[0];
    const char *fill = ir_attr_word(op, "fill");
    int id = ec_tmp(e), n = op->code == IR_FULL ? op->nargs - 1 : op->nargs;
    char call[160];
    const char *dt = ec_rt_dtype(r->type.dtype);
    if (op->code == IR_FULL) {
        ir_dtype vt = op->args[0]->type.dtype;
        bool f = vt == IR_F32 || vt == IR_F64;
        snprintf(call, sizeof call, "rt_full_%s(%s, %d, e%d_shape, %s)", f ? "f64" : "i64", dt, n,
                 id, ec_var(e, op->args[0]));
    } else if (fill && strcmp(fill, "ones") == 0) {
        snprintf(call, sizeof call, "rt_full_i64(%s, %d, e%d_shape, 1)", dt, n, id);
    } else {
        snprintf(call, sizeof call, "rt_%s(%s, %d, e%d_shape)",
                 fill && strcmp(fill, "empty") == 0 ? "alloc" : "zeros", dt, n, id);
    }
    ec_block(e);
    shape_decl(e, id, op, op->code == IR_FULL ? 1 : 0, n);
    ec_line(e, "rt_check_shape(%d, e%d_shape);", n, id);
    ec_assign_array(e, r, call);
    ec_close(e);
}

static void emit_creation(ec *e, const ir_op *op)
{
    const ir_var *r = op->results[0];
    char call[256];
    const char *a0 = op->nargs > 0 ? ec_var(e, op->args[0]) : "0";
    const char *a1 = op->nargs > 1 ? ec_var(e, op->args[1]) : a0;
    const char *a2 = op->nargs > 2 ? ec_var(e, op->args[2]) : "1";
    if (op->code == IR_ARANGE)
        snprintf(call, sizeof call, "rt_arange_%s(%s, %s, %s)",
                 r->type.dtype == IR_I64 ? "i64" : "f64", a0, a1, a2);
    else if (op->code == IR_LINSPACE)
        snprintf(call, sizeof call, "rt_linspace(%s, %s, %s, %s)", a0, a1, a2,
                 ir_attr_int(op, "endpoint", 1) ? "true" : "false");
    else
        snprintf(call, sizeof call, "rt_eye(%s, %s, %s, %lld)", ec_rt_dtype(r->type.dtype), a0,
                 a1, (long long)ir_attr_int(op, "k", 0));
    ec_assign_array(e, r, call);
}

static void emit_literal(ec *e, const ir_op *op)
{
    const ir_type t = op->results[0]->type;
    int id = ec_tmp(e);
    strbuf sb;
    sb_init(&sb);
    for (int i = 0; i < t.rank; i++) {
        if (t.dims[i] < 0)
            ec_unsupported(e, op, "literal with an unknown dimension");
        sb_printf(&sb, "%s%lld", i ? ", " : "", (long long)t.dims[i]);
    }
    ec_block(e);
    ec_line(e, "int64_t e%d_shape[%d] = {%s};", id, t.rank ? t.rank : 1, t.rank ? sb.buf : "0");
    ec_line(e, "rt_array *e%d = rt_alloc(%s, %d, e%d_shape);", id, ec_rt_dtype(t.dtype), t.rank,
            id);
    if (op->nargs > 0)
        ec_line(e, "%s *e%d_d = (%s *)e%d->data;", ec_dtype_c(t.dtype), id, ec_dtype_c(t.dtype),
                id);
    for (int i = 0; i < op->nargs; i++)
        ec_line(e, "e%d_d[%d] = %s;", id, i, ec_var(e, op->args[i]));
    char tmp[32];
    snprintf(tmp, sizeof tmp, "e%d", id);
    ec_replace_array(e, op->results[0], tmp);
    ec_close(e);
    sb_free(&sb);
}

static void emit_reshape(ec *e, const ir_op *op)
{
    int id = ec_tmp(e), n = op->nargs - 1;
    char call[128];
    ec_block(e);
    shape_decl(e, id, op, 1, n);
    snprintf(call, sizeof call, "rt_reshape(%s, %d, e%d_shape)", ec_var(e, op->args[0]), n, id);
    ec_assign_array(e, op->results[0], call);
    ec_close(e);
}

static void emit_transpose(ec *e, const ir_op *op)
{
    const ir_attr *perm = ir_attr_get(op, "perm");
    char call[128];
    if (!perm || perm->kind != IR_ATTR_INTLIST) {
        snprintf(call, sizeof call, "rt_transpose(%s, NULL)", ec_var(e, op->args[0]));
        ec_assign_array(e, op->results[0], call);
        return;
    }
    int id = ec_tmp(e);
    strbuf sb;
    sb_init(&sb);
    for (int i = 0; i < perm->nlist; i++)
        sb_printf(&sb, "%s%lld", i ? ", " : "", (long long)perm->list[i]);
    ec_block(e);
    ec_line(e, "static const int e%d_perm[%d] = {%s};", id, perm->nlist ? perm->nlist : 1,
            perm->nlist ? sb.buf : "0");
    snprintf(call, sizeof call, "rt_transpose(%s, e%d_perm)", ec_var(e, op->args[0]), id);
    ec_assign_array(e, op->results[0], call);
    ec_close(e);
    sb_free(&sb);
}

static const char *idx_arg(ec *e, const ir_op *op, int k)
{
    return k >= 0 && k < op->nargs ? ec_var(e, op->args[k]) : "0";
}

static void emit_slice(ec *e, const ir_op *op)
{
    static const char *const kinds[] = {"RT_IDX_INT", "RT_IDX_SLICE", "RT_IDX_NEWAXIS"};
    int id = ec_tmp(e), n = op->nindex;
    ec_block(e);
    ec_line(e, "rt_index e%d_idx[%d] = {", id, n ? n : 1);
    for (int i = 0; i < n; i++) {
        const ir_index *x = &op->index[i];
        bool sl = x->kind == IR_IDX_SLICE, in = x->kind == IR_IDX_INT;
        ec_line(e, "    {%s, %s, %s, %s, %s, %s, %s},", kinds[x->kind],
                in || (sl && x->lo >= 0) ? idx_arg(e, op, x->lo) : "0",
                sl && x->hi >= 0 ? idx_arg(e, op, x->hi) : "0",
                sl && x->step >= 0 ? idx_arg(e, op, x->step) : "1",
                sl && x->lo >= 0 ? "true" : "false", sl && x->hi >= 0 ? "true" : "false",
                sl && x->step >= 0 ? "true" : "false");
    }
    ec_line(e, "};");
    char call[128];
    snprintf(call, sizeof call, "rt_view(%s, %d, e%d_idx)", ec_var(e, op->args[0]), n, id);
    ec_assign_array(e, op->results[0], call);
    ec_close(e);
}

/* e<id>_off = the element offset of a load/store; indices checked per axis. */
static void element_offset(ec *e, const ir_op *op, int id, int nidx_args)
{
    const char *a = ec_var(e, op->args[0]);
    ec_line(e, "int64_t e%d_off = 0;", id);
    int n = op->nindex ? op->nindex : nidx_args;
    for (int i = 0; i < n; i++) {
        int k = op->nindex ? op->index[i].lo : 1 + i;
        ec_line(e, "e%d_off += rt_check_index(%s, %s->shape[%d], %d) * %s->strides[%d];", id,
                idx_arg(e, op, k), a, i, i, a, i);
    }
}

static void emit_load_store(ec *e, const ir_op *op)
{
    int id = ec_tmp(e);
    const ir_var *a = op->args[0];
    const char *t = ec_dtype_c(a->type.dtype);
    bool load = op->code == IR_LOAD;
    ec_block(e);
    element_offset(e, op, id, load ? op->nargs - 1 : op->nargs - 2);
    if (load)
        ec_line(e, "%s = ((%s *)%s->data)[e%d_off];", ec_var(e, op->results[0]), t,
                ec_var(e, a), id);
    else
        ec_line(e, "((%s *)%s->data)[e%d_off] = %s;", t, ec_var(e, a), id,
                ec_var(e, op->args[op->nargs - 1]));
    ec_close(e);
}

static void emit_assign(ec *e, const ir_op *op)
{
    const ir_var *dst = op->args[0], *src = op->args[1];
    if (src->type.is_array)
        ec_line(e, "rt_assign(%s, %s);", ec_var(e, dst), ec_var(e, src));
    else
        ec_line(e, "rt_fill_%s(%s, %s);",
                src->type.dtype == IR_F32 || src->type.dtype == IR_F64 ? "f64" : "i64",
                ec_var(e, dst), ec_var(e, src));
}

static const char *const reduce_kinds[][2] = {
    {"sum", "RT_SUM"}, {"prod", "RT_PROD"}, {"max", "RT_MAX"}, {"min", "RT_MIN"},
    {"mean", "RT_MEAN"}, {"argmax", "RT_ARGMAX"}, {"argmin", "RT_ARGMIN"},
    {"any", "RT_ANY"}, {"all", "RT_ALL"},
};

static void emit_reduce(ec *e, const ir_op *op)
{
    const char *kind = ir_attr_word(op, "kind"), *rk = NULL;
    if (kind && !strcmp(kind, "truth")) {     /* `if a:` on an array */
        ec_line(e, "%s = rt_truth(%s);", ec_var(e, op->results[0]), ec_var(e, op->args[0]));
        return;
    }
    for (size_t i = 0; kind && i < sizeof reduce_kinds / sizeof reduce_kinds[0]; i++)
        if (strcmp(kind, reduce_kinds[i][0]) == 0)
            rk = reduce_kinds[i][1];
    if (!rk) {
        ec_unsupported(e, op, "unknown reduce kind");
        return;
    }
    int rank = op->args[0]->type.rank, id = ec_tmp(e), n = 0;
    const ir_attr *axes = ir_attr_get(op, "axes");
    strbuf sb;
    sb_init(&sb);
    for (int i = 0; i < (axes ? axes->nlist : rank); i++, n++) {
        int64_t ax = axes ? axes->list[i] : i;
        sb_printf(&sb, "%s%lld", i ? ", " : "", (long long)(ax < 0 ? ax + rank : ax));
    }
    ec_block(e);
    ec_line(e, "static const int e%d_axes[%d] = {%s};", id, n ? n : 1, n ? sb.buf : "0");
    char call[192];
    snprintf(call, sizeof call, "rt_reduce(%s, %s, %d, e%d_axes, %s, %s)", rk,
             ec_var(e, op->args[0]), n, id, ir_attr_int(op, "keepdims", 0) ? "true" : "false",
             ec_rt_dtype(op->results[0]->type.dtype));
    array_result(e, op, call);
    ec_close(e);
    sb_free(&sb);
}

/* rtcall: rt_<fn>(operands), sizes from shape_from on as (rank, shape),
 * arrays from list_from on as (n, rt_array *[]). */
static void emit_rtcall(ec *e, const ir_op *op)
{
    const char *fn = ir_attr_word(op, "fn");
    int64_t shape_from = ir_attr_int(op, "shape_from", -1), list_from = ir_attr_int(op, "list_from", -1);
    int id = ec_tmp(e);
    strbuf sb;
    sb_init(&sb);
    ec_block(e);
    sb_printf(&sb, "rt_%s(", fn);
    int n = op->nargs;
    if (shape_from >= 0 && shape_from < n)
        n = (int)shape_from;
    if (list_from >= 0 && list_from < n)
        n = (int)list_from;
    for (int i = 0; i < n; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", ec_var(e, op->args[i]));
    int64_t from = shape_from >= 0 ? shape_from : list_from;
    if (from >= 0) {
        int cnt = op->nargs - (int)from;
        strbuf items;
        sb_init(&items);
        for (int i = (int)from; i < op->nargs; i++)
            sb_printf(&items, "%s%s", i > from ? ", " : "", ec_var(e, op->args[i]));
        ec_line(e, "%s e%d_list[%d] = {%s};", shape_from >= 0 ? "int64_t" : "rt_array *", id,
                cnt ? cnt : 1, cnt ? items.buf : (shape_from >= 0 ? "0" : "NULL"));
        sb_printf(&sb, "%s%d, e%d_list", n ? ", " : "", cnt, id);
        sb_free(&items);
    }
    sb_putc(&sb, ')');
    ec_set_line(e, op);
    if (op->nresults == 0)
        ec_line(e, "%s;", sb.buf);
    else if (ec_is_handle(op->results[0]->type))
        ec_assign_array(e, op->results[0], sb.buf);
    else
        ec_line(e, "%s = %s;", ec_var(e, op->results[0]), sb.buf);
    ec_close(e);
    sb_free(&sb);
}

static void emit_simple(ec *e, const ir_op *op, const char *fn)
{
    strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s(", fn);
    for (int i = 0; i < op->nargs; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", ec_var(e, op->args[i]));
    sb_putc(&sb, ')');
    array_result(e, op, sb.buf);
    sb_free(&sb);
}

static void emit_dim(ec *e, const ir_op *op)
{
    int64_t ax = ir_attr_int(op, "axis", 0);
    if (ax < 0)
        ax += op->args[0]->type.rank;
    ec_line(e, "%s = %s->shape[%lld];", ec_var(e, op->results[0]), ec_var(e, op->args[0]),
            (long long)ax);
}

bool ec_emit_array_op(ec *e, const ir_op *op)
{
    if (op->code < IR_ALLOC)
        return false;
    ec_set_line(e, op);
    switch (op->code) {
    case IR_ALLOC: case IR_FULL: emit_alloc(e, op); break;
    case IR_ARANGE: case IR_LINSPACE: case IR_EYE: emit_creation(e, op); break;
    case IR_LITERAL: emit_literal(e, op); break;
    case IR_DIM: emit_dim(e, op); break;
    case IR_SIZE:
        ec_line(e, "%s = rt_size(%s);", ec_var(e, op->results[0]), ec_var(e, op->args[0]));
        break;
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

/* sema_index.c: subscripts (element loads, views) and attributes of values. */
#include "frontend/sema_ext.h"

#include <string.h>

/* One parsed index item. */
typedef struct idx_item {
    ir_index_kind kind;
    val lo, hi, step;           /* INT: lo; SLICE: each may be absent (t == NULL) */
    bool full;                  /* SLICE ':' with nothing given */
} idx_item;

static bool index_scalar(fctx *F, ast_expr *e, val *out)
{
    if (e->kind == AST_NONE) {
        out->t = NULL;
        return true;
    }
    val v = sema_expr(F, e);
    if (v.t->kind == TY_ERROR)
        return false;
    if (v.t->kind != TY_SCALAR || v.t->dtype != IR_I64) {
        if (v.t->kind == TY_SCALAR && v.t->dtype == IR_BOOL && !v.t->numpy) {
            *out = cast_scalar(F, v, IR_I64, false, e->loc);
            return true;
        }
        if (v.t->kind == TY_ARRAY)
            sema_error(F, e->loc, "indexing with an array is not supported yet");
        else
            sema_error(F, e->loc, "indices must be integers, not %s", ty_describe_str(F->S->a, v.t));
        return false;
    }
    *out = v;
    return true;
}

/* Parse `obj[...]` items against an array of rank `rank`; expands '...'. */
static int parse_index(fctx *F, ast_expr *e, int rank, idx_item *items, int cap)
{
    int n = 0, consumed = 0, ellipsis_at = -1;
    for (int i = 0; i < e->sub.nindex; i++) {
        ast_expr *x = e->sub.index[i];
        if (x->kind != AST_NONE && x->kind != AST_ELLIPSIS && !(x->kind == AST_ATTR && strcmp(x->attr.name, "newaxis") == 0))
            consumed++;
    }
    for (int i = 0; i < e->sub.nindex && n < cap; i++) {
        ast_expr *x = e->sub.index[i];
        idx_item it = {0};
        if (x->kind == AST_ELLIPSIS) {
            if (ellipsis_at >= 0) {
                sema_error(F, x->loc, "an index can only have a single ellipsis ('...')");
                return -1;
            }
            ellipsis_at = n;
            for (int k = consumed; k < rank && n < cap; k++) {
                idx_item full = {IR_IDX_SLICE, {0}, {0}, {0}, true};
                items[n++] = full;
            }
            continue;
        }
        if (x->kind == AST_SLICE) {
            it.kind = IR_IDX_SLICE;
            if ((x->slice.lo && !index_scalar(F, x->slice.lo, &it.lo)) ||
                (x->slice.hi && !index_scalar(F, x->slice.hi, &it.hi)) ||
                (x->slice.step && !index_scalar(F, x->slice.step, &it.step)))
                return -1;
            it.full = !it.lo.t && !it.hi.t && !it.step.t;
            if (it.step.t && it.step.is_const && it.step.ci == 0) {
                sema_error(F, x->slice.step->loc, "slice step cannot be zero");
                return -1;
            }
        } else {
            val v = sema_expr(F, x);
            if (v.t->kind == TY_ERROR)
                return -1;
            if (v.t->kind == TY_NONE) {
                it.kind = IR_IDX_NEWAXIS;
            } else {
                it.kind = IR_IDX_INT;
                if (v.t->kind == TY_ARRAY) {
                    sema_error(F, x->loc, "indexing with an array is not supported yet");
                    return -1;
                }
                if (v.t->kind != TY_SCALAR || (v.t->dtype != IR_I64 && v.t->dtype != IR_BOOL) ||
                    (v.t->dtype == IR_BOOL && v.t->numpy)) {
                    sema_error(F, x->loc, "only integers, slices ('a:b'), None and '...' are valid "
                               "indices, not %s", ty_describe_str(F->S->a, v.t));
                    return -1;
                }
                it.lo = cast_scalar(F, v, IR_I64, v.t->numpy, x->loc);
            }
        }
        items[n++] = it;
    }
    if (consumed > rank) {
        sema_error(F, e->loc, "too many indices for array: array is %d-dimensional, but %d were indexed",
                   rank, consumed);
        return -1;
    }
    return n;
}

/* Static bound check of constant integer indices against known sizes. */
static void check_const_index(fctx *F, ast_expr *e, const sema_type *t, idx_item *items, int n)
{
    int axis = 0;
    for (int i = 0; i < n; i++) {
        if (items[i].kind == IR_IDX_NEWAXIS)
            continue;
        if (items[i].kind == IR_IDX_INT && items[i].lo.is_const && t->dims[axis] >= 0) {
            int64_t k = items[i].lo.ci, size = t->dims[axis];
            if (k >= size || k < -size) {
                if (!F->S->emit && F->S->round == 1)   /* NumPy raises at run time; warn now too */
                    diag_report(DIAG_WARNING, e->sub.index[i < e->sub.nindex ? i : 0]->loc,
                                "index %lld is out of bounds for axis %d with size %lld",
                                (long long)k, axis, (long long)size);
                return;
            }
        }
        axis++;
    }
}

/* Build the IR index of a slice/load/store: operands appended to args. */
static void build_ir_index(fctx *F, ir_op *op, idx_item *items, int n)
{
    if (!op)
        return;
    ir_module *m = F->S->ir;
    op->index = arena_alloc(&m->arena, sizeof(ir_index) * (size_t)(n ? n : 1));
    op->nindex = n;
    for (int i = 0; i < n; i++) {
        ir_index *x = &op->index[i];
        x->kind = items[i].kind;
        x->lo = x->hi = x->step = -1;
        if (items[i].kind == IR_IDX_NEWAXIS)
            continue;
        if (items[i].lo.t) {
            x->lo = op->nargs;
            ir_op_add_arg(m, op, items[i].lo.v);
        }
        if (items[i].hi.t) {
            x->hi = op->nargs;
            ir_op_add_arg(m, op, items[i].hi.v);
        }
        if (items[i].step.t) {
            x->step = op->nargs;
            ir_op_add_arg(m, op, items[i].step.v);
        }
    }
}

/* The array type of obj[items] when it is a view. */
static sema_type *view_type(fctx *F, const sema_type *t, idx_item *items, int n)
{
    int64_t dims[IR_MAX_RANK];
    int rank = 0, axis = 0;
    for (int i = 0; i < n; i++) {
        if (items[i].kind == IR_IDX_NEWAXIS) {
            if (rank < IR_MAX_RANK)
                dims[rank++] = 1;
            continue;
        }
        if (items[i].kind == IR_IDX_SLICE && rank < IR_MAX_RANK)
            dims[rank++] = items[i].full ? t->dims[axis] : -1;
        axis++;
    }
    for (; axis < t->rank && rank < IR_MAX_RANK; axis++)
        dims[rank++] = t->dims[axis];
    return ty_array(F->S->a, t->dtype, rank, dims);
}

/* Index `obj[...]`; store_value non-NULL makes it a store. */
static bool has_array_index(fctx *F, ast_expr *e);

static val array_index(fctx *F, ast_expr *e, val obj, val *store_value)
{
    idx_item items[IR_MAX_RANK * 2];
    int n = parse_index(F, e, obj.t->rank, items, IR_MAX_RANK * 2);
    if (n < 0)
        return sema_poison(F);
    check_const_index(F, e, obj.t, items, n);
    int nint = 0, nnew = 0;
    for (int i = 0; i < n; i++) {
        nint += items[i].kind == IR_IDX_INT;
        nnew += items[i].kind == IR_IDX_NEWAXIS;
    }
    if (obj.t->rank - nint + nnew > IR_MAX_RANK) {
        sema_error(F, e->loc, "arrays of more than %d dimensions are not supported", IR_MAX_RANK);
        return sema_poison(F);
    }
    bool element = nint == obj.t->rank && nnew == 0 && n == nint;
    if (element && store_value) {
        val x = cast_scalar(F, *store_value, obj.t->dtype, true, e->loc);
        ir_op *op = emit_op(F, IR_STORE, e->loc, NULL, &obj.v, 1);
        build_ir_index(F, op, items, n);
        if (op)
            ir_op_add_arg(F->S->ir, op, x.v);
        return x;
    }
    val r = val_of_type(element ? ty_scalar(F->S->a, obj.t->dtype, true) : view_type(F, obj.t, items, n));
    r.v = emit_tmp(F, r.t);
    ir_op *op = emit_op(F, element ? IR_LOAD : IR_SLICE, e->loc, r.v, &obj.v, 1);
    build_ir_index(F, op, items, n);
    return r;
}

/* Element-or-view assignment `obj[...] = x` (x already evaluated). */
void sema_store_subscript(fctx *F, ast_expr *e, val obj, val x);
void sema_store_subscript(fctx *F, ast_expr *e, val obj, val x)
{
    if (obj.t->kind != TY_ARRAY) {
        if (obj.t->kind != TY_ERROR)
            sema_error(F, e->loc, "'%s' object does not support item assignment", ty_pyname(obj.t));
        return;
    }
    if (x.t->kind == TY_ERROR)
        return;
    if (x.t->kind != TY_SCALAR && x.t->kind != TY_ARRAY) {
        sema_error(F, e->loc, "cannot assign a %s to array elements", ty_describe_str(F->S->a, x.t));
        return;
    }
    if (has_array_index(F, e)) {
        sema_fancy_index(F, e, obj, &x);
        return;
    }
    bool is_element = false;
    {
        int nint = 0, other = 0;
        for (int i = 0; i < e->sub.nindex; i++) {
            ast_expr *it = e->sub.index[i];
            if (it->kind == AST_SLICE || it->kind == AST_ELLIPSIS || it->kind == AST_NONE)
                other++;
            else
                nint++;
        }
        is_element = other == 0 && nint == obj.t->rank && x.t->kind == TY_SCALAR;
    }
    if (is_element) {
        val r = array_index(F, e, obj, &x);
        (void)r;
        return;
    }
    val view = array_index(F, e, obj, NULL);
    if (view.t->kind == TY_ERROR)
        return;
    if (view.t->kind == TY_SCALAR) {        /* an element, assigned an array */
        sema_error(F, e->loc, "cannot assign an array to a single element");
        return;
    }
    if (x.t->kind == TY_SCALAR)
        x = cast_scalar(F, x, view.t->dtype, true, e->loc);
    ir_var *args[2] = {view.v, x.v};
    emit_op(F, IR_ASSIGN, e->loc, NULL, args, 2);
}

static val tuple_index(fctx *F, ast_expr *e, val obj)
{
    int64_t k;
    if (e->sub.nindex != 1 || !sema_const_int(F, e->sub.index[0], &k)) {
        sema_error(F, e->loc, "a tuple can only be indexed by a constant integer");
        return sema_poison(F);
    }
    int n = obj.t->nitems;
    if (k < -n || k >= n) {
        sema_error(F, e->loc, "tuple index out of range");
        return sema_poison(F);
    }
    if (k < 0)
        k += n;
    return F->S->emit ? obj.items[k] : val_of_type(obj.t->items[k]);
}

/* Is any index item an array (a mask or an index array)? */
static bool has_array_index(fctx *F, ast_expr *e)
{
    bool was = F->S->emit, fancy = false;
    F->S->emit = false;
    for (int i = 0; i < e->sub.nindex && !fancy; i++) {
        ast_expr *x = e->sub.index[i];
        if (x->kind == AST_SLICE || x->kind == AST_ELLIPSIS || x->kind == AST_NONE)
            continue;
        val v = sema_expr(F, x);
        fancy = v.t->kind == TY_ARRAY || v.t->kind == TY_LIST;
    }
    F->S->emit = was;
    return fancy;
}

val sema_subscript(fctx *F, ast_expr *e, val obj)
{
    switch (obj.t->kind) {
    case TY_ARRAY:
        if (has_array_index(F, e))
            return sema_fancy_index(F, e, obj, NULL);
        return array_index(F, e, obj, NULL);
    case TY_TUPLE:
        return tuple_index(F, e, obj);
    default:
        if (sema_is_argv(obj.t))
            return sema_argv_index(F, e);
        sema_error(F, e->loc, "'%s' object is not subscriptable", ty_pyname(obj.t));
        return sema_poison(F);
    }
}

/* ---- attributes ---- */

static val shape_tuple(fctx *F, val a, src_loc loc)
{
    int r = a.t->rank;
    val t = {0};
    sema_type *ts[IR_MAX_RANK];
    t.items = arena_alloc(F->S->a, sizeof(val) * (size_t)(r ? r : 1));
    for (int i = 0; i < r; i++) {
        if (a.t->dims[i] >= 0) {
            t.items[i] = const_int(F, a.t->dims[i], false, loc);
        } else {
            t.items[i] = val_of_type(ty_scalar(F->S->a, IR_I64, false));
            t.items[i].v = emit_tmp(F, t.items[i].t);
            ir_op *op = emit_op(F, IR_DIM, loc, t.items[i].v, &a.v, 1);
            if (op)
                ir_attr_set_int(F->S->ir, op, "axis", i);
        }
        ts[i] = t.items[i].t;
    }
    t.t = ty_tuple(F->S->a, ts, r);
    return t;
}

static val array_size(fctx *F, val a, src_loc loc)
{
    int64_t n = 1;
    for (int i = 0; i < a.t->rank; i++)
        n = a.t->dims[i] >= 0 && n >= 0 ? n * a.t->dims[i] : -1;
    if (n >= 0)
        return const_int(F, n, false, loc);
    return emit_value_op(F, IR_SIZE, loc, ty_scalar(F->S->a, IR_I64, false), &a, 1);
}

val sema_transpose(fctx *F, val a, const int64_t *perm, src_loc loc);
val sema_transpose(fctx *F, val a, const int64_t *perm, src_loc loc)
{
    int64_t dims[IR_MAX_RANK];
    int r = a.t->rank;
    for (int i = 0; i < r; i++)
        dims[i] = a.t->dims[perm ? perm[i] : r - 1 - i];
    if (r < 2 && !perm)
        return a;
    val res = emit_value_op(F, IR_TRANSPOSE, loc, ty_array(F->S->a, a.t->dtype, r, dims), &a, 1);
    if (F->S->emit && perm) {
        ir_op *op = F->blk->ops[F->blk->nops - 1];
        ir_attr_set_intlist(F->S->ir, op, "perm", perm, r);
    }
    return res;
}

val sema_attribute(fctx *F, ast_expr *e, val obj)
{
    const char *name = e->attr.name;
    sema *S = F->S;
    if (obj.t->kind == TY_MODULE) {
        bool found = false;
        val v = sema_numpy_attr(F, obj.t->name, name, e->loc, &found);
        if (!found) {
            const char *mod = obj.t->name;
            if (strncmp(mod, "numpy", 5) == 0)
                mod = arena_printf(S->a, "np%s", mod + 5);
            sema_error(F, e->loc, "%s.%s is not supported", mod, name);
            return sema_poison(F);
        }
        return v;
    }
    if (obj.t->kind == TY_ARRAY) {
        if (strcmp(name, "shape") == 0)
            return shape_tuple(F, obj, e->loc);
        if (strcmp(name, "ndim") == 0)
            return const_int(F, obj.t->rank, false, e->loc);
        if (strcmp(name, "size") == 0)
            return array_size(F, obj, e->loc);
        if (strcmp(name, "T") == 0)
            return sema_transpose(F, obj, NULL, e->loc);
        if (strcmp(name, "dtype") == 0)
            return val_of_type(ty_dtype(S->a, obj.t->dtype));
    }
    if (obj.t->kind == TY_SCALAR && obj.t->numpy && strcmp(name, "dtype") == 0)
        return val_of_type(ty_dtype(S->a, obj.t->dtype));
    if (obj.t->kind == TY_ARRAY && !sema_is_array_method(name)) {
        sema_error(F, e->loc, "'ndarray' object has no attribute '%s'", name);
        return sema_poison(F);
    }
    if (obj.t->kind == TY_ARRAY || (obj.t->kind == TY_SCALAR && (obj.t->numpy || obj.t->dtype == IR_RNG))) {
        val m = val_of_type(ty_named(S->a, TY_METHOD, name));
        m.recv = arena_alloc(S->a, sizeof(val));
        *m.recv = obj;
        return m;
    }
    sema_error(F, e->loc, "'%s' object has no attribute '%s'", ty_pyname(obj.t), name);
    return sema_poison(F);
}

/* sema_fancy.c: indexing with arrays (NumPy advanced indexing): one boolean
 * mask, or integer index arrays / list literals (several broadcast
 * together), read and assigned; plus np.nonzero / a.nonzero() /
 * np.flatnonzero / one-argument np.where.
 *
 * `obj[items]` is lowered in two steps: the other items (ints, slices,
 * None, '...') are applied as an ordinary view, with each array item
 * replaced by full slices over the axes it covers; then the runtime
 * (rt_mask.h) reads or writes through the arrays at their axis in that
 * view.  This matches NumPy whenever the integer items and the arrays form
 * one run (NumPy then puts the result axes where the arrays stood); other
 * mixes, and a mask together with other arrays, are rejected at compile time.
 */
#include "frontend/sema_ext.h"

#include <string.h>

/* Where the index arrays sit. */
typedef struct fancy {
    int at;             /* the first one's position among the index items */
    val idx[IR_MAX_RANK];   /* bool: one mask; int64: positions (several broadcast together) */
    int nidx;
    bool mask;
    int k;              /* axes of obj they cover (a mask: its rank; positions: one each) */
    int axis;           /* their first axis in the view of the other items */
    int shown;          /* their first axis in obj (NumPy's messages name this one) */
} fancy;

typedef enum item_kind { IT_INT, IT_SLICE, IT_NEW, IT_ELLIPSIS, IT_ARRAY } item_kind;

static item_kind classify(fctx *F, ast_expr *x)
{
    if (x->kind == AST_SLICE)
        return IT_SLICE;
    if (x->kind == AST_ELLIPSIS)
        return IT_ELLIPSIS;
    if (x->kind == AST_NONE)
        return IT_NEW;
    sema_type *t = sema_type_of(F, x);
    if (t->kind == TY_ARRAY || t->kind == TY_LIST)
        return IT_ARRAY;
    return t->kind == TY_NONE ? IT_NEW : IT_INT;
}

/* Evaluate the index array; a list literal becomes an array as np.array would. */
static bool eval_index_array(fctx *F, ast_expr *x, val *out)
{
    val v = sema_expr(F, x);
    if (v.t->kind == TY_ERROR)
        return false;
    if (v.t->kind == TY_LIST) {
        call_args c = {.args = &x, .nargs = 1, .pos = &v, .loc = x->loc};
        bool empty = v.t->nitems == 0;
        v = sema_numpy_call(F, "np.array", &c);
        if (v.t->kind == TY_ERROR)
            return false;
        if (empty)      /* NumPy indexes with [] as with an empty int array */
            v = cast_to_dtype(F, v, IR_I64, x->loc);
    }
    if (v.t->dtype != IR_BOOL && v.t->dtype != IR_I64) {
        sema_error(F, x->loc, "arrays used as indices must be of integer (or boolean) type");
        return false;
    }
    *out = v;
    return true;
}

/* Integer items and arrays must form one run (no slice or None between). */
static bool advanced_adjacent(const item_kind *kinds, int n, int first, int last)
{
    int lo = first, hi = last;
    while (lo > 0 && kinds[lo - 1] == IT_INT)
        lo--;
    while (hi + 1 < n && kinds[hi + 1] == IT_INT)
        hi++;
    for (int i = 0; i < n; i++) {
        bool advanced = kinds[i] == IT_INT || kinds[i] == IT_ARRAY;
        if (advanced != (i >= lo && i <= hi))
            return false;
    }
    return true;
}

static bool eval_arrays(fctx *F, ast_expr *e, const item_kind *kinds, fancy *f)
{
    f->nidx = 0;
    f->mask = false;
    for (int i = 0; i < e->sub.nindex; i++) {
        if (kinds[i] != IT_ARRAY)
            continue;
        if (!eval_index_array(F, e->sub.index[i], &f->idx[f->nidx]))
            return false;
        f->mask |= f->idx[f->nidx++].t->dtype == IR_BOOL;
    }
    if (f->mask && f->nidx > 1) {
        sema_error(F, e->loc, "a boolean mask together with other index arrays is not supported");
        return false;
    }
    f->k = f->mask ? f->idx[0].t->rank : f->nidx;
    return true;
}

/* Find the array item, check the mix, and work out its axes. */
static bool locate(fctx *F, ast_expr *e, int rank, item_kind *kinds, fancy *f)
{
    int n = e->sub.nindex, narrays = 0, consumed = 0, last = -1;
    f->at = -1;
    for (int i = 0; i < n; i++) {
        kinds[i] = classify(F, e->sub.index[i]);
        if (kinds[i] == IT_ARRAY) {
            narrays++;
            f->at = f->at < 0 ? i : f->at;
            last = i;
        }
    }
    if (narrays > IR_MAX_RANK) {
        sema_error(F, e->loc, "too many index arrays");
        return false;
    }
    if (!advanced_adjacent(kinds, n, f->at, last)) {
        sema_error(F, e->loc, "this combination of index arrays and slices is not supported");
        return false;
    }
    if (!eval_arrays(F, e, kinds, f))
        return false;
    for (int i = 0; i < n; i++)
        consumed += kinds[i] == IT_INT || kinds[i] == IT_SLICE ? 1 : kinds[i] == IT_ARRAY ? (f->mask ? f->k : 1) : 0;
    if (consumed > rank) {
        sema_error(F, e->loc, "too many indices for array: array is %d-dimensional, but %d were indexed",
                   rank, consumed);
        return false;
    }
    f->axis = f->shown = 0;
    for (int i = 0; i < f->at; i++) {
        int fill = kinds[i] == IT_ELLIPSIS ? rank - consumed : 0;
        f->shown += kinds[i] == IT_INT || kinds[i] == IT_SLICE ? 1 : fill;
        f->axis += kinds[i] == IT_SLICE || kinds[i] == IT_NEW ? 1 : fill;
    }
    return true;
}

/* obj with every item but the array applied (full slices in its place). */
static val other_items_view(fctx *F, ast_expr *e, val obj, const fancy *f)
{
    int n = e->sub.nindex;
    if (n == 1)
        return obj;
    ast_expr *s = ast_new_expr(F->S->ast, AST_SUBSCRIPT, e->loc);
    s->sub.obj = e->sub.obj;
    s->sub.index = arena_alloc(F->S->a, sizeof(ast_expr *) * (size_t)(n + f->k));
    for (int i = 0; i < n; i++) {
        if (classify(F, e->sub.index[i]) != IT_ARRAY) {
            s->sub.index[s->sub.nindex++] = e->sub.index[i];
            continue;
        }
        for (int j = 0; j < (f->mask ? f->k : 1); j++)
            s->sub.index[s->sub.nindex++] = ast_new_expr(F->S->ast, AST_SLICE, e->sub.index[i]->loc);
    }
    if (s->sub.nindex == 0)
        return obj;
    return sema_subscript(F, s, obj);
}

/* The broadcast shape of the index arrays (-1 where unknown). */
static int index_dims(const fancy *f, int64_t *dims)
{
    if (f->mask) {
        dims[0] = -1;
        return 1;
    }
    int r = 0;
    for (int i = 0; i < f->nidx; i++)
        r = f->idx[i].t->rank > r ? f->idx[i].t->rank : r;
    for (int d = 0; d < r; d++) {
        dims[d] = 1;
        for (int i = 0; i < f->nidx; i++) {
            const sema_type *t = f->idx[i].t;
            int j = d - (r - t->rank);
            int64_t s = j >= 0 ? t->dims[j] : 1;
            if (s != 1)
                dims[d] = dims[d] == 1 || dims[d] == s ? s : -1;
        }
    }
    return r;
}

/* The type of view[idx]. */
static sema_type *result_type(fctx *F, const sema_type *view, const fancy *f, src_loc loc)
{
    int64_t dims[IR_MAX_RANK * 2], idims[IR_MAX_RANK];
    int r = 0;
    int irank = index_dims(f, idims);
    if (view->rank - f->k + irank > IR_MAX_RANK) {
        sema_error(F, loc, "arrays of more than %d dimensions are not supported", IR_MAX_RANK);
        return NULL;
    }
    for (int d = 0; d < f->axis; d++)
        dims[r++] = view->dims[d];
    for (int d = 0; d < irank; d++)
        dims[r++] = idims[d];
    for (int d = f->axis + f->k; d < view->rank; d++)
        dims[r++] = view->dims[d];
    return ty_array(F->S->a, view->dtype, r, dims);
}

/* The value to store: arrays as they are (the runtime casts), scalars cast
 * to the array's dtype and passed as int64 or double; *suffix names the call. */
static val store_value(fctx *F, const sema_type *view, val x, const char **suffix, src_loc loc)
{
    if (x.t->kind == TY_ARRAY) {
        *suffix = "";
        return x;
    }
    bool fl = view->dtype == IR_F64 || view->dtype == IR_F32;
    *suffix = fl ? "_fill_f64" : "_fill_i64";
    val s = cast_scalar(F, x, view->dtype, true, loc);
    return cast_scalar(F, s, fl ? IR_F64 : IR_I64, true, loc);
}

/* One index array: rt_mask_get / rt_take (a, idx, axis, shown [, value]). */
static val one_array(fctx *F, val view, const fancy *f, sema_type *rt, val *x, src_loc loc)
{
    val args[5] = {view, f->idx[0], const_int(F, f->axis, false, loc), const_int(F, f->shown, false, loc)};
    if (!x)
        return emit_rtcall(F, f->mask ? "mask_get" : "take", rt, args, 4, -1, -1, loc);
    const char *suffix;
    args[4] = store_value(F, view.t, *x, &suffix, loc);
    const char *fn = arena_printf(F->S->a, "%s%s", f->mask ? "mask" : "put", suffix);
    emit_rtcall(F, *suffix ? fn : f->mask ? "mask_set" : "put", NULL, args, 5, -1, -1, loc);
    return *x;
}

/* Several: rt_take_multi (a, axis, shown, n, arrays) / rt_put_multi (a, axis, shown, value, n, arrays). */
static val several_arrays(fctx *F, val view, const fancy *f, sema_type *rt, val *x, src_loc loc)
{
    val args[4 + IR_MAX_RANK] = {view, const_int(F, f->axis, false, loc), const_int(F, f->shown, false, loc)};
    int first = x ? 4 : 3;
    for (int i = 0; i < f->nidx; i++)
        args[first + i] = f->idx[i];
    if (!x)
        return emit_rtcall(F, "take_multi", rt, args, first + f->nidx, -1, first, loc);
    const char *suffix;
    args[3] = store_value(F, view.t, *x, &suffix, loc);
    emit_rtcall(F, arena_printf(F->S->a, "put_multi%s", suffix), NULL, args, first + f->nidx, -1, first, loc);
    return *x;
}

val sema_fancy_index(fctx *F, ast_expr *e, val obj, val *x)
{
    item_kind kinds[64];
    fancy f;
    if (e->sub.nindex > 64) {
        sema_error(F, e->loc, "too many index items");
        return sema_poison(F);
    }
    if (!locate(F, e, obj.t->rank, kinds, &f))
        return sema_poison(F);
    val view = other_items_view(F, e, obj, &f);
    if (view.t->kind != TY_ARRAY)
        return sema_poison(F);
    sema_type *rt = result_type(F, view.t, &f, e->loc);
    if (!rt)
        return sema_poison(F);
    if (f.nidx == 1)
        return one_array(F, view, &f, rt, x, e->loc);
    return several_arrays(F, view, &f, rt, x, e->loc);
}

bool sema_fancy_target(fctx *F, ast_expr *e)
{
    if (e->kind != AST_SUBSCRIPT || sema_type_of(F, e->sub.obj)->kind != TY_ARRAY)
        return false;
    for (int i = 0; i < e->sub.nindex; i++)
        if (classify(F, e->sub.index[i]) == IT_ARRAY)
            return true;
    return false;
}

/* ---- np.nonzero(a), a.nonzero(), np.where(a), np.flatnonzero(a) ---- */

val sema_fancy_nonzero(fctx *F, const char *name, call_args *c)
{
    bool method = c->recv != NULL;
    const char *shown = method ? "nonzero" : name;
    if (c->nargs != (method ? 0 : 1)) {
        sema_error(F, c->loc, "%s() takes exactly %d argument%s (%d given)", shown, method ? 0 : 1,
                   method ? "s" : "", c->nargs);
        return sema_poison(F);
    }
    val a = method ? *c->recv : c->pos[0];
    if (a.t->kind != TY_ARRAY || a.t->rank == 0) {
        sema_error(F, c->loc, "%s() needs an array of at least one dimension, not %s", shown,
                   ty_describe_str(F->S->a, a.t));
        return sema_poison(F);
    }
    int64_t unknown = -1;
    sema_type *it = ty_array(F->S->a, IR_I64, 1, &unknown);
    if (!strcmp(name, "np.flatnonzero"))
        return emit_rtcall(F, "flatnonzero", it, &a, 1, -1, -1, c->loc);
    int r = a.t->rank;
    val t = {0};
    t.items = arena_alloc(F->S->a, sizeof(val) * (size_t)r);
    sema_type **ts = arena_alloc(F->S->a, sizeof(sema_type *) * (size_t)r);
    for (int k = 0; k < r; k++) {
        val args[2] = {a, const_int(F, k, false, c->loc)};
        t.items[k] = emit_rtcall(F, "nonzero", it, args, 2, -1, -1, c->loc);
        ts[k] = it;
    }
    t.t = ty_tuple(F->S->a, ts, r);
    return t;
}

const sema_ext_fn sema_fancy_fns[] = {
    {"np.nonzero", sema_fancy_nonzero},
    {"np.flatnonzero", sema_fancy_nonzero},
    {"ndarray.nonzero", sema_fancy_nonzero},
    {NULL, NULL},
};

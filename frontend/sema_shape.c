/* sema_shape.c: shape operations: np.concatenate / stack / vstack / hstack,
 * squeeze and expand_dims (views), cumsum / cumprod, sort / argsort /
 * unique, np.diff (lowered to slices), np.fromfunction (a lambda evaluated
 * on index grids).  Joins, accumulations and sorts are runtime calls
 * (runtime/rt_shape.h). */
#include "frontend/sema_ext.h"

#include <string.h>

val sema_reshape(fctx *F, val a, val *dims, int rank, src_loc loc);
val sema_shape_reduce(fctx *F, const char *kind, val a, int axis, ir_dtype out, src_loc loc);
val sema_shape_view(fctx *F, val a, const ir_index_kind *kinds, const val *lo, const val *hi, int n,
                    sema_type *t, src_loc loc);

/* ---- helpers shared with sema_linalg.c ---- */

/* A reduction over one axis (axis < 0: all axes, giving a NumPy scalar). */
val sema_shape_reduce(fctx *F, const char *kind, val a, int axis, ir_dtype out, src_loc loc)
{
    sema *S = F->S;
    sema_type *t;
    if (axis < 0) {
        t = ty_scalar(S->a, out, true);
    } else {
        int64_t dims[IR_MAX_RANK];
        int r = 0;
        for (int i = 0; i < a.t->rank; i++)
            if (i != axis)
                dims[r++] = a.t->dims[i];
        t = ty_array(S->a, out, r, dims);
    }
    val r = emit_value_op(F, IR_REDUCE, loc, t, &a, 1);
    if (S->emit) {
        ir_op *op = F->blk->ops[F->blk->nops - 1];
        ir_attr_set_word(S->ir, op, "kind", kind);
        if (axis >= 0) {
            int64_t ax = axis;
            ir_attr_set_intlist(S->ir, op, "axes", &ax, 1);
        }
    }
    return r;
}

/* a[items]: a view; lo/hi give the INT index or slice bounds (t == NULL: omitted). */
val sema_shape_view(fctx *F, val a, const ir_index_kind *kinds, const val *lo, const val *hi, int n,
                    sema_type *t, src_loc loc)
{
    val r = val_of_type(t);
    r.v = emit_tmp(F, t);
    ir_op *op = emit_op(F, IR_SLICE, loc, r.v, &a.v, 1);
    if (!op)
        return r;
    ir_module *m = F->S->ir;
    op->index = arena_alloc(&m->arena, sizeof(ir_index) * (size_t)(n ? n : 1));
    op->nindex = n;
    for (int i = 0; i < n; i++) {
        ir_index *x = &op->index[i];
        *x = (ir_index){kinds[i], -1, -1, -1};
        if (lo[i].t) {
            x->lo = op->nargs;
            ir_op_add_arg(m, op, lo[i].v);
        }
        if (hi[i].t) {
            x->hi = op->nargs;
            ir_op_add_arg(m, op, hi[i].v);
        }
    }
    return r;
}

static val the_array(fctx *F, const char *name, call_args *c, int *first)
{
    *first = c->recv ? 0 : 1;
    val a = c->recv ? *c->recv : c->nargs ? c->pos[0] : sema_poison(F);
    if (!c->recv && c->nargs == 0)
        sema_error(F, c->loc, "%s() needs an array argument", name);
    else if (a.t->kind != TY_ARRAY && a.t->kind != TY_ERROR)
        sema_error(F, c->recv ? c->loc : c->args[0]->loc, "%s() needs an array, not %s", name,
                   ty_describe_str(F->S->a, a.t));
    return a.t->kind == TY_ARRAY ? a : sema_poison(F);
}

/* An optional constant axis: the positional argument at pos or axis=.
 * *none: it was absent or None (and none_ok). */
static bool axis_arg(fctx *F, call_args *c, int pos, int rank, int64_t dflt, bool none_ok, int64_t *axis,
                     bool *none)
{
    ast_keyword *k = call_kw(c, "axis");
    ast_expr *e = c->nargs > pos ? c->args[pos] : k ? k->value : NULL;
    *none = false;
    *axis = dflt;
    if (!e || (e->kind == AST_NONE && none_ok)) {
        *none = !e ? dflt == INT64_MIN : true;
        return true;
    }
    if (!sema_const_int(F, e, axis)) {
        sema_error(F, e->loc, "axis must be a constant integer%s", none_ok ? " or None" : "");
        return false;
    }
    if (*axis < -rank || *axis >= rank) {
        sema_error(F, e->loc, "axis %lld is out of bounds for array of dimension %d", (long long)*axis, rank);
        return false;
    }
    if (*axis < 0)
        *axis += rank;
    return true;
}

static val flatten_view(fctx *F, val a, src_loc loc)
{
    val m1 = const_int(F, -1, false, loc);
    return sema_reshape(F, a, &m1, 1, loc);
}

/* ---- joining ---- */

/* The arrays of a tuple/list argument, cast to their common dtype. */
static int array_list(fctx *F, call_args *c, const char *name, val **out)
{
    if (c->nargs < 1) {
        sema_error(F, c->loc, "%s() needs a sequence of arrays", name);
        return -1;
    }
    val s = c->pos[0];
    if (s.t->kind != TY_TUPLE && s.t->kind != TY_LIST) {
        if (s.t->kind != TY_ERROR)
            sema_error(F, c->args[0]->loc, "%s() needs a tuple or list of arrays, not %s", name,
                       ty_describe_str(F->S->a, s.t));
        return -1;
    }
    int n = s.t->nitems;
    val *v = arena_alloc(F->S->a, sizeof(val) * (size_t)(n ? n : 1));
    ir_dtype dt = IR_BOOL;
    for (int i = 0; i < n; i++) {
        v[i] = s.items ? s.items[i] : val_of_type(s.t->items[i]);
        if (v[i].t->kind != TY_ARRAY) {
            sema_error(F, c->args[0]->loc, "%s() needs arrays, but item %d is %s", name, i,
                       ty_describe_str(F->S->a, v[i].t));
            return -1;
        }
        dt = i ? ty_promote(dt, v[i].t->dtype) : v[i].t->dtype;
    }
    if (n == 0) {
        sema_error(F, c->args[0]->loc, "need at least one array to concatenate");
        return -1;
    }
    for (int i = 0; i < n; i++)
        v[i] = cast_to_dtype(F, v[i], dt, c->loc);
    *out = v;
    return n;
}

static bool same_rank(fctx *F, int n, const int *ranks, src_loc loc)
{
    for (int i = 1; i < n; i++)
        if (ranks[i] != ranks[0]) {
            sema_error(F, loc, "all the input arrays must have same number of dimensions, but the array at "
                       "index 0 has %d dimension(s) and the array at index %d has %d dimension(s)",
                       ranks[0], i, ranks[i]);
            return false;
        }
    return true;
}

/* Result dims of joining along axis: sizes summed there, else the first known. */
static void joined_dims(val *v, int n, const int *ranks, int rank, int axis, int64_t *dims)
{
    for (int d = 0; d < rank; d++) {
        dims[d] = d == axis ? 0 : -1;
        for (int i = 0; i < n; i++) {
            const sema_type *t = v[i].t;
            int off = rank - ranks[i] > 0 ? rank - ranks[i] : 0;   /* vstack: a 1-D row */
            int64_t s = d < off ? 1 : t->dims[d - off];
            if (d == axis)
                dims[d] = dims[d] < 0 || s < 0 ? -1 : dims[d] + s;
            else if (dims[d] < 0)
                dims[d] = s;
        }
    }
}

static val join_call(fctx *F, const char *fn, val *v, int n, val *first, sema_type *t, src_loc loc)
{
    val *args = arena_alloc(F->S->a, sizeof(val) * (size_t)(n + 1));
    int k = 0;
    if (first)
        args[k++] = *first;
    for (int i = 0; i < n; i++)
        args[k++] = v[i];
    return emit_rtcall(F, fn, t, args, k, -1, first ? 1 : 0, loc);
}

static val np_concatenate(fctx *F, const char *name, call_args *c)
{
    val *v;
    int n = array_list(F, c, name, &v);
    if (n < 0)
        return sema_poison(F);
    int ranks[64];
    if (n > 64) {
        sema_error(F, c->loc, "%s() of more than 64 arrays is not supported", name);
        return sema_poison(F);
    }
    bool none;
    int64_t axis;
    if (!axis_arg(F, c, 1, v[0].t->rank ? v[0].t->rank : 1, 0, true, &axis, &none))
        return sema_poison(F);
    for (int i = 0; i < n; i++) {
        if (none)
            v[i] = flatten_view(F, v[i], c->loc);
        ranks[i] = v[i].t->rank;
        if (ranks[i] == 0) {
            sema_error(F, c->loc, "zero-dimensional arrays cannot be concatenated");
            return sema_poison(F);
        }
    }
    if (!same_rank(F, n, ranks, c->loc))
        return sema_poison(F);
    int64_t dims[IR_MAX_RANK];
    joined_dims(v, n, ranks, ranks[0], (int)axis, dims);
    val ax = const_int(F, axis, false, c->loc);
    return join_call(F, "concatenate", v, n, &ax, ty_array(F->S->a, v[0].t->dtype, ranks[0], dims), c->loc);
}

static val np_stack(fctx *F, const char *name, call_args *c)
{
    val *v;
    int n = array_list(F, c, name, &v);
    if (n < 0)
        return sema_poison(F);
    int rank = v[0].t->rank;
    for (int i = 1; i < n; i++)
        if (v[i].t->rank != rank) {
            sema_error(F, c->loc, "all input arrays must have the same shape");
            return sema_poison(F);
        }
    if (rank + 1 > IR_MAX_RANK) {
        sema_error(F, c->loc, "arrays of more than %d dimensions are not supported", IR_MAX_RANK);
        return sema_poison(F);
    }
    bool none;
    int64_t axis;
    if (!axis_arg(F, c, 1, rank + 1, 0, false, &axis, &none))
        return sema_poison(F);
    int64_t dims[IR_MAX_RANK];
    for (int d = 0, s = 0; d <= rank; d++) {
        if (d == axis) {
            dims[d] = n;
            continue;
        }
        dims[d] = -1;
        for (int i = 0; i < n && dims[d] < 0; i++)
            dims[d] = v[i].t->dims[s];
        s++;
    }
    val ax = const_int(F, axis, false, c->loc);
    return join_call(F, "stack", v, n, &ax, ty_array(F->S->a, v[0].t->dtype, rank + 1, dims), c->loc);
}

static val np_vhstack(fctx *F, const char *name, call_args *c)
{
    bool vertical = !strcmp(name, "np.vstack");
    val *v;
    int n = array_list(F, c, name, &v);
    if (n < 0)
        return sema_poison(F);
    int ranks[64], rank = 0;
    if (n > 64) {
        sema_error(F, c->loc, "%s() of more than 64 arrays is not supported", name);
        return sema_poison(F);
    }
    for (int i = 0; i < n; i++) {
        int r = v[i].t->rank;
        ranks[i] = vertical ? (r < 2 ? 2 : r) : (r < 1 ? 1 : r);
        rank = i ? rank : ranks[i];
    }
    if (!same_rank(F, n, ranks, c->loc))
        return sema_poison(F);
    int axis = vertical || rank == 1 ? 0 : 1;
    int64_t dims[IR_MAX_RANK];
    int real[64];
    for (int i = 0; i < n; i++)
        real[i] = v[i].t->rank;
    joined_dims(v, n, real, rank, axis, dims);
    return join_call(F, vertical ? "vstack" : "hstack", v, n, NULL, ty_array(F->S->a, v[0].t->dtype, rank, dims),
                     c->loc);
}

/* ---- squeeze, expand_dims ---- */

static val np_squeeze(fctx *F, const char *name, call_args *c)
{
    int first;
    val a = the_array(F, name, c, &first);
    if (a.t->kind == TY_ERROR)
        return a;
    int rank = a.t->rank;
    bool none;
    int64_t axis;
    if (!axis_arg(F, c, first, rank ? rank : 1, INT64_MIN, true, &axis, &none))
        return sema_poison(F);
    ir_index_kind kinds[IR_MAX_RANK];
    val lo[IR_MAX_RANK] = {{0}}, hi[IR_MAX_RANK] = {{0}};
    int64_t dims[IR_MAX_RANK];
    int r = 0;
    for (int d = 0; d < rank; d++) {
        bool pick = none ? a.t->dims[d] == 1 : d == axis;
        if (none && a.t->dims[d] < 0) {
            sema_error(F, c->loc, "squeeze() needs the sizes of the array's axes at compile time; give axis=");
            return sema_poison(F);
        }
        if (!none && d == axis && a.t->dims[d] >= 0 && a.t->dims[d] != 1) {
            sema_error(F, c->loc, "cannot select an axis to squeeze out which has size not equal to one");
            return sema_poison(F);
        }
        kinds[d] = pick ? IR_IDX_INT : IR_IDX_SLICE;
        if (pick)
            lo[d] = const_int(F, 0, false, c->loc);
        else
            dims[r++] = a.t->dims[d];
    }
    if (!none && a.t->dims[axis] < 0) {   /* unknown size: reshape checks it at run time */
        val sz[IR_MAX_RANK];
        for (int d = 0, k = 0; d < rank; d++) {
            if (d == axis)
                continue;
            if (a.t->dims[d] >= 0) {
                sz[k++] = const_int(F, a.t->dims[d], false, c->loc);
                continue;
            }
            sz[k] = emit_value_op(F, IR_DIM, c->loc, ty_scalar(F->S->a, IR_I64, false), &a, 1);
            if (F->S->emit)
                ir_attr_set_int(F->S->ir, F->blk->ops[F->blk->nops - 1], "axis", d);
            k++;
        }
        return sema_reshape(F, a, sz, rank - 1, c->loc);
    }
    return sema_shape_view(F, a, kinds, lo, hi, rank, ty_array(F->S->a, a.t->dtype, r, dims), c->loc);
}

static val np_expand_dims(fctx *F, const char *name, call_args *c)
{
    int first;
    val a = the_array(F, name, c, &first);
    if (a.t->kind == TY_ERROR)
        return a;
    int rank = a.t->rank;
    if (rank + 1 > IR_MAX_RANK) {
        sema_error(F, c->loc, "arrays of more than %d dimensions are not supported", IR_MAX_RANK);
        return sema_poison(F);
    }
    bool none;
    int64_t axis;
    if (c->nargs <= first && !call_kw(c, "axis")) {
        sema_error(F, c->loc, "expand_dims() missing required argument 'axis'");
        return sema_poison(F);
    }
    if (!axis_arg(F, c, first, rank + 1, 0, false, &axis, &none))
        return sema_poison(F);
    ir_index_kind kinds[IR_MAX_RANK];
    val lo[IR_MAX_RANK] = {{0}}, hi[IR_MAX_RANK] = {{0}};
    int64_t dims[IR_MAX_RANK];
    for (int d = 0, s = 0; d <= rank; d++) {
        kinds[d] = d == axis ? IR_IDX_NEWAXIS : IR_IDX_SLICE;
        dims[d] = d == axis ? 1 : a.t->dims[s++];
    }
    return sema_shape_view(F, a, kinds, lo, hi, rank + 1, ty_array(F->S->a, a.t->dtype, rank + 1, dims), c->loc);
}

/* ---- cumsum, cumprod ---- */

static val np_cumulate(fctx *F, const char *name, call_args *c)
{
    int first;
    val a = the_array(F, name, c, &first);
    if (a.t->kind == TY_ERROR)
        return a;
    bool prod = strstr(name, "cumprod") != NULL, none;
    int64_t axis;
    if (!axis_arg(F, c, first, a.t->rank ? a.t->rank : 1, INT64_MIN, true, &axis, &none))
        return sema_poison(F);
    ir_dtype dt = a.t->dtype == IR_BOOL ? IR_I64 : a.t->dtype;
    ast_keyword *k = call_kw(c, "dtype");
    if (k && k->value->kind != AST_NONE && !sema_parse_dtype(F, k->value, &dt))
        return sema_poison(F);
    if (dt == IR_BOOL)
        dt = IR_I64;
    a = cast_to_dtype(F, a, dt, c->loc);
    if (none || a.t->rank == 0) {
        a = flatten_view(F, a, c->loc);
        axis = 0;
    }
    val args[2] = {a, const_int(F, axis, false, c->loc)};
    return emit_rtcall(F, prod ? "cumprod" : "cumsum", a.t, args, 2, -1, -1, c->loc);
}

/* ---- sort, argsort, unique ---- */

static bool kind_kw(fctx *F, call_args *c)
{
    ast_keyword *k = call_kw(c, "kind");
    if (!k || k->value->kind == AST_NONE)
        return true;
    static const char *const kinds[] = {"quicksort", "mergesort", "heapsort", "stable"};
    if (k->value->kind == AST_STR)
        for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
            if (!strcmp(k->value->str.text, kinds[i]))
                return true;
    sema_error(F, k->loc, "kind= must be 'quicksort', 'mergesort', 'heapsort' or 'stable'");
    return false;
}

static val np_sort(fctx *F, const char *name, call_args *c)
{
    int first;
    val a = the_array(F, name, c, &first);
    if (a.t->kind == TY_ERROR)
        return a;
    bool arg = strstr(name, "argsort") != NULL, inplace = c->recv && !arg, none;
    int64_t axis;
    if (a.t->rank == 0) {
        sema_error(F, c->loc, "%s() of a 0-d array is not supported", name);
        return sema_poison(F);
    }
    if (!axis_arg(F, c, first, a.t->rank, -1, !inplace, &axis, &none) || !kind_kw(F, c))
        return sema_poison(F);
    if (axis < 0)
        axis += a.t->rank;
    if (none) {
        a = flatten_view(F, a, c->loc);
        axis = 0;
    }
    val args[2] = {a, const_int(F, axis, false, c->loc)};
    if (inplace)
        return emit_rtcall(F, "sort_inplace", NULL, args, 2, -1, -1, c->loc);
    sema_type *t = arg ? ty_array(F->S->a, IR_I64, a.t->rank, a.t->dims) : ty_array(F->S->a, a.t->dtype, a.t->rank, a.t->dims);
    return emit_rtcall(F, arg ? "argsort" : "sort", t, args, 2, -1, -1, c->loc);
}

static val np_unique(fctx *F, const char *name, call_args *c)
{
    int first;
    val a = the_array(F, name, c, &first);
    if (a.t->kind == TY_ERROR)
        return a;
    if (c->nargs > 1) {
        sema_error(F, c->loc, "unique() takes one positional argument");
        return sema_poison(F);
    }
    int64_t n = -1;
    return emit_rtcall(F, "unique", ty_array(F->S->a, a.t->dtype, 1, &n), &a, 1, -1, -1, c->loc);
}

/* ---- diff ---- */

/* a[1:] - a[:-1] along axis (bool: a[1:] != a[:-1], as NumPy). */
static val diff_once(fctx *F, val a, int axis, src_loc loc)
{
    int rank = a.t->rank;
    ir_index_kind kinds[IR_MAX_RANK];
    val none[IR_MAX_RANK] = {{0}}, lo[IR_MAX_RANK] = {{0}}, hi[IR_MAX_RANK] = {{0}};
    int64_t dims[IR_MAX_RANK];
    for (int d = 0; d < rank; d++) {
        kinds[d] = IR_IDX_SLICE;
        dims[d] = a.t->dims[d];
    }
    if (dims[axis] >= 0)
        dims[axis] = dims[axis] > 0 ? dims[axis] - 1 : 0;
    sema_type *t = ty_array(F->S->a, a.t->dtype, rank, dims);
    lo[axis] = const_int(F, 1, false, loc);
    val upper = sema_shape_view(F, a, kinds, lo, none, rank, t, loc);
    hi[axis] = const_int(F, -1, false, loc);
    val lower = sema_shape_view(F, a, kinds, none, hi, rank, t, loc);
    if (a.t->dtype == IR_BOOL)
        return sema_compare(F, AST_NE, upper, lower, loc);
    return sema_binary(F, AST_SUB, upper, lower, loc);
}

static val np_diff(fctx *F, const char *name, call_args *c)
{
    int first;
    val a = the_array(F, name, c, &first);
    if (a.t->kind == TY_ERROR)
        return a;
    if (a.t->rank == 0) {
        sema_error(F, c->loc, "diff requires input that is at least one dimensional");
        return sema_poison(F);
    }
    int64_t n = 1, axis;
    ast_keyword *kn = call_kw(c, "n");
    ast_expr *ne = c->nargs > 1 ? c->args[1] : kn ? kn->value : NULL;
    if (ne && (!sema_const_int(F, ne, &n) || n < 0)) {
        sema_error(F, ne->loc, "n must be a constant non-negative integer");
        return sema_poison(F);
    }
    bool none;
    if (!axis_arg(F, c, 2, a.t->rank, -1, false, &axis, &none))
        return sema_poison(F);
    if (axis < 0)
        axis += a.t->rank;
    for (int64_t i = 0; i < n; i++)
        a = diff_once(F, a, (int)axis, c->loc);
    return a;
}

/* ---- fromfunction ---- */

/* Index grid k of `shape`: arange(shape[k]) broadcast over a full array. */
static val index_grid(fctx *F, val *shape, int rank, int k, ir_dtype dt, src_loc loc)
{
    int64_t dims[IR_MAX_RANK], one[IR_MAX_RANK];
    for (int d = 0; d < rank; d++) {
        dims[d] = shape[d].is_const ? shape[d].ci : -1;
        one[d] = d == k ? dims[d] : 1;
    }
    val ar_args[3] = {const_int(F, 0, false, loc), shape[k], const_int(F, 1, false, loc)};
    val ar = emit_value_op(F, IR_ARANGE, loc, ty_array(F->S->a, IR_I64, 1, &dims[k]), ar_args, 3);
    ar = cast_to_dtype(F, ar, dt, loc);
    ir_index_kind kinds[IR_MAX_RANK];
    val none[IR_MAX_RANK] = {{0}};
    for (int d = 0; d < rank; d++)
        kinds[d] = d == k ? IR_IDX_SLICE : IR_IDX_NEWAXIS;
    val line = sema_shape_view(F, ar, kinds, none, none, rank, ty_array(F->S->a, dt, rank, one), loc);
    val grid = emit_value_op(F, IR_ALLOC, loc, ty_array(F->S->a, dt, rank, dims), shape, rank);
    if (F->S->emit)
        ir_attr_set_word(F->S->ir, F->blk->ops[F->blk->nops - 1], "fill", "empty");
    ir_var *av[2] = {grid.v, line.v};
    emit_op(F, IR_ASSIGN, loc, NULL, av, 2);
    return grid;
}

static val np_fromfunction(fctx *F, const char *name, call_args *c)
{
    if (c->nargs != 2 || c->args[0]->kind != AST_LAMBDA) {
        sema_error(F, c->loc, "%s() needs a lambda and a shape", name);
        return sema_poison(F);
    }
    ast_expr *lam = c->args[0];
    val shape[IR_MAX_RANK];
    int rank;
    if (!sema_shape_arg(F, c->args[1], shape, &rank))
        return sema_poison(F);
    if (lam->lambda.nparams != rank) {
        sema_error(F, lam->loc, "<lambda>() takes %d positional argument%s but %d were given",
                   lam->lambda.nparams, lam->lambda.nparams == 1 ? "" : "s", rank);
        return sema_poison(F);
    }
    ir_dtype dt = IR_F64;
    ast_keyword *k = call_kw(c, "dtype");
    if (k && !sema_parse_dtype(F, k->value, &dt))
        return sema_poison(F);
    env saved = env_copy(&F->env);
    for (int i = 0; i < rank; i++) {
        val g = index_grid(F, shape, rank, i, dt, c->loc);
        slot *s = slot_for_site(F, &lam->lambda.params[i], lam->lambda.params[i], g.t);
        store_slot(F, s, g, c->loc);
        env_bind(&F->env, lam->lambda.params[i], s);
    }
    val r = sema_expr_value(F, lam->lambda.body);
    env_free(&F->env);
    F->env = saved;
    return r;
}

const sema_ext_fn sema_shape_fns[] = {
    {"np.concatenate", np_concatenate},
    {"np.stack", np_stack},
    {"np.vstack", np_vhstack},
    {"np.hstack", np_vhstack},
    {"np.squeeze", np_squeeze},
    {"ndarray.squeeze", np_squeeze},
    {"np.expand_dims", np_expand_dims},
    {"np.cumsum", np_cumulate},
    {"np.cumprod", np_cumulate},
    {"ndarray.cumsum", np_cumulate},
    {"ndarray.cumprod", np_cumulate},
    {"np.sort", np_sort},
    {"np.argsort", np_sort},
    {"ndarray.sort", np_sort},
    {"ndarray.argsort", np_sort},
    {"np.unique", np_unique},
    {"np.diff", np_diff},
    {"np.fromfunction", np_fromfunction},
    {NULL, NULL},
};

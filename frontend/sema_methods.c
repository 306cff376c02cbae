/* sema_methods.c: reductions and the methods of arrays (a.sum(), a.reshape()
 * ...), also reached through their np.* spellings (np.sum(a), np.reshape(a)). */
#include "frontend/sema_ext.h"

#include <stdio.h>
#include <string.h>

val sema_transpose(fctx *F, val a, const int64_t *perm, src_loc loc);
val sema_np_round(fctx *F, val a, val decimals, src_loc loc);

static bool const_bool_kw(fctx *F, call_args *c, const char *name, bool *out)
{
    ast_keyword *k = call_kw(c, name);
    if (!k)
        return true;
    val v = sema_expr(F, k->value);
    if (!v.is_const || v.t->kind != TY_SCALAR) {
        sema_error(F, k->loc, "%s= must be a constant True or False", name);
        return false;
    }
    *out = v.ci != 0;
    return true;
}

/* axis=None | int | tuple of ints, all constants; normalised and sorted. */
static bool parse_axes(fctx *F, ast_expr *e, int rank, int64_t *axes, int *naxes)
{
    if (!e || e->kind == AST_NONE) {
        for (int i = 0; i < rank; i++)
            axes[i] = i;
        *naxes = rank;
        return true;
    }
    ast_expr **items = &e;
    int n = 1;
    if (e->kind == AST_TUPLE || e->kind == AST_LIST) {
        items = e->seq.items;
        n = e->seq.n;
    }
    bool seen[IR_MAX_RANK] = {0};
    for (int i = 0; i < n; i++) {
        int64_t ax;
        if (!sema_const_int(F, items[i], &ax)) {
            sema_error(F, items[i]->loc, "axis must be a constant integer, a tuple of them, or None");
            return false;
        }
        if (ax < -rank || ax >= rank) {
            sema_error(F, items[i]->loc, "axis %lld is out of bounds for array of dimension %d", (long long)ax, rank);
            return false;
        }
        if (ax < 0)
            ax += rank;
        if (seen[ax]) {
            sema_error(F, items[i]->loc, "duplicate value in 'axis'");
            return false;
        }
        seen[ax] = true;
    }
    *naxes = 0;
    for (int i = 0; i < rank; i++)
        if (seen[i])
            axes[(*naxes)++] = i;
    return true;
}

static val reduce_op(fctx *F, const char *kind, val a, const int64_t *axes, int naxes, bool keepdims,
                     ir_dtype out, src_loc loc)
{
    sema *S = F->S;
    sema_type *t;
    if (naxes == a.t->rank && !keepdims) {
        t = ty_scalar(S->a, out, true);
    } else {
        int64_t dims[IR_MAX_RANK];
        int r = 0;
        for (int i = 0, k = 0; i < a.t->rank; i++) {
            bool reduced = k < naxes && axes[k] == i;
            k += reduced;
            if (!reduced)
                dims[r++] = a.t->dims[i];
            else if (keepdims)
                dims[r++] = 1;
        }
        t = ty_array(S->a, out, r, dims);
    }
    val r = emit_value_op(F, IR_REDUCE, loc, t, &a, 1);
    if (S->emit) {
        ir_op *op = F->blk->ops[F->blk->nops - 1];
        ir_attr_set_word(S->ir, op, "kind", kind);
        if (naxes != a.t->rank)
            ir_attr_set_intlist(S->ir, op, "axes", axes, naxes);
        if (keepdims)
            ir_attr_set_bool(S->ir, op, "keepdims", true);
    }
    return r;
}

/* n = the number of elements reduced, as a float. */
static val reduced_count(fctx *F, val a, const int64_t *axes, int naxes, src_loc loc)
{
    val n = const_int(F, 1, false, loc);
    for (int i = 0; i < naxes; i++) {
        val d;
        if (a.t->dims[axes[i]] >= 0) {
            d = const_int(F, a.t->dims[axes[i]], false, loc);
        } else {
            d = emit_value_op(F, IR_DIM, loc, ty_scalar(F->S->a, IR_I64, false), &a, 1);
            if (F->S->emit)
                ir_attr_set_int(F->S->ir, F->blk->ops[F->blk->nops - 1], "axis", axes[i]);
        }
        n = sema_binary(F, AST_MUL, n, d, loc);
    }
    return n;
}

/* var/std the way NumPy computes them: mean, deviations, sum of squares / (n - ddof). */
static val var_std(fctx *F, const char *kind, val a, const int64_t *axes, int naxes, bool keepdims,
                   call_args *c)
{
    int64_t ddof = 0;
    ast_keyword *k = call_kw(c, "ddof");
    if (k && !sema_const_int(F, k->value, &ddof)) {
        sema_error(F, k->loc, "ddof= must be a constant integer");
        return sema_poison(F);
    }
    ir_dtype dt = a.t->dtype == IR_F32 ? IR_F32 : IR_F64;
    val x = cast_to_dtype(F, a, dt, c->loc);
    val n = cast_scalar(F, reduced_count(F, a, axes, naxes, c->loc), IR_F64, false, c->loc);
    val sum = reduce_op(F, "sum", x, axes, naxes, true, dt, c->loc);
    val mean = sema_binary(F, AST_DIV, sum, n, c->loc);
    val d = sema_binary(F, AST_SUB, x, mean, c->loc);
    val sq = sema_binary(F, AST_MUL, d, d, c->loc);
    val ss = reduce_op(F, "sum", sq, axes, naxes, keepdims, dt, c->loc);
    val den = sema_binary(F, AST_SUB, n, const_float(F, (double)ddof, false, c->loc), c->loc);
    den = sema_elementwise2(F, IR_MAX, den, const_float(F, 0.0, false, c->loc), c->loc);
    den = cast_scalar(F, den, IR_F64, false, c->loc);
    val v = sema_binary(F, AST_DIV, ss, den, c->loc);
    if (v.t->kind == TY_SCALAR)
        v = cast_scalar(F, v, dt, true, c->loc);
    return strcmp(kind, "std") == 0 ? sema_elementwise1(F, IR_SQRT, v, c->loc) : v;
}

val sema_reduce(fctx *F, const char *kind, val a, call_args *c, int argpos)
{
    sema *S = F->S;
    if (a.t->kind == TY_SCALAR) {   /* np.sum(3.0) and friends */
        if (!strcmp(kind, "argmax") || !strcmp(kind, "argmin"))
            return const_int(F, 0, true, c->loc);
        return cast_scalar(F, a, a.t->dtype, true, c->loc);
    }
    if (a.t->kind != TY_ARRAY) {
        sema_error(F, c->loc, "%s() needs an array, not %s", kind, ty_describe_str(S->a, a.t));
        return sema_poison(F);
    }
    if (!strcmp(kind, "amax")) kind = "max";
    if (!strcmp(kind, "amin")) kind = "min";
    ast_expr *axis_e = c->nargs > argpos ? c->args[argpos] : NULL;
    ast_keyword *ak = call_kw(c, "axis");
    if (ak)
        axis_e = ak->value;
    int64_t axes[IR_MAX_RANK];
    int naxes;
    bool keepdims = false;
    if (!parse_axes(F, axis_e, a.t->rank, axes, &naxes) || !const_bool_kw(F, c, "keepdims", &keepdims))
        return sema_poison(F);
    bool arg = !strcmp(kind, "argmax") || !strcmp(kind, "argmin");
    if (arg && naxes > 1 && naxes != a.t->rank) {
        sema_error(F, c->loc, "%s over several axes is not supported", kind);
        return sema_poison(F);
    }
    if (!strcmp(kind, "var") || !strcmp(kind, "std"))
        return var_std(F, kind, a, axes, naxes, keepdims, c);
    if (!strcmp(kind, "count_nonzero")) {
        val nz = sema_compare(F, AST_NE, a, const_int(F, 0, false, c->loc), c->loc);
        val r = reduce_op(F, "sum", nz, axes, naxes, keepdims, IR_I64, c->loc);
        return r.t->kind == TY_SCALAR ? cast_scalar(F, r, IR_I64, false, c->loc) : r;
    }
    ir_dtype dt = a.t->dtype, out = dt;
    if (!strcmp(kind, "sum") || !strcmp(kind, "prod"))
        out = dt == IR_BOOL ? IR_I64 : dt;
    else if (!strcmp(kind, "mean"))
        out = dt == IR_F32 ? IR_F32 : IR_F64;
    else if (arg)
        out = IR_I64;
    else if (!strcmp(kind, "any") || !strcmp(kind, "all"))
        out = IR_BOOL;
    else if (strcmp(kind, "max") && strcmp(kind, "min")) {
        sema_error(F, c->loc, "reduction '%s' is not supported", kind);
        return sema_poison(F);
    }
    return reduce_op(F, kind, a, axes, naxes, keepdims, out, c->loc);
}

/* ---- reshape, transpose ---- */

val sema_reshape(fctx *F, val a, val *dims, int rank, src_loc loc);
val sema_reshape(fctx *F, val a, val *dims, int rank, src_loc loc)
{
    int64_t d[IR_MAX_RANK], known = 1, total = 1;
    int unknown_at = -1, nneg = 0;
    for (int i = 0; i < a.t->rank; i++)
        total = total >= 0 && a.t->dims[i] >= 0 ? total * a.t->dims[i] : -1;
    for (int i = 0; i < rank; i++) {
        if (dims[i].t->kind != TY_SCALAR || dims[i].t->dtype != IR_I64) {
            sema_error(F, loc, "reshape() sizes must be integers");
            return sema_poison(F);
        }
        d[i] = dims[i].is_const ? dims[i].ci : -2;
        if (d[i] == -1) {
            unknown_at = i;
            nneg++;
        } else if (d[i] >= 0) {
            known *= d[i];
        } else if (d[i] < -2) {
            sema_error(F, loc, "negative dimensions are not allowed");
            return sema_poison(F);
        }
    }
    if (nneg > 1) {
        sema_error(F, loc, "can only specify one unknown dimension");
        return sema_poison(F);
    }
    for (int i = 0; i < rank; i++)
        if (d[i] < 0)
            d[i] = -1;
    if (unknown_at >= 0 && total >= 0 && known > 0 && total % known == 0) {
        bool all_known = true;
        for (int i = 0; i < rank; i++)
            all_known &= i == unknown_at || d[i] >= 0;
        if (all_known)
            d[unknown_at] = total / known;
    }
    val args[IR_MAX_RANK + 1];
    args[0] = a;
    for (int i = 0; i < rank; i++)
        args[i + 1] = dims[i];
    return emit_value_op(F, IR_RESHAPE, loc, ty_array(F->S->a, a.t->dtype, rank, d), args, rank + 1);
}

/* Sizes from reshape(2, 3), reshape((2, 3)) or reshape(-1). */
static bool reshape_dims(fctx *F, call_args *c, int first, val *dims, int *rank)
{
    int n = c->nargs - first;
    if (n == 1 && (c->pos[first].t->kind == TY_TUPLE || c->pos[first].t->kind == TY_LIST)) {
        val t = c->pos[first];
        if (t.t->nitems > IR_MAX_RANK)
            return false;
        for (int i = 0; i < t.t->nitems; i++)
            dims[i] = F->S->emit || t.items ? t.items[i] : val_of_type(t.t->items[i]);
        *rank = t.t->nitems;
        return true;
    }
    if (n < 1 || n > IR_MAX_RANK) {
        sema_error(F, c->loc, "reshape() needs the new shape");
        return false;
    }
    for (int i = 0; i < n; i++)
        dims[i] = c->pos[first + i];
    *rank = n;
    return true;
}

static val transpose_call(fctx *F, val a, call_args *c, int first)
{
    int n = c->nargs - first;
    ast_keyword *k = call_kw(c, "axes");
    if (n == 0 && (!k || k->value->kind == AST_NONE))
        return sema_transpose(F, a, NULL, c->loc);
    ast_expr **items = c->args + first;
    if (k || (n == 1 && (c->args[first]->kind == AST_TUPLE || c->args[first]->kind == AST_LIST))) {
        ast_expr *e = k ? k->value : c->args[first];
        items = e->seq.items;
        n = e->seq.n;
    }
    if (n != a.t->rank) {
        sema_error(F, c->loc, "axes don't match array");
        return sema_poison(F);
    }
    int64_t perm[IR_MAX_RANK];
    bool seen[IR_MAX_RANK] = {0};
    for (int i = 0; i < n; i++) {
        if (!sema_const_int(F, items[i], &perm[i]) || perm[i] < -n || perm[i] >= n) {
            sema_error(F, items[i]->loc, "transpose axes must be constant integers within the rank");
            return sema_poison(F);
        }
        if (perm[i] < 0)
            perm[i] += n;
        if (seen[perm[i]]) {
            sema_error(F, items[i]->loc, "repeated axis in transpose");
            return sema_poison(F);
        }
        seen[perm[i]] = true;
    }
    return sema_transpose(F, a, perm, c->loc);
}

static val flat(fctx *F, val a, bool copy, src_loc loc)
{
    if (copy)
        a = emit_value_op(F, IR_COPY, loc, a.t, &a, 1);
    val m1 = const_int(F, -1, false, loc);
    return sema_reshape(F, a, &m1, 1, loc);
}

static const char *const reductions[] = {"sum", "prod", "max", "min", "amax", "amin", "mean", "argmax",
                                         "argmin", "any", "all", "std", "var", "count_nonzero"};

/* Methods of arrays, and np.f(a, ...) spellings (first = index of the first
 * argument after the array). */
static val array_method(fctx *F, val a, const char *n, call_args *c, int first)
{
    sema *S = F->S;
    for (size_t i = 0; i < sizeof reductions / sizeof *reductions; i++)
        if (!strcmp(n, reductions[i]))
            return sema_reduce(F, n, a, c, first);
    if (a.t->kind != TY_ARRAY) {
        if (a.t->kind == TY_SCALAR && !strcmp(n, "item"))
            return cast_scalar(F, a, a.t->dtype, false, c->loc);
        if (a.t->kind == TY_SCALAR && !strcmp(n, "copy"))
            return a;
        sema_error(F, c->loc, "%s has no method '%s'", ty_describe_str(S->a, a.t), n);
        return sema_poison(F);
    }
    if (!strcmp(n, "copy"))
        return emit_value_op(F, IR_COPY, c->loc, a.t, &a, 1);
    if (!strcmp(n, "astype")) {
        ir_dtype dt;
        if (c->nargs != first + 1 || !sema_parse_dtype(F, c->args[first], &dt))
            return sema_poison(F);
        return dt == a.t->dtype ? emit_value_op(F, IR_COPY, c->loc, a.t, &a, 1) : cast_to_dtype(F, a, dt, c->loc);
    }
    if (!strcmp(n, "reshape")) {
        val dims[IR_MAX_RANK];
        int rank;
        if (!reshape_dims(F, c, first, dims, &rank))
            return sema_poison(F);
        return sema_reshape(F, a, dims, rank, c->loc);
    }
    if (!strcmp(n, "transpose"))
        return transpose_call(F, a, c, first);
    if (!strcmp(n, "ravel"))
        return flat(F, a, false, c->loc);
    if (!strcmp(n, "flatten"))
        return flat(F, a, true, c->loc);
    if (!strcmp(n, "fill") && c->nargs == first + 1 && c->pos[first].t->kind == TY_SCALAR) {
        val x = cast_scalar(F, c->pos[first], a.t->dtype, true, c->loc);
        ir_var *args[2] = {a.v, x.v};
        emit_op(F, IR_ASSIGN, c->loc, NULL, args, 2);
        return val_of_type(ty_simple(S->a, TY_NONE));
    }
    if (!strcmp(n, "dot") && c->nargs == first + 1)
        return sema_matmul(F, a, c->pos[first], c->loc, true);
    if (!strcmp(n, "round")) {
        ast_keyword *k = call_kw(c, "decimals");
        val d = c->nargs > first ? c->pos[first] : k ? sema_expr(F, k->value) : const_int(F, 0, false, c->loc);
        return sema_np_round(F, a, d, c->loc);
    }
    if (!strcmp(n, "clip") && c->nargs == first + 2) {
        val x = sema_elementwise2(F, IR_MAX, a, c->pos[first], c->loc);
        x = sema_elementwise2(F, IR_MIN, x, c->pos[first + 1], c->loc);
        return x.t->kind == TY_ARRAY && ty_kind_rank(x.t->dtype) <= ty_kind_rank(a.t->dtype)
                   ? cast_to_dtype(F, x, a.t->dtype, c->loc) : x;
    }
    if (!strcmp(n, "item") && c->nargs == first) {
        val r = val_of_type(ty_scalar(S->a, a.t->dtype, false));
        r.v = emit_tmp(F, r.t);
        ir_op *op = emit_op(F, IR_LOAD, c->loc, r.v, &a.v, 1);
        if (op) {
            op->index = arena_alloc(&S->ir->arena, sizeof(ir_index) * (size_t)(a.t->rank ? a.t->rank : 1));
            op->nindex = a.t->rank;
            val zero = const_int(F, 0, false, c->loc);
            for (int i = 0; i < a.t->rank; i++) {
                op->index[i] = (ir_index){IR_IDX_INT, op->nargs, -1, -1};
                ir_op_add_arg(S->ir, op, zero.v);
            }
        }
        return r;
    }
    sema_error(F, c->loc, "the array method '%s' is not supported", n);
    return sema_poison(F);
}

bool sema_is_array_method(const char *name)
{
    static const char *const methods[] = {"copy", "astype", "reshape", "transpose", "ravel", "flatten", "fill",
                                          "dot", "round", "clip", "item"};
    for (size_t i = 0; i < sizeof reductions / sizeof *reductions; i++)
        if (!strcmp(name, reductions[i]))
            return true;
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
        if (!strcmp(name, methods[i]))
            return true;
    char qual[128];
    snprintf(qual, sizeof qual, "ndarray.%s", name);
    return sema_ext_lookup(qual) != NULL;
}

val sema_method_call(fctx *F, val recv, const char *name, call_args *c)
{
    bool rng = recv.t->kind == TY_SCALAR && recv.t->dtype == IR_RNG;
    const sema_ext_fn *ext = sema_ext_lookup(arena_printf(F->S->a, "%s.%s", rng ? "rng" : "ndarray", name));
    if (ext || rng) {
        if (!ext) {
            sema_error(F, c->loc, "Generator.%s is not supported", name);
            return sema_poison(F);
        }
        c->recv = &recv;
        return ext->fn(F, name, c);
    }
    return array_method(F, recv, name, c, 0);
}

/* np.sum(a, ...), np.reshape(a, ...), np.copy(a) ... */
val sema_array_method_like(fctx *F, const char *name, call_args *c);
val sema_array_method_like(fctx *F, const char *name, call_args *c)
{
    if (c->nargs < 1) {
        sema_error(F, c->loc, "np.%s() needs an array argument", name);
        return sema_poison(F);
    }
    if (!strcmp(name, "ravel") || !strcmp(name, "copy") || !strcmp(name, "transpose") || !strcmp(name, "reshape")) {
        val a = c->pos[0];
        if (a.t->kind != TY_ARRAY) {
            sema_error(F, c->args[0]->loc, "np.%s() needs an array, not %s", name, ty_describe_str(F->S->a, a.t));
            return sema_poison(F);
        }
        return array_method(F, a, name, c, 1);
    }
    for (size_t i = 0; i < sizeof reductions / sizeof *reductions; i++)
        if (!strcmp(name, reductions[i]))
            return sema_reduce(F, name, c->pos[0], c, 1);
    sema_error(F, c->loc, "np.%s is not supported", name);
    return sema_poison(F);
}

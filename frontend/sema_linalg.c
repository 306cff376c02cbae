/* sema_linalg.c: np.linalg (solve, inv, det, norm, cholesky, qr, eigh,
 * lstsq), np.trace / a.trace(), and np.isclose / np.allclose.  LAPACK work
 * is a runtime call (rt_lapack.c, rt_linalg2.c); norm, trace and isclose
 * are lowered to the elementwise ops and reductions NumPy itself uses, so
 * they round the same way. */
#include "frontend/sema_ext.h"

#include <math.h>
#include <string.h>

val sema_reshape(fctx *F, val a, val *dims, int rank, src_loc loc);
val sema_shape_reduce(fctx *F, const char *kind, val a, int axis, ir_dtype out, src_loc loc);

static sema_type *arr(fctx *F, ir_dtype dt, int rank, int64_t d0, int64_t d1)
{
    int64_t dims[2] = {d0, d1};
    return ty_array(F->S->a, dt, rank, dims);
}

/* The n array arguments of name (c->pos[0..n)). */
static bool array_args(fctx *F, const char *name, call_args *c, int n)
{
    if (c->nargs != n) {
        sema_error(F, c->loc, "%s() takes %d positional argument%s but %d were given", name, n, n == 1 ? "" : "s",
                   c->nargs);
        return false;
    }
    for (int i = 0; i < n; i++)
        if (c->pos[i].t->kind != TY_ARRAY) {
            sema_error(F, c->args[i]->loc, "%s() needs an array, not %s", name, ty_describe_str(F->S->a, c->pos[i].t));
            return false;
        }
    return true;
}

/* Ranks NumPy accepts here (stacks of matrices are not supported). */
static bool matrix_arg(fctx *F, const char *name, call_args *c, int i, int lo, int hi)
{
    int r = c->pos[i].t->rank;
    if (r >= lo && r <= hi)
        return true;
    if (r > 2)
        sema_error(F, c->args[i]->loc, "%s() of a stack of matrices (%d dimensions) is not supported", name, r);
    else
        sema_error(F, c->args[i]->loc, "%d-dimensional array given. Array must be %stwo-dimensional", r,
                   lo == 2 && hi == 2 ? "" : "at least ");
    return false;
}

static ir_dtype float_of(const sema_type *t) { return t->dtype == IR_F32 ? IR_F32 : IR_F64; }

/* ---- solve, inv, det (rt_lapack.c) ---- */

static val la_solve(fctx *F, const char *name, call_args *c)
{
    if (!array_args(F, name, c, 2) || !matrix_arg(F, name, c, 0, 2, 2) || !matrix_arg(F, name, c, 1, 1, 2))
        return sema_poison(F);
    val a = c->pos[0], b = c->pos[1];
    ir_dtype dt = float_of(a.t) == IR_F32 && float_of(b.t) == IR_F32 && a.t->dtype == b.t->dtype ? IR_F32 : IR_F64;
    val args[2] = {a, b};
    return emit_rtcall(F, "linalg_solve", ty_array(F->S->a, dt, b.t->rank, b.t->dims), args, 2, -1, -1, c->loc);
}

static val la_inv(fctx *F, const char *name, call_args *c)
{
    if (!array_args(F, name, c, 1) || !matrix_arg(F, name, c, 0, 2, 2))
        return sema_poison(F);
    val a = c->pos[0];
    int64_t n = a.t->dims[0] >= 0 ? a.t->dims[0] : a.t->dims[1];
    return emit_rtcall(F, "linalg_inv", arr(F, float_of(a.t), 2, n, n), &a, 1, -1, -1, c->loc);
}

static val la_det(fctx *F, const char *name, call_args *c)
{
    if (!array_args(F, name, c, 1) || !matrix_arg(F, name, c, 0, 2, 2))
        return sema_poison(F);
    val d = emit_rtcall(F, "linalg_det", ty_scalar(F->S->a, IR_F64, true), &c->pos[0], 1, -1, -1, c->loc);
    return cast_scalar(F, d, float_of(c->pos[0].t), true, c->loc);
}

/* ---- norm ---- */

typedef enum norm_ord { ORD_NONE, ORD_FRO, ORD_ONE, ORD_TWO, ORD_INF, ORD_NINF, ORD_BAD } norm_ord;

static norm_ord parse_ord(fctx *F, ast_keyword *k, ast_expr *pos)
{
    ast_expr *e = pos ? pos : k ? k->value : NULL;
    if (!e || e->kind == AST_NONE)
        return ORD_NONE;
    if (e->kind == AST_STR && !strcmp(e->str.text, "fro"))
        return ORD_FRO;
    val v = sema_expr(F, e);
    if (v.is_const && v.t->kind == TY_SCALAR) {
        if (v.cf == 1) return ORD_ONE;
        if (v.cf == 2) return ORD_TWO;
        if (v.cf == INFINITY) return ORD_INF;
        if (v.cf == -INFINITY) return ORD_NINF;
    }
    sema_error(F, e->loc, "norm() supports ord=None, 1, 2, np.inf, -np.inf and 'fro' only");
    return ORD_BAD;
}

/* sqrt(x . x) of the flattened array: NumPy's path for ord=None. */
static val norm_dot(fctx *F, val x, src_loc loc)
{
    val m1 = const_int(F, -1, false, loc);
    val flat = sema_reshape(F, x, &m1, 1, loc);
    return sema_elementwise1(F, IR_SQRT, sema_matmul(F, flat, flat, loc, true), loc);
}

/* Vector norms along one axis (axis < 0: the whole 1-D array). */
static val norm_vector(fctx *F, val x, norm_ord ord, int axis, src_loc loc)
{
    ir_dtype dt = x.t->dtype;
    if (ord == ORD_INF || ord == ORD_NINF)
        return sema_shape_reduce(F, ord == ORD_INF ? "max" : "min", sema_elementwise1(F, IR_ABS, x, loc), axis, dt,
                                 loc);
    if (ord == ORD_ONE)
        return sema_shape_reduce(F, "sum", sema_elementwise1(F, IR_ABS, x, loc), axis, dt, loc);
    val sq = sema_binary(F, AST_MUL, x, x, loc);
    return sema_elementwise1(F, IR_SQRT, sema_shape_reduce(F, "sum", sq, axis, dt, loc), loc);
}

static val la_norm(fctx *F, const char *name, call_args *c)
{
    if (c->nargs < 1 || c->nargs > 2 || c->pos[0].t->kind != TY_ARRAY) {
        sema_error(F, c->loc, "%s() needs an array (and optionally ord)", name);
        return sema_poison(F);
    }
    val x = c->pos[0];
    if (x.t->dtype != IR_F32 && x.t->dtype != IR_F64)
        x = cast_to_dtype(F, x, IR_F64, c->loc);
    norm_ord ord = parse_ord(F, call_kw(c, "ord"), c->nargs == 2 ? c->args[1] : NULL);
    if (ord == ORD_BAD)
        return sema_poison(F);
    ast_keyword *ak = call_kw(c, "axis");
    int rank = x.t->rank;
    if (ak && ak->value->kind != AST_NONE) {
        int64_t axis;
        if (!sema_const_int(F, ak->value, &axis) || axis < -rank || axis >= rank) {
            sema_error(F, ak->loc, "norm() supports a constant axis within the array's rank (or None)");
            return sema_poison(F);
        }
        if (ord == ORD_FRO) {
            sema_error(F, ak->loc, "Invalid norm order 'fro' for vectors");
            return sema_poison(F);
        }
        return norm_vector(F, x, ord, (int)(axis < 0 ? axis + rank : axis), c->loc);
    }
    if (ord == ORD_NONE || (ord == ORD_FRO && rank == 2) || (ord == ORD_TWO && rank == 1))
        return norm_dot(F, x, c->loc);
    if (rank == 1 && ord != ORD_FRO)
        return norm_vector(F, x, ord, -1, c->loc);
    if (rank == 2 && (ord == ORD_ONE || ord == ORD_INF || ord == ORD_NINF)) {
        val s = sema_shape_reduce(F, "sum", sema_elementwise1(F, IR_ABS, x, c->loc), ord == ORD_ONE ? 0 : 1,
                                  x.t->dtype, c->loc);
        return sema_shape_reduce(F, ord == ORD_NINF ? "min" : "max", s, -1, x.t->dtype, c->loc);
    }
    sema_error(F, c->loc, rank > 2 ? "Improper number of dimensions to norm." : "this norm order is not supported");
    return sema_poison(F);
}

/* ---- cholesky, qr, eigh, lstsq (rt_linalg2.c) ---- */

/* Part i of a bundle, as dtype dt. */
static val part(fctx *F, val bundle, int i, sema_type *t, ir_dtype dt, src_loc loc)
{
    val args[2] = {bundle, const_int(F, i, false, loc)};
    sema_type *t64 = ty_array(F->S->a, IR_F64, t->rank, t->dims);
    return cast_to_dtype(F, emit_rtcall(F, "bundle_get", t64, args, 2, -1, -1, loc), dt, loc);
}

static val tuple_of(fctx *F, val *items, int n)
{
    sema_type **ts = arena_alloc(F->S->a, sizeof *ts * (size_t)n);
    val *vs = arena_alloc(F->S->a, sizeof *vs * (size_t)n);
    for (int i = 0; i < n; i++) {
        ts[i] = items[i].t;
        vs[i] = items[i];
    }
    val r = val_of_type(ty_tuple(F->S->a, ts, n));
    r.items = vs;
    return r;
}

static val la_cholesky(fctx *F, const char *name, call_args *c)
{
    if (!array_args(F, name, c, 1) || !matrix_arg(F, name, c, 0, 2, 2))
        return sema_poison(F);
    val a = c->pos[0];
    val r = emit_rtcall(F, "linalg_cholesky", ty_array(F->S->a, IR_F64, 2, a.t->dims), &a, 1, -1, -1, c->loc);
    return cast_to_dtype(F, r, float_of(a.t), c->loc);
}

static val la_factor(fctx *F, const char *name, call_args *c)
{
    bool qr = strstr(name, "qr") != NULL;
    if (!array_args(F, name, c, 1) || !matrix_arg(F, name, c, 0, 2, 2))
        return sema_poison(F);
    ast_keyword *k = call_kw(c, qr ? "mode" : "UPLO");
    if (k && (k->value->kind != AST_STR || strcmp(k->value->str.text, qr ? "reduced" : "L"))) {
        sema_error(F, k->loc, qr ? "only mode='reduced' is supported" : "only UPLO='L' is supported");
        return sema_poison(F);
    }
    val a = c->pos[0];
    ir_dtype dt = float_of(a.t);
    int64_t m = a.t->dims[0], n = a.t->dims[1];
    val b = emit_rtcall(F, qr ? "linalg_qr" : "linalg_eigh", ty_array(F->S->a, IR_F64, 1, NULL), &a, 1, -1, -1,
                        c->loc);
    val items[2];
    if (qr) {
        int64_t kk = m >= 0 && n >= 0 ? (m < n ? m : n) : -1;
        items[0] = part(F, b, 0, arr(F, dt, 2, m, kk), dt, c->loc);
        items[1] = part(F, b, 1, arr(F, dt, 2, kk, n), dt, c->loc);
    } else {
        items[0] = part(F, b, 0, arr(F, dt, 1, m, 0), dt, c->loc);
        items[1] = part(F, b, 1, arr(F, dt, 2, m, m), dt, c->loc);
    }
    return tuple_of(F, items, 2);
}

/* rcond: absent gives LAPACK's machine precision (-1), None eps * max(m, n). */
static bool rcond_arg(fctx *F, call_args *c, val a, val *out)
{
    ast_keyword *k = call_kw(c, "rcond");
    if (!k) {
        *out = const_float(F, -1.0, false, c->loc);
        return true;
    }
    if (k->value->kind != AST_NONE) {
        val v = sema_expr(F, k->value);
        if (v.t->kind != TY_SCALAR || v.t->dtype == IR_BOOL) {
            sema_error(F, k->loc, "rcond must be a number or None");
            return false;
        }
        *out = cast_scalar(F, v, IR_F64, false, c->loc);
        return true;
    }
    val d[2];
    for (int i = 0; i < 2; i++) {
        d[i] = a.t->dims[i] >= 0 ? const_int(F, a.t->dims[i], false, c->loc)
                                 : emit_value_op(F, IR_DIM, c->loc, ty_scalar(F->S->a, IR_I64, false), &a, 1);
        if (a.t->dims[i] < 0 && F->S->emit)
            ir_attr_set_int(F->S->ir, F->blk->ops[F->blk->nops - 1], "axis", i);
    }
    val mx = cast_scalar(F, sema_elementwise2(F, IR_MAX, d[0], d[1], c->loc), IR_F64, false, c->loc);
    *out = sema_binary(F, AST_MUL, const_float(F, 2.220446049250313e-16, false, c->loc), mx, c->loc);
    *out = cast_scalar(F, *out, IR_F64, false, c->loc);
    return true;
}

static val la_lstsq(fctx *F, const char *name, call_args *c)
{
    if (!array_args(F, name, c, 2) || !matrix_arg(F, name, c, 0, 2, 2) || !matrix_arg(F, name, c, 1, 1, 2))
        return sema_poison(F);
    val a = c->pos[0], b = c->pos[1], rc;
    if (!rcond_arg(F, c, a, &rc))
        return sema_poison(F);
    ir_dtype dt = float_of(a.t) == IR_F32 && float_of(b.t) == IR_F32 ? IR_F32 : IR_F64;
    int64_t m = a.t->dims[0], n = a.t->dims[1], nrhs = b.t->rank == 2 ? b.t->dims[1] : 1;
    int64_t k = m >= 0 && n >= 0 ? (m < n ? m : n) : -1;
    val args[3] = {a, b, rc};
    val bun = emit_rtcall(F, "linalg_lstsq", ty_array(F->S->a, IR_F64, 1, NULL), args, 3, -1, -1, c->loc);
    val items[4];
    items[0] = part(F, bun, 0, arr(F, dt, b.t->rank, n, nrhs), dt, c->loc);
    items[1] = part(F, bun, 1, arr(F, dt, 1, -1, 0), dt, c->loc);
    val pa[2] = {bun, const_int(F, 2, false, c->loc)};
    items[2] = emit_rtcall(F, "bundle_get_i64", ty_scalar(F->S->a, IR_I64, true), pa, 2, -1, -1, c->loc);
    items[3] = part(F, bun, 3, arr(F, dt, 1, k, 0), dt, c->loc);
    return tuple_of(F, items, 4);
}

/* ---- trace ---- */

static val la_trace(fctx *F, const char *name, call_args *c)
{
    val a = c->recv ? *c->recv : c->nargs ? c->pos[0] : sema_poison(F);
    int first = c->recv ? 0 : 1;
    if (a.t->kind != TY_ARRAY || a.t->rank != 2) {
        if (a.t->kind != TY_ERROR)
            sema_error(F, c->loc, "%s() needs a 2-D array, not %s", name, ty_describe_str(F->S->a, a.t));
        return sema_poison(F);
    }
    ast_keyword *k = call_kw(c, "offset");
    ast_expr *oe = c->nargs > first ? c->args[first] : k ? k->value : NULL;
    val off = oe ? sema_expr(F, oe) : const_int(F, 0, false, c->loc);
    if (off.t->kind != TY_SCALAR || off.t->dtype != IR_I64) {
        sema_error(F, oe ? oe->loc : c->loc, "trace() offset must be an integer");
        return sema_poison(F);
    }
    val args[2] = {a, off};
    val d = emit_rtcall(F, "diagonal", arr(F, a.t->dtype, 1, -1, 0), args, 2, -1, -1, c->loc);
    ir_dtype out = a.t->dtype == IR_BOOL ? IR_I64 : a.t->dtype;
    return sema_shape_reduce(F, "sum", d, -1, out, c->loc);
}

/* ---- isclose, allclose ---- */

static bool float_kw(fctx *F, call_args *c, const char *name, double dflt, val *out)
{
    ast_keyword *k = call_kw(c, name);
    if (!k) {
        *out = const_float(F, dflt, false, c->loc);
        return true;
    }
    *out = sema_expr(F, k->value);
    if (out->t->kind != TY_SCALAR) {
        if (out->t->kind != TY_ERROR)
            sema_error(F, k->loc, "%s must be a number", name);
        return false;
    }
    return true;
}

/* |x - y| <= atol + rtol * |y| where both are finite, else x == y. */
static val isclose(fctx *F, const char *name, call_args *c)
{
    if (c->nargs != 2) {
        sema_error(F, c->loc, "%s() needs two arguments", name);
        return sema_poison(F);
    }
    for (int i = 0; i < 2; i++)
        if (c->pos[i].t->kind != TY_SCALAR && c->pos[i].t->kind != TY_ARRAY) {
            sema_error(F, c->args[i]->loc, "%s() needs numbers or arrays, not %s", name,
                       ty_describe_str(F->S->a, c->pos[i].t));
            return sema_poison(F);
        }
    val rtol, atol, en;
    if (!float_kw(F, c, "rtol", 1e-05, &rtol) || !float_kw(F, c, "atol", 1e-08, &atol))
        return sema_poison(F);
    ast_keyword *ek = call_kw(c, "equal_nan");
    en = ek ? sema_expr(F, ek->value) : const_bool(F, false, c->loc);
    if (!en.is_const) {
        sema_error(F, ek->loc, "equal_nan= must be a constant True or False");
        return sema_poison(F);
    }
    val x = c->pos[0], y = c->pos[1];
    if (x.t->kind == TY_SCALAR)
        x = cast_scalar(F, x, x.t->dtype, true, c->loc);
    if (y.t->dtype != IR_F32 && y.t->dtype != IR_F64)
        y = cast_to_dtype(F, y, IR_F64, c->loc);
    if (y.t->kind == TY_SCALAR)
        y = cast_scalar(F, y, y.t->dtype, true, c->loc);
    src_loc l = c->loc;
    val fin = sema_binary(F, AST_BITAND, sema_elementwise1(F, IR_ISFINITE, x, l), sema_elementwise1(F, IR_ISFINITE, y, l), l);
    val dif = sema_elementwise1(F, IR_ABS, sema_binary(F, AST_SUB, x, y, l), l);
    val tol = sema_binary(F, AST_ADD, atol, sema_binary(F, AST_MUL, rtol, sema_elementwise1(F, IR_ABS, y, l), l), l);
    val within = sema_binary(F, AST_BITAND, fin, sema_compare(F, AST_LE, dif, tol, l), l);
    val eq = sema_compare(F, AST_EQ, x, y, l);
    val r = sema_binary(F, AST_BITOR, within, eq, l);
    if (en.ci) {
        val nn = sema_binary(F, AST_BITAND, sema_elementwise1(F, IR_ISNAN, x, l), sema_elementwise1(F, IR_ISNAN, y, l), l);
        r = sema_binary(F, AST_BITOR, r, nn, l);
    }
    if (!strcmp(name, "np.allclose")) {
        if (r.t->kind == TY_ARRAY)
            r = sema_shape_reduce(F, "all", r, -1, IR_BOOL, l);
        return cast_scalar(F, r, IR_BOOL, false, l);
    }
    return r;
}

/* np.array_equal(a, b): equal shapes and elements; different shapes give False. */
static val array_equal(fctx *F, const char *name, call_args *c)
{
    if (c->nargs != 2) {
        sema_error(F, c->loc, "%s() takes 2 arguments", name);
        return sema_poison(F);
    }
    val x = c->pos[0], y = c->pos[1];
    if (x.t->kind == TY_SCALAR && y.t->kind == TY_SCALAR)
        return cast_scalar(F, sema_compare(F, AST_EQ, x, y, c->loc), IR_BOOL, false, c->loc);
    if (x.t->kind != TY_ARRAY || y.t->kind != TY_ARRAY) {
        sema_error(F, c->loc, "%s() needs two arrays or two numbers", name);
        return sema_poison(F);
    }
    if (x.t->rank != y.t->rank)
        return const_bool(F, false, c->loc);
    ir_dtype dt = ty_promote(x.t->dtype, y.t->dtype);
    val args[2] = {cast_to_dtype(F, x, dt, c->loc), cast_to_dtype(F, y, dt, c->loc)};
    return emit_rtcall(F, "array_equal", ty_scalar(F->S->a, IR_BOOL, false), args, 2, -1, -1, c->loc);
}

const sema_ext_fn sema_linalg_fns[] = {
    {"np.array_equal", array_equal},
    {"np.linalg.solve", la_solve},
    {"np.linalg.inv", la_inv},
    {"np.linalg.det", la_det},
    {"np.linalg.norm", la_norm},
    {"np.linalg.cholesky", la_cholesky},
    {"np.linalg.qr", la_factor},
    {"np.linalg.eigh", la_factor},
    {"np.linalg.lstsq", la_lstsq},
    {"np.trace", la_trace},
    {"ndarray.trace", la_trace},
    {"np.allclose", isclose},
    {"np.isclose", isclose},
    {NULL, NULL},
};

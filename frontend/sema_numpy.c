/* sema_numpy.c: the NumPy (and math) namespace: constants, dtypes,
 * creation functions and ufuncs.  Reductions and array methods live in
 * sema_reduce.c and sema_methods.c. */
#include "frontend/sema_ext.h"

#include <math.h>
#include <string.h>

val sema_transpose(fctx *F, val a, const int64_t *perm, src_loc loc);
val sema_reshape(fctx *F, val a, val *dims, int rank, src_loc loc);
val sema_array_method_like(fctx *F, const char *name, call_args *c);

/* ---- dtypes ---- */

static bool dtype_by_name(const char *n, ir_dtype *out)
{
    static const struct { const char *name; ir_dtype dt; } names[] = {
        {"float64", IR_F64}, {"float", IR_F64}, {"double", IR_F64}, {"float_", IR_F64}, {"f8", IR_F64},
        {"float32", IR_F32}, {"single", IR_F32}, {"f4", IR_F32},
        {"int64", IR_I64}, {"int", IR_I64}, {"int_", IR_I64}, {"intp", IR_I64}, {"i8", IR_I64},
        {"bool", IR_BOOL}, {"bool_", IR_BOOL}, {"?", IR_BOOL},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(names[i].name, n) == 0) {
            *out = names[i].dt;
            return true;
        }
    return false;
}

bool sema_parse_dtype(fctx *F, ast_expr *e, ir_dtype *out)
{
    if (e->kind == AST_STR) {
        if (dtype_by_name(e->str.text, out))
            return true;
        sema_error(F, e->loc, "data type '%s' is not supported (use float64, float32, int64 or bool)", e->str.text);
        return false;
    }
    val v = sema_expr(F, e);
    if (v.t->kind == TY_DTYPE) {
        *out = v.t->dtype;
        return true;
    }
    if (v.t->kind == TY_BUILTIN && dtype_by_name(v.t->name, out))
        return true;
    if (v.t->kind != TY_ERROR)
        sema_error(F, e->loc, "expected a dtype (np.float64, np.float32, np.int64, bool, int, float)");
    return false;
}

/* dtype= keyword; *out untouched when absent. */
static bool dtype_kw(fctx *F, call_args *c, ir_dtype *out, bool *given)
{
    ast_keyword *k = call_kw(c, "dtype");
    if (given)
        *given = k && k->value->kind != AST_NONE;
    if (!k || k->value->kind == AST_NONE)
        return true;
    return sema_parse_dtype(F, k->value, out);
}

/* ---- shapes ---- */

/* An int or a tuple/list of ints: the dims of a new array. */
static bool shape_from_val(fctx *F, val v, val *dims, int *rank, src_loc loc)
{
    if (v.t->kind == TY_SCALAR && (v.t->dtype == IR_I64 || v.t->dtype == IR_BOOL)) {
        dims[0] = cast_scalar(F, v, IR_I64, false, loc);
        *rank = 1;
        return true;
    }
    if (v.t->kind == TY_TUPLE || v.t->kind == TY_LIST) {
        if (v.t->nitems > IR_MAX_RANK) {
            sema_error(F, loc, "arrays of more than %d dimensions are not supported", IR_MAX_RANK);
            return false;
        }
        for (int i = 0; i < v.t->nitems; i++) {
            const sema_type *it = v.t->items[i];
            if (it->kind != TY_SCALAR || (it->dtype != IR_I64 && it->dtype != IR_BOOL)) {
                sema_error(F, loc, "a shape must be a tuple of integers, not %s", ty_describe_str(F->S->a, v.t));
                return false;
            }
            dims[i] = F->S->emit ? cast_scalar(F, v.items[i], IR_I64, false, loc) : val_of_type((sema_type *)it);
            if (!F->S->emit && v.items)
                dims[i] = v.items[i];
        }
        *rank = v.t->nitems;
        return true;
    }
    if (v.t->kind != TY_ERROR)
        sema_error(F, loc, "a shape must be an integer or a tuple of integers, not %s", ty_describe_str(F->S->a, v.t));
    return false;
}

bool sema_shape_arg(fctx *F, ast_expr *e, val *dims_out, int *rank_out)
{
    return shape_from_val(F, sema_expr(F, e), dims_out, rank_out, e->loc);
}

static sema_type *array_of(fctx *F, ir_dtype dt, val *dims, int rank)
{
    int64_t d[IR_MAX_RANK];
    for (int i = 0; i < rank; i++)
        d[i] = dims[i].is_const && dims[i].ci >= 0 ? dims[i].ci : -1;
    return ty_array(F->S->a, dt, rank, d);
}

/* The dims of an existing array as i64 values (constants where known). */
static void dims_of(fctx *F, val a, val *dims, src_loc loc)
{
    for (int i = 0; i < a.t->rank; i++) {
        if (a.t->dims[i] >= 0) {
            dims[i] = const_int(F, a.t->dims[i], false, loc);
            continue;
        }
        dims[i] = emit_value_op(F, IR_DIM, loc, ty_scalar(F->S->a, IR_I64, false), &a, 1);
        if (F->S->emit)
            ir_attr_set_int(F->S->ir, F->blk->ops[F->blk->nops - 1], "axis", i);
    }
}

static val alloc_array(fctx *F, ir_dtype dt, val *dims, int rank, const char *fill, val *value, src_loc loc)
{
    val args[IR_MAX_RANK + 1];
    int n = 0;
    if (value)
        args[n++] = cast_scalar(F, *value, dt, true, loc);
    for (int i = 0; i < rank; i++)
        args[n++] = dims[i];
    val r = emit_value_op(F, value ? IR_FULL : IR_ALLOC, loc, array_of(F, dt, dims, rank), args, n);
    if (F->S->emit && fill)
        ir_attr_set_word(F->S->ir, F->blk->ops[F->blk->nops - 1], "fill", fill);
    return r;
}

static bool nargs_ok(fctx *F, call_args *c, const char *name, int lo, int hi)
{
    if (c->nargs >= lo && c->nargs <= hi)
        return true;
    sema_error(F, c->loc, "%s() takes %d to %d positional arguments but %d were given", name, lo, hi, c->nargs);
    return false;
}

static val np_alloc(fctx *F, const char *fill, call_args *c, const char *name)
{
    ast_keyword *sk = call_kw(c, "shape");
    if (!(sk ? c->nargs <= 1 : nargs_ok(F, c, name, 1, 2)))
        return sema_poison(F);
    val dims[IR_MAX_RANK];
    int rank;
    if (!shape_from_val(F, sk ? sema_expr(F, sk->value) : c->pos[0], dims, &rank, c->loc))
        return sema_poison(F);
    ir_dtype dt = IR_F64;
    if (c->nargs == 2 && !sema_parse_dtype(F, c->args[1], &dt))
        return sema_poison(F);
    if (!dtype_kw(F, c, &dt, NULL))
        return sema_poison(F);
    return alloc_array(F, dt, dims, rank, fill, NULL, c->loc);
}

static val np_full(fctx *F, call_args *c)
{
    if (!nargs_ok(F, c, "full", 2, 3))
        return sema_poison(F);
    val dims[IR_MAX_RANK];
    int rank;
    if (!shape_from_val(F, c->pos[0], dims, &rank, c->loc))
        return sema_poison(F);
    val v = c->pos[1];
    if (v.t->kind != TY_SCALAR) {
        sema_error(F, c->args[1]->loc, "np.full needs a scalar fill value");
        return sema_poison(F);
    }
    ir_dtype dt = v.t->dtype;
    if (c->nargs == 3 && !sema_parse_dtype(F, c->args[2], &dt))
        return sema_poison(F);
    if (!dtype_kw(F, c, &dt, NULL))
        return sema_poison(F);
    return alloc_array(F, dt, dims, rank, NULL, &v, c->loc);
}

static val np_like(fctx *F, const char *fill, call_args *c, const char *name)
{
    bool full = fill == NULL;
    if (!nargs_ok(F, c, name, full ? 2 : 1, full ? 3 : 2))
        return sema_poison(F);
    val a = c->pos[0];
    if (a.t->kind != TY_ARRAY) {
        sema_error(F, c->args[0]->loc, "%s() needs an array, not %s", name, ty_describe_str(F->S->a, a.t));
        return sema_poison(F);
    }
    ir_dtype dt = a.t->dtype;
    if (!dtype_kw(F, c, &dt, NULL))
        return sema_poison(F);
    val dims[IR_MAX_RANK];
    dims_of(F, a, dims, c->loc);
    val v = full ? c->pos[1] : (val){0};
    if (full && v.t->kind != TY_SCALAR) {
        sema_error(F, c->args[1]->loc, "full_like() needs a scalar fill value");
        return sema_poison(F);
    }
    return alloc_array(F, dt, dims, a.t->rank, fill, full ? &v : NULL, c->loc);
}

static val np_arange(fctx *F, call_args *c)
{
    if (!nargs_ok(F, c, "arange", 1, 3))
        return sema_poison(F);
    ir_dtype dt = IR_I64;
    for (int i = 0; i < c->nargs; i++) {
        if (c->pos[i].t->kind != TY_SCALAR) {
            sema_error(F, c->args[i]->loc, "arange() arguments must be numbers");
            return sema_poison(F);
        }
        if (c->pos[i].t->dtype == IR_F64 || c->pos[i].t->dtype == IR_F32)
            dt = IR_F64;
    }
    bool given;
    ir_dtype want = dt;
    if (!dtype_kw(F, c, &want, &given))
        return sema_poison(F);
    val start = c->nargs == 1 ? const_int(F, 0, false, c->loc) : c->pos[0];
    val stop = c->nargs == 1 ? c->pos[0] : c->pos[1];
    val step = c->nargs == 3 ? c->pos[2] : const_int(F, 1, false, c->loc);
    if (step.is_const && step.cf == 0) {
        sema_error(F, c->loc, "arange() step must not be zero");
        return sema_poison(F);
    }
    val args[3] = {cast_scalar(F, start, dt, false, c->loc), cast_scalar(F, stop, dt, false, c->loc),
                   cast_scalar(F, step, dt, false, c->loc)};
    int64_t n = -1;     /* the length when known now; huge or odd bounds are left to run time */
    if (args[0].is_const && args[1].is_const && args[2].is_const) {
        double len = ceil((args[1].cf - args[0].cf) / args[2].cf);
        if (len != len || len <= 0)
            n = 0;
        else if (len < 4.0e15)
            n = (int64_t)len;
    }
    val r = emit_value_op(F, IR_ARANGE, c->loc, ty_array(F->S->a, dt, 1, &n), args, 3);
    return given && want != dt ? cast_to_dtype(F, r, want, c->loc) : r;
}

static val np_linspace(fctx *F, call_args *c)
{
    if (!nargs_ok(F, c, "linspace", 2, 3))
        return sema_poison(F);
    ast_keyword *kn = call_kw(c, "num"), *ke = call_kw(c, "endpoint");
    val num = c->nargs == 3 ? c->pos[2] : kn ? sema_expr(F, kn->value) : const_int(F, 50, false, c->loc);
    bool endpoint = true;
    if (ke) {
        val e = sema_expr(F, ke->value);
        if (!e.is_const) {
            sema_error(F, ke->loc, "endpoint= must be a constant True or False");
            return sema_poison(F);
        }
        endpoint = e.ci != 0;
    }
    if (num.t->kind != TY_SCALAR || num.t->dtype != IR_I64 || c->pos[0].t->kind != TY_SCALAR ||
        c->pos[1].t->kind != TY_SCALAR) {
        sema_error(F, c->loc, "linspace() needs scalar start and stop and an integer num");
        return sema_poison(F);
    }
    val args[3] = {cast_scalar(F, c->pos[0], IR_F64, false, c->loc), cast_scalar(F, c->pos[1], IR_F64, false, c->loc),
                   num};
    int64_t n = num.is_const && num.ci >= 0 ? num.ci : -1;
    val r = emit_value_op(F, IR_LINSPACE, c->loc, ty_array(F->S->a, IR_F64, 1, &n), args, 3);
    if (F->S->emit)
        ir_attr_set_bool(F->S->ir, F->blk->ops[F->blk->nops - 1], "endpoint", endpoint);
    ir_dtype dt = IR_F64;
    if (!dtype_kw(F, c, &dt, NULL))
        return sema_poison(F);
    return cast_to_dtype(F, r, dt, c->loc);
}

static val np_eye(fctx *F, call_args *c, bool identity)
{
    if (!nargs_ok(F, c, identity ? "identity" : "eye", 1, identity ? 1 : 2))
        return sema_poison(F);
    val n = c->pos[0];
    ast_keyword *km = call_kw(c, "M"), *kk = call_kw(c, "k");
    val m = c->nargs == 2 ? c->pos[1] : km && km->value->kind != AST_NONE ? sema_expr(F, km->value) : n;
    int64_t k = 0;
    if (kk && !sema_const_int(F, kk->value, &k)) {
        sema_error(F, kk->loc, "k= must be a constant integer");
        return sema_poison(F);
    }
    if (n.t->kind != TY_SCALAR || n.t->dtype != IR_I64 || m.t->kind != TY_SCALAR || m.t->dtype != IR_I64) {
        sema_error(F, c->loc, "eye() needs integer sizes");
        return sema_poison(F);
    }
    ir_dtype dt = IR_F64;
    if (!dtype_kw(F, c, &dt, NULL))
        return sema_poison(F);
    val dims[2] = {n, m};
    val r = emit_value_op(F, IR_EYE, c->loc, array_of(F, dt, dims, 2), dims, 2);
    if (F->S->emit)
        ir_attr_set_int(F->S->ir, F->blk->ops[F->blk->nops - 1], "k", k);
    return r;
}

/* ---- np.array of nested lists ---- */

typedef struct literal {
    VEC(val) elems;
    int64_t dims[IR_MAX_RANK];
    int rank;
    ir_dtype dt;
    bool ok;
} literal;

static void flatten_literal(fctx *F, val v, int depth, literal *L, src_loc loc)
{
    if (!L->ok)
        return;
    if (v.t->kind == TY_LIST || v.t->kind == TY_TUPLE) {
        if (depth >= IR_MAX_RANK) {
            L->ok = false;
            sema_error(F, loc, "nested lists deeper than %d are not supported", IR_MAX_RANK);
            return;
        }
        if (depth >= L->rank) {
            if (L->elems.len > 0) {
                L->ok = false;
                sema_error(F, loc, "setting an array element with a sequence: the nested lists have an "
                           "inhomogeneous shape");
                return;
            }
            L->rank = depth + 1;
            L->dims[depth] = v.t->nitems;
        } else if (L->dims[depth] != v.t->nitems) {
            L->ok = false;
            sema_error(F, loc, "setting an array element with a sequence: the nested lists have an "
                       "inhomogeneous shape");
            return;
        }
        for (int i = 0; i < v.t->nitems; i++)
            flatten_literal(F, F->S->emit ? v.items[i] : val_of_type(v.t->items[i]), depth + 1, L, loc);
        return;
    }
    if (v.t->kind != TY_SCALAR || depth != L->rank) {
        L->ok = false;
        if (v.t->kind == TY_ARRAY)
            sema_error(F, loc, "np.array of a list of arrays is not supported yet (use np.stack)");
        else if (v.t->kind != TY_ERROR)
            sema_error(F, loc, v.t->kind == TY_SCALAR ? "setting an array element with a sequence: the nested "
                       "lists have an inhomogeneous shape" : "np.array of %s is not supported",
                       ty_describe_str(F->S->a, v.t));
        return;
    }
    if (L->elems.len == 0 || ty_kind_rank(v.t->dtype) > ty_kind_rank(L->dt) || v.t->dtype == IR_F64)
        L->dt = L->elems.len == 0 ? v.t->dtype : ty_promote(L->dt, v.t->dtype);
    vec_push(&L->elems, v);
}

static val np_array(fctx *F, call_args *c, bool copy)
{
    if (!nargs_ok(F, c, "array", 1, 2))
        return sema_poison(F);
    val x = c->pos[0];
    bool given = false;
    ir_dtype dt = IR_F64;
    if (c->nargs == 2 && !sema_parse_dtype(F, c->args[1], &dt))
        return sema_poison(F);
    given = c->nargs == 2;
    bool kw_given;
    if (!dtype_kw(F, c, &dt, &kw_given))
        return sema_poison(F);
    given |= kw_given;
    if (x.t->kind == TY_ARRAY) {
        val r = given ? cast_to_dtype(F, x, dt, c->loc) : x;
        if (copy && (!given || dt == x.t->dtype))
            r = emit_value_op(F, IR_COPY, c->loc, x.t, &x, 1);
        return r;
    }
    literal L = {0};
    L.ok = true;
    flatten_literal(F, x, 0, &L, c->args[0]->loc);
    if (!L.ok) {
        vec_free(&L.elems);
        return sema_poison(F);
    }
    if (L.elems.len == 0 && L.rank > 0)
        L.dt = IR_F64;
    if (given)
        L.dt = dt;
    val *args = arena_alloc(F->S->a, sizeof(val) * (size_t)(L.elems.len ? L.elems.len : 1));
    for (int i = 0; i < L.elems.len; i++)
        args[i] = cast_scalar(F, L.elems.data[i], L.dt, true, c->loc);
    sema_type *t = ty_array(F->S->a, L.dt, L.rank, L.dims);
    val r = val_of_type(t);
    if (F->S->emit) {
        r.v = emit_tmp(F, t);
        ir_var **av = arena_alloc(F->S->a, sizeof(ir_var *) * (size_t)(L.elems.len ? L.elems.len : 1));
        for (int i = 0; i < L.elems.len; i++)
            av[i] = args[i].v;
        emit_op(F, IR_LITERAL, c->loc, r.v, av, L.elems.len);
    }
    vec_free(&L.elems);
    return r;
}

/* ---- ufuncs ---- */

static const struct { const char *name; ir_opcode code; } unary_ufuncs[] = {
    {"sqrt", IR_SQRT}, {"exp", IR_EXP}, {"log", IR_LOG}, {"log2", IR_LOG2}, {"log10", IR_LOG10},
    {"sin", IR_SIN}, {"cos", IR_COS}, {"tan", IR_TAN}, {"arcsin", IR_ARCSIN}, {"arccos", IR_ARCCOS},
    {"arctan", IR_ARCTAN}, {"sinh", IR_SINH}, {"cosh", IR_COSH}, {"tanh", IR_TANH},
    {"floor", IR_FLOOR}, {"ceil", IR_CEIL}, {"trunc", IR_TRUNC}, {"rint", IR_RINT},
    {"abs", IR_ABS}, {"absolute", IR_ABS}, {"sign", IR_SIGN},
    {"isnan", IR_ISNAN}, {"isinf", IR_ISINF}, {"isfinite", IR_ISFINITE}, {"signbit", IR_SIGNBIT},
};

static const struct { const char *name; ir_opcode code; } binary_ufuncs[] = {
    {"maximum", IR_MAX}, {"minimum", IR_MIN}, {"arctan2", IR_ARCTAN2}, {"hypot", IR_HYPOT},
};

static const struct { const char *name; ast_binop op; } operator_ufuncs[] = {
    {"add", AST_ADD}, {"subtract", AST_SUB}, {"multiply", AST_MUL}, {"divide", AST_DIV},
    {"true_divide", AST_DIV}, {"floor_divide", AST_FLOORDIV}, {"mod", AST_MOD}, {"remainder", AST_MOD},
    {"power", AST_POW}, {"bitwise_and", AST_BITAND}, {"bitwise_or", AST_BITOR}, {"bitwise_xor", AST_BITXOR},
};

static bool scalar_or_array(fctx *F, call_args *c, int n, const char *name)
{
    if (!nargs_ok(F, c, name, n, n))
        return false;
    for (int i = 0; i < n; i++)
        if (c->pos[i].t->kind != TY_SCALAR && c->pos[i].t->kind != TY_ARRAY) {
            sema_error(F, c->args[i]->loc, "np.%s() needs numbers or arrays, not %s", name,
                       ty_describe_str(F->S->a, c->pos[i].t));
            return false;
        }
    return true;
}

static val np_where(fctx *F, call_args *c)
{
    if (c->nargs == 1)
        return sema_fancy_nonzero(F, "np.where", c);
    if (!scalar_or_array(F, c, 3, "where"))
        return sema_poison(F);
    val cond = cast_to_dtype(F, c->pos[0], IR_BOOL, c->loc);
    bool numpy;
    ir_dtype dt = ty_binary_dtype(c->pos[1].t, c->pos[2].t, &numpy);
    if (c->pos[1].t->kind == TY_SCALAR && c->pos[2].t->kind == TY_SCALAR)
        dt = ty_promote(c->pos[1].t->dtype, c->pos[2].t->dtype);   /* np.where converts scalars to arrays */
    val a = cast_to_dtype(F, c->pos[1], dt, c->loc), b = cast_to_dtype(F, c->pos[2], dt, c->loc);
    /* result shape: broadcast of all three */
    int r = 0;
    const sema_type *ts[3] = {cond.t, a.t, b.t};
    int64_t dims[IR_MAX_RANK];
    for (int i = 0; i < 3; i++)
        if (ts[i]->kind == TY_ARRAY && ts[i]->rank > r)
            r = ts[i]->rank;
    for (int d = 0; d < r; d++) {
        dims[d] = 1;
        for (int i = 0; i < 3; i++) {
            if (ts[i]->kind != TY_ARRAY)
                continue;
            int k = d - (r - ts[i]->rank);
            int64_t s = k >= 0 ? ts[i]->dims[k] : 1;
            dims[d] = dims[d] == 1 ? s : (s == 1 || s == dims[d]) ? dims[d] : -1;
        }
    }
    val args[3] = {cond, a, b};
    if (r == 0) {       /* scalars or 0-d arrays: np.where still gives an array (0-d) */
        for (int i = 0; i < 3; i++)
            if (args[i].t->kind == TY_ARRAY) {     /* a 0-d array: its one element */
                val s = val_of_type(ty_scalar(F->S->a, args[i].t->dtype, true));
                s.v = emit_tmp(F, s.t);
                emit_op(F, IR_LOAD, c->loc, s.v, &args[i].v, 1);
                args[i] = s;
            }
        val s = emit_value_op(F, IR_SELECT, c->loc, ty_scalar(F->S->a, dt, true), args, 3);
        return emit_value_op(F, IR_LITERAL, c->loc, ty_array(F->S->a, dt, 0, NULL), &s, 1);
    }
    sema_type *t = ty_array(F->S->a, dt, r, dims);   /* np.where always gives an array */
    return emit_value_op(F, IR_SELECT, c->loc, t, args, 3);
}

static val np_clip(fctx *F, val a, val lo, val hi, src_loc loc)
{
    val x = a;
    if (lo.t->kind != TY_NONE)
        x = sema_elementwise2(F, IR_MAX, x, lo, loc);
    if (hi.t->kind != TY_NONE)
        x = sema_elementwise2(F, IR_MIN, x, hi, loc);
    if (x.t->kind == TY_ARRAY && a.t->kind == TY_ARRAY && x.t->dtype != a.t->dtype &&
        ty_kind_rank(x.t->dtype) <= ty_kind_rank(a.t->dtype))
        x = cast_to_dtype(F, x, a.t->dtype, loc);
    return x;
}

val sema_np_round(fctx *F, val a, val decimals, src_loc loc);
val sema_np_round(fctx *F, val a, val decimals, src_loc loc)
{
    if (a.t->kind != TY_ARRAY && a.t->kind != TY_SCALAR) {
        sema_error(F, loc, "np.round() needs a number or an array");
        return sema_poison(F);
    }
    if (a.t->dtype != IR_F64 && a.t->dtype != IR_F32)
        return a;
    val args[2] = {a, cast_scalar(F, decimals, IR_I64, false, loc)};
    sema_type *t = a.t->kind == TY_SCALAR ? ty_scalar(F->S->a, a.t->dtype, true) : a.t;
    return emit_value_op(F, IR_ROUND, loc, t, args, 2);
}

static val np_logical(fctx *F, const char *op, call_args *c)
{
    bool is_not = strcmp(op, "not") == 0;
    if (!scalar_or_array(F, c, is_not ? 1 : 2, op))
        return sema_poison(F);
    val x = cast_to_dtype(F, c->pos[0], IR_BOOL, c->loc);
    if (is_not)
        return sema_unary(F, AST_INVERT, x.t->kind == TY_SCALAR ? cast_scalar(F, x, IR_BOOL, true, c->loc) : x, c->loc);
    val y = cast_to_dtype(F, c->pos[1], IR_BOOL, c->loc);
    if (x.t->kind == TY_SCALAR)
        x = cast_scalar(F, x, IR_BOOL, true, c->loc);
    ast_binop b = op[0] == 'a' ? AST_BITAND : op[0] == 'o' ? AST_BITOR : AST_BITXOR;
    return sema_binary(F, b, x, y, c->loc);
}

/* ---- dispatch ---- */

static val np_function(fctx *F, const char *n, call_args *c)
{
    for (size_t i = 0; i < sizeof unary_ufuncs / sizeof *unary_ufuncs; i++)
        if (strcmp(n, unary_ufuncs[i].name) == 0)
            return scalar_or_array(F, c, 1, n) ? sema_elementwise1(F, unary_ufuncs[i].code, c->pos[0], c->loc)
                                               : sema_poison(F);
    for (size_t i = 0; i < sizeof binary_ufuncs / sizeof *binary_ufuncs; i++)
        if (strcmp(n, binary_ufuncs[i].name) == 0)
            return scalar_or_array(F, c, 2, n) ? sema_elementwise2(F, binary_ufuncs[i].code, c->pos[0], c->pos[1], c->loc)
                                               : sema_poison(F);
    for (size_t i = 0; i < sizeof operator_ufuncs / sizeof *operator_ufuncs; i++)
        if (strcmp(n, operator_ufuncs[i].name) == 0) {
            if (!scalar_or_array(F, c, 2, n))
                return sema_poison(F);
            val x = c->pos[0];
            if (x.t->kind == TY_SCALAR)   /* np.add(1, 2) gives a NumPy scalar */
                x = cast_scalar(F, x, x.t->dtype, true, c->loc);
            return sema_binary(F, operator_ufuncs[i].op, x, c->pos[1], c->loc);
        }
    if (!strcmp(n, "negative"))
        return scalar_or_array(F, c, 1, n) ? sema_unary(F, AST_NEG, c->pos[0], c->loc) : sema_poison(F);
    if (!strcmp(n, "square"))
        return scalar_or_array(F, c, 1, n) ? sema_binary(F, AST_MUL, c->pos[0], c->pos[0], c->loc) : sema_poison(F);
    if (!strcmp(n, "zeros")) return np_alloc(F, "zeros", c, n);
    if (!strcmp(n, "ones")) return np_alloc(F, "ones", c, n);
    if (!strcmp(n, "empty")) return np_alloc(F, "empty", c, n);
    if (!strcmp(n, "full")) return np_full(F, c);
    if (!strcmp(n, "zeros_like")) return np_like(F, "zeros", c, n);
    if (!strcmp(n, "ones_like")) return np_like(F, "ones", c, n);
    if (!strcmp(n, "empty_like")) return np_like(F, "empty", c, n);
    if (!strcmp(n, "full_like")) return np_like(F, NULL, c, n);
    if (!strcmp(n, "arange")) return np_arange(F, c);
    if (!strcmp(n, "linspace")) return np_linspace(F, c);
    if (!strcmp(n, "eye")) return np_eye(F, c, false);
    if (!strcmp(n, "identity")) return np_eye(F, c, true);
    if (!strcmp(n, "array")) return np_array(F, c, true);
    if (!strcmp(n, "asarray")) return np_array(F, c, false);
    if (!strcmp(n, "where")) return np_where(F, c);
    if (!strcmp(n, "clip")) {
        if (!nargs_ok(F, c, n, 3, 3))
            return sema_poison(F);
        return np_clip(F, c->pos[0], c->pos[1], c->pos[2], c->loc);
    }
    if (!strcmp(n, "round") || !strcmp(n, "around")) {
        if (!nargs_ok(F, c, n, 1, 2))
            return sema_poison(F);
        ast_keyword *k = call_kw(c, "decimals");
        val d = c->nargs == 2 ? c->pos[1] : k ? sema_expr(F, k->value) : const_int(F, 0, false, c->loc);
        return sema_np_round(F, c->pos[0], d, c->loc);
    }
    if (!strcmp(n, "logical_and")) return np_logical(F, "and", c);
    if (!strcmp(n, "logical_or")) return np_logical(F, "or", c);
    if (!strcmp(n, "logical_xor")) return np_logical(F, "xor", c);
    if (!strcmp(n, "logical_not")) return np_logical(F, "not", c);
    if (!strcmp(n, "dot") || !strcmp(n, "matmul")) {
        if (!nargs_ok(F, c, n, 2, 2))
            return sema_poison(F);
        return sema_matmul(F, c->pos[0], c->pos[1], c->loc, n[0] == 'd');
    }
    if (!strcmp(n, "outer")) {
        if (!nargs_ok(F, c, n, 2, 2))
            return sema_poison(F);
        val a = c->pos[0], b = c->pos[1];
        if (a.t->kind != TY_ARRAY || b.t->kind != TY_ARRAY) {
            sema_error(F, c->loc, "np.outer() needs two arrays");
            return sema_poison(F);
        }
        ir_dtype dt = ty_promote(a.t->dtype, b.t->dtype);
        a = cast_to_dtype(F, a, dt, c->loc);
        b = cast_to_dtype(F, b, dt, c->loc);
        val args[2] = {a, b};
        return emit_value_op(F, IR_OUTER, c->loc, ty_array(F->S->a, dt, 2, NULL), args, 2);
    }
    return sema_array_method_like(F, n, c);
}

val sema_numpy_call(fctx *F, const char *name, call_args *c)
{
    const sema_ext_fn *ext = sema_ext_lookup(name);
    if (ext)
        return ext->fn(F, name, c);
    if (!strncmp(name, "np.", 3) && !strchr(name + 3, '.'))
        return np_function(F, name + 3, c);
    if (!strcmp(name, "round"))
        return np_function(F, "round", c);
    if (!strncmp(name, "math.", 5)) {
        const char *n = name + 5;
        val r = np_function(F, n, c);
        if (r.t->kind == TY_SCALAR) {     /* math functions give Python floats */
            r = cast_scalar(F, r, r.t->dtype, false, c->loc);
            if (!strcmp(n, "floor") || !strcmp(n, "ceil") || !strcmp(n, "trunc")) {
                val i = emit_value_op(F, IR_CAST, c->loc, ty_scalar(F->S->a, IR_I64, false), &r, 1);
                if (F->S->emit)
                    ir_attr_set_bool(F->S->ir, F->blk->ops[F->blk->nops - 1], "py", true);
                return i;
            }
        }
        return r;
    }
    sema_error(F, c->loc, "%s is not supported", name);
    return sema_poison(F);
}

/* ---- module attributes ---- */

static const char *const np_functions[] = {
    "sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh",
    "tanh", "floor", "ceil", "trunc", "rint", "abs", "absolute", "sign", "isnan", "isinf", "isfinite", "signbit",
    "maximum", "minimum", "arctan2", "hypot", "add", "subtract", "multiply", "divide", "true_divide",
    "floor_divide", "mod", "remainder", "power", "bitwise_and", "bitwise_or", "bitwise_xor", "negative",
    "square", "zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like", "full_like",
    "arange", "linspace", "eye", "identity", "array", "asarray", "where", "clip", "round", "around",
    "logical_and", "logical_or", "logical_xor", "logical_not", "dot", "matmul", "outer",
    "sum", "prod", "max", "min", "amax", "amin", "mean", "argmax", "argmin", "any", "all", "std", "var",
    "count_nonzero", "copy", "transpose", "ravel", "reshape",
};

static const char *const math_functions[] = {
    "sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
    "tanh", "floor", "ceil", "trunc", "fabs", "isnan", "isinf", "isfinite", "atan2", "hypot",
};

static bool in_list(const char *const *l, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(l[i], s))
            return true;
    return false;
}

val sema_numpy_attr(fctx *F, const char *module, const char *name, src_loc loc, bool *found)
{
    sema *S = F->S;
    *found = true;
    bool np = !strcmp(module, "numpy"), math = !strcmp(module, "math");
    if (np || math) {
        if (!strcmp(name, "pi")) return const_float(F, M_PI, false, loc);
        if (!strcmp(name, "e")) return const_float(F, M_E, false, loc);
        if (!strcmp(name, "inf")) return const_float(F, INFINITY, false, loc);
        if (!strcmp(name, "nan")) return const_float(F, NAN, false, loc);
    }
    if (np) {
        ir_dtype dt;
        if (!strcmp(name, "newaxis"))
            return val_of_type(ty_simple(S->a, TY_NONE));
        if (strcmp(name, "float") && strcmp(name, "int") && strcmp(name, "bool") && dtype_by_name(name, &dt))
            return val_of_type(ty_dtype(S->a, dt));
        static const char *const other_dtypes[] = {"complex64", "complex128", "complex_", "int8", "int16", "int32",
                                                   "uint8", "uint16", "uint32", "uint64", "float16", "longdouble",
                                                   "clongdouble", "csingle", "cdouble", "half", "uint", "intc"};
        if (in_list(other_dtypes, sizeof other_dtypes / sizeof *other_dtypes, name)) {
            sema_error(F, loc, "dtype np.%s is not supported (use float64, float32, int64 or bool)", name);
            return sema_poison(F);
        }
        static const char *const submodules[] = {"linalg", "random", "fft", "polynomial", "ma", "char",
                                                 "testing", "lib", "emath"};
        if (in_list(submodules, sizeof submodules / sizeof *submodules, name))
            return val_of_type(ty_named(S->a, TY_MODULE, arena_printf(S->a, "numpy.%s", name)));
        if (in_list(np_functions, sizeof np_functions / sizeof *np_functions, name))
            return val_of_type(ty_named(S->a, TY_BUILTIN, arena_printf(S->a, "np.%s", name)));
    }
    if (math && in_list(math_functions, sizeof math_functions / sizeof *math_functions, name)) {
        static const struct { const char *m, *np; } renames[] = {
            {"asin", "arcsin"}, {"acos", "arccos"}, {"atan", "arctan"}, {"atan2", "arctan2"}, {"fabs", "abs"}};
        for (size_t i = 0; i < sizeof renames / sizeof *renames; i++)
            if (!strcmp(renames[i].m, name))
                name = renames[i].np;
        return val_of_type(ty_named(S->a, TY_BUILTIN, arena_printf(S->a, "math.%s", name)));
    }
    const char *qual = sema_qualname(F, module, name);
    if (sema_ext_lookup(qual))
        return val_of_type(ty_named(S->a, TY_BUILTIN, qual));
    return sema_sys_attr(F, qual, loc, found);
}

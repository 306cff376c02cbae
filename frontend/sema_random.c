/* sema_random.c: np.random.default_rng(seed) and the Generator methods
 * random, standard_normal, normal, uniform and integers.
 *
 * A generator is a TY_SCALAR of dtype IR_RNG (a handle, like an array).
 * Each draw is an rtcall of the runtime's rt_rng_* functions (rt_random.h,
 * rt_rngio.h): the generator first, then the scalar parameters, then the
 * size as (rank, shape).  Without size (or size=None) a draw is a scalar:
 * a Python float, or an np.int64 for integers(), as NumPy returns.
 */
#include "frontend/sema_ext.h"

#include <string.h>

/* A method's parameters in NumPy's order; size is always the last one. */
typedef struct draw_sig {
    const char *name;
    int nparams;                /* parameters before size */
    const char *params[2];
    double dflt[2];
    bool has_dtype;             /* dtype= follows size (float64 only) */
} draw_sig;

static const draw_sig draws[] = {
    {"random", 0, {NULL, NULL}, {0, 0}, true},
    {"standard_normal", 0, {NULL, NULL}, {0, 0}, true},
    {"normal", 2, {"loc", "scale"}, {0.0, 1.0}, false},
    {"uniform", 2, {"low", "high"}, {0.0, 1.0}, false},
};

static bool too_many(fctx *F, call_args *c, const char *name, int most)
{
    if (c->nargs <= most)
        return false;
    sema_error(F, c->loc, "Generator.%s() takes at most %d positional arguments (%d given)", name, most,
               c->nargs);
    return true;
}

/* size: an int or a tuple of ints; *rank = -1 for a scalar draw. */
static bool size_dims(fctx *F, call_args *c, int i, val *dims, int *rank)
{
    val v;
    bool bad = false;
    ast_expr *e = call_param(F, c, i, "size", &v, &bad);
    *rank = -1;
    if (!e)
        return !bad;
    if (v.t->kind == TY_SCALAR && (v.t->dtype == IR_I64 || v.t->dtype == IR_BOOL)) {
        dims[0] = cast_scalar(F, v, IR_I64, false, e->loc);
        *rank = 1;
        return true;
    }
    if (v.t->kind != TY_TUPLE && v.t->kind != TY_LIST) {
        sema_error(F, e->loc, "size must be an integer or a tuple of integers, not %s",
                   ty_describe_str(F->S->a, v.t));
        return false;
    }
    if (v.t->nitems > IR_MAX_RANK) {
        sema_error(F, e->loc, "arrays of more than %d dimensions are not supported", IR_MAX_RANK);
        return false;
    }
    for (int d = 0; d < v.t->nitems; d++) {
        sema_type *it = v.t->items[d];
        if (it->kind != TY_SCALAR || (it->dtype != IR_I64 && it->dtype != IR_BOOL)) {
            sema_error(F, e->loc, "size must be a tuple of integers, not %s", ty_describe_str(F->S->a, v.t));
            return false;
        }
        dims[d] = v.items ? cast_scalar(F, v.items[d], IR_I64, false, e->loc) : val_of_type(it);
    }
    *rank = v.t->nitems;
    return true;
}

static sema_type *array_type(fctx *F, ir_dtype dt, const val *dims, int rank)
{
    int64_t d[IR_MAX_RANK];
    for (int i = 0; i < rank; i++)
        d[i] = dims[i].is_const && dims[i].ci >= 0 ? dims[i].ci : -1;
    return ty_array(F->S->a, dt, rank, d);
}

/* The rtcall: generator, params, then the size (or a scalar draw). */
static val draw_call(fctx *F, const char *fn, ir_dtype dt, bool numpy, call_args *c, val *params, int np,
                     val *dims, int rank)
{
    val args[1 + 2 + IR_MAX_RANK];
    args[0] = *c->recv;
    for (int i = 0; i < np; i++)
        args[1 + i] = params[i];
    if (rank < 0)
        return emit_rtcall(F, arena_printf(F->S->a, "%s_scalar", fn), ty_scalar(F->S->a, dt, numpy), args,
                           1 + np, -1, -1, c->loc);
    for (int i = 0; i < rank; i++)
        args[1 + np + i] = dims[i];
    return emit_rtcall(F, fn, array_type(F, dt, dims, rank), args, 1 + np + rank, 1 + np, -1, c->loc);
}

static bool f64_dtype_only(fctx *F, call_args *c, const char *name, int i)
{
    val v;
    bool bad = false;
    ast_expr *e = call_param(F, c, i, "dtype", &v, &bad);
    ir_dtype dt;
    if (!e)
        return !bad;
    if (!sema_parse_dtype(F, e, &dt))
        return false;
    if (dt != IR_F64) {
        sema_error(F, e->loc, "Generator.%s() with dtype=%s is not supported (float64 only)", name,
                   ty_dtype_numpy_name(dt));
        return false;
    }
    return true;
}

/* random, standard_normal, normal, uniform: float64 draws. */
static val rng_float_draw(fctx *F, const char *name, call_args *c)
{
    const draw_sig *s = NULL;
    for (size_t i = 0; i < sizeof draws / sizeof *draws; i++)
        if (!strcmp(draws[i].name, name))
            s = &draws[i];
    if (too_many(F, c, name, s->nparams + 1 + s->has_dtype))
        return sema_poison(F);
    val params[2];
    for (int i = 0; i < s->nparams; i++) {
        bool bad = false;
        ast_expr *e = call_param(F, c, i, s->params[i], &params[i], &bad);
        if (bad)
            return sema_poison(F);
        if (!e) {
            params[i] = const_float(F, s->dflt[i], false, c->loc);
            continue;
        }
        if (!ty_is_numeric_scalar(params[i].t)) {
            sema_error(F, e->loc, "Generator.%s(): %s must be a number, not %s", name, s->params[i],
                       ty_describe_str(F->S->a, params[i].t));
            return sema_poison(F);
        }
        params[i] = cast_scalar(F, params[i], IR_F64, false, e->loc);
    }
    val dims[IR_MAX_RANK];
    int rank;
    if (!size_dims(F, c, s->nparams, dims, &rank))
        return sema_poison(F);
    if (s->has_dtype && !f64_dtype_only(F, c, name, s->nparams + 1))
        return sema_poison(F);
    return draw_call(F, arena_printf(F->S->a, "rng_%s", name), IR_F64, false, c, params, s->nparams, dims,
                     rank);
}

static bool int_bound(fctx *F, ast_expr *e, val *v)
{
    if (v->t->kind != TY_SCALAR || (v->t->dtype != IR_I64 && v->t->dtype != IR_BOOL)) {
        sema_error(F, e->loc, "Generator.integers() needs integer bounds, not %s", ty_describe_str(F->S->a, v->t));
        return false;
    }
    *v = cast_scalar(F, *v, IR_I64, false, e->loc);
    return true;
}

/* integers(low, high=None, size=None, dtype=np.int64, endpoint=False) */
static val rng_integers(fctx *F, const char *name, call_args *c)
{
    (void)name;
    if (too_many(F, c, "integers", 5))
        return sema_poison(F);
    val b[3];
    bool bad = false;
    ast_expr *lo = call_param(F, c, 0, "low", &b[0], &bad);
    ast_expr *hi = call_param(F, c, 1, "high", &b[1], &bad);
    if (bad)
        return sema_poison(F);
    if (!lo) {
        sema_error(F, c->loc, "Generator.integers() needs low (an int)");
        return sema_poison(F);
    }
    if (!int_bound(F, lo, &b[0]) || (hi && !int_bound(F, hi, &b[1])))
        return sema_poison(F);
    if (!hi) {                  /* integers(high): [0, high) */
        b[1] = b[0];
        b[0] = const_int(F, 0, false, c->loc);
    }
    val dims[IR_MAX_RANK];
    int rank;
    if (!size_dims(F, c, 2, dims, &rank))
        return sema_poison(F);
    val dv;
    ast_expr *de = call_param(F, c, 3, "dtype", &dv, &bad);
    ir_dtype dt = IR_I64;
    if (bad || (de && !sema_parse_dtype(F, de, &dt)))
        return sema_poison(F);
    if (dt != IR_I64) {
        sema_error(F, de->loc, "Generator.integers() with dtype=%s is not supported (int64 only)",
                   ty_dtype_numpy_name(dt));
        return sema_poison(F);
    }
    ast_expr *ee = call_param(F, c, 4, "endpoint", &b[2], &bad);
    if (bad)
        return sema_poison(F);
    b[2] = ee ? to_bool(F, b[2], ee->loc) : const_bool(F, false, c->loc);
    return draw_call(F, "rng_integers_ep", IR_I64, true, c, b, 3, dims, rank);
}

/* np.random.default_rng(seed): seeded generators only. */
static val np_default_rng(fctx *F, const char *name, call_args *c)
{
    (void)name;
    if (c->nargs > 1) {
        sema_error(F, c->loc, "default_rng() takes at most 1 positional argument (%d given)", c->nargs);
        return sema_poison(F);
    }
    val seed;
    bool bad = false;
    ast_expr *e = call_param(F, c, 0, "seed", &seed, &bad);
    if (bad)
        return sema_poison(F);
    if (!e) {
        sema_error(F, c->loc, "np.random.default_rng() needs an integer seed: numsc reproduces seeded streams only");
        return sema_poison(F);
    }
    if (seed.t->kind != TY_SCALAR || (seed.t->dtype != IR_I64 && seed.t->dtype != IR_BOOL)) {
        sema_error(F, e->loc, "np.random.default_rng() needs an integer seed, not %s",
                   ty_describe_str(F->S->a, seed.t));
        return sema_poison(F);
    }
    seed = cast_scalar(F, seed, IR_I64, false, e->loc);
    return emit_rtcall(F, "rng_new", ty_scalar(F->S->a, IR_RNG, false), &seed, 1, -1, -1, c->loc);
}

const sema_ext_fn sema_random_fns[] = {
    {"np.random.default_rng", np_default_rng},
    {"rng.random", rng_float_draw},
    {"rng.standard_normal", rng_float_draw},
    {"rng.normal", rng_float_draw},
    {"rng.uniform", rng_float_draw},
    {"rng.integers", rng_integers},
    {NULL, NULL},
};

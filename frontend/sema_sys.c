/* sema_sys.c: the sys, time and (partly) math modules.
 *
 * sys.argv is a compile-time value of its own (a TY_BUILTIN named
 * "sys.argv"): it can only be indexed (rt_argv_get) or measured with len()
 * (rt_argc); its items are str.  int() and float() of a str parse it at run
 * time with Python's grammar and messages.  time.perf_counter() and
 * time.time() read clocks.  math.sqrt/log/log2/log10/exp raise Python's
 * "math domain error" / "math range error" where NumPy would give nan/inf.
 */
#include "frontend/sema_ext.h"

#include <string.h>

static bool no_args(fctx *F, const char *name, call_args *c)
{
    if (c->nargs) {
        sema_error(F, c->loc, "%s() takes no arguments (%d given)", name, c->nargs);
        return false;
    }
    return true;
}

static val time_clock(fctx *F, const char *name, call_args *c)
{
    if (!no_args(F, name, c))
        return sema_poison(F);
    const char *fn = !strcmp(name, "time.time") ? "time" : "perf_counter";
    return emit_rtcall(F, fn, ty_scalar(F->S->a, IR_F64, false), NULL, 0, -1, -1, c->loc);
}

/* math.f(x) for one Python float (the runtime raises Python's errors). */
static val math_checked(fctx *F, const char *name, call_args *c)
{
    if (c->nargs != 1) {
        if (!strcmp(name, "math.log") && c->nargs == 2)
            sema_error(F, c->loc, "math.log() with a base is not supported (divide by math.log(base))");
        else
            sema_error(F, c->loc, "%s() takes exactly one argument (%d given)", name, c->nargs);
        return sema_poison(F);
    }
    val x = c->pos[0];
    if (x.t->kind == TY_ERROR)
        return x;
    if (x.t->kind != TY_SCALAR) {
        sema_error(F, c->args[0]->loc, "%s() of %s is not supported (use np.%s)", name,
                   ty_describe_str(F->S->a, x.t), name + 5);
        return sema_poison(F);
    }
    x = cast_scalar(F, x, IR_F64, false, c->loc);
    const char *fn = arena_printf(F->S->a, "math_%s", name + 5);
    return emit_rtcall(F, fn, ty_scalar(F->S->a, IR_F64, false), &x, 1, -1, -1, c->loc);
}

const sema_ext_fn sema_sys_fns[] = {
    {"time.perf_counter", time_clock},
    {"time.time", time_clock},
    {"math.sqrt", math_checked},
    {"math.log", math_checked},
    {"math.log2", math_checked},
    {"math.log10", math_checked},
    {"math.exp", math_checked},
    {NULL, NULL},
};

val sema_sys_attr(fctx *F, const char *qualname, src_loc loc, bool *found)
{
    (void)loc;
    *found = !strcmp(qualname, "sys.argv");
    if (!*found)
        return sema_poison(F);
    return val_of_type(ty_named(F->S->a, TY_BUILTIN, "sys.argv"));
}

bool sema_is_argv(const sema_type *t)
{
    return t->kind == TY_BUILTIN && !strcmp(t->name, "sys.argv");
}

val sema_argv_index(fctx *F, ast_expr *e)
{
    if (e->sub.nindex != 1 || e->sub.index[0]->kind == AST_SLICE) {
        sema_error(F, e->loc, "sys.argv can only be indexed with one integer");
        return sema_poison(F);
    }
    val i = sema_expr(F, e->sub.index[0]);
    if (i.t->kind == TY_ERROR)
        return i;
    if (i.t->kind != TY_SCALAR || i.t->dtype == IR_F32 || i.t->dtype == IR_F64) {
        sema_error(F, e->sub.index[0]->loc, "list indices must be integers or slices, not %s", ty_pyname(i.t));
        return sema_poison(F);
    }
    i = cast_scalar(F, i, IR_I64, false, e->loc);
    return emit_rtcall(F, "argv_get", ty_simple(F->S->a, TY_STR), &i, 1, -1, -1, e->loc);
}

val sema_argv_len(fctx *F, src_loc loc)
{
    return emit_rtcall(F, "argc", ty_scalar(F->S->a, IR_I64, false), NULL, 0, -1, -1, loc);
}

val sema_str_convert(fctx *F, const char *name, val s, src_loc loc)
{
    if (!strcmp(name, "int"))
        return emit_rtcall(F, "str_to_i64", ty_scalar(F->S->a, IR_I64, false), &s, 1, -1, -1, loc);
    if (!strcmp(name, "float"))
        return emit_rtcall(F, "str_to_f64", ty_scalar(F->S->a, IR_F64, false), &s, 1, -1, -1, loc);
    sema_error(F, loc, "%s() of a str is not supported", name);
    return sema_poison(F);
}

/* sema_call.c: calls: user functions (specialised per signature), Python
 * builtins, and dispatch to NumPy functions and methods. */
#include "frontend/sema_ext.h"

#include <string.h>

ast_keyword *call_kw(call_args *c, const char *name)
{
    for (int i = 0; i < c->nkw; i++)
        if (c->kw[i].name && strcmp(c->kw[i].name, name) == 0) {
            if (c->kw_used)
                c->kw_used[i] = true;
            return &c->kw[i];
        }
    return NULL;
}

ast_expr *call_param(fctx *F, call_args *c, int i, const char *name, val *v, bool *bad)
{
    ast_keyword *k = call_kw(c, name);
    ast_expr *e = NULL;
    if (i >= 0 && i < c->nargs) {
        if (k) {
            sema_error(F, k->loc, "got multiple values for argument '%s'", name);
            *bad = true;
            return NULL;
        }
        e = c->args[i];
        *v = c->pos[i];
    } else if (k) {
        e = k->value;
        *v = sema_expr(F, e);
    }
    if (!e)
        return NULL;
    if (v->t->kind == TY_ERROR) {
        *bad = true;
        return NULL;
    }
    return v->t->kind == TY_NONE ? NULL : e;
}

bool call_check_kwargs(fctx *F, call_args *c, const char *fname)
{
    for (int i = 0; i < c->nkw; i++)
        if (!c->kw_used[i]) {
            sema_error(F, c->loc, "%s() got an unexpected keyword argument '%s'", fname, c->kw[i].name);
            return false;
        }
    return true;
}

/* ---- printing ---- */

static void write_text(fctx *F, const char *s, src_loc loc)
{
    val t = const_str(F, s, (int)strlen(s), loc);
    emit_op(F, IR_WRITE, loc, NULL, &t.v, 1);
}

val sema_write_value(fctx *F, val x, bool repr, src_loc loc)
{
    sema *S = F->S;
    switch (x.t->kind) {
    case TY_SCALAR:
    case TY_ARRAY:
    case TY_STR: {
        ir_op *op = emit_op(F, IR_WRITE, loc, NULL, &x.v, 1);
        if (op && repr && x.t->kind == TY_STR)
            ir_attr_set_bool(S->ir, op, "repr", true);
        if (op && repr && x.t->kind == TY_ARRAY)
            ir_attr_set_bool(S->ir, op, "repr", true);
        break;
    }
    case TY_TUPLE:
    case TY_LIST: {
        bool tup = x.t->kind == TY_TUPLE;
        write_text(F, tup ? "(" : "[", loc);
        for (int i = 0; i < x.t->nitems; i++) {
            if (i)
                write_text(F, ", ", loc);
            sema_write_value(F, S->emit ? x.items[i] : val_of_type(x.t->items[i]), true, loc);
        }
        write_text(F, tup ? (x.t->nitems == 1 ? ",)" : ")") : "]", loc);
        break;
    }
    case TY_NONE: write_text(F, "None", loc); break;
    case TY_DTYPE: write_text(F, ty_dtype_numpy_name(x.t->dtype), loc); break;
    case TY_ERROR: break;
    default:
        sema_error(F, loc, "cannot print %s", ty_describe_str(S->a, x.t));
        break;
    }
    return val_of_type(ty_simple(S->a, TY_NONE));
}

/* A str-valued keyword (sep=, end=), or the default. */
static bool str_kw(fctx *F, call_args *c, const char *name, const char *dflt, val *out)
{
    ast_keyword *k = call_kw(c, name);
    if (!k || k->value->kind == AST_NONE) {
        *out = const_str(F, dflt, (int)strlen(dflt), c->loc);
        return true;
    }
    *out = sema_expr(F, k->value);
    if (out->t->kind != TY_STR) {
        if (out->t->kind != TY_ERROR)
            sema_error(F, k->loc, "%s must be None or a string, not %s", name, ty_describe_str(F->S->a, out->t));
        return false;
    }
    return true;
}

static val builtin_print(fctx *F, call_args *c)
{
    for (int i = 0; i < c->nkw; i++)
        if (strcmp(c->kw[i].name, "sep") && strcmp(c->kw[i].name, "end") && strcmp(c->kw[i].name, "flush")) {
            sema_error(F, c->kw[i].loc, "'%s' is an invalid keyword argument for print()", c->kw[i].name);
            return sema_poison(F);
        }
    val sep, end;
    if (!str_kw(F, c, "sep", " ", &sep) || !str_kw(F, c, "end", "\n", &end))
        return sema_poison(F);
    for (int i = 0; i < c->nargs; i++) {
        if (i)
            emit_op(F, IR_WRITE, c->loc, NULL, &sep.v, 1);
        if (c->args[i]->kind == AST_FSTRING)
            sema_write_fstring(F, c->args[i], c->pos[i]);
        else
            sema_write_value(F, c->pos[i], false, c->args[i]->loc);
    }
    emit_op(F, IR_WRITE, c->loc, NULL, &end.v, 1);
    return val_of_type(ty_simple(F->S->a, TY_NONE));
}

/* ---- scalar builtins ---- */

static bool want_args(fctx *F, call_args *c, const char *name, int lo, int hi)
{
    if (c->nargs < lo || c->nargs > hi) {
        if (lo == hi)
            sema_error(F, c->loc, "%s() takes exactly %d argument%s (%d given)", name, lo, lo == 1 ? "" : "s", c->nargs);
        else
            sema_error(F, c->loc, "%s() takes %d to %d arguments (%d given)", name, lo, hi, c->nargs);
        return false;
    }
    for (int i = 0; i < c->nargs; i++)
        if (c->pos[i].t->kind == TY_ERROR)
            return false;
    return true;
}

static val builtin_len(fctx *F, call_args *c)
{
    if (!want_args(F, c, "len", 1, 1))
        return sema_poison(F);
    val x = c->pos[0];
    if (sema_is_argv(x.t))
        return sema_argv_len(F, c->loc);
    if (x.t->kind == TY_TUPLE || x.t->kind == TY_LIST)
        return const_int(F, x.t->nitems, false, c->loc);
    if (x.t->kind == TY_ARRAY && x.t->rank >= 1) {
        if (x.t->dims[0] >= 0)
            return const_int(F, x.t->dims[0], false, c->loc);
        val r = emit_value_op(F, IR_DIM, c->loc, ty_scalar(F->S->a, IR_I64, false), &x, 1);
        if (F->S->emit)
            ir_attr_set_int(F->S->ir, F->blk->ops[F->blk->nops - 1], "axis", 0);
        return r;
    }
    sema_error(F, c->loc, x.t->kind == TY_ARRAY ? "len() of unsized object" : "object of type %s has no len()",
               ty_describe_str(F->S->a, x.t));
    return sema_poison(F);
}

/* Python's max(a, b, ...): the first maximal argument (b wins only if b > a). */
static val builtin_minmax(fctx *F, call_args *c, bool is_max)
{
    const char *name = is_max ? "max" : "min";
    if (c->nkw) {
        sema_error(F, c->kw[0].loc, "%s() with keyword arguments is not supported", name);
        return sema_poison(F);
    }
    if (c->nargs == 1 && c->pos[0].t->kind == TY_ARRAY)
        return sema_reduce(F, name, c->pos[0], c, 1);
    if (!want_args(F, c, name, 2, 64))
        return sema_poison(F);
    sema_type *t = NULL;
    for (int i = 0; i < c->nargs; i++) {
        if (c->pos[i].t->kind != TY_SCALAR) {
            sema_error(F, c->args[i]->loc, "%s() of %s is not supported", name, ty_describe_str(F->S->a, c->pos[i].t));
            return sema_poison(F);
        }
        t = t ? ty_join(F->S->a, t, c->pos[i].t) : c->pos[i].t;
    }
    val best = copy_to_temp(F, cast_scalar(F, c->pos[0], t->dtype, t->numpy, c->loc), c->loc);
    for (int i = 1; i < c->nargs; i++) {
        val x = cast_scalar(F, c->pos[i], t->dtype, t->numpy, c->loc);
        val better = sema_compare(F, is_max ? AST_GT : AST_LT, x, best, c->loc);
        val args[3] = {better, x, best};
        val nb = emit_value_op(F, IR_SELECT, c->loc, t, args, 3);
        best = nb;
    }
    return best;
}

static val builtin_convert(fctx *F, call_args *c, const char *name)
{
    sema *S = F->S;
    if (!want_args(F, c, name, 0, 1))
        return sema_poison(F);
    if (c->nargs == 0)
        return strcmp(name, "float") == 0 ? const_float(F, 0.0, false, c->loc)
             : strcmp(name, "int") == 0 ? const_int(F, 0, false, c->loc) : const_bool(F, false, c->loc);
    val x = c->pos[0];
    if (x.t->kind == TY_ARRAY && x.t->rank == 0) {
        val r = val_of_type(ty_scalar(S->a, x.t->dtype, true));
        val args[1] = {x};
        r = emit_value_op(F, IR_REDUCE, c->loc, r.t, args, 1);
        if (S->emit)
            ir_attr_set_word(S->ir, F->blk->ops[F->blk->nops - 1], "kind", "sum");
        x = r;
    }
    if (x.t->kind == TY_STR)
        return sema_str_convert(F, name, x, c->loc);
    if (x.t->kind != TY_SCALAR) {
        sema_error(F, c->loc, "%s() of %s is not supported", name, ty_describe_str(S->a, x.t));
        return sema_poison(F);
    }
    if (strcmp(name, "bool") == 0)
        return to_bool(F, x, c->loc);
    if (strcmp(name, "float") == 0)
        return cast_scalar(F, x, IR_F64, false, c->loc);
    /* int(): truncation toward zero; nan and inf raise */
    if (x.t->dtype == IR_F64 || x.t->dtype == IR_F32) {
        if (x.is_const)
            return const_int(F, (int64_t)x.cf, false, c->loc);
        val r = emit_value_op(F, IR_CAST, c->loc, ty_scalar(S->a, IR_I64, false), &x, 1);
        if (S->emit)
            ir_attr_set_bool(S->ir, F->blk->ops[F->blk->nops - 1], "py", true);
        return r;
    }
    return cast_scalar(F, x, IR_I64, false, c->loc);
}

static val builtin_round(fctx *F, call_args *c)
{
    sema *S = F->S;
    if (!want_args(F, c, "round", 1, 2))
        return sema_poison(F);
    val x = c->pos[0];
    if (x.t->kind == TY_ARRAY)
        return sema_numpy_call(F, "round", c);
    if (x.t->kind != TY_SCALAR) {
        sema_error(F, c->loc, "round() of %s is not supported", ty_describe_str(S->a, x.t));
        return sema_poison(F);
    }
    bool is_float = x.t->dtype == IR_F64 || x.t->dtype == IR_F32;
    if (c->nargs == 1 || c->pos[1].t->kind == TY_NONE) {
        if (!is_float)
            return cast_scalar(F, x, IR_I64, false, c->loc);
        val r = emit_value_op(F, IR_RINT, c->loc, x.t, &x, 1);
        val i = emit_value_op(F, IR_CAST, c->loc, ty_scalar(S->a, IR_I64, false), &r, 1);
        if (S->emit)
            ir_attr_set_bool(S->ir, F->blk->ops[F->blk->nops - 1], "py", true);
        return i;
    }
    val n = c->pos[1];
    if (n.t->kind != TY_SCALAR || n.t->dtype != IR_I64) {
        sema_error(F, c->args[1]->loc, "round() ndigits must be an integer");
        return sema_poison(F);
    }
    if (!is_float)
        return x;
    val args[2] = {x, n};
    val r = emit_value_op(F, IR_ROUND, c->loc, x.t, args, 2);
    if (S->emit && !x.t->numpy)
        ir_attr_set_bool(S->ir, F->blk->ops[F->blk->nops - 1], "py", true);
    return r;
}

static val builtin_abs(fctx *F, call_args *c)
{
    if (!want_args(F, c, "abs", 1, 1))
        return sema_poison(F);
    val x = c->pos[0];
    if (x.t->kind == TY_SCALAR && !x.t->numpy && x.t->dtype == IR_BOOL)
        x = cast_scalar(F, x, IR_I64, false, c->loc);
    if (x.t->kind == TY_SCALAR && x.is_const)
        return x.t->dtype == IR_I64 ? const_int(F, x.ci < 0 ? (int64_t)(0 - (uint64_t)x.ci) : x.ci, x.t->numpy, c->loc)
                                    : cast_scalar(F, const_float(F, x.cf < 0 ? -x.cf : x.cf, x.t->numpy, c->loc), x.t->dtype, x.t->numpy, c->loc);
    if (x.t->kind != TY_SCALAR && x.t->kind != TY_ARRAY) {
        sema_error(F, c->loc, "bad operand type for abs(): %s", ty_describe_str(F->S->a, x.t));
        return sema_poison(F);
    }
    return emit_value_op(F, IR_ABS, c->loc, x.t, &x, 1);
}

static val python_builtin(fctx *F, const char *name, call_args *c)
{
    if (strcmp(name, "print") == 0)
        return builtin_print(F, c);
    if (c->nkw && strcmp(name, "max") && strcmp(name, "min")) {
        sema_error(F, c->kw[0].loc, "%s() takes no keyword arguments", name);
        return sema_poison(F);
    }
    if (strcmp(name, "len") == 0)
        return builtin_len(F, c);
    if (strcmp(name, "max") == 0 || strcmp(name, "min") == 0)
        return builtin_minmax(F, c, name[1] == 'a');
    if (strcmp(name, "int") == 0 || strcmp(name, "float") == 0 || strcmp(name, "bool") == 0)
        return builtin_convert(F, c, name);
    if (strcmp(name, "round") == 0)
        return builtin_round(F, c);
    if (strcmp(name, "abs") == 0)
        return builtin_abs(F, c);
    if (strcmp(name, "sum") == 0 && c->nargs == 1 && c->pos[0].t->kind == TY_ARRAY) {
        call_args none = *c;
        none.nargs = 1;
        return sema_reduce(F, "sum", c->pos[0], &none, 1);
    }
    if (strcmp(name, "range") == 0) {
        sema_error(F, c->loc, "range() is only supported as the iterable of a for loop");
        return sema_poison(F);
    }
    sema_error(F, c->loc, "the builtin %s() is not supported", name);
    return sema_poison(F);
}

/* ---- dispatch ---- */

val sema_call(fctx *F, ast_expr *e)
{
    sema *S = F->S;
    val f = sema_expr(F, e->call.func);
    if (f.t->kind == TY_ERROR)
        return f;
    call_args c = {.args = e->call.args, .nargs = e->call.nargs, .kw = e->call.kwargs, .nkw = e->call.nkwargs,
                   .loc = e->loc};
    c.pos = arena_alloc(S->a, sizeof(val) * (size_t)(c.nargs ? c.nargs : 1));
    c.kw_used = arena_alloc(S->a, sizeof(bool) * (size_t)(c.nkw ? c.nkw : 1));
    for (int i = 0; i < c.nargs; i++) {
        if (c.args[i]->kind == AST_STARRED) {
            sema_error(F, c.args[i]->loc, "*args in calls are not supported");
            return sema_poison(F);
        }
        if (c.args[i]->kind == AST_FSTRING && f.t->kind == TY_BUILTIN && !strcmp(f.t->name, "print")) {
            c.pos[i] = sema_fstring_fields(F, c.args[i]);      /* written piece by piece */
            if (c.pos[i].t->kind == TY_ERROR)
                return c.pos[i];
            continue;
        }
        if (c.args[i]->kind == AST_LAMBDA && f.t->kind == TY_BUILTIN && !strcmp(f.t->name, "np.fromfunction")) {
            c.pos[i] = val_of_type(ty_simple(S->a, TY_NONE));   /* the callee evaluates the body */
            continue;
        }
        c.pos[i] = sema_expr(F, c.args[i]);
        if (c.pos[i].t->kind == TY_ERROR)
            return c.pos[i];
    }
    switch (f.t->kind) {
    case TY_FUNC: {
        const ast_stmt *def = NULL;
        for (int i = 0; i < S->defs.len; i++)
            if (strcmp(S->defs.data[i]->def.name, f.t->name) == 0)
                def = S->defs.data[i];
        return sema_call_user(F, def, &c);
    }
    case TY_BUILTIN: {
        bool lib = strchr(f.t->name, '.') != NULL;
        val r = lib ? sema_numpy_call(F, f.t->name, &c) : python_builtin(F, f.t->name, &c);
        if (lib && r.t->kind != TY_ERROR && !call_check_kwargs(F, &c, f.t->name))
            return sema_poison(F);
        return r;
    }
    case TY_METHOD: {
        val r = sema_method_call(F, *f.recv, f.t->name, &c);
        if (r.t->kind != TY_ERROR && !call_check_kwargs(F, &c, f.t->name))
            return sema_poison(F);
        return r;
    }
    case TY_DTYPE: {
        if (!want_args(F, &c, ty_dtype_numpy_name(f.t->dtype), 1, 1))
            return sema_poison(F);
        val x = c.pos[0];
        if (x.t->kind == TY_ARRAY)
            return cast_to_dtype(F, x, f.t->dtype, e->loc);
        if (x.t->kind != TY_SCALAR) {
            sema_error(F, e->loc, "cannot convert %s to %s", ty_describe_str(S->a, x.t), ty_dtype_numpy_name(f.t->dtype));
            return sema_poison(F);
        }
        return cast_scalar(F, x, f.t->dtype, true, e->loc);
    }
    default:
        sema_error(F, e->call.func->loc, "'%s' object is not callable", ty_pyname(f.t));
        return sema_poison(F);
    }
}

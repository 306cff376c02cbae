/* sema_emit.c: building IR during the emit walk.
 *
 * Every helper here works in both modes: in analyse mode it only computes
 * the result's type (and constant value), in emit mode it also appends ops
 * to the current block.  Callers never test the mode themselves.
 */
#include "frontend/sema.h"

#include <stdarg.h>
#include <string.h>

void sema_error(fctx *F, src_loc loc, const char *fmt, ...)
{
    if (F->S->emit)
        return;
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(DIAG_ERROR, loc, fmt, ap);
    va_end(ap);
}

val sema_poison(fctx *F)
{
    val v = {0};
    v.t = ty_simple(F->S->a, TY_ERROR);
    return v;
}

val val_of_type(sema_type *t)
{
    val v = {0};
    v.t = t;
    return v;
}

ir_var *emit_tmp(fctx *F, sema_type *t)
{
    if (!F->S->emit)
        return NULL;
    return ir_var_new(F->S->ir, F->irf, NULL, ty_to_ir(t));
}

ir_op *emit_op(fctx *F, ir_opcode code, src_loc loc, ir_var *result, ir_var **args, int nargs)
{
    if (!F->S->emit)
        return NULL;
    ir_op *op = ir_op_new(F->S->ir, code, loc);
    if (nargs)
        ir_op_set_args(F->S->ir, op, args, nargs);
    if (result)
        ir_op_set_results(F->S->ir, op, &result, 1);
    ir_block_append(F->blk, op);
    return op;
}

val emit_value_op(fctx *F, ir_opcode code, src_loc loc, sema_type *t, val *args, int nargs)
{
    val r = val_of_type(t);
    if (!F->S->emit)
        return r;
    ir_var *av[16];
    for (int i = 0; i < nargs && i < 16; i++)
        av[i] = args[i].v;
    r.v = emit_tmp(F, t);
    emit_op(F, code, loc, r.v, av, nargs);
    return r;
}

val emit_rtcall(fctx *F, const char *fn, sema_type *result, val *args, int nargs, int shape_from,
                int list_from, src_loc loc)
{
    val r = val_of_type(result ? result : ty_simple(F->S->a, TY_NONE));
    if (!F->S->emit)
        return r;
    ir_module *m = F->S->ir;
    ir_op *op = ir_op_new(m, IR_RTCALL, loc);
    for (int i = 0; i < nargs; i++)
        ir_op_add_arg(m, op, args[i].v);
    if (result) {
        r.v = emit_tmp(F, result);
        ir_op_set_results(m, op, &r.v, 1);
    }
    ir_attr_set_word(m, op, "fn", fn);
    if (shape_from >= 0)
        ir_attr_set_int(m, op, "shape_from", shape_from);
    if (list_from >= 0)
        ir_attr_set_int(m, op, "list_from", list_from);
    ir_block_append(F->blk, op);
    return r;
}

static val emit_const(fctx *F, sema_type *t, src_loc loc, void (*set)(ir_module *, ir_op *, const void *),
                      const void *payload)
{
    val r = val_of_type(t);
    if (!F->S->emit)
        return r;
    r.v = emit_tmp(F, t);
    ir_op *op = emit_op(F, IR_CONST, loc, r.v, NULL, 0);
    set(F->S->ir, op, payload);
    return r;
}

static void set_int(ir_module *m, ir_op *op, const void *p) { ir_attr_set_int(m, op, "value", *(const int64_t *)p); }
static void set_float(ir_module *m, ir_op *op, const void *p) { ir_attr_set_float(m, op, "value", *(const double *)p); }
static void set_bool(ir_module *m, ir_op *op, const void *p) { ir_attr_set_bool(m, op, "value", *(const bool *)p); }

val const_int(fctx *F, int64_t v, bool numpy, src_loc loc)
{
    val r = emit_const(F, ty_scalar(F->S->a, IR_I64, numpy), loc, set_int, &v);
    r.is_const = true;
    r.ci = v;
    r.cf = (double)v;
    return r;
}

val const_float(fctx *F, double v, bool numpy, src_loc loc)
{
    val r = emit_const(F, ty_scalar(F->S->a, IR_F64, numpy), loc, set_float, &v);
    r.is_const = true;
    r.cf = v;
    r.ci = (int64_t)(v == v && v > -9e18 && v < 9e18 ? v : 0);
    return r;
}

val const_bool(fctx *F, bool v, src_loc loc)
{
    val r = emit_const(F, ty_scalar(F->S->a, IR_BOOL, false), loc, set_bool, &v);
    r.is_const = true;
    r.ci = v;
    r.cf = v;
    return r;
}

val const_str(fctx *F, const char *s, int len, src_loc loc)
{
    val r = val_of_type(ty_simple(F->S->a, TY_STR));
    if (!F->S->emit)
        return r;
    r.v = emit_tmp(F, r.t);
    ir_op *op = emit_op(F, IR_CONST, loc, r.v, NULL, 0);
    ir_attr_set_str(F->S->ir, op, "value", s, len);
    return r;
}

/* A constant converted at compile time (keeps shapes and axes foldable). */
static val recast_const(fctx *F, val x, ir_dtype dt, bool numpy, src_loc loc)
{
    switch (dt) {
    case IR_BOOL: return const_bool(F, x.cf != 0, loc);
    case IR_I64: return const_int(F, x.t->dtype == IR_F64 || x.t->dtype == IR_F32 ? (int64_t)x.cf : x.ci, numpy, loc);
    default: {
        val r = const_float(F, x.t->dtype == IR_I64 || x.t->dtype == IR_BOOL ? (double)x.ci : x.cf, numpy, loc);
        if (dt == IR_F32) {     /* a float32 constant is rounded like np.float32(x) */
            r.cf = (double)(float)r.cf;
            if (F->S->emit)
                ir_attr_set_float(F->S->ir, F->blk->ops[F->blk->nops - 1], "value", r.cf);
            r.t = ty_scalar(F->S->a, IR_F32, numpy);
            if (r.v)
                r.v->type.dtype = IR_F32;
        }
        return r;
    }
    }
}

val cast_scalar(fctx *F, val x, ir_dtype dt, bool numpy, src_loc loc)
{
    if (x.t->kind != TY_SCALAR)
        return x;
    if (x.t->dtype == dt) {
        if (x.t->numpy != numpy) {
            val r = x;
            r.t = ty_scalar(F->S->a, dt, numpy);
            return r;
        }
        return x;
    }
    if (x.is_const && !(dt == IR_I64 && (x.t->dtype == IR_F64 || x.t->dtype == IR_F32)))
        return recast_const(F, x, dt, numpy, loc);
    return emit_value_op(F, IR_CAST, loc, ty_scalar(F->S->a, dt, numpy), &x, 1);
}

val cast_to_dtype(fctx *F, val x, ir_dtype dt, src_loc loc)
{
    if (x.t->kind == TY_SCALAR)
        return cast_scalar(F, x, dt, x.t->numpy, loc);
    if (x.t->kind != TY_ARRAY || x.t->dtype == dt)
        return x;
    return emit_value_op(F, IR_CAST, loc, ty_array(F->S->a, dt, x.t->rank, x.t->dims), &x, 1);
}

val to_bool(fctx *F, val x, src_loc loc)
{
    if (x.t->kind == TY_ERROR)
        return x;
    if (x.t->kind == TY_SCALAR)
        return cast_scalar(F, x, IR_BOOL, false, loc);
    if (x.t->kind == TY_ARRAY) {
        /* NumPy decides at run time: one element is fine, more raise ValueError */
        val r = val_of_type(ty_scalar(F->S->a, IR_BOOL, true));
        if (F->S->emit) {
            r.v = emit_tmp(F, r.t);
            ir_op *op = emit_op(F, IR_REDUCE, loc, r.v, &x.v, 1);
            ir_attr_set_word(F->S->ir, op, "kind", "truth");
        }
        return r;
    }
    if (x.t->kind == TY_STR || x.t->kind == TY_TUPLE || x.t->kind == TY_LIST) {
        sema_error(F, loc, "truth value of a %s is not supported", ty_describe_str(F->S->a, x.t));
        return sema_poison(F);
    }
    if (x.t->kind == TY_NONE)
        return const_bool(F, false, loc);
    return const_bool(F, true, loc);
}

static bool is_temp_name(const char *n)
{
    if (n[0] != 't' || !n[1])
        return false;
    for (const char *p = n + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

/* A variable name not yet used in the function: x, x.1, x.2 ... (never tN). */
static const char *unique_name(fctx *F, const char *name, bool global)
{
    const char *cand = is_temp_name(name) ? arena_printf(F->S->a, "%s_", name) : name;
    for (int k = 1;; k++) {
        bool taken = false;
        if (global) {
            for (int i = 0; i < F->S->ir->nglobals && !taken; i++)
                taken = strcmp(F->S->ir->globals[i]->name, cand) == 0;
        } else {
            for (int i = 0; i < F->irf->nvars && !taken; i++)
                taken = strcmp(F->irf->vars[i]->name, cand) == 0;
        }
        if (!taken)
            return cand;
        cand = arena_printf(F->S->a, "%s.%d", name, k);
    }
}

/* Vars for a slot's storage, made on first use in emit mode. */
static void make_storage(fctx *F, val *st, sema_type *t, const char *name, bool global)
{
    st->t = t;
    if (t->kind == TY_TUPLE) {
        st->items = arena_alloc(F->S->a, sizeof(val) * (size_t)(t->nitems ? t->nitems : 1));
        for (int i = 0; i < t->nitems; i++)
            make_storage(F, &st->items[i], t->items[i], arena_printf(F->S->a, "%s.%d", name, i), global);
        return;
    }
    name = unique_name(F, name, global);
    if (global)
        st->v = ir_global_new(F->S->ir, name, ty_to_ir(t));
    else
        st->v = ir_var_new(F->S->ir, F->irf, name, ty_to_ir(t));
}

static val *slot_storage(fctx *F, slot *s)
{
    s = slot_find(s);
    if (!s->has_storage) {
        make_storage(F, &s->storage, s->type, s->name, s->global);
        s->has_storage = true;
    }
    return &s->storage;
}

static void store_into(fctx *F, val *dst, val x, src_loc loc)
{
    if (dst->t->kind == TY_TUPLE) {
        for (int i = 0; i < dst->t->nitems && i < x.t->nitems; i++)
            store_into(F, &dst->items[i], x.items[i], loc);
        return;
    }
    if (dst->t->kind == TY_SCALAR)
        x = cast_scalar(F, x, dst->t->dtype, dst->t->numpy, loc);
    if (!x.v || !dst->v)
        return;
    /* Forward the producing op's result straight into the variable. */
    ir_block *b = F->blk;
    ir_op *last = b->nops ? b->ops[b->nops - 1] : NULL;
    if (last && last->nresults == 1 && last->results[0] == x.v && is_temp_name(x.v->name)
        && ir_type_equal(x.v->type, dst->v->type) && last->code != IR_FOR) {
        last->results[0] = dst->v;
        return;
    }
    emit_op(F, IR_MOV, loc, dst->v, &x.v, 1);
}

void store_slot(fctx *F, slot *s, val x, src_loc loc)
{
    if (!F->S->emit)
        return;
    store_into(F, slot_storage(F, s), x, loc);
}

val load_slot(fctx *F, slot *s)
{
    s = slot_find(s);
    if (!F->S->emit)
        return val_of_type(s->type);
    return *slot_storage(F, s);
}

val copy_to_temp(fctx *F, val x, src_loc loc)
{
    if (!F->S->emit || x.is_const)
        return x;
    if (x.t->kind == TY_TUPLE) {
        val r = x;
        r.items = arena_alloc(F->S->a, sizeof(val) * (size_t)(x.t->nitems ? x.t->nitems : 1));
        for (int i = 0; i < x.t->nitems; i++)
            r.items[i] = copy_to_temp(F, x.items[i], loc);
        return r;
    }
    if (!x.v)
        return x;
    val r = x;
    r.v = emit_tmp(F, x.t);
    emit_op(F, IR_MOV, loc, r.v, &x.v, 1);
    return r;
}

ir_block *emit_push_region(fctx *F, ir_op *op, int region)
{
    ir_block *saved = F->blk;
    if (op)
        F->blk = &op->regions[region];
    return saved;
}

void emit_pop_region(fctx *F, ir_block *saved)
{
    F->blk = saved;
}

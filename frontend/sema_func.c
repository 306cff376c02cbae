/* sema_func.c: user functions, specialised per tuple of argument types
 * (like Numba): each spec is analysed to a fixpoint and emitted as one IR
 * function. */
#include "frontend/sema.h"

#include <string.h>

static spec *find_spec(sema *S, const ast_stmt *def, sema_type **args, int n)
{
    for (int i = 0; i < S->specs.len; i++) {
        spec *sp = S->specs.data[i];
        if (sp->def != def || sp->nparams != n)
            continue;
        bool same = true;
        for (int k = 0; k < n && same; k++)
            same = ty_equal(sp->params[k], args[k]);
        if (same)
            return sp;
    }
    spec *sp = arena_alloc(S->a, sizeof *sp);
    sp->def = def;
    sp->nparams = n;
    sp->params = arena_alloc(S->a, sizeof *args * (size_t)(n ? n : 1));
    memcpy(sp->params, args, sizeof *args * (size_t)n);
    int k = 0;
    for (int i = 0; i < S->specs.len; i++)
        k += S->specs.data[i]->def == def;
    sp->irname = k ? arena_printf(S->a, "%s$%d", def->def.name, k + 1) : def->def.name;
    vec_push(&S->specs, sp);
    return sp;
}

/* Match call arguments to parameters: positional, keyword, then defaults. */
static bool bind_args(fctx *F, const ast_stmt *def, call_args *c, val *out)
{
    int np = def->def.nparams;
    const char *fname = def->def.name;
    bool *set = arena_alloc(F->S->a, sizeof(bool) * (size_t)(np ? np : 1));
    if (c->nargs > np) {
        sema_error(F, c->loc, "%s() takes %d positional argument%s but %d %s given", fname, np,
                   np == 1 ? "" : "s", c->nargs, c->nargs == 1 ? "was" : "were");
        return false;
    }
    for (int i = 0; i < c->nargs; i++) {
        out[i] = c->pos[i];
        set[i] = true;
    }
    for (int k = 0; k < c->nkw; k++) {
        int i = 0;
        while (i < np && strcmp(def->def.params[i], c->kw[k].name) != 0)
            i++;
        if (i == np) {
            sema_error(F, c->kw[k].loc, "%s() got an unexpected keyword argument '%s'", fname, c->kw[k].name);
            return false;
        }
        if (set[i]) {
            sema_error(F, c->kw[k].loc, "%s() got multiple values for argument '%s'", fname, c->kw[k].name);
            return false;
        }
        out[i] = sema_expr(F, c->kw[k].value);
        set[i] = true;
    }
    int missing = 0;
    for (int i = 0; i < np; i++) {
        if (set[i])
            continue;
        if (def->def.defaults && def->def.defaults[i]) {
            out[i] = sema_expr(F, def->def.defaults[i]);
            continue;
        }
        missing++;
    }
    if (missing) {
        strbuf sb;
        sb_init(&sb);
        int seen = 0;
        for (int i = 0; i < np; i++) {
            if (set[i] || (def->def.defaults && def->def.defaults[i]))
                continue;
            seen++;
            sb_printf(&sb, "%s'%s'", seen == 1 ? "" : seen == missing ? (missing > 2 ? ", and " : " and ") : ", ",
                      def->def.params[i]);
        }
        sema_error(F, c->loc, "%s() missing %d required positional argument%s: %s", fname, missing,
                   missing == 1 ? "" : "s", sb.buf);
        sb_free(&sb);
        return false;
    }
    return true;
}

static val call_result(fctx *F, spec *sp, val *args, int n, src_loc loc)
{
    sema *S = F->S;
    sema_type *rt = sp->ret ? sp->ret : ty_simple(S->a, TY_NONE);
    val r = val_of_type(rt);
    if (!S->emit)
        return r;
    ir_var *av[64], *rv[64];
    int nr = 0;
    for (int i = 0; i < n && i < 64; i++)
        av[i] = args[i].v;
    if (rt->kind == TY_TUPLE) {
        r.items = arena_alloc(S->a, sizeof(val) * (size_t)(rt->nitems ? rt->nitems : 1));
        for (int i = 0; i < rt->nitems && nr < 64; i++) {
            r.items[i] = val_of_type(rt->items[i]);
            r.items[i].v = rv[nr++] = emit_tmp(F, rt->items[i]);
        }
    } else if (rt->kind != TY_NONE) {
        r.v = rv[nr++] = emit_tmp(F, rt);
    }
    ir_op *op = ir_op_new(S->ir, IR_CALL, loc);
    if (n)
        ir_op_set_args(S->ir, op, av, n);
    if (nr)
        ir_op_set_results(S->ir, op, rv, nr);
    ir_attr_set_symbol(S->ir, op, "callee", sp->irname);
    ir_block_append(F->blk, op);
    return r;
}

val sema_call_user(fctx *F, const ast_stmt *def, call_args *c)
{
    sema *S = F->S;
    int n = def->def.nparams;
    val *args = arena_alloc(S->a, sizeof(val) * (size_t)(n ? n : 1));
    if (!bind_args(F, def, c, args))
        return sema_poison(F);
    sema_type **types = arena_alloc(S->a, sizeof(sema_type *) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        if (args[i].t->kind == TY_ERROR)
            return sema_poison(F);
        if (!ty_is_value(args[i].t) || args[i].t->kind == TY_TUPLE) {
            sema_error(F, c->loc, "cannot pass %s to %s() (arguments must be numbers, strings or arrays)",
                       ty_describe_str(S->a, args[i].t), def->def.name);
            return sema_poison(F);
        }
        types[i] = ty_erase_dims(S->a, args[i].t);
        if (types[i]->kind == TY_SCALAR)
            args[i] = cast_scalar(F, args[i], types[i]->dtype, types[i]->numpy, c->loc);
    }
    spec *sp = find_spec(S, def, types, n);
    if (!S->emit && !sp->analysing && sp->analysed_round != S->round) {
        if (S->spec_depth > 200) {
            sema_error(F, c->loc, "functions nest too deeply to specialise");
            return sema_poison(F);
        }
        sema_analyse_spec(S, sp);
    }
    if (!S->emit && sp->analysing && !sp->ret_seen) {
        sema_error(F, c->loc, "cannot infer the return type of recursive function '%s': "
                   "put a return of the base case before the recursive call", def->def.name);
        return sema_poison(F);
    }
    return call_result(F, sp, args, n, c->loc);
}

static void walk_body(sema *S, spec *sp, fctx *F)
{
    const ast_stmt *def = sp->def;
    for (int i = 0; i < def->def.nparams; i++) {
        slot *s = slot_for_site(F, &def->def.params[i], def->def.params[i], sp->params[i]);
        env_bind(&F->env, def->def.params[i], s);
        if (!S->emit)
            continue;
        /* the IR parameter is the variable itself unless the variable was widened */
        val p = val_of_type(sp->params[i]);
        p.v = ir_func_add_param(S->ir, F->irf, def->def.params[i], ty_to_ir(sp->params[i]));
        s = slot_find(s);
        if (!s->has_storage && ty_equal(s->type, sp->params[i])) {
            s->storage = p;
            s->has_storage = true;
        } else {
            store_slot(F, s, p, def->def.param_locs ? def->def.param_locs[i] : def->loc);
        }
    }
    sema_block(F, def->def.body);
}

void sema_analyse_spec(sema *S, spec *sp)
{
    fctx F = {0};
    F.S = S;
    F.sp = sp;
    F.slots = &sp->slots;
    sp->analysing = true;
    sp->analysed_round = S->round;
    S->spec_depth++;
    walk_body(S, sp, &F);
    if (!F.env.dead) {      /* falls off the end: returns None */
        sema_type *none = ty_simple(S->a, TY_NONE);
        if (!sp->ret_seen) {
            sp->ret = none;
            sp->ret_seen = true;
            S->changed = true;
        } else if (sp->ret->kind != TY_NONE) {
            sema_error(&F, sp->def->def.name_loc, "'%s' returns %s on some paths but nothing on others",
                       sp->def->def.name, ty_describe_str(S->a, sp->ret));
        }
    }
    env_free(&F.env);
    S->spec_depth--;
    sp->analysing = false;
}

void sema_emit_spec(sema *S, spec *sp)
{
    fctx F = {0};
    F.S = S;
    F.sp = sp;
    F.slots = &sp->slots;
    F.irf = sp->irf = ir_func_new(S->ir, sp->irname);
    F.irf->loc = sp->def->loc;
    if (sp->ret && sp->ret->kind != TY_NONE) {
        int n = sp->ret->kind == TY_TUPLE ? sp->ret->nitems : 1;
        F.irf->ret_types = arena_alloc(S->a, sizeof(ir_type) * (size_t)n);
        F.irf->nret = n;
        for (int i = 0; i < n; i++)
            F.irf->ret_types[i] = ty_to_ir(sp->ret->kind == TY_TUPLE ? sp->ret->items[i] : sp->ret);
    }
    F.blk = &F.irf->body;
    walk_body(S, sp, &F);
    if (!F.env.dead)
        emit_op(&F, IR_RETURN, sp->def->loc, NULL, NULL, 0);
    env_free(&F.env);
}

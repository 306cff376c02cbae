/* sema_stmt.c: statements, assignment, and the fixpoint over loops. */
#include "frontend/sema.h"
#include "frontend/sema_ext.h"

#include <string.h>

void sema_store_subscript(fctx *F, ast_expr *e, val obj, val x);

static bool is_kind_change_forbidden(const sema_type *old, const sema_type *nw)
{
    /* An array variable stays an array; a string variable stays a string. */
    if (old->kind == TY_ARRAY && nw->kind != TY_ARRAY && nw->kind != TY_SCALAR)
        return true;
    return old->kind == TY_STR && nw->kind != TY_STR;
}

static void assign_global(fctx *F, ast_expr *target, val x)
{
    sema *S = F->S;
    slot *g = slot_global(S, target->name.id);
    if (!g->type) {
        g->type = ty_erase_dims(S->a, x.t);
        S->changed = true;
    } else if (!ty_equal(g->type, x.t)) {
        sema_type *j = ty_join(S->a, g->type, x.t);
        if (!j) {
            sema_error(F, target->loc, "module-level variable '%s' is read by a function, so it must keep "
                       "one type, but it changes from %s to %s", target->name.id,
                       ty_describe_str(S->a, g->type), ty_describe_str(S->a, x.t));
            return;
        }
        if (!ty_equal(j, g->type)) {
            g->type = j;
            S->changed = true;
        }
    }
    env_bind(&F->env, target->name.id, g);
    store_slot(F, g, x, target->loc);
}

static void assign_name(fctx *F, ast_expr *target, val x)
{
    sema *S = F->S;
    const char *name = target->name.id;
    if (x.t->kind != TY_ERROR && !ty_is_value(x.t)) {
        sema_error(F, target->loc, "cannot assign %s to a variable", ty_describe_str(S->a, x.t));
        x = sema_poison(F);
    }
    if (!F->sp && is_global_name(S, name) && x.t->kind != TY_ERROR) {
        assign_global(F, target, x);
        return;
    }
    binding *b = env_lookup(&F->env, name);
    slot *cur = b && b->s ? slot_find(b->s) : NULL;
    if (cur && cur->type && x.t->kind != TY_ERROR && cur->type->kind != TY_ERROR &&
        is_kind_change_forbidden(cur->type, x.t)) {
        sema_error(F, target->loc, "'%s' holds %s and cannot be rebound to a %s", name,
                   cur->type->kind == TY_ARRAY ? "an array" : "a string", ty_pyname(x.t));
        return;
    }
    if (cur && ty_equal(cur->type, x.t)) {
        store_slot(F, cur, x, target->loc);
        return;
    }
    slot *s = slot_for_site(F, target, name, x.t);
    if (!ty_equal(s->type, x.t)) {
        sema_type *j = ty_join(S->a, s->type, x.t);
        if (!j) {
            sema_error(F, target->loc, "'%s' is assigned %s here, but %s when this line runs again",
                       name, ty_describe_str(S->a, x.t), ty_describe_str(S->a, s->type));
            return;
        }
        if (!ty_equal(j, s->type)) {
            s->type = j;
            S->changed = true;
        }
    }
    env_bind(&F->env, name, s);
    store_slot(F, s, x, target->loc);
}

static void assign_tuple(fctx *F, ast_expr *target, val x, src_loc loc)
{
    int n = target->seq.n;
    if (x.t->kind == TY_ERROR) {
        for (int i = 0; i < n; i++)
            sema_assign_to(F, target->seq.items[i], x, loc);
        return;
    }
    if (x.t->kind != TY_TUPLE) {
        sema_error(F, loc, "cannot unpack %s into %d variables", ty_describe_str(F->S->a, x.t), n);
        return;
    }
    if (x.t->nitems != n) {
        if (x.t->nitems > n)
            sema_error(F, loc, "too many values to unpack (expected %d)", n);
        else
            sema_error(F, loc, "not enough values to unpack (expected %d, got %d)", n, x.t->nitems);
        return;
    }
    x = copy_to_temp(F, x, loc);    /* a, b = b, a: read everything first */
    for (int i = 0; i < n; i++)
        sema_assign_to(F, target->seq.items[i], F->S->emit ? x.items[i] : val_of_type(x.t->items[i]), loc);
}

void sema_assign_to(fctx *F, ast_expr *target, val x, src_loc loc)
{
    switch (target->kind) {
    case AST_NAME:
        assign_name(F, target, x);
        return;
    case AST_TUPLE:
    case AST_LIST:
        assign_tuple(F, target, x, loc);
        return;
    case AST_SUBSCRIPT: {
        val obj = sema_expr(F, target->sub.obj);
        if (obj.t->kind == TY_ERROR)
            return;
        sema_store_subscript(F, target, obj, x);
        return;
    }
    case AST_ATTR:
        sema_error(F, target->loc, "cannot assign to an attribute");
        return;
    default:
        sema_error(F, target->loc, "cannot assign to this expression");
        return;
    }
}

static void stmt_assign(fctx *F, ast_stmt *s)
{
    val x = sema_expr(F, s->assign.value);
    for (int i = 0; i < s->assign.ntargets; i++) {
        sema_assign_to(F, s->assign.targets[i], x, s->loc);
        if (i + 1 < s->assign.ntargets && s->assign.targets[i]->kind == AST_NAME)
            x = sema_expr(F, s->assign.targets[i]);     /* the stored value, for the next target */
    }
}

/* Would `array op= value` need an unsafe cast?  NumPy refuses those. */
static bool inplace_cast_ok(fctx *F, ast_stmt *s, const sema_type *arr, const sema_type *res)
{
    if (res->kind == TY_ERROR || ty_kind_rank(res->dtype) <= ty_kind_rank(arr->dtype))
        return true;
    static const char *const ufunc[AST_BINOP_COUNT] = {  /* ORDER AST_BINOP */
        "add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
        "matmul", "bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift"};
    sema_error(F, s->loc, "Cannot cast ufunc '%s' output from dtype('%s') to dtype('%s') with casting "
               "rule 'same_kind'", ufunc[s->aug.op], ty_dtype_numpy_name(res->dtype),
               ty_dtype_numpy_name(arr->dtype));
    return false;
}

static void stmt_augassign(fctx *F, ast_stmt *s)
{
    ast_expr *target = s->aug.target;
    if (target->kind != AST_NAME && target->kind != AST_SUBSCRIPT) {
        sema_error(F, target->loc, "cannot use augmented assignment here");
        return;
    }
    val cur = sema_expr(F, target);
    val rhs = sema_expr(F, s->aug.value);
    if (cur.t->kind == TY_ERROR || rhs.t->kind == TY_ERROR)
        return;
    val res = sema_binary(F, s->aug.op, cur, rhs, s->loc);
    if (res.t->kind == TY_ERROR)
        return;
    if (cur.t->kind == TY_ARRAY) {
        /* in place: the same buffer, seen by every alias */
        if (!inplace_cast_ok(F, s, cur.t, res.t))
            return;
        if (res.t->kind == TY_ARRAY && res.t->rank > cur.t->rank) {
            sema_error(F, s->loc, "non-broadcastable output operand with %d dimensions doesn't match "
                       "the broadcast result with %d", cur.t->rank, res.t->rank);
            return;
        }
        if (target->kind == AST_SUBSCRIPT && sema_fancy_target(F, target)) {
            sema_assign_to(F, target, res, s->loc);     /* cur is a copy: store back through the index */
            return;
        }
        ir_var *args[2] = {cur.v, res.v};
        emit_op(F, IR_ASSIGN, s->loc, NULL, args, 2);
        return;
    }
    sema_assign_to(F, target, res, s->loc);
}

static void stmt_if(fctx *F, ast_stmt *s)
{
    val c = sema_cond(F, s->ifs.cond);
    ir_op *op = emit_op(F, IR_IF, s->loc, NULL, &c.v, 1);
    env before = env_copy(&F->env);
    ir_block *saved = emit_push_region(F, op, 0);
    sema_block(F, s->ifs.then);
    emit_pop_region(F, saved);
    env after_then = F->env;
    F->env = before;
    saved = emit_push_region(F, op, 1);
    sema_block(F, s->ifs.orelse);
    emit_pop_region(F, saved);
    env_merge(F->S, &F->env, &after_then, s->loc);
    if (after_then.dead && F->env.dead)
        F->env.dead = true;
    else if (after_then.dead || F->env.dead)
        F->env.dead = false;
    env_free(&after_then);
}


/* Run `body` as a loop body until the head environment is stable.
 * prologue (may be NULL) runs at the top of each iteration. */
static void loop_fixpoint(fctx *F, ast_stmt *s, ir_op *loop_op,
                          void (*prologue)(fctx *, ast_stmt *, void *), void *arg,
                          void (*body)(fctx *, ast_stmt *))
{
    env_list *outer_breaks = F->break_envs, *outer_conts = F->cont_envs;
    env head = env_copy(&F->env);
    env_list breaks = {0}, conts = {0};
    for (int iter = 0; iter < 16; iter++) {
        for (int i = 0; i < breaks.len; i++)
            env_free(&breaks.data[i]);
        for (int i = 0; i < conts.len; i++)
            env_free(&conts.data[i]);
        breaks.len = conts.len = 0;
        env_free(&F->env);
        F->env = env_copy(&head);
        F->break_envs = &breaks;
        F->cont_envs = &conts;
        F->loop_depth++;
        ir_block *saved = emit_push_region(F, loop_op, 0);
        if (prologue)
            prologue(F, s, arg);
        body(F, s);
        emit_pop_region(F, saved);
        F->loop_depth--;
        bool changed = env_merge_changes(F->S, &head, &F->env, s->loc);
        for (int i = 0; i < conts.len; i++)
            changed |= env_merge_changes(F->S, &head, &conts.data[i], s->loc);
        if (!changed || F->S->emit)
            break;
    }
    /* after the loop: the head (condition false / range exhausted) or a break */
    env_free(&F->env);
    F->env = head;
    F->env.dead = false;
    for (int i = 0; i < breaks.len; i++) {
        env_merge(F->S, &F->env, &breaks.data[i], s->loc);
        env_free(&breaks.data[i]);
    }
    for (int i = 0; i < conts.len; i++)
        env_free(&conts.data[i]);
    vec_free(&breaks);
    vec_free(&conts);
    F->break_envs = outer_breaks;
    F->cont_envs = outer_conts;
}

static void while_prologue(fctx *F, ast_stmt *s, void *arg)
{
    val c = sema_cond(F, s->loop.cond);
    if (!F->S->emit)
        return;
    val nc = emit_value_op(F, IR_NOT, s->loc, ty_scalar(F->S->a, IR_BOOL, false), &c, 1);
    ir_op *iff = emit_op(F, IR_IF, s->loc, NULL, &nc.v, 1);
    ir_block *saved = emit_push_region(F, iff, 0);
    emit_op(F, IR_BREAK, s->loc, NULL, NULL, 0);
    emit_pop_region(F, saved);
}

static void while_body(fctx *F, ast_stmt *s) { sema_block(F, s->loop.body); }
static void for_body(fctx *F, ast_stmt *s) { sema_block(F, s->forl.body); }

static void stmt_while(fctx *F, ast_stmt *s)
{
    ir_op *op = emit_op(F, IR_LOOP, s->loc, NULL, NULL, 0);
    loop_fixpoint(F, s, op, while_prologue, NULL, while_body);
}

/* The loop variable of a for: `target = value of iteration %k`. */
typedef struct for_state {
    ir_var *k;              /* the IR induction variable */
    val seq;                /* iterating an array: the array */
} for_state;

static void for_prologue(fctx *F, ast_stmt *s, void *arg)
{
    for_state *st = arg;
    sema *S = F->S;
    val item;
    if (st->seq.t) {
        val k = val_of_type(ty_scalar(S->a, IR_I64, false));
        k.v = st->k;
        item = val_of_type(st->seq.t->rank == 1 ? ty_scalar(S->a, st->seq.t->dtype, true)
                                                : ty_array(S->a, st->seq.t->dtype, st->seq.t->rank - 1,
                                                           st->seq.t->dims + 1));
        item.v = emit_tmp(F, item.t);
        ir_op *op = emit_op(F, st->seq.t->rank == 1 ? IR_LOAD : IR_SLICE, s->loc, item.v, &st->seq.v, 1);
        if (op) {
            ir_op_add_arg(S->ir, op, k.v);
            op->index = arena_alloc(&S->ir->arena, sizeof(ir_index));
            op->nindex = 1;
            op->index[0] = (ir_index){IR_IDX_INT, 1, -1, -1};
        }
    } else {
        item = val_of_type(ty_scalar(S->a, IR_I64, false));
        item.v = st->k;
    }
    sema_assign_to(F, s->forl.target, item, s->loc);
}

static bool range_args(fctx *F, ast_expr *call, val out[3])
{
    int n = call->call.nargs;
    if (n < 1 || n > 3 || call->call.nkwargs) {
        sema_error(F, call->loc, n > 3 ? "range expected at most 3 arguments, got %d"
                                       : "range expected at least 1 argument, got %d", n);
        return false;
    }
    val a[3];
    for (int i = 0; i < n; i++) {
        a[i] = sema_expr(F, call->call.args[i]);
        if (a[i].t->kind == TY_ERROR)
            return false;
        if (a[i].t->kind != TY_SCALAR || (a[i].t->dtype != IR_I64 && a[i].t->dtype != IR_BOOL)) {
            sema_error(F, call->call.args[i]->loc, "'%s' object cannot be interpreted as an integer",
                       a[i].t->kind == TY_SCALAR ? "float" : ty_describe_str(F->S->a, a[i].t));
            return false;
        }
        a[i] = copy_to_temp(F, cast_scalar(F, a[i], IR_I64, false, call->loc), call->loc);
    }
    out[0] = n == 1 ? const_int(F, 0, false, call->loc) : a[0];
    out[1] = n == 1 ? a[0] : a[1];
    out[2] = n == 3 ? a[2] : const_int(F, 1, false, call->loc);
    if (out[2].is_const && out[2].ci == 0) {
        sema_error(F, call->call.args[2]->loc, "range() arg 3 must not be zero");
        return false;
    }
    return true;
}

static void stmt_for(fctx *F, ast_stmt *s)
{
    sema *S = F->S;
    ast_expr *it = s->forl.iter;
    for_state st = {0};
    val bounds[3];
    bool is_range = it->kind == AST_CALL && it->call.func->kind == AST_NAME &&
                    strcmp(it->call.func->name.id, "range") == 0 && !env_lookup(&F->env, "range");
    if (is_range) {
        if (!range_args(F, it, bounds))
            return;
    } else {
        val seq = sema_expr(F, it);
        if (seq.t->kind == TY_ERROR)
            return;
        if (seq.t->kind != TY_ARRAY || seq.t->rank < 1) {
            sema_error(F, it->loc, "a for loop can iterate over range(...) or an array, not %s",
                       ty_describe_str(S->a, seq.t));
            return;
        }
        st.seq = copy_to_temp(F, seq, it->loc);
        bounds[0] = const_int(F, 0, false, it->loc);
        bounds[1] = seq.t->dims[0] >= 0 ? const_int(F, seq.t->dims[0], false, it->loc)
                                        : emit_value_op(F, IR_DIM, it->loc, ty_scalar(S->a, IR_I64, false), &st.seq, 1);
        if (S->emit && seq.t->dims[0] < 0)
            ir_attr_set_int(S->ir, F->blk->ops[F->blk->nops - 1], "axis", 0);
        bounds[2] = const_int(F, 1, false, it->loc);
    }
    ir_op *op = NULL;
    if (S->emit) {
        st.k = emit_tmp(F, ty_scalar(S->a, IR_I64, false));
        ir_var *args[3] = {bounds[0].v, bounds[1].v, bounds[2].v};
        op = emit_op(F, IR_FOR, s->loc, st.k, args, 3);
    }
    loop_fixpoint(F, s, op, for_prologue, &st, for_body);
}

static void stmt_jump(fctx *F, ast_stmt *s)
{
    bool is_break = s->kind == AST_BREAK;
    if (F->loop_depth == 0) {
        sema_error(F, s->loc, "'%s' outside loop", is_break ? "break" : "continue");
        return;
    }
    if (!F->env.dead) {
        env_list *l = is_break ? F->break_envs : F->cont_envs;
        vec_push(l, env_copy(&F->env));
    }
    emit_op(F, is_break ? IR_BREAK : IR_CONTINUE, s->loc, NULL, NULL, 0);
    F->env.dead = true;
}

static void stmt_return(fctx *F, ast_stmt *s)
{
    sema *S = F->S;
    spec *sp = F->sp;
    if (!sp) {
        sema_error(F, s->loc, "'return' outside function");
        return;
    }
    val x = s->ret.value ? sema_expr(F, s->ret.value) : val_of_type(ty_simple(S->a, TY_NONE));
    if (x.t->kind == TY_ERROR) {
        F->env.dead = true;
        return;
    }
    if (x.t->kind != TY_NONE && !ty_is_value(x.t)) {
        sema_error(F, s->loc, "cannot return %s", ty_describe_str(S->a, x.t));
        return;
    }
    sema_type *t = ty_erase_dims(S->a, x.t);
    if (!S->emit) {
        if (!sp->ret_seen) {
            sp->ret = t;
            sp->ret_seen = true;
            S->changed = true;
        } else if (!ty_equal(sp->ret, t)) {
            sema_type *j = ty_join(S->a, sp->ret, t);
            if (!j) {
                sema_error(F, s->loc, "'%s' returns %s here but %s elsewhere", sp->def->def.name,
                           ty_describe_str(S->a, t), ty_describe_str(S->a, sp->ret));
                return;
            }
            if (!ty_equal(j, sp->ret)) {
                sp->ret = j;
                S->changed = true;
            }
        }
    } else {
        ir_var *rv[64];
        int n = 0;
        if (sp->ret->kind == TY_TUPLE) {
            for (int i = 0; i < sp->ret->nitems && n < 64; i++) {
                val item = x.items[i];
                if (sp->ret->items[i]->kind == TY_SCALAR)
                    item = cast_scalar(F, item, sp->ret->items[i]->dtype, sp->ret->items[i]->numpy, s->loc);
                rv[n++] = item.v;
            }
        } else if (sp->ret->kind != TY_NONE) {
            if (sp->ret->kind == TY_SCALAR)
                x = cast_scalar(F, x, sp->ret->dtype, sp->ret->numpy, s->loc);
            rv[n++] = x.v;
        }
        emit_op(F, IR_RETURN, s->loc, NULL, rv, n);
    }
    F->env.dead = true;
}

static void stmt_assert(fctx *F, ast_stmt *s)
{
    val c = sema_cond(F, s->assertion.test);
    val args[2] = {c, {0}};
    int n = 1;
    if (s->assertion.msg) {
        args[1] = sema_expr(F, s->assertion.msg);
        if (args[1].t->kind != TY_STR && args[1].t->kind != TY_ERROR) {
            sema_error(F, s->assertion.msg->loc, "an assert message must be a string");
            return;
        }
        n = 2;
    }
    if (F->S->emit) {
        ir_var *av[2] = {args[0].v, args[1].v};
        emit_op(F, IR_ASSERT, s->loc, NULL, av, n);
    }
}

static void stmt(fctx *F, ast_stmt *s)
{
    switch (s->kind) {
    case AST_EXPR_STMT: sema_expr(F, s->expr.value); break;
    case AST_ASSIGN: stmt_assign(F, s); break;
    case AST_AUGASSIGN: stmt_augassign(F, s); break;
    case AST_IF: stmt_if(F, s); break;
    case AST_WHILE: stmt_while(F, s); break;
    case AST_FOR: stmt_for(F, s); break;
    case AST_BREAK:
    case AST_CONTINUE: stmt_jump(F, s); break;
    case AST_PASS: break;
    case AST_RETURN: stmt_return(F, s); break;
    case AST_ASSERT: stmt_assert(F, s); break;
    case AST_DEF:
        if (F->sp)
            sema_error(F, s->def.name_loc, "nested functions are not supported");
        break;
    case AST_IMPORT:
    case AST_FROM_IMPORT:
        if (F->sp)
            sema_error(F, s->loc, "import inside a function is not supported");
        break;
    case AST_CLASS: sema_error(F, s->loc, "classes are not supported"); break;
    case AST_GLOBAL:
        sema_error(F, s->loc, "the 'global' statement is not supported: functions may read module-level "
                              "variables but not assign them");
        break;
    case AST_DEL: sema_error(F, s->loc, "'del' is not supported"); break;
    case AST_UNSUPPORTED: sema_error(F, s->loc, "'%s' is not supported", s->unsupported.what); break;
    }
}

void sema_block(fctx *F, ast_block b)
{
    for (int i = 0; i < b.n; i++) {
        if (F->env.dead)
            return;     /* unreachable code: Python never runs it either */
        stmt(F, b.stmts[i]);
    }
}

/* sema_expr.c: names, literals, attributes, subscripts and the
 * short-circuit operators. */
#include "frontend/sema_ext.h"

#include <string.h>

static const char *const builtin_names[] = {
    "print", "range", "len", "abs", "min", "max", "int", "float", "bool", "round",
    "enumerate", "zip", "sum", "str", "list", "tuple", "isinstance", "type", "open", "input",
};

static bool is_builtin(const char *name)
{
    for (size_t i = 0; i < sizeof builtin_names / sizeof *builtin_names; i++)
        if (strcmp(builtin_names[i], name) == 0)
            return true;
    return false;
}

static const ast_stmt *find_def(sema *S, const char *name)
{
    for (int i = 0; i < S->defs.len; i++)
        if (strcmp(S->defs.data[i]->def.name, name) == 0)
            return S->defs.data[i];
    return NULL;
}

static const char *find_import(sema *S, const char *name)
{
    for (int i = S->imports.len - 1; i >= 0; i--)
        if (strcmp(S->imports.data[i].name, name) == 0)
            return S->imports.data[i].module;
    return NULL;
}

static val sema_name(fctx *F, ast_expr *e)
{
    sema *S = F->S;
    const char *id = e->name.id;
    binding *b = env_lookup(&F->env, id);
    if (b) {
        if (!b->s) {
            sema_error(F, e->loc, "variable '%s' is a %s on one path and a %s on another "
                       "(numsc needs one type per variable where control flow joins)", id,
                       ty_describe_str(S->a, b->conflict_a), ty_describe_str(S->a, b->conflict_b));
            return sema_poison(F);
        }
        return load_slot(F, b->s);
    }
    if (F->sp && is_global_name(S, id)) {
        slot *g = slot_global(S, id);
        if (g->type)
            return load_slot(F, g);
    }
    const ast_stmt *def = find_def(S, id);
    if (def)
        return val_of_type(ty_named(S->a, TY_FUNC, def->def.name));
    const char *mod = find_import(S, id);
    if (mod)
        return val_of_type(ty_named(S->a, TY_MODULE, mod));
    if (is_builtin(id))
        return val_of_type(ty_named(S->a, TY_BUILTIN, id));
    for (int i = 0; i < S->class_names.len; i++)
        if (!strcmp(S->class_names.data[i], id))
            return sema_poison(F);      /* already reported at the class */
    sema_error(F, e->loc, "name '%s' is not defined", id);
    return sema_poison(F);
}

sema_type *sema_type_of(fctx *F, ast_expr *e)
{
    bool was = F->S->emit;
    F->S->emit = false;
    val v = sema_expr(F, e);
    F->S->emit = was;
    return v.t;
}

/* a and b / a or b: Python returns the deciding operand, evaluating lazily. */
static val sema_boolop(fctx *F, ast_expr *e)
{
    sema *S = F->S;
    sema_type *t = NULL;
    for (int i = 0; i < e->boolop.n; i++) {
        sema_type *ti = sema_type_of(F, e->boolop.items[i]);
        if (ti->kind == TY_ERROR)
            return sema_poison(F);
        if (ti->kind == TY_ARRAY || !ty_is_value(ti) || ti->kind == TY_TUPLE) {
            sema_error(F, e->boolop.items[i]->loc, "'%s' needs scalar operands, not a %s; use & and | "
                       "for arrays", e->boolop.is_and ? "and" : "or", ty_describe_str(S->a, ti));
            return sema_poison(F);
        }
        t = t ? ty_join(S->a, t, ti) : ti;
        if (!t) {
            sema_error(F, e->loc, "operands of '%s' have incompatible types", e->boolop.is_and ? "and" : "or");
            return sema_poison(F);
        }
    }
    val r = val_of_type(t);
    r.v = emit_tmp(F, t);
    ir_block *outer = F->blk;
    ir_block *saved = F->blk;
    for (int i = 0; i < e->boolop.n; i++) {
        val x = sema_expr(F, e->boolop.items[i]);
        x = t->kind == TY_SCALAR ? cast_scalar(F, x, t->dtype, t->numpy, e->loc) : x;
        if (S->emit)
            emit_op(F, IR_MOV, e->loc, r.v, &x.v, 1);
        if (i == e->boolop.n - 1)
            break;
        val c = to_bool(F, x, e->loc);
        ir_op *iff = emit_op(F, IR_IF, e->loc, NULL, &c.v, 1);
        emit_push_region(F, iff, e->boolop.is_and ? 0 : 1);
    }
    emit_pop_region(F, saved);
    (void)outer;
    return r;
}

/* a < b < c: pairwise, each middle operand evaluated once, lazily. */
static val sema_compare_chain(fctx *F, ast_expr *e)
{
    val left = sema_expr(F, e->cmp.first);
    if (e->cmp.n == 1)
        return sema_compare(F, e->cmp.ops[0], left, sema_expr(F, e->cmp.rest[0]), e->loc);
    sema_type *tb = ty_scalar(F->S->a, IR_BOOL, false);
    val r = val_of_type(tb);
    r.v = emit_tmp(F, tb);
    ir_block *saved = F->blk;
    for (int i = 0; i < e->cmp.n; i++) {
        val right = sema_expr(F, e->cmp.rest[i]);
        if (i + 1 < e->cmp.n)
            right = copy_to_temp(F, right, e->loc);
        val c = sema_compare(F, e->cmp.ops[i], left, right, e->loc);
        if (c.t->kind == TY_ERROR)
            return c;
        if (c.t->kind != TY_SCALAR) {
            sema_error(F, e->loc, "chained comparisons of arrays are ambiguous");
            return sema_poison(F);
        }
        c = to_bool(F, c, e->loc);
        if (F->S->emit)
            emit_op(F, IR_MOV, e->loc, r.v, &c.v, 1);
        if (i + 1 == e->cmp.n)
            break;
        ir_op *iff = emit_op(F, IR_IF, e->loc, NULL, &c.v, 1);
        emit_push_region(F, iff, 0);
        left = right;
    }
    emit_pop_region(F, saved);
    return r;
}

static val sema_ifexp(fctx *F, ast_expr *e)
{
    sema *S = F->S;
    sema_type *ta = sema_type_of(F, e->ifexp.then), *tb = sema_type_of(F, e->ifexp.orelse);
    if (ta->kind == TY_ERROR || tb->kind == TY_ERROR)
        return sema_poison(F);
    sema_type *t = ty_join(S->a, ta, tb);
    if (!t || !ty_is_value(t)) {
        sema_error(F, e->loc, "the branches of this conditional expression have incompatible types "
                   "(%s and %s)", ty_describe_str(S->a, ta), ty_describe_str(S->a, tb));
        return sema_poison(F);
    }
    val c = sema_cond(F, e->ifexp.cond);
    val r = val_of_type(t);
    r.v = emit_tmp(F, t);
    ir_op *iff = emit_op(F, IR_IF, e->loc, NULL, &c.v, 1);
    for (int k = 0; k < 2; k++) {
        ir_block *saved = emit_push_region(F, iff, k);
        val x = sema_expr(F, k == 0 ? e->ifexp.then : e->ifexp.orelse);
        if (t->kind == TY_SCALAR)
            x = cast_scalar(F, x, t->dtype, t->numpy, e->loc);
        if (S->emit)
            emit_op(F, IR_MOV, e->loc, r.v, &x.v, 1);
        emit_pop_region(F, saved);
    }
    return r;
}

static val sema_sequence(fctx *F, ast_expr *e)
{
    sema *S = F->S;
    int n = e->seq.n;
    val r = {0};
    r.items = arena_alloc(S->a, sizeof(val) * (size_t)(n ? n : 1));
    sema_type **ts = arena_alloc(S->a, sizeof *ts * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        r.items[i] = sema_expr(F, e->seq.items[i]);
        if (r.items[i].t->kind == TY_ERROR)
            return r.items[i];
        ts[i] = r.items[i].t;
    }
    r.t = ty_tuple(S->a, ts, n);
    if (e->kind == AST_LIST)
        r.t->kind = TY_LIST;
    return r;
}

val sema_expr(fctx *F, ast_expr *e)
{
    switch (e->kind) {
    case AST_INT: return const_int(F, e->ival, false, e->loc);
    case AST_FLOAT: return const_float(F, e->fval, false, e->loc);
    case AST_BOOL: return const_bool(F, e->bval, e->loc);
    case AST_STR: return const_str(F, e->str.text, e->str.len, e->loc);
    case AST_NONE: return val_of_type(ty_simple(F->S->a, TY_NONE));
    case AST_NAME: return sema_name(F, e);
    case AST_ATTR: {
        val obj = sema_expr(F, e->attr.obj);
        if (obj.t->kind == TY_ERROR)
            return obj;
        return sema_attribute(F, e, obj);
    }
    case AST_CALL: return sema_call(F, e);
    case AST_SUBSCRIPT: {
        val obj = sema_expr(F, e->sub.obj);
        if (obj.t->kind == TY_ERROR)
            return obj;
        return sema_subscript(F, e, obj);
    }
    case AST_TUPLE:
    case AST_LIST: return sema_sequence(F, e);
    case AST_BINOP: {
        val x = sema_expr(F, e->bin.lhs);
        val y = sema_expr(F, e->bin.rhs);
        return sema_binary(F, e->bin.op, x, y, e->loc);
    }
    case AST_UNOP: return sema_unary(F, e->un.op, sema_expr(F, e->un.operand), e->loc);
    case AST_BOOLOP: return sema_boolop(F, e);
    case AST_COMPARE: return sema_compare_chain(F, e);
    case AST_IFEXP: return sema_ifexp(F, e);
    case AST_ELLIPSIS:
        sema_error(F, e->loc, "'...' is only supported inside an index");
        return sema_poison(F);
    case AST_SLICE:
        sema_error(F, e->loc, "a slice is only supported inside an index");
        return sema_poison(F);
    case AST_FSTRING:
        return sema_fstring_value(F, e);
    case AST_FORMATTED:
        sema_error(F, e->loc, "a formatted field outside an f-string");
        return sema_poison(F);
    case AST_LAMBDA:
        sema_error(F, e->loc, "lambda is not supported here");
        return sema_poison(F);
    case AST_STARRED:
        sema_error(F, e->loc, "starred expressions are not supported");
        return sema_poison(F);
    }
    return sema_poison(F);
}

val sema_expr_value(fctx *F, ast_expr *e)
{
    val v = sema_expr(F, e);
    if (v.t->kind != TY_ERROR && !ty_is_value(v.t)) {
        sema_error(F, e->loc, "%s is not a value", ty_describe_str(F->S->a, v.t));
        return sema_poison(F);
    }
    return v;
}

val sema_cond(fctx *F, ast_expr *e)
{
    return to_bool(F, sema_expr(F, e), e->loc);
}

bool sema_const_int(fctx *F, ast_expr *e, int64_t *out)
{
    bool was = F->S->emit;
    F->S->emit = false;
    val v = sema_expr(F, e);
    F->S->emit = was;
    if (!v.is_const || v.t->kind != TY_SCALAR || (v.t->dtype != IR_I64 && v.t->dtype != IR_BOOL))
        return false;
    *out = v.ci;
    return true;
}

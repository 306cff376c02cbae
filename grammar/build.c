/* build.c: AST construction helpers called from the parser's actions. */
#include "grammar/build.h"

#include <stdint.h>
#include <string.h>

/* ---- lists ---- */

nps_list *nb_list(ast_module *m)
{
    return arena_alloc(&m->arena, sizeof(nps_list));
}

nps_list *nb_push(ast_module *m, nps_list *l, void *x)
{
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 4;
        void **items = arena_alloc(&m->arena, (size_t)cap * sizeof *items);
        if (l->n)
            memcpy(items, l->items, (size_t)l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = x;
    return l;
}

nps_list *nb_list1(ast_module *m, void *x)
{
    return nb_push(m, nb_list(m), x);
}

nps_list *nb_concat(ast_module *m, nps_list *l, const nps_list *more)
{
    for (int i = 0; i < more->n; i++)
        nb_push(m, l, more->items[i]);
    return l;
}

/* ---- expressions ---- */

ast_expr *nb_expr(ast_module *m, ast_expr_kind kind, src_loc loc)
{
    return ast_new_expr(m, kind, loc);
}

ast_expr *nb_name(ast_module *m, const char *id, src_loc loc)
{
    ast_expr *e = ast_new_expr(m, AST_NAME, loc);
    e->name.id = id;
    return e;
}

ast_expr *nb_binop(ast_module *m, ast_binop op, ast_expr *a, ast_expr *b)
{
    ast_expr *e = ast_new_expr(m, AST_BINOP, src_loc_join(a->loc, b->loc));
    e->bin.op = op;
    e->bin.lhs = a;
    e->bin.rhs = b;
    return e;
}

ast_expr *nb_unop(ast_module *m, ast_unop op, ast_expr *a, src_loc oploc)
{
    ast_expr *e = ast_new_expr(m, AST_UNOP, src_loc_join(oploc, a->loc));
    e->un.op = op;
    e->un.operand = a;
    return e;
}

ast_expr *nb_boolop(ast_module *m, bool is_and, nps_list *items)
{
    ast_expr *first = items->items[0], *last = items->items[items->n - 1];
    ast_expr *e = ast_new_expr(m, AST_BOOLOP, src_loc_join(first->loc, last->loc));
    e->boolop.is_and = is_and;
    e->boolop.items = (ast_expr **)items->items;
    e->boolop.n = items->n;
    return e;
}

nb_chain *nb_chain_new(ast_module *m, ast_expr *first)
{
    nb_chain *c = arena_alloc(&m->arena, sizeof *c);
    c->first = first;
    c->ops = nb_list(m);
    c->rest = nb_list(m);
    return c;
}

nb_chain *nb_chain_add(ast_module *m, nb_chain *c, ast_cmpop op, ast_expr *e)
{
    nb_push(m, c->ops, (void *)(intptr_t)op);
    nb_push(m, c->rest, e);
    return c;
}

ast_expr *nb_compare(ast_module *m, nb_chain *c)
{
    ast_expr *last = c->rest->items[c->rest->n - 1];
    ast_expr *e = ast_new_expr(m, AST_COMPARE, src_loc_join(c->first->loc, last->loc));
    e->cmp.first = c->first;
    e->cmp.n = c->rest->n;
    e->cmp.rest = (ast_expr **)c->rest->items;
    e->cmp.ops = arena_alloc(&m->arena, (size_t)e->cmp.n * sizeof *e->cmp.ops);
    for (int i = 0; i < e->cmp.n; i++)
        e->cmp.ops[i] = (ast_cmpop)(intptr_t)c->ops->items[i];
    return e;
}

ast_expr *nb_seq(ast_module *m, ast_expr_kind kind, nps_list *items, src_loc loc)
{
    ast_expr *e = ast_new_expr(m, kind, loc);
    e->seq.items = (ast_expr **)items->items;
    e->seq.n = items->n;
    return e;
}

/* a  ->  a;   a, b  or  a,  ->  a bare tuple spanning its items. */
ast_expr *nb_tuple_or_item(ast_module *m, nps_list *items, bool comma)
{
    if (items->n == 1 && !comma)
        return items->items[0];
    ast_expr *first = items->items[0], *last = items->items[items->n - 1];
    return nb_seq(m, AST_TUPLE, items, src_loc_join(first->loc, last->loc));
}

ast_expr *nb_attr(ast_module *m, ast_expr *obj, const char *name, src_loc name_loc)
{
    ast_expr *e = ast_new_expr(m, AST_ATTR, src_loc_join(obj->loc, name_loc));
    e->attr.obj = obj;
    e->attr.name = name;
    e->attr.name_loc = name_loc;
    return e;
}

ast_expr *nb_slice(ast_module *m, ast_expr *lo, ast_expr *hi, ast_expr *step, src_loc loc)
{
    ast_expr *e = ast_new_expr(m, AST_SLICE, loc);
    e->slice.lo = lo;
    e->slice.hi = hi;
    e->slice.step = step;
    return e;
}

/* obj[i, j]: one index item per comma-separated part; obj[i,] indexes by a tuple. */
ast_expr *nb_subscript(ast_module *m, ast_expr *obj, nps_list *index, bool comma, src_loc end)
{
    ast_expr *e = ast_new_expr(m, AST_SUBSCRIPT, src_loc_join(obj->loc, end));
    if (index->n == 1 && comma) {
        ast_expr *only = index->items[0];
        index = nb_list1(m, nb_seq(m, AST_TUPLE, index, only->loc));
    }
    e->sub.obj = obj;
    e->sub.index = (ast_expr **)index->items;
    e->sub.nindex = index->n;
    return e;
}

/* ---- calls ---- */

nb_args *nb_args_new(ast_module *m)
{
    nb_args *a = arena_alloc(&m->arena, sizeof *a);
    a->pos = nb_list(m);
    a->kw = nb_list(m);
    return a;
}

nb_args *nb_args_pos(ast_module *m, nb_args *a, ast_expr *e)
{
    if (a->kw->n > 0) {
        diag_error(e->loc, "positional argument follows keyword argument");
        return NULL;
    }
    nb_push(m, a->pos, e);
    return a;
}

nb_args *nb_args_kw(ast_module *m, nb_args *a, const char *name, src_loc nloc, ast_expr *v)
{
    for (int i = 0; i < a->kw->n; i++) {
        ast_keyword *k = a->kw->items[i];
        if (strcmp(k->name, name) == 0) {
            diag_error(nloc, "keyword argument repeated: %s", name);
            return NULL;
        }
    }
    ast_keyword *k = arena_alloc(&m->arena, sizeof *k);
    k->name = name;
    k->value = v;
    k->loc = src_loc_join(nloc, v->loc);
    nb_push(m, a->kw, k);
    return a;
}

ast_expr *nb_call(ast_module *m, ast_expr *func, nb_args *a, src_loc end)
{
    ast_expr *e = ast_new_expr(m, AST_CALL, src_loc_join(func->loc, end));
    e->call.func = func;
    e->call.args = (ast_expr **)a->pos->items;
    e->call.nargs = a->pos->n;
    e->call.nkwargs = a->kw->n;
    if (a->kw->n) {
        e->call.kwargs = arena_alloc(&m->arena, (size_t)a->kw->n * sizeof(ast_keyword));
        for (int i = 0; i < a->kw->n; i++)
            e->call.kwargs[i] = *(ast_keyword *)a->kw->items[i];
    }
    return e;
}

/* ---- statements ---- */

ast_stmt *nb_stmt(ast_module *m, ast_stmt_kind kind, src_loc loc)
{
    return ast_new_stmt(m, kind, loc);
}

ast_stmt *nb_expr_stmt(ast_module *m, ast_expr *e)
{
    ast_stmt *s = ast_new_stmt(m, AST_EXPR_STMT, e->loc);
    s->expr.value = e;
    return s;
}

static const char *target_problem(const ast_expr *e)
{
    switch (e->kind) {
    case AST_CALL: return "function call";
    case AST_INT: case AST_FLOAT: case AST_STR: case AST_FSTRING: return "literal";
    case AST_BOOL: return e->bval ? "True" : "False";
    case AST_NONE: return "None";
    case AST_ELLIPSIS: return "ellipsis";
    case AST_COMPARE: return "comparison";
    case AST_BOOLOP: case AST_BINOP: case AST_UNOP: return "expression";
    case AST_IFEXP: return "conditional expression";
    case AST_LAMBDA: return "lambda";
    default: return "expression";
    }
}

/* Is e something one can assign to (or delete)?  Reports the error if not. */
bool nb_check_target(ast_expr *e, bool in_del)
{
    switch (e->kind) {
    case AST_NAME: case AST_ATTR: case AST_SUBSCRIPT:
        return true;
    case AST_TUPLE: case AST_LIST:
        for (int i = 0; i < e->seq.n; i++)
            if (!nb_check_target(e->seq.items[i], in_del))
                return false;
        return true;
    case AST_STARRED:
        if (!in_del)
            return nb_check_target(e->starred.value, in_del);
        break;
    default:
        break;
    }
    diag_error(e->loc, "cannot %s %s", in_del ? "delete" : "assign to", target_problem(e));
    return false;
}

ast_stmt *nb_assign(ast_module *m, nps_list *chain)
{
    int nt = chain->n - 1;
    for (int i = 0; i < nt; i++)
        if (!nb_check_target(chain->items[i], false))
            return NULL;
    ast_expr *first = chain->items[0];
    ast_stmt *s = ast_new_stmt(m, AST_ASSIGN, first->loc);
    s->assign.targets = (ast_expr **)chain->items;
    s->assign.ntargets = nt;
    s->assign.value = chain->items[nt];
    ast_expr *last = s->assign.value;
    s->loc = src_loc_join(first->loc, last->loc);
    return s;
}

ast_stmt *nb_augassign(ast_module *m, ast_expr *t, ast_binop op, ast_expr *v, src_loc oploc)
{
    if (t->kind != AST_NAME && t->kind != AST_ATTR && t->kind != AST_SUBSCRIPT) {
        diag_error(t->loc, "'%s' is an illegal expression for augmented assignment",
                   target_problem(t));
        return NULL;
    }
    ast_stmt *s = ast_new_stmt(m, AST_AUGASSIGN, src_loc_join(t->loc, v->loc));
    s->aug.target = t;
    s->aug.op = op;
    s->aug.value = v;
    return s;
}

ast_stmt *nb_del(ast_module *m, nps_list *targets, src_loc loc)
{
    for (int i = 0; i < targets->n; i++)
        if (!nb_check_target(targets->items[i], true))
            return NULL;
    ast_stmt *s = ast_new_stmt(m, AST_DEL, loc);
    s->del.targets = (ast_expr **)targets->items;
    s->del.n = targets->n;
    return s;
}

ast_stmt *nb_unsupported(ast_module *m, const char *what, src_loc loc)
{
    ast_stmt *s = ast_new_stmt(m, AST_UNSUPPORTED, loc);
    s->unsupported.what = what;
    return s;
}

/* Parameters: names unique, no non-default after a default. */
static bool check_params(nps_list *params)
{
    bool seen_default = false;
    for (int i = 0; i < params->n; i++) {
        nb_param *p = params->items[i];
        for (int j = 0; j < i; j++)
            if (strcmp(((nb_param *)params->items[j])->name, p->name) == 0) {
                diag_error(p->loc, "duplicate argument '%s' in function definition", p->name);
                return false;
            }
        if (p->dflt)
            seen_default = true;
        else if (seen_default) {
            diag_error(p->loc, "non-default argument follows default argument");
            return false;
        }
    }
    return true;
}

ast_stmt *nb_def(ast_module *m, src_loc loc, const char *name, src_loc nloc, nps_list *params,
                 ast_block body)
{
    if (!check_params(params))
        return NULL;
    ast_stmt *s = ast_new_stmt(m, AST_DEF, loc);
    int n = params->n;
    s->def.name = name;
    s->def.name_loc = nloc;
    s->def.nparams = n;
    s->def.params = arena_alloc(&m->arena, (size_t)(n + 1) * sizeof(char *));
    s->def.param_locs = arena_alloc(&m->arena, (size_t)(n + 1) * sizeof(src_loc));
    s->def.defaults = arena_alloc(&m->arena, (size_t)(n + 1) * sizeof(ast_expr *));
    for (int i = 0; i < n; i++) {
        nb_param *p = params->items[i];
        s->def.params[i] = p->name;
        s->def.param_locs[i] = p->loc;
        s->def.defaults[i] = p->dflt;
    }
    s->def.body = body;
    return s;
}

ast_expr *nb_lambda(ast_module *m, src_loc loc, nps_list *params, ast_expr *body)
{
    if (!check_params(params))
        return NULL;
    for (int i = 0; i < params->n; i++)
        if (((nb_param *)params->items[i])->dflt) {
            diag_error(((nb_param *)params->items[i])->loc,
                       "default values of lambda parameters are not supported");
            return NULL;
        }
    ast_expr *e = ast_new_expr(m, AST_LAMBDA, src_loc_join(loc, body->loc));
    e->lambda.nparams = params->n;
    e->lambda.params = arena_alloc(&m->arena, (size_t)(params->n + 1) * sizeof(char *));
    for (int i = 0; i < params->n; i++)
        e->lambda.params[i] = ((nb_param *)params->items[i])->name;
    e->lambda.body = body;
    return e;
}

ast_block nb_block(nps_list *stmts)
{
    ast_block b = {(ast_stmt **)stmts->items, stmts->n};
    return b;
}

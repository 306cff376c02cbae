/* build.h: AST construction helpers for the parser's actions.
 *
 * Everything is allocated in the module's arena, so a parse that aborts
 * leaks nothing.  Helpers that check the source (assignment targets, the
 * order of call arguments and parameters) report the error through diag and
 * return NULL; the action then aborts the parse.
 */
#ifndef NUMSC_BUILD_H
#define NUMSC_BUILD_H

#include <stdbool.h>

#include "frontend/ast.h"

/* A growable list in the arena. */
typedef struct nps_list {
    void **items;
    int n, cap;
} nps_list;

nps_list *nb_list(ast_module *m);
nps_list *nb_list1(ast_module *m, void *x);
nps_list *nb_push(ast_module *m, nps_list *l, void *x);
nps_list *nb_concat(ast_module *m, nps_list *l, const nps_list *more);

/* Chains: a < b <= c, a and b and c. */
typedef struct nb_chain {
    ast_expr *first;
    nps_list *ops;          /* ast_cmpop as intptr_t */
    nps_list *rest;
} nb_chain;

/* Call arguments being collected. */
typedef struct nb_args {
    nps_list *pos;          /* ast_expr* */
    nps_list *kw;           /* ast_keyword* */
} nb_args;

/* One function parameter. */
typedef struct nb_param {
    const char *name;
    src_loc loc;
    ast_expr *dflt;
} nb_param;

ast_expr *nb_expr(ast_module *m, ast_expr_kind kind, src_loc loc);
ast_expr *nb_name(ast_module *m, const char *id, src_loc loc);
ast_expr *nb_binop(ast_module *m, ast_binop op, ast_expr *a, ast_expr *b);
ast_expr *nb_unop(ast_module *m, ast_unop op, ast_expr *a, src_loc oploc);
ast_expr *nb_boolop(ast_module *m, bool is_and, nps_list *items);
nb_chain *nb_chain_new(ast_module *m, ast_expr *first);
nb_chain *nb_chain_add(ast_module *m, nb_chain *c, ast_cmpop op, ast_expr *e);
ast_expr *nb_compare(ast_module *m, nb_chain *c);
ast_expr *nb_seq(ast_module *m, ast_expr_kind kind, nps_list *items, src_loc loc);
ast_expr *nb_tuple_or_item(ast_module *m, nps_list *items, bool comma);
ast_expr *nb_attr(ast_module *m, ast_expr *obj, const char *name, src_loc name_loc);
ast_expr *nb_slice(ast_module *m, ast_expr *lo, ast_expr *hi, ast_expr *step, src_loc loc);
ast_expr *nb_subscript(ast_module *m, ast_expr *obj, nps_list *index, bool comma, src_loc end);

nb_args *nb_args_new(ast_module *m);
nb_args *nb_args_pos(ast_module *m, nb_args *a, ast_expr *e);     /* NULL: after a keyword */
nb_args *nb_args_kw(ast_module *m, nb_args *a, const char *name, src_loc nloc, ast_expr *v);
ast_expr *nb_call(ast_module *m, ast_expr *func, nb_args *a, src_loc end);

ast_stmt *nb_stmt(ast_module *m, ast_stmt_kind kind, src_loc loc);
ast_stmt *nb_expr_stmt(ast_module *m, ast_expr *e);
ast_stmt *nb_assign(ast_module *m, nps_list *chain);   /* targets..., value */
ast_stmt *nb_augassign(ast_module *m, ast_expr *t, ast_binop op, ast_expr *v, src_loc oploc);
ast_stmt *nb_del(ast_module *m, nps_list *targets, src_loc loc);
ast_stmt *nb_unsupported(ast_module *m, const char *what, src_loc loc);
ast_stmt *nb_def(ast_module *m, src_loc loc, const char *name, src_loc nloc, nps_list *params,
                 ast_block body);
ast_expr *nb_lambda(ast_module *m, src_loc loc, nps_list *params, ast_expr *body);
ast_block nb_block(nps_list *stmts);
bool nb_check_target(ast_expr *e, bool in_del);

#endif

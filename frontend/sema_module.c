/* sema_module.c: the front end's entry point: imports, definitions,
 * module-level variables read by functions, and the rounds of analysis
 * followed by emission. */
#include "frontend/frontend.h"
#include "frontend/sema.h"

#include <string.h>

static const char *const supported_modules[] = {"numpy", "math", "sys", "time"};

static bool check_import(sema *S, ast_stmt *s)
{
    const char *mod = s->import.module;
    if (s->kind == AST_FROM_IMPORT) {
        diag_error(s->loc, "'from %s import ...' is not supported; use 'import %s as ...'", mod, mod);
        return false;
    }
    const char *root_end = strchr(mod, '.');
    size_t rootlen = root_end ? (size_t)(root_end - mod) : strlen(mod);
    bool ok = false;
    for (size_t i = 0; i < sizeof supported_modules / sizeof *supported_modules; i++)
        ok |= strlen(supported_modules[i]) == rootlen && strncmp(supported_modules[i], mod, rootlen) == 0;
    if (!ok) {
        diag_error(s->loc, "module '%.*s' is not supported (numsc supports numpy, math, sys, time)",
                   (int)rootlen, mod);
        return false;
    }
    struct alias a;
    if (s->import.alias) {
        a.name = s->import.alias;
        a.module = mod;
    } else {    /* import numpy.linalg binds 'numpy' */
        a.name = arena_strndup(S->a, mod, rootlen);
        a.module = a.name;
    }
    vec_push(&S->imports, a);
    return true;
}

/* ---- which module-level names do functions read? ---- */

typedef VEC(const char *) name_list;

static bool has_name(name_list *l, const char *n)
{
    for (int i = 0; i < l->len; i++)
        if (strcmp(l->data[i], n) == 0)
            return true;
    return false;
}

static void add_name(name_list *l, const char *n)
{
    if (!has_name(l, n))
        vec_push(l, n);
}

static void collect_targets(ast_expr *t, name_list *out)
{
    if (t->kind == AST_NAME)
        add_name(out, t->name.id);
    else if (t->kind == AST_TUPLE || t->kind == AST_LIST)
        for (int i = 0; i < t->seq.n; i++)
            collect_targets(t->seq.items[i], out);
}

static void collect_reads(ast_expr *e, name_list *out);

static void collect_reads_list(ast_expr **es, int n, name_list *out)
{
    for (int i = 0; i < n; i++)
        if (es[i])
            collect_reads(es[i], out);
}

static void collect_reads(ast_expr *e, name_list *out)
{
    if (!e)
        return;
    switch (e->kind) {
    case AST_NAME: add_name(out, e->name.id); break;
    case AST_ATTR: collect_reads(e->attr.obj, out); break;
    case AST_CALL:
        collect_reads(e->call.func, out);
        collect_reads_list(e->call.args, e->call.nargs, out);
        for (int i = 0; i < e->call.nkwargs; i++)
            collect_reads(e->call.kwargs[i].value, out);
        break;
    case AST_SUBSCRIPT:
        collect_reads(e->sub.obj, out);
        collect_reads_list(e->sub.index, e->sub.nindex, out);
        break;
    case AST_SLICE:
        collect_reads(e->slice.lo, out);
        collect_reads(e->slice.hi, out);
        collect_reads(e->slice.step, out);
        break;
    case AST_TUPLE: case AST_LIST: collect_reads_list(e->seq.items, e->seq.n, out); break;
    case AST_BINOP: collect_reads(e->bin.lhs, out); collect_reads(e->bin.rhs, out); break;
    case AST_UNOP: collect_reads(e->un.operand, out); break;
    case AST_BOOLOP: collect_reads_list(e->boolop.items, e->boolop.n, out); break;
    case AST_COMPARE:
        collect_reads(e->cmp.first, out);
        collect_reads_list(e->cmp.rest, e->cmp.n, out);
        break;
    case AST_IFEXP:
        collect_reads(e->ifexp.cond, out);
        collect_reads(e->ifexp.then, out);
        collect_reads(e->ifexp.orelse, out);
        break;
    case AST_FSTRING: collect_reads_list(e->fstr.parts, e->fstr.n, out); break;
    case AST_FORMATTED: collect_reads(e->fmt.value, out); collect_reads(e->fmt.spec, out); break;
    case AST_STARRED: collect_reads(e->starred.value, out); break;
    default: break;
    }
}

static void collect_block(ast_block b, name_list *locals, name_list *reads)
{
    for (int i = 0; i < b.n; i++) {
        ast_stmt *s = b.stmts[i];
        switch (s->kind) {
        case AST_EXPR_STMT: collect_reads(s->expr.value, reads); break;
        case AST_ASSIGN:
            collect_reads(s->assign.value, reads);
            for (int k = 0; k < s->assign.ntargets; k++) {
                collect_targets(s->assign.targets[k], locals);
                if (s->assign.targets[k]->kind == AST_SUBSCRIPT)
                    collect_reads(s->assign.targets[k], reads);
            }
            break;
        case AST_AUGASSIGN:
            collect_reads(s->aug.value, reads);
            collect_reads(s->aug.target, reads);
            collect_targets(s->aug.target, locals);
            break;
        case AST_IF:
            collect_reads(s->ifs.cond, reads);
            collect_block(s->ifs.then, locals, reads);
            collect_block(s->ifs.orelse, locals, reads);
            break;
        case AST_WHILE:
            collect_reads(s->loop.cond, reads);
            collect_block(s->loop.body, locals, reads);
            break;
        case AST_FOR:
            collect_reads(s->forl.iter, reads);
            collect_targets(s->forl.target, locals);
            collect_block(s->forl.body, locals, reads);
            break;
        case AST_RETURN: collect_reads(s->ret.value, reads); break;
        case AST_ASSERT:
            collect_reads(s->assertion.test, reads);
            collect_reads(s->assertion.msg, reads);
            break;
        default: break;
        }
    }
}

static void find_globals(sema *S)
{
    name_list module_locals = {0}, module_reads = {0};
    collect_block(S->ast->body, &module_locals, &module_reads);
    for (int d = 0; d < S->defs.len; d++) {
        const ast_stmt *def = S->defs.data[d];
        name_list locals = {0}, reads = {0};
        for (int i = 0; i < def->def.nparams; i++)
            add_name(&locals, def->def.params[i]);
        collect_block(def->def.body, &locals, &reads);
        for (int i = 0; i < reads.len; i++)
            if (!has_name(&locals, reads.data[i]) && has_name(&module_locals, reads.data[i]))
                add_name((name_list *)&S->global_names, reads.data[i]);
        vec_free(&locals);
        vec_free(&reads);
    }
    vec_free(&module_locals);
    vec_free(&module_reads);
}

static bool prepass(sema *S)
{
    bool ok = true;
    ast_block b = S->ast->body;
    for (int i = 0; i < b.n; i++) {
        ast_stmt *s = b.stmts[i];
        if (s->kind == AST_IMPORT || s->kind == AST_FROM_IMPORT)
            ok &= check_import(S, s);
        if (s->kind == AST_DEF) {
            for (int k = 0; k < S->defs.len; k++)
                if (strcmp(S->defs.data[k]->def.name, s->def.name) == 0) {
                    diag_error(s->def.name_loc, "function '%s' is defined twice", s->def.name);
                    ok = false;
                }
            vec_push(&S->defs, s);
        }
    }
    find_globals(S);
    return ok;
}

static void walk_main(sema *S, slot_vec *slots, ir_func *irf)
{
    fctx F = {0};
    F.S = S;
    F.slots = (void *)slots;
    F.irf = irf;
    F.blk = irf ? &irf->body : NULL;
    sema_block(&F, S->ast->body);
    if (S->emit)
        emit_op(&F, IR_RETURN, src_loc_make(0, 0, 0, 0), NULL, NULL, 0);
    env_free(&F.env);
}

ir_module *nps_compile_to_ir(const char *path, const char *text)
{
    ast_module *ast = ast_parse(path, text);
    if (!ast)
        return NULL;
    sema S = {0};
    S.ast = ast;
    S.ir = ir_module_new(path);
    S.a = &S.ir->arena;
    slot_vec main_slots = {0};
    bool ok = prepass(&S);
    for (S.round = 1; ok && S.round <= 32; S.round++) {
        S.changed = false;
        walk_main(&S, &main_slots, NULL);
        if (diag_error_count() > 0)
            ok = false;
        if (!S.changed)
            break;
    }
    if (ok && S.round > 32) {
        diag_error(src_loc_make(1, 1, 1, 1), "type inference did not settle (internal limit)");
        ok = false;
    }
    if (ok) {
        S.emit = true;
        for (int i = 0; i < S.specs.len; i++)
            if (S.specs.data[i]->analysed_round == S.round)
                sema_emit_spec(&S, S.specs.data[i]);
        ir_func *main_fn = ir_func_new(S.ir, "main");
        walk_main(&S, &main_slots, main_fn);
    }
    for (int i = 0; i < S.specs.len; i++)
        vec_free(&S.specs.data[i]->slots);
    vec_free(&main_slots);
    vec_free(&S.defs);
    vec_free(&S.specs);
    vec_free(&S.global_names);
    vec_free(&S.global_slots);
    vec_free(&S.imports);
    ast_free(ast);
    if (!ok) {
        ir_module_free(S.ir);
        return NULL;
    }
    return S.ir;
}

/* ast.c: AST constructors, deep copies, the S-expression dump, the operator
 * symbol tables, and the parse/free entry points (the grammar lives in
 * grammar/).
 */
#include "frontend/ast.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "grammar/parse_api.h"

ast_expr *ast_new_expr(ast_module *m, ast_expr_kind kind, src_loc loc)
{
    ast_expr *e = arena_alloc(&m->arena, sizeof *e);
    e->kind = kind;
    e->loc = loc;
    return e;
}

ast_stmt *ast_new_stmt(ast_module *m, ast_stmt_kind kind, src_loc loc)
{
    ast_stmt *s = arena_alloc(&m->arena, sizeof *s);
    s->kind = kind;
    s->loc = loc;
    return s;
}

/* ---- symbol tables ---- */

const char *ast_binop_symbol(ast_binop op)
{
    static const char *sym[AST_BINOP_COUNT] = {   /* ORDER AST_BINOP */
        "+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>",
    };
    return (unsigned)op < AST_BINOP_COUNT ? sym[op] : "?";
}

const char *ast_cmpop_symbol(ast_cmpop op)
{
    static const char *sym[] = {                  /* ORDER AST_CMPOP */
        "==", "!=", "<", "<=", ">", ">=", "is", "is not", "in", "not in",
    };
    return (unsigned)op <= AST_NOT_IN ? sym[op] : "?";
}

/* ---- deep copies ---- */

static ast_expr **clone_exprs(ast_module *m, ast_expr *const *v, int n)
{
    if (!v)
        return NULL;
    ast_expr **out = arena_alloc(&m->arena, (size_t)(n + 1) * sizeof *out);
    for (int i = 0; i < n; i++)
        out[i] = ast_clone_expr(m, v[i]);
    return out;
}

static void *clone_mem(ast_module *m, const void *p, size_t size)
{
    if (!p || size == 0)
        return NULL;
    void *q = arena_alloc(&m->arena, size);
    memcpy(q, p, size);
    return q;
}

static void clone_expr_fields(ast_module *m, ast_expr *c)
{
    switch (c->kind) {
    case AST_ATTR: c->attr.obj = ast_clone_expr(m, c->attr.obj); break;
    case AST_CALL:
        c->call.func = ast_clone_expr(m, c->call.func);
        c->call.args = clone_exprs(m, c->call.args, c->call.nargs);
        c->call.kwargs = clone_mem(m, c->call.kwargs, (size_t)c->call.nkwargs * sizeof(ast_keyword));
        for (int i = 0; i < c->call.nkwargs; i++)
            c->call.kwargs[i].value = ast_clone_expr(m, c->call.kwargs[i].value);
        break;
    case AST_SUBSCRIPT:
        c->sub.obj = ast_clone_expr(m, c->sub.obj);
        c->sub.index = clone_exprs(m, c->sub.index, c->sub.nindex);
        break;
    case AST_SLICE:
        c->slice.lo = ast_clone_expr(m, c->slice.lo);
        c->slice.hi = ast_clone_expr(m, c->slice.hi);
        c->slice.step = ast_clone_expr(m, c->slice.step);
        break;
    case AST_TUPLE: case AST_LIST: c->seq.items = clone_exprs(m, c->seq.items, c->seq.n); break;
    case AST_BINOP:
        c->bin.lhs = ast_clone_expr(m, c->bin.lhs);
        c->bin.rhs = ast_clone_expr(m, c->bin.rhs);
        break;
    case AST_UNOP: c->un.operand = ast_clone_expr(m, c->un.operand); break;
    case AST_BOOLOP: c->boolop.items = clone_exprs(m, c->boolop.items, c->boolop.n); break;
    case AST_COMPARE:
        c->cmp.first = ast_clone_expr(m, c->cmp.first);
        c->cmp.ops = clone_mem(m, c->cmp.ops, (size_t)c->cmp.n * sizeof *c->cmp.ops);
        c->cmp.rest = clone_exprs(m, c->cmp.rest, c->cmp.n);
        break;
    case AST_IFEXP:
        c->ifexp.cond = ast_clone_expr(m, c->ifexp.cond);
        c->ifexp.then = ast_clone_expr(m, c->ifexp.then);
        c->ifexp.orelse = ast_clone_expr(m, c->ifexp.orelse);
        break;
    case AST_FSTRING: c->fstr.parts = clone_exprs(m, c->fstr.parts, c->fstr.n); break;
    case AST_FORMATTED:
        c->fmt.value = ast_clone_expr(m, c->fmt.value);
        c->fmt.spec = ast_clone_expr(m, c->fmt.spec);
        break;
    case AST_LAMBDA: c->lambda.body = ast_clone_expr(m, c->lambda.body); break;
    case AST_STARRED: c->starred.value = ast_clone_expr(m, c->starred.value); break;
    default: break;                     /* leaves: strings and names are shared, immutable */
    }
}

ast_expr *ast_clone_expr(ast_module *m, const ast_expr *e)
{
    if (!e)
        return NULL;
    ast_expr *c = arena_alloc(&m->arena, sizeof *c);
    *c = *e;
    c->type = NULL;
    clone_expr_fields(m, c);
    return c;
}

static ast_stmt *clone_stmt(ast_module *m, const ast_stmt *s)
{
    ast_stmt *c = arena_alloc(&m->arena, sizeof *c);
    *c = *s;
    switch (c->kind) {
    case AST_EXPR_STMT: c->expr.value = ast_clone_expr(m, c->expr.value); break;
    case AST_ASSIGN:
        c->assign.targets = clone_exprs(m, c->assign.targets, c->assign.ntargets);
        c->assign.value = ast_clone_expr(m, c->assign.value);
        break;
    case AST_AUGASSIGN:
        c->aug.target = ast_clone_expr(m, c->aug.target);
        c->aug.value = ast_clone_expr(m, c->aug.value);
        break;
    case AST_IF:
        c->ifs.cond = ast_clone_expr(m, c->ifs.cond);
        c->ifs.then = ast_clone_block(m, c->ifs.then);
        c->ifs.orelse = ast_clone_block(m, c->ifs.orelse);
        break;
    case AST_WHILE:
        c->loop.cond = ast_clone_expr(m, c->loop.cond);
        c->loop.body = ast_clone_block(m, c->loop.body);
        break;
    case AST_FOR:
        c->forl.target = ast_clone_expr(m, c->forl.target);
        c->forl.iter = ast_clone_expr(m, c->forl.iter);
        c->forl.body = ast_clone_block(m, c->forl.body);
        break;
    case AST_RETURN: c->ret.value = ast_clone_expr(m, c->ret.value); break;
    case AST_ASSERT:
        c->assertion.test = ast_clone_expr(m, c->assertion.test);
        c->assertion.msg = ast_clone_expr(m, c->assertion.msg);
        break;
    case AST_DEF:
        c->def.defaults = clone_exprs(m, c->def.defaults, c->def.nparams);
        c->def.body = ast_clone_block(m, c->def.body);
        break;
    case AST_CLASS: c->def.body = ast_clone_block(m, c->def.body); break;
    case AST_DEL: c->del.targets = clone_exprs(m, c->del.targets, c->del.n); break;
    default: break;
    }
    return c;
}

ast_block ast_clone_block(ast_module *m, ast_block b)
{
    ast_block c = {NULL, b.n};
    if (b.n == 0)
        return c;
    c.stmts = arena_alloc(&m->arena, (size_t)b.n * sizeof *c.stmts);
    for (int i = 0; i < b.n; i++)
        c.stmts[i] = clone_stmt(m, b.stmts[i]);
    return c;
}

/* ---- dump ---- */

static void dump_str(FILE *out, const char *s, int len)
{
    fputc('"', out);
    for (int i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* Shortest %g form that reads back exactly, with a '.' or exponent. */
static void dump_float(FILE *out, double v)
{
    char buf[40];
    if (isinf(v) || isnan(v)) {
        fputs(isnan(v) ? "nan" : v > 0 ? "inf" : "-inf", out);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, out);
    if (!strpbrk(buf, ".e"))
        fputs(".0", out);
}

static void dump_list(FILE *out, ast_expr *const *v, int n)
{
    for (int i = 0; i < n; i++) {
        fputc(' ', out);
        ast_dump_expr(out, v[i]);
    }
}

static void dump_opt(FILE *out, const ast_expr *e)
{
    if (e)
        ast_dump_expr(out, e);
    else
        fputc('_', out);
}

static void dump_call(FILE *out, const ast_expr *e)
{
    fputs("(call ", out);
    ast_dump_expr(out, e->call.func);
    dump_list(out, e->call.args, e->call.nargs);
    for (int i = 0; i < e->call.nkwargs; i++) {
        fprintf(out, " (kw %s ", e->call.kwargs[i].name);
        ast_dump_expr(out, e->call.kwargs[i].value);
        fputc(')', out);
    }
    fputc(')', out);
}

static void dump_compound(FILE *out, const ast_expr *e)
{
    switch (e->kind) {
    case AST_BOOLOP:
        fputs(e->boolop.is_and ? "(and" : "(or", out);
        dump_list(out, e->boolop.items, e->boolop.n);
        break;
    case AST_COMPARE:
        fputs("(cmp ", out);
        ast_dump_expr(out, e->cmp.first);
        for (int i = 0; i < e->cmp.n; i++) {
            fprintf(out, " %s ", ast_cmpop_symbol(e->cmp.ops[i]));
            ast_dump_expr(out, e->cmp.rest[i]);
        }
        break;
    case AST_IFEXP:
        fputs("(ifexp ", out);
        ast_dump_expr(out, e->ifexp.cond);
        fputc(' ', out);
        ast_dump_expr(out, e->ifexp.then);
        fputc(' ', out);
        ast_dump_expr(out, e->ifexp.orelse);
        break;
    case AST_FSTRING:
        fputs("(fstr", out);
        dump_list(out, e->fstr.parts, e->fstr.n);
        break;
    case AST_FORMATTED:
        fputs("(fmt ", out);
        ast_dump_expr(out, e->fmt.value);
        fprintf(out, " %c ", e->fmt.conv ? e->fmt.conv : '_');
        dump_opt(out, e->fmt.spec);
        break;
    case AST_LAMBDA:
        fputs("(lambda (", out);
        for (int i = 0; i < e->lambda.nparams; i++)
            fprintf(out, "%s%s", i ? " " : "", e->lambda.params[i]);
        fputs(") ", out);
        ast_dump_expr(out, e->lambda.body);
        break;
    default:
        fputs("(?", out);
        break;
    }
    fputc(')', out);
}

void ast_dump_expr(FILE *out, const ast_expr *e)
{
    static const char *unops[] = {"neg", "pos", "not", "~"};
    switch (e->kind) {
    case AST_INT: fprintf(out, "%lld", (long long)e->ival); break;
    case AST_FLOAT: dump_float(out, e->fval); break;
    case AST_STR: dump_str(out, e->str.text, e->str.len); break;
    case AST_BOOL: fputs(e->bval ? "True" : "False", out); break;
    case AST_NONE: fputs("None", out); break;
    case AST_ELLIPSIS: fputs("...", out); break;
    case AST_NAME: fputs(e->name.id, out); break;
    case AST_ATTR:
        fputs("(. ", out);
        ast_dump_expr(out, e->attr.obj);
        fprintf(out, " %s)", e->attr.name);
        break;
    case AST_CALL: dump_call(out, e); break;
    case AST_SUBSCRIPT:
        fputs("(sub ", out);
        ast_dump_expr(out, e->sub.obj);
        dump_list(out, e->sub.index, e->sub.nindex);
        fputc(')', out);
        break;
    case AST_SLICE:
        fputs("(slice ", out);
        dump_opt(out, e->slice.lo);
        fputc(' ', out);
        dump_opt(out, e->slice.hi);
        fputc(' ', out);
        dump_opt(out, e->slice.step);
        fputc(')', out);
        break;
    case AST_TUPLE: case AST_LIST:
        fputs(e->kind == AST_TUPLE ? "(tuple" : "(list", out);
        dump_list(out, e->seq.items, e->seq.n);
        fputc(')', out);
        break;
    case AST_BINOP:
        fprintf(out, "(%s ", ast_binop_symbol(e->bin.op));
        ast_dump_expr(out, e->bin.lhs);
        fputc(' ', out);
        ast_dump_expr(out, e->bin.rhs);
        fputc(')', out);
        break;
    case AST_UNOP:
        fprintf(out, "(%s ", unops[e->un.op]);
        ast_dump_expr(out, e->un.operand);
        fputc(')', out);
        break;
    case AST_STARRED:
        fputs("(* ", out);
        ast_dump_expr(out, e->starred.value);
        fputc(')', out);
        break;
    default: dump_compound(out, e); break;
    }
}

static void dump_block(FILE *out, ast_block b, int depth);

static void dump_names(FILE *out, const char *const *v, int n)
{
    for (int i = 0; i < n; i++)
        fprintf(out, " %s", v[i]);
}

static void dump_def(FILE *out, const ast_stmt *s, int depth)
{
    fprintf(out, "(def %s (", s->def.name);
    for (int i = 0; i < s->def.nparams; i++) {
        fprintf(out, "%s%s", i ? " " : "", s->def.params[i]);
        if (s->def.defaults[i]) {
            fputc('=', out);
            ast_dump_expr(out, s->def.defaults[i]);
        }
    }
    fputc(')', out);
    dump_block(out, s->def.body, depth + 1);
}

static void dump_import(FILE *out, const ast_stmt *s)
{
    if (s->kind == AST_IMPORT) {
        fprintf(out, "(import %s", s->import.module);
        if (s->import.alias)
            fprintf(out, " as %s", s->import.alias);
        return;
    }
    fprintf(out, "(from %s", s->import.module);
    for (int i = 0; i < s->import.nnames; i++) {
        fprintf(out, " %s", s->import.names[i]);
        if (s->import.aliases[i])
            fprintf(out, " as %s", s->import.aliases[i]);
    }
}

/* One statement: its head on the current line, nested blocks indented. */
static void dump_stmt(FILE *out, const ast_stmt *s, int depth)
{
    fprintf(out, "%*s", 2 * depth, "");
    switch (s->kind) {
    case AST_EXPR_STMT: fputs("(expr ", out); ast_dump_expr(out, s->expr.value); break;
    case AST_ASSIGN:
        fputs("(=", out);
        dump_list(out, s->assign.targets, s->assign.ntargets);
        fputc(' ', out);
        ast_dump_expr(out, s->assign.value);
        break;
    case AST_AUGASSIGN:
        fprintf(out, "(%s= ", ast_binop_symbol(s->aug.op));
        ast_dump_expr(out, s->aug.target);
        fputc(' ', out);
        ast_dump_expr(out, s->aug.value);
        break;
    case AST_IF:
        fputs("(if ", out);
        ast_dump_expr(out, s->ifs.cond);
        dump_block(out, s->ifs.then, depth + 1);
        if (s->ifs.orelse.n) {
            fprintf(out, "\n%*selse", 2 * depth + 1, "");
            dump_block(out, s->ifs.orelse, depth + 1);
        }
        break;
    case AST_WHILE:
        fputs("(while ", out);
        ast_dump_expr(out, s->loop.cond);
        dump_block(out, s->loop.body, depth + 1);
        break;
    case AST_FOR:
        fputs("(for ", out);
        ast_dump_expr(out, s->forl.target);
        fputc(' ', out);
        ast_dump_expr(out, s->forl.iter);
        dump_block(out, s->forl.body, depth + 1);
        break;
    case AST_BREAK: fputs("(break", out); break;
    case AST_CONTINUE: fputs("(continue", out); break;
    case AST_PASS: fputs("(pass", out); break;
    case AST_RETURN:
        fputs("(return", out);
        if (s->ret.value) {
            fputc(' ', out);
            ast_dump_expr(out, s->ret.value);
        }
        break;
    case AST_ASSERT:
        fputs("(assert ", out);
        ast_dump_expr(out, s->assertion.test);
        if (s->assertion.msg) {
            fputc(' ', out);
            ast_dump_expr(out, s->assertion.msg);
        }
        break;
    case AST_DEF: dump_def(out, s, depth); break;
    case AST_IMPORT: case AST_FROM_IMPORT: dump_import(out, s); break;
    case AST_CLASS:
        fprintf(out, "(class %s", s->def.name);
        dump_block(out, s->def.body, depth + 1);
        break;
    case AST_GLOBAL: fputs("(global", out); dump_names(out, s->global.names, s->global.n); break;
    case AST_DEL: fputs("(del", out); dump_list(out, s->del.targets, s->del.n); break;
    case AST_UNSUPPORTED: fprintf(out, "(unsupported \"%s\"", s->unsupported.what); break;
    }
    fputc(')', out);
}

static void dump_block(FILE *out, ast_block b, int depth)
{
    for (int i = 0; i < b.n; i++) {
        fputc('\n', out);
        dump_stmt(out, b.stmts[i], depth);
    }
}

void ast_dump(FILE *out, const ast_module *m)
{
    for (int i = 0; i < m->body.n; i++) {
        dump_stmt(out, m->body.stmts[i], 0);
        fputc('\n', out);
    }
}

/* ---- parse / free ---- */

ast_module *ast_parse(const char *path, const char *text)
{
    ast_module *m = xcalloc(1, sizeof *m);
    m->path = path;
    diag_set_source(path, text);
    if (!nps_parse_file(m, text, &m->body)) {
        ast_free(m);
        return NULL;
    }
    return m;
}

void ast_free(ast_module *m)
{
    if (!m)
        return;
    arena_free(&m->arena);
    free(m);
}

/* ir_parse.c: recursive-descent parser of the IR text form.
 *
 * The grammar is in docs/ir.md; each function below names the production it
 * parses.  The first error is reported through diag.h against the text's
 * path and the parse gives up (longjmp back to ir_parse). */
#include "ir/ir.h"
#include "ir/ir_lex.h"

#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* Per local of the current function, indexed by ir_var.id. */
typedef struct var_state {
    bool defined;       /* by a result, param, for or map param */
    bool typed;         /* type known (false: only used so far) */
    src_loc first_use;
} var_state;

/* Growable arrays for temporaries live in the module's arena, so an error
 * (longjmp, then ir_module_free) leaks nothing. */
#define AVEC(T) struct { T *data; int len, cap; }
#define avec_push(p, v, x)                                                    \
    do {                                                                      \
        if ((v)->len == (v)->cap)                                             \
            grow_avec((p), (void **)&(v)->data, &(v)->cap, (v)->len, sizeof *(v)->data); \
        (v)->data[(v)->len++] = (x);                                          \
    } while (0)

typedef struct parser {
    irl_lexer lx;
    irl_token tok;
    ir_module *m;
    ir_func *f;
    VEC(var_state) vs;
    jmp_buf fail;
} parser;

static void grow_avec(parser *p, void **data, int *cap, int len, size_t elem)
{
    int ncap = *cap ? 2 * *cap : 8;
    void *nd = arena_alloc(&p->m->arena, (size_t)ncap * elem);
    if (len)
        memcpy(nd, *data, (size_t)len * elem);
    *data = nd;
    *cap = ncap;
}

static __attribute__((noreturn, format(printf, 3, 4)))
void error_at(parser *p, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(DIAG_ERROR, loc, fmt, ap);
    va_end(ap);
    longjmp(p->fail, 1);
}

static void next(parser *p)
{
    p->tok = irl_next(&p->lx);
    if (p->tok.kind == IRL_BAD)
        error_at(p, p->tok.loc, "%s", p->tok.msg);
}

static bool is_punct(parser *p, char c) { return p->tok.kind == IRL_PUNCT && p->tok.ch == c; }

static bool is_word(parser *p, const char *w)
{
    return p->tok.kind == IRL_WORD && (int)strlen(w) == p->tok.len &&
           strncmp(p->tok.text, w, (size_t)p->tok.len) == 0;
}

static __attribute__((noreturn)) void expected(parser *p, const char *what)
{
    if (p->tok.kind == IRL_NL || p->tok.kind == IRL_EOF)
        error_at(p, p->tok.loc, "expected %s at end of %s", what,
                 p->tok.kind == IRL_NL ? "line" : "input");
    error_at(p, p->tok.loc, "expected %s near '%.*s'", what, p->tok.rawlen, p->tok.raw);
}

static void expect_punct(parser *p, char c)
{
    if (!is_punct(p, c)) {
        char what[4] = {'\'', c, '\'', 0};
        expected(p, what);
    }
    next(p);
}

static bool accept_punct(parser *p, char c)
{
    if (!is_punct(p, c))
        return false;
    next(p);
    return true;
}

static void expect_nl(parser *p)
{
    if (p->tok.kind != IRL_NL && p->tok.kind != IRL_EOF)
        expected(p, "end of line");
    while (p->tok.kind == IRL_NL)
        next(p);
}

static char *tok_str(parser *p)
{
    return arena_strndup(&p->m->arena, p->tok.text, (size_t)p->tok.len);
}

/* ---- types ---- */

/* type -> DTYPE ( '[' ( dim (',' dim)* )? ']' )?     dim -> INT | '?' */
static ir_type parse_type(parser *p)
{
    ir_dtype dt;
    char name[8] = "";
    if (p->tok.kind == IRL_WORD && p->tok.len < (int)sizeof name)
        memcpy(name, p->tok.text, (size_t)p->tok.len);
    if (p->tok.kind != IRL_WORD || !ir_dtype_lookup(name, &dt))
        expected(p, "a type");
    next(p);
    if (!accept_punct(p, '['))
        return ir_scalar_type(dt);
    ir_type t = ir_array_type(dt, 0, NULL);
    while (!accept_punct(p, ']')) {
        if (t.rank && !accept_punct(p, ','))
            expected(p, "',' or ']'");
        if (t.rank == IR_MAX_RANK)
            error_at(p, p->tok.loc, "rank above %d", IR_MAX_RANK);
        if (p->tok.kind == IRL_INT && p->tok.ival >= 0)
            t.dims[t.rank++] = p->tok.ival;
        else if (is_punct(p, '?'))
            t.dims[t.rank++] = -1;
        else
            expected(p, "a dimension (integer or '?')");
        next(p);
    }
    return t;
}

static void type_str(char *buf, size_t n, ir_type t)
{
    FILE *f = fmemopen(buf, n, "w");
    if (!f) {
        snprintf(buf, n, "?");
        return;
    }
    ir_type_print(f, t);
    fclose(f);
}

/* ---- variables ---- */

static var_state *state_of(parser *p, ir_var *v)
{
    while (p->vs.len <= v->id) {
        var_state s = {0};
        vec_push(&p->vs, s);
    }
    return &p->vs.data[v->id];
}

static ir_var *lookup_global(parser *p)
{
    char *name = tok_str(p);
    ir_var *v = ir_module_find_global(p->m, name);
    if (!v)
        error_at(p, p->tok.loc, "undefined global $%s", name);
    return v;
}

/* The local named by the current token, created untyped on first sight. */
static ir_var *lookup_local(parser *p)
{
    char *name = tok_str(p);
    ir_var *v = ir_func_find_var(p->f, name);
    if (!v) {
        v = ir_var_new(p->m, p->f, name, ir_scalar_type(IR_I64));
        state_of(p, v)->first_use = p->tok.loc;
    }
    return v;
}

/* Give `v` its type at a definition; a second definition must agree. */
static void define(parser *p, ir_var *v, ir_type t, src_loc loc)
{
    if (v->is_global) {
        if (!ir_type_equal(v->type, t))
            goto mismatch;
        return;
    }
    var_state *s = state_of(p, v);
    if (s->typed && !ir_type_equal(v->type, t))
        goto mismatch;
    v->type = t;
    s->typed = s->defined = true;
    return;
mismatch:;
    char a[64], b[64];
    type_str(a, sizeof a, t);
    type_str(b, sizeof b, v->type);
    error_at(p, loc, "%c%s defined as %s, earlier as %s", v->is_global ? '$' : '%', v->name, a,
             b);
}

/* def -> (LOCAL | GLOBAL) ':' type */
static ir_var *parse_def(parser *p)
{
    src_loc loc = p->tok.loc;
    ir_var *v;
    if (p->tok.kind == IRL_LOCAL)
        v = lookup_local(p);
    else if (p->tok.kind == IRL_GLOBAL)
        v = lookup_global(p);
    else
        expected(p, "a variable");
    next(p);
    expect_punct(p, ':');
    define(p, v, parse_type(p), loc);
    return v;
}

static bool at_operand(parser *p)
{
    return p->tok.kind == IRL_LOCAL || p->tok.kind == IRL_GLOBAL;
}

/* operand -> LOCAL | GLOBAL */
static ir_var *parse_operand(parser *p)
{
    if (!at_operand(p))
        expected(p, "an operand");
    ir_var *v = p->tok.kind == IRL_LOCAL ? lookup_local(p) : lookup_global(p);
    next(p);
    return v;
}

/* Every local used must be defined somewhere in the function. */
static void check_all_defined(parser *p)
{
    for (int i = 0; i < p->f->nvars; i++) {
        var_state *s = state_of(p, p->f->vars[i]);
        if (!s->defined)
            error_at(p, s->first_use, "use of undefined variable %%%s", p->f->vars[i]->name);
    }
}

/* ---- attributes and literals ---- */

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decode the escapes of the current STR token into the arena. */
static char *decode_string(parser *p, int *len)
{
    const char *s = p->tok.text;
    char *out = arena_alloc(&p->m->arena, (size_t)p->tok.len + 1);
    int n = 0;
    for (int i = 0; i < p->tok.len; i++) {
        if (s[i] != '\\') {
            out[n++] = s[i];
            continue;
        }
        int at = i;
        char c = s[++i];
        switch (c) {
        case 'n': out[n++] = '\n'; break;
        case 't': out[n++] = '\t'; break;
        case 'r': out[n++] = '\r'; break;
        case '"': case '\\': out[n++] = c; break;
        case 'x':
            if (i + 2 < p->tok.len + 1 && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
                out[n++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
                i += 2;
                break;
            }
            /* fall through */
        default: {
            src_loc l = p->tok.loc;
            l.col += at + 1;
            l.end_col = l.col + 1;
            error_at(p, l, "bad escape in string");
        }
        }
    }
    out[n] = '\0';
    *len = n;
    return out;
}

/* A float from FLOAT, INT, or the words inf / nan; false otherwise. */
static bool tok_float(parser *p, double *d)
{
    if (p->tok.kind == IRL_FLOAT)
        *d = p->tok.fval;
    else if (p->tok.kind == IRL_INT)
        *d = (double)p->tok.ival;
    else if (is_word(p, "inf"))
        *d = INFINITY;
    else if (is_word(p, "nan"))
        *d = NAN;
    else
        return false;
    return true;
}

/* intlist -> '[' ( INT (',' INT)* )? ']' */
static void parse_intlist(parser *p, ir_op *op, const char *name)
{
    AVEC(int64_t) xs = {0};
    next(p);
    while (!is_punct(p, ']')) {
        if (xs.len && !accept_punct(p, ','))
            break;
        if (p->tok.kind != IRL_INT)
            break;
        avec_push(p, &xs, p->tok.ival);
        next(p);
    }
    if (!is_punct(p, ']'))
        expected(p, "an integer list");
    next(p);
    ir_attr_set_intlist(p->m, op, name, xs.data, xs.len);
}

/* value -> INT | FLOAT | STR | true | false | inf | nan | WORD | SYM | intlist */
static void parse_attr_value(parser *p, ir_op *op, const char *name)
{
    double d;
    if (is_punct(p, '[')) {
        parse_intlist(p, op, name);
        return;
    }
    if (p->tok.kind == IRL_INT)
        ir_attr_set_int(p->m, op, name, p->tok.ival);
    else if (tok_float(p, &d))
        ir_attr_set_float(p->m, op, name, d);
    else if (is_word(p, "true") || is_word(p, "false"))
        ir_attr_set_bool(p->m, op, name, is_word(p, "true"));
    else if (p->tok.kind == IRL_WORD)
        ir_attr_set_word(p->m, op, name, tok_str(p));
    else if (p->tok.kind == IRL_SYM)
        ir_attr_set_symbol(p->m, op, name, tok_str(p));
    else if (p->tok.kind == IRL_STR) {
        int len;
        char *s = decode_string(p, &len);
        ir_attr_set_str(p->m, op, name, s, len);
    } else
        expected(p, "an attribute value");
    next(p);
}

/* attrs -> '{' ( WORD '=' value (',' WORD '=' value)* )? '}' */
static void parse_attrs(parser *p, ir_op *op)
{
    expect_punct(p, '{');
    for (int n = 0; !accept_punct(p, '}'); n++) {
        if (n && !accept_punct(p, ','))
            expected(p, "',' or '}'");
        if (p->tok.kind != IRL_WORD)
            expected(p, "an attribute name");
        char *name = tok_str(p);
        next(p);
        expect_punct(p, '=');
        parse_attr_value(p, op, name);
    }
}

/* const-literal, typed by the result: INT | FLOAT | true | false | STR */
static void parse_const_value(parser *p, ir_op *op)
{
    if (op->nresults != 1)
        error_at(p, op->loc, "const needs exactly one result");
    ir_dtype dt = op->results[0]->type.dtype;
    double d;
    if (dt == IR_I64 && p->tok.kind == IRL_INT)
        ir_attr_set_int(p->m, op, "value", p->tok.ival);
    else if ((dt == IR_F64 || dt == IR_F32) && tok_float(p, &d))
        ir_attr_set_float(p->m, op, "value", d);
    else if (dt == IR_BOOL && (is_word(p, "true") || is_word(p, "false")))
        ir_attr_set_bool(p->m, op, "value", is_word(p, "true"));
    else if (dt == IR_STR && p->tok.kind == IRL_STR) {
        int len;
        char *s = decode_string(p, &len);
        ir_attr_set_str(p->m, op, "value", s, len);
    } else {
        char what[48];
        snprintf(what, sizeof what, "a %s literal", ir_dtype_name(dt));
        expected(p, what);
    }
    next(p);
}

/* loc -> 'loc' '(' INT ':' INT ')' */
static void parse_loc(parser *p, src_loc *out)
{
    if (!is_word(p, "loc"))
        return;
    next(p);
    expect_punct(p, '(');
    int64_t line = p->tok.ival;
    if (p->tok.kind != IRL_INT || line <= 0 || line > 1 << 30)
        expected(p, "a line number");
    next(p);
    expect_punct(p, ':');
    int64_t col = p->tok.ival;
    if (p->tok.kind != IRL_INT || col <= 0 || col > 1 << 30)
        expected(p, "a column number");
    next(p);
    expect_punct(p, ')');
    *out = src_loc_make((int)line, (int)col, (int)line, (int)col + 1);
}

/* ---- ops ---- */

typedef AVEC(ir_var *) var_vec;

static void finish_args(parser *p, ir_op *op, var_vec *args)
{
    ir_op_set_args(p->m, op, args->data, args->len);
}

/* operands -> ( operand (',' operand)* )? */
static void parse_operands(parser *p, var_vec *args)
{
    if (!at_operand(p))
        return;
    avec_push(p, args, parse_operand(p));
    while (accept_punct(p, ','))
        avec_push(p, args, parse_operand(p));
}

static int opt_operand(parser *p, var_vec *args)
{
    if (!at_operand(p))
        return -1;
    avec_push(p, args, parse_operand(p));
    return args->len - 1;
}

/* item -> 'new' | operand | operand? ':' operand? (':' operand?)? */
static ir_index parse_index_item(parser *p, var_vec *args)
{
    ir_index x = {IR_IDX_INT, -1, -1, -1};
    if (is_word(p, "new")) {
        next(p);
        x.kind = IR_IDX_NEWAXIS;
        return x;
    }
    src_loc loc = p->tok.loc;
    x.lo = opt_operand(p, args);
    if (!accept_punct(p, ':')) {
        if (x.lo < 0)
            error_at(p, loc, "expected an index item");
        return x;
    }
    x.kind = IR_IDX_SLICE;
    x.hi = opt_operand(p, args);
    if (accept_punct(p, ':'))
        x.step = opt_operand(p, args);
    return x;
}

/* indexed -> operand '[' ( item (',' item)* )? ']' */
static void parse_indexed(parser *p, ir_op *op, var_vec *args)
{
    AVEC(ir_index) items = {0};
    avec_push(p, args, parse_operand(p));
    if (!is_punct(p, '['))
        expected(p, "'['");
    next(p);
    while (!is_punct(p, ']')) {
        if (items.len && !is_punct(p, ',')) {
            expected(p, "',' or ']'");
        }
        if (items.len)
            next(p);
        ir_index x = parse_index_item(p, args);
        avec_push(p, &items, x);
    }
    next(p);
    ir_op_set_index(p->m, op, items.data, items.len);
}

/* call-operands -> SYM '(' operands ')' */
static void parse_call(parser *p, ir_op *op, var_vec *args)
{
    if (p->tok.kind != IRL_SYM)
        expected(p, "a function name");
    ir_attr_set_symbol(p->m, op, "callee", tok_str(p));
    next(p);
    expect_punct(p, '(');
    parse_operands(p, args);
    expect_punct(p, ')');
}

static void parse_block(parser *p, ir_block *b);

/* region -> '{' NL op* '}' */
static void parse_region(parser *p, ir_block *b)
{
    expect_punct(p, '{');
    if (p->tok.kind != IRL_NL)
        expected(p, "end of line");
    expect_nl(p);
    parse_block(p, b);
    expect_punct(p, '}');
}

/* map-params -> '(' def (',' def)* ')' */
static void parse_map_params(parser *p, ir_op *op)
{
    ir_block *b = &op->regions[0];
    expect_punct(p, '(');
    AVEC(ir_var *) ps = {0};
    while (!is_punct(p, ')')) {
        if (ps.len && !accept_punct(p, ','))
            break;
        if (p->tok.kind != IRL_LOCAL)
            break;
        avec_push(p, &ps, parse_def(p));
    }
    if (!is_punct(p, ')')) {
        expected(p, "a block parameter or ')'");
    }
    next(p);
    b->params = arena_alloc(&p->m->arena, (size_t)(ps.len ? ps.len : 1) * sizeof *b->params);
    if (ps.len)
        memcpy(b->params, ps.data, (size_t)ps.len * sizeof *b->params);
    b->nparams = ps.len;
}

/* The operands of `op` (its opcode already read) into args. */
static void parse_op_operands(parser *p, ir_op *op, var_vec *args)
{
    switch (op->code) {
    case IR_CONST:
        parse_const_value(p, op);
        break;
    case IR_CALL:
        parse_call(p, op, args);
        break;
    case IR_SLICE:
    case IR_LOAD:
        parse_indexed(p, op, args);
        break;
    case IR_STORE:
        parse_indexed(p, op, args);
        expect_punct(p, ',');
        avec_push(p, args, parse_operand(p));
        break;
    default:
        parse_operands(p, args);
    }
}

/* tail -> ('attributes' attrs)? loc? region ('else' region)?   (region ops)
 *       | attrs? loc?                                           (others) */
static void parse_op_tail(parser *p, ir_op *op)
{
    if (!op->nregions) {
        if (is_punct(p, '{'))
            parse_attrs(p, op);
        parse_loc(p, &op->loc);
        return;
    }
    if (is_word(p, "attributes")) {
        next(p);
        parse_attrs(p, op);
    }
    parse_loc(p, &op->loc);
    parse_region(p, &op->regions[0]);
    if (op->code == IR_IF && is_word(p, "else")) {
        next(p);
        parse_region(p, &op->regions[1]);
    }
}

/* for -> 'for' LOCAL '=' operand ',' operand ',' operand tail */
static ir_op *parse_for(parser *p)
{
    ir_op *op = ir_op_new(p->m, IR_FOR, src_loc_make(0, 0, 0, 0));
    next(p);
    if (p->tok.kind != IRL_LOCAL)
        expected(p, "the induction variable");
    ir_var *iv = lookup_local(p);
    define(p, iv, ir_scalar_type(IR_I64), p->tok.loc);
    ir_op_set_results(p->m, op, &iv, 1);
    next(p);
    expect_punct(p, '=');
    var_vec args = {0};
    for (int i = 0; i < 3; i++) {
        if (i)
            expect_punct(p, ',');
        avec_push(p, &args, parse_operand(p));
    }
    finish_args(p, op, &args);
    parse_op_tail(p, op);
    return op;
}

/* op -> (def (',' def)* '=')? OPCODE operands map-params? tail  |  for */
static ir_op *parse_op(parser *p)
{
    if (is_word(p, "for"))
        return parse_for(p);
    var_vec res = {0};
    if (at_operand(p)) {
        avec_push(p, &res, parse_def(p));
        while (accept_punct(p, ','))
            avec_push(p, &res, parse_def(p));
        if (!is_punct(p, '=')) {
            expected(p, "'='");
        }
        next(p);
    }
    ir_opcode code;
    char name[16] = "";
    if (p->tok.kind == IRL_WORD && p->tok.len < (int)sizeof name)
        memcpy(name, p->tok.text, (size_t)p->tok.len);
    if (p->tok.kind != IRL_WORD || !ir_opcode_lookup(name, &code) || code == IR_FOR) {
        expected(p, "an opcode");
    }
    next(p);
    ir_op *op = ir_op_new(p->m, code, src_loc_make(0, 0, 0, 0));
    ir_op_set_results(p->m, op, res.data, res.len);
    var_vec args = {0};
    parse_op_operands(p, op, &args);
    finish_args(p, op, &args);
    if (code == IR_MAP)
        parse_map_params(p, op);
    parse_op_tail(p, op);
    return op;
}

/* block -> (op NL)*    up to the closing '}' */
static void parse_block(parser *p, ir_block *b)
{
    while (!is_punct(p, '}')) {
        if (p->tok.kind == IRL_EOF)
            expected(p, "'}'");
        ir_block_append(b, parse_op(p));
        expect_nl(p);
    }
}

/* ---- module ---- */

/* func -> 'func' SYM '(' (def (',' def)*)? ')' ('->' '(' type (',' type)* ')')? loc? region */
static void parse_func(parser *p)
{
    next(p);
    if (p->tok.kind != IRL_SYM)
        expected(p, "a function name");
    char *name = tok_str(p);
    if (ir_module_find_func(p->m, name))
        error_at(p, p->tok.loc, "function @%s defined twice", name);
    p->f = ir_func_new(p->m, name);
    p->vs.len = 0;
    next(p);
    expect_punct(p, '(');
    while (!accept_punct(p, ')')) {
        if (p->f->nparams && !accept_punct(p, ','))
            expected(p, "',' or ')'");
        if (p->tok.kind != IRL_LOCAL)
            expected(p, "a parameter");
        char *pname = tok_str(p);
        if (ir_func_find_var(p->f, pname))
            error_at(p, p->tok.loc, "parameter %%%s declared twice", pname);
        src_loc loc = p->tok.loc;
        next(p);
        expect_punct(p, ':');
        ir_var *v = ir_func_add_param(p->m, p->f, pname, parse_type(p));
        define(p, v, v->type, loc);
    }
    if (p->tok.kind == IRL_ARROW) {
        next(p);
        expect_punct(p, '(');
        AVEC(ir_type) ts = {0};
        do {
            ir_type t = parse_type(p);
            avec_push(p, &ts, t);
        } while (accept_punct(p, ','));
        ir_func_set_results(p->m, p->f, ts.data, ts.len);
        expect_punct(p, ')');
    }
    parse_loc(p, &p->f->loc);
    parse_region(p, &p->f->body);
    check_all_defined(p);
    p->f = NULL;
}

/* global -> 'global' GLOBAL ':' type */
static void parse_global(parser *p)
{
    next(p);
    if (p->tok.kind != IRL_GLOBAL)
        expected(p, "a global name ($name)");
    char *name = tok_str(p);
    if (ir_module_find_global(p->m, name))
        error_at(p, p->tok.loc, "global $%s declared twice", name);
    next(p);
    expect_punct(p, ':');
    ir_global_new(p->m, name, parse_type(p));
}

/* module -> NL* ('source' STR NL)? ((global | func) NL)* EOF */
static void parse_module(parser *p)
{
    while (p->tok.kind == IRL_NL)
        next(p);
    if (is_word(p, "source")) {
        next(p);
        if (p->tok.kind != IRL_STR)
            expected(p, "a string");
        int len;
        p->m->source_path = decode_string(p, &len);
        next(p);
        expect_nl(p);
    }
    while (p->tok.kind != IRL_EOF) {
        if (is_word(p, "global"))
            parse_global(p);
        else if (is_word(p, "func"))
            parse_func(p);
        else
            expected(p, "'global' or 'func'");
        expect_nl(p);
    }
}

ir_module *ir_parse(const char *path, const char *text)
{
    diag_source saved = *diag_get_source();
    diag_set_source(path, text);
    parser *p = xcalloc(1, sizeof *p);
    p->m = ir_module_new(NULL);
    irl_init(&p->lx, text);
    ir_module *m = p->m;
    if (setjmp(p->fail) == 0) {
        next(p);
        parse_module(p);
    } else {
        ir_module_free(m);
        m = NULL;
    }
    vec_free(&p->vs);
    free(p);
    diag_set_source(saved.path, saved.text);
    return m;
}

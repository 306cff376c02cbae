/* parser.y: the .nps grammar (bison, pure, LALR(1), no conflicts).
 *
 * Python 3's grammar restricted to what numsc handles, building the AST of
 * frontend/ast.h.  Two entry points, chosen by the first token the filter
 * sends: START_FILE (a module) and START_EXPR (the expression inside an
 * f-string field).  Constructs the language lacks are either parsed into
 * AST_UNSUPPORTED/AST_CLASS for sema, or rejected here with a message that
 * names them: the rule that sees the construct's first token reports and
 * aborts.  Syntax errors are reported by yyreport_syntax_error below.
 */
%code requires {
#include "grammar/build.h"
#include "grammar/lexstate.h"

typedef struct nps_parse_ctx {
    ast_module *mod;
    ast_block body;             /* START_FILE result */
    ast_expr *expr;             /* START_EXPR result */
} nps_parse_ctx;
}

%code provides {
int nps_yylex(NPS_YYSTYPE *lval, NPS_YYLTYPE *lloc, void *scanner);
int nps_yyparse(void *scanner, nps_parse_ctx *ctx);
}

%code {
#include <stdint.h>
#include <string.h>

#include "grammar/parse_api.h"
#include "grammar/strlit.h"

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                     \
    do {                                                                \
        if (N) {                                                        \
            (Cur).line = YYRHSLOC(Rhs, 1).line;                         \
            (Cur).col = YYRHSLOC(Rhs, 1).col;                           \
            (Cur).end_line = YYRHSLOC(Rhs, N).end_line;                 \
            (Cur).end_col = YYRHSLOC(Rhs, N).end_col;                   \
        } else {                                                        \
            (Cur).line = (Cur).end_line = YYRHSLOC(Rhs, 0).end_line;    \
            (Cur).col = (Cur).end_col = YYRHSLOC(Rhs, 0).end_col;       \
        }                                                               \
    } while (0)

#define M (ctx->mod)
/* Abort unless a builder succeeded (it reported the error). */
#define CHECK(x) do { if (!(x)) YYABORT; } while (0)
/* Reject a construct at the span of its first token. */
#define REJECT(loc, ...) do { diag_error(loc, __VA_ARGS__); YYABORT; } while (0)

static void nps_yyerror(src_loc *loc, void *scanner, nps_parse_ctx *ctx, const char *msg)
{
    diag_error(*loc, "%s", msg);
}

static ast_expr *const_expr(ast_module *m, ast_expr_kind k, src_loc loc)
{
    return nb_expr(m, k, loc);
}

static nb_param *param(ast_module *m, const char *name, src_loc loc, ast_expr *dflt)
{
    nb_param *p = arena_alloc(&m->arena, sizeof *p);
    p->name = name;
    p->loc = loc;
    p->dflt = dflt;
    return p;
}

static ast_stmt *import_stmt(ast_module *m, src_loc loc, const char *module, const char *alias)
{
    ast_stmt *s = nb_stmt(m, AST_IMPORT, loc);
    s->import.module = module;
    s->import.alias = alias;
    return s;
}

static ast_stmt *from_import(ast_module *m, src_loc loc, const char *module, nps_list *names)
{
    ast_stmt *s = nb_stmt(m, AST_FROM_IMPORT, loc);
    s->import.module = module;
    s->import.nnames = names->n;
    s->import.names = arena_alloc(&m->arena, (size_t)names->n * sizeof(char *));
    s->import.aliases = arena_alloc(&m->arena, (size_t)names->n * sizeof(char *));
    for (int i = 0; i < names->n; i++) {
        const char **pair = names->items[i];
        s->import.names[i] = pair[0];
        s->import.aliases[i] = pair[1];
    }
    return s;
}

static const char **name_pair(ast_module *m, const char *a, const char *b)
{
    const char **p = arena_alloc(&m->arena, 2 * sizeof *p);
    p[0] = a;
    p[1] = b;
    return p;
}

static ast_stmt *if_stmt(ast_module *m, src_loc loc, ast_expr *c, ast_block t, ast_block e)
{
    ast_stmt *s = nb_stmt(m, AST_IF, loc);
    s->ifs.cond = c;
    s->ifs.then = t;
    s->ifs.orelse = e;
    return s;
}

static ast_block block1(ast_module *m, ast_stmt *s)
{
    return nb_block(nb_list1(m, s));
}
}

%define api.prefix {nps_yy}
%define api.pure full
%define api.token.prefix {T_}
%define api.location.type {src_loc}
%define parse.error custom
%locations
%param {void *scanner}
%parse-param {nps_parse_ctx *ctx}
%expect 0

%union {
    int64_t ival;
    double fval;
    const char *str;
    nps_strtok *strtok;
    ast_binop op;
    ast_cmpop cmpop;
    ast_expr *expr;
    ast_stmt *stmt;
    ast_block block;
    nps_list *list;
    nb_chain *chain;
    nb_args *args;
    nb_param *param;
}

%token START_FILE START_EXPR LEXERROR
%token NEWLINE "end of line" INDENT "indent" DEDENT "unindent"
%token <str> NAME "name"
%token <ival> INT "integer"
%token <fval> FLOAT "float"
%token <strtok> STRING "string"
%token <op> AUGASSIGN "augmented assignment"
%token POW "**" FLOORDIV "//" LSHIFT "<<" RSHIFT ">>" EQ "==" NE "!=" LE "<=" GE ">="
%token ARROW "->" ELLIPSIS "..."
%token FALSE "False" NONE "None" TRUE "True" AND "and" AS "as" ASSERT "assert"
%token ASYNC "async" AWAIT "await" BREAK "break" CLASS "class" CONTINUE "continue"
%token DEF "def" DEL "del" ELIF "elif" ELSE "else" EXCEPT "except" FINALLY "finally"
%token FOR "for" FROM "from" GLOBAL "global" IF "if" IMPORT "import" IN "in" IS "is"
%token LAMBDA "lambda" NONLOCAL "nonlocal" NOT "not" OR "or" PASS "pass" RAISE "raise"
%token RETURN "return" TRY "try" WHILE "while" WITH "with" YIELD "yield"

%type <list> stmts stmt simple_stmt small_stmts import_names dotted_as_names
%type <list> import_as_names names tl_items ex_items params lparams subscripts strings
%type <stmt> small_stmt expr_stmt compound_stmt funcdef classdef for_stmt while_stmt
%type <block> suite elif_tail
%type <expr> testlist_star exprlist test or_test and_test not_test comparison expr xor_expr
%type <expr> and_expr shift_expr arith term factor power atom_expr atom star_or_test
%type <expr> star_expr subscript opt_test lambdef default opt_step
%type <list> or_chain and_chain tl_assign plist
%type <chain> comp_chain
%type <cmpop> comp_op
%type <args> args arglist
%type <param> param
%type <str> dotted_name
%type <strtok> string

%%

start
    : START_FILE stmts                  { ctx->body = nb_block($2); }
    | START_EXPR testlist_star          { ctx->expr = $2; }
    ;

/* ---- statements ---- */

stmts
    : %empty                            { $$ = nb_list(M); }
    | stmts stmt                        { $$ = nb_concat(M, $1, $2); }
    ;

stmt
    : simple_stmt
    | compound_stmt                     { $$ = nb_list1(M, $1); }
    | '@'                               { REJECT(@1, "decorators are not supported"); }
    ;

/* simple_stmt -> small_stmt (';' small_stmt)* [';'] NEWLINE */
simple_stmt
    : small_stmts NEWLINE
    | small_stmts ';' NEWLINE
    ;

small_stmts
    : small_stmt                        { $$ = nb_list1(M, $1); }
    | import_names
    | small_stmts ';' small_stmt        { $$ = nb_push(M, $1, $3); }
    | small_stmts ';' import_names      { $$ = nb_concat(M, $1, $3); }
    ;

small_stmt
    : expr_stmt
    | PASS                              { $$ = nb_stmt(M, AST_PASS, @1); }
    | BREAK                             { $$ = nb_stmt(M, AST_BREAK, @1); }
    | CONTINUE                          { $$ = nb_stmt(M, AST_CONTINUE, @1); }
    | RETURN                            { $$ = nb_stmt(M, AST_RETURN, @1); }
    | RETURN testlist_star              { $$ = nb_stmt(M, AST_RETURN, @$); $$->ret.value = $2; }
    | DEL exprlist                      {
          nps_list *t = $2->kind == AST_TUPLE ? nb_list(M) : nb_list1(M, $2);
          if ($2->kind == AST_TUPLE)
              for (int i = 0; i < $2->seq.n; i++)
                  nb_push(M, t, $2->seq.items[i]);
          CHECK($$ = nb_del(M, t, @$));
      }
    | GLOBAL names                      {
          $$ = nb_stmt(M, AST_GLOBAL, @$);
          $$->global.names = (const char **)$2->items;
          $$->global.n = $2->n;
      }
    | NONLOCAL names                    { $$ = nb_unsupported(M, "nonlocal", @$); }
    | ASSERT test                       {
          $$ = nb_stmt(M, AST_ASSERT, @$);
          $$->assertion.test = $2;
      }
    | ASSERT test ',' test              {
          $$ = nb_stmt(M, AST_ASSERT, @$);
          $$->assertion.test = $2;
          $$->assertion.msg = $4;
      }
    | FROM dotted_name IMPORT import_as_names               { $$ = from_import(M, @$, $2, $4); }
    | FROM dotted_name IMPORT '(' import_as_names ')'       { $$ = from_import(M, @$, $2, $5); }
    | FROM dotted_name IMPORT '(' import_as_names ',' ')'   { $$ = from_import(M, @$, $2, $5); }
    | FROM dotted_name IMPORT '*'       { $$ = nb_unsupported(M, "from ... import *", @$); }
    | FROM '.'                          { REJECT(@2, "relative imports are not supported"); }
    | FROM ELLIPSIS                     { REJECT(@2, "relative imports are not supported"); }
    | RAISE                             { $$ = nb_unsupported(M, "raise", @$); }
    | RAISE test                        { $$ = nb_unsupported(M, "raise", @$); }
    | RAISE test FROM test              { $$ = nb_unsupported(M, "raise", @$); }
    | YIELD                             { $$ = nb_unsupported(M, "yield", @$); }
    | YIELD testlist_star               { $$ = nb_unsupported(M, "yield", @$); }
    ;

/* expr_stmt -> testlist ('=' testlist)* | testlist augassign testlist | testlist ':' test ['=' test] */
expr_stmt
    : testlist_star                     { $$ = nb_expr_stmt(M, $1); }
    | tl_assign                         { CHECK($$ = nb_assign(M, $1)); }
    | testlist_star AUGASSIGN testlist_star { CHECK($$ = nb_augassign(M, $1, $2, $3, @2)); }
    | testlist_star ':' test            { $$ = nb_unsupported(M, "annotated assignment", @$); }
    | testlist_star ':' test '=' testlist_star
                                        { $$ = nb_unsupported(M, "annotated assignment", @$); }
    ;

tl_assign
    : testlist_star '=' testlist_star   { $$ = nb_push(M, nb_list1(M, $1), $3); }
    | tl_assign '=' testlist_star       { $$ = nb_push(M, $1, $3); }
    ;

import_names
    : IMPORT dotted_as_names            { $$ = $2; }
    ;

dotted_as_names
    : dotted_name                       { $$ = nb_list1(M, import_stmt(M, @1, $1, NULL)); }
    | dotted_name AS NAME               { $$ = nb_list1(M, import_stmt(M, @1, $1, $3)); }
    | dotted_as_names ',' dotted_name   { $$ = nb_push(M, $1, import_stmt(M, @3, $3, NULL)); }
    | dotted_as_names ',' dotted_name AS NAME
                                        { $$ = nb_push(M, $1, import_stmt(M, @3, $3, $5)); }
    ;

dotted_name
    : NAME
    | dotted_name '.' NAME              { $$ = arena_printf(&M->arena, "%s.%s", $1, $3); }
    ;

import_as_names
    : NAME                              { $$ = nb_list1(M, name_pair(M, $1, NULL)); }
    | NAME AS NAME                      { $$ = nb_list1(M, name_pair(M, $1, $3)); }
    | import_as_names ',' NAME          { $$ = nb_push(M, $1, name_pair(M, $3, NULL)); }
    | import_as_names ',' NAME AS NAME  { $$ = nb_push(M, $1, name_pair(M, $3, $5)); }
    ;

names
    : NAME                              { $$ = nb_list1(M, (void *)$1); }
    | names ',' NAME                    { $$ = nb_push(M, $1, (void *)$3); }
    ;

compound_stmt
    : IF test ':' suite elif_tail       { $$ = if_stmt(M, @1, $2, $4, $5); }
    | while_stmt
    | for_stmt
    | funcdef
    | classdef
    | WITH                              { REJECT(@1, "'with' statements are not supported"); }
    | TRY                               { REJECT(@1, "'try' statements are not supported"); }
    | ASYNC                             { REJECT(@1, "'async' is not supported"); }
    ;

elif_tail
    : %empty                            { $$ = (ast_block){0}; }
    | ELSE ':' suite                    { $$ = $3; }
    | ELIF test ':' suite elif_tail     { $$ = block1(M, if_stmt(M, @1, $2, $4, $5)); }
    ;

while_stmt
    : WHILE test ':' suite              {
          $$ = nb_stmt(M, AST_WHILE, @1);
          $$->loop.cond = $2;
          $$->loop.body = $4;
      }
    | WHILE test ':' suite ELSE         { REJECT(@5, "'else' after a while loop is not supported"); }
    ;

for_stmt
    : FOR exprlist IN testlist_star ':' suite {
          CHECK(nb_check_target($2, false));
          $$ = nb_stmt(M, AST_FOR, @1);
          $$->forl.target = $2;
          $$->forl.iter = $4;
          $$->forl.body = $6;
      }
    | FOR exprlist IN testlist_star ':' suite ELSE
                                        { REJECT(@7, "'else' after a for loop is not supported"); }
    ;

/* funcdef -> 'def' NAME '(' [params] ')' ['->' test] ':' suite */
funcdef
    : DEF NAME '(' params ')' opt_ret ':' suite { CHECK($$ = nb_def(M, @1, $2, @2, $4, $8)); }
    ;

opt_ret
    : %empty
    | ARROW test
    ;

params
    : %empty                            { $$ = nb_list(M); }
    | plist
    | plist ','
    ;

plist
    : param                             { $$ = nb_list1(M, $1); }
    | plist ',' param                   { $$ = nb_push(M, $1, $3); }
    ;

param
    : NAME opt_annot default            { $$ = param(M, $1, @1, $3); }
    | '*'                               { REJECT(@1, "'*' parameters are not supported"); }
    | POW                               { REJECT(@1, "'**' parameters are not supported"); }
    | '/'                               { REJECT(@1, "'/' parameters are not supported"); }
    ;

opt_annot
    : %empty
    | ':' test
    ;

default
    : %empty                            { $$ = NULL; }
    | '=' test                          { $$ = $2; }
    ;

classdef
    : CLASS NAME opt_bases ':' suite    {
          $$ = nb_stmt(M, AST_CLASS, @1);
          $$->def.name = $2;
          $$->def.name_loc = @2;
          $$->def.body = $5;
      }
    ;

opt_bases
    : %empty
    | '(' ')'
    | '(' arglist ')'
    ;

suite
    : simple_stmt                       { $$ = nb_block($1); }
    | NEWLINE INDENT stmts DEDENT       { $$ = nb_block($3); }
    ;

/* ---- expressions ---- */

testlist_star
    : tl_items                          { $$ = nb_tuple_or_item(M, $1, false); }
    | tl_items ','                      { $$ = nb_tuple_or_item(M, $1, true); }
    ;

tl_items
    : star_or_test                      { $$ = nb_list1(M, $1); }
    | tl_items ',' star_or_test         { $$ = nb_push(M, $1, $3); }
    ;

star_or_test
    : test
    | star_expr
    ;

star_expr
    : '*' expr                          {
          $$ = nb_expr(M, AST_STARRED, @$);
          $$->starred.value = $2;
      }
    ;

/* for-loop and del targets: expressions without comparisons (`in` is the keyword). */
exprlist
    : ex_items                          { $$ = nb_tuple_or_item(M, $1, false); }
    | ex_items ','                      { $$ = nb_tuple_or_item(M, $1, true); }
    ;

ex_items
    : expr                              { $$ = nb_list1(M, $1); }
    | star_expr                         { $$ = nb_list1(M, $1); }
    | ex_items ',' expr                 { $$ = nb_push(M, $1, $3); }
    | ex_items ',' star_expr            { $$ = nb_push(M, $1, $3); }
    ;

/* test -> or_test ['if' or_test 'else' test] | lambdef */
test
    : or_test
    | or_test IF or_test ELSE test      {
          $$ = nb_expr(M, AST_IFEXP, @$);
          $$->ifexp.then = $1;
          $$->ifexp.cond = $3;
          $$->ifexp.orelse = $5;
      }
    | lambdef
    ;

lambdef
    : LAMBDA ':' test                   { CHECK($$ = nb_lambda(M, @1, nb_list(M), $3)); }
    | LAMBDA lparams ':' test           { CHECK($$ = nb_lambda(M, @1, $2, $4)); }
    ;

lparams
    : NAME                              { $$ = nb_list1(M, param(M, $1, @1, NULL)); }
    | lparams ',' NAME                  { $$ = nb_push(M, $1, param(M, $3, @3, NULL)); }
    ;

or_test
    : and_test
    | or_chain                          { $$ = nb_boolop(M, false, $1); }
    ;

or_chain
    : and_test OR and_test              { $$ = nb_push(M, nb_list1(M, $1), $3); }
    | or_chain OR and_test              { $$ = nb_push(M, $1, $3); }
    ;

and_test
    : not_test
    | and_chain                         { $$ = nb_boolop(M, true, $1); }
    ;

and_chain
    : not_test AND not_test             { $$ = nb_push(M, nb_list1(M, $1), $3); }
    | and_chain AND not_test            { $$ = nb_push(M, $1, $3); }
    ;

not_test
    : NOT not_test                      { $$ = nb_unop(M, AST_NOT, $2, @1); }
    | comparison
    ;

comparison
    : expr
    | comp_chain                        { $$ = nb_compare(M, $1); }
    ;

comp_chain
    : expr comp_op expr                 { $$ = nb_chain_add(M, nb_chain_new(M, $1), $2, $3); }
    | comp_chain comp_op expr           { $$ = nb_chain_add(M, $1, $2, $3); }
    ;

comp_op
    : '<'                               { $$ = AST_LT; }
    | '>'                               { $$ = AST_GT; }
    | EQ                                { $$ = AST_EQ; }
    | NE                                { $$ = AST_NE; }
    | LE                                { $$ = AST_LE; }
    | GE                                { $$ = AST_GE; }
    | IN                                { $$ = AST_IN; }
    | NOT IN                            { $$ = AST_NOT_IN; }
    | IS                                { $$ = AST_IS; }
    | IS NOT                            { $$ = AST_IS_NOT; }
    ;

expr
    : xor_expr
    | expr '|' xor_expr                 { $$ = nb_binop(M, AST_BITOR, $1, $3); }
    ;

xor_expr
    : and_expr
    | xor_expr '^' and_expr             { $$ = nb_binop(M, AST_BITXOR, $1, $3); }
    ;

and_expr
    : shift_expr
    | and_expr '&' shift_expr           { $$ = nb_binop(M, AST_BITAND, $1, $3); }
    ;

shift_expr
    : arith
    | shift_expr LSHIFT arith           { $$ = nb_binop(M, AST_LSHIFT, $1, $3); }
    | shift_expr RSHIFT arith           { $$ = nb_binop(M, AST_RSHIFT, $1, $3); }
    ;

arith
    : term
    | arith '+' term                    { $$ = nb_binop(M, AST_ADD, $1, $3); }
    | arith '-' term                    { $$ = nb_binop(M, AST_SUB, $1, $3); }
    ;

term
    : factor
    | term '*' factor                   { $$ = nb_binop(M, AST_MUL, $1, $3); }
    | term '/' factor                   { $$ = nb_binop(M, AST_DIV, $1, $3); }
    | term FLOORDIV factor              { $$ = nb_binop(M, AST_FLOORDIV, $1, $3); }
    | term '%' factor                   { $$ = nb_binop(M, AST_MOD, $1, $3); }
    | term '@' factor                   { $$ = nb_binop(M, AST_MATMUL, $1, $3); }
    ;

/* factor -> ('+'|'-'|'~') factor | power;  power -> atom_expr ['**' factor] */
factor
    : '+' factor                        { $$ = nb_unop(M, AST_POS, $2, @1); }
    | '-' factor                        { $$ = nb_unop(M, AST_NEG, $2, @1); }
    | '~' factor                        { $$ = nb_unop(M, AST_INVERT, $2, @1); }
    | power
    ;

power
    : atom_expr
    | atom_expr POW factor              { $$ = nb_binop(M, AST_POW, $1, $3); }
    ;

atom_expr
    : atom
    | atom_expr '(' ')'                 { $$ = nb_call(M, $1, nb_args_new(M), @3); }
    | atom_expr '(' arglist ')'         { $$ = nb_call(M, $1, $3, @4); }
    | atom_expr '[' subscripts ']'      { $$ = nb_subscript(M, $1, $3, false, @4); }
    | atom_expr '[' subscripts ',' ']'  { $$ = nb_subscript(M, $1, $3, true, @5); }
    | atom_expr '.' NAME                { $$ = nb_attr(M, $1, $3, @3); }
    ;

arglist
    : args
    | args ','
    ;

args
    : test                              { CHECK($$ = nb_args_pos(M, nb_args_new(M), $1)); }
    | star_expr                         { CHECK($$ = nb_args_pos(M, nb_args_new(M), $1)); }
    | NAME '=' test                     { CHECK($$ = nb_args_kw(M, nb_args_new(M), $1, @1, $3)); }
    | args ',' test                     { CHECK($$ = nb_args_pos(M, $1, $3)); }
    | args ',' star_expr                { CHECK($$ = nb_args_pos(M, $1, $3)); }
    | args ',' NAME '=' test            { CHECK($$ = nb_args_kw(M, $1, $3, @3, $5)); }
    | POW                               { REJECT(@1, "'**' arguments are not supported"); }
    | args ',' POW                      { REJECT(@3, "'**' arguments are not supported"); }
    | test FOR                          { REJECT(@2, "generator expressions are not supported"); }
    ;

subscripts
    : subscript                         { $$ = nb_list1(M, $1); }
    | subscripts ',' subscript          { $$ = nb_push(M, $1, $3); }
    ;

/* subscript -> test | [test] ':' [test] [':' [test]] */
subscript
    : test
    | opt_test ':' opt_test opt_step    { $$ = nb_slice(M, $1, $3, $4, @$); }
    ;

opt_test
    : %empty                            { $$ = NULL; }
    | test
    ;

opt_step
    : %empty                            { $$ = NULL; }
    | ':' opt_test                      { $$ = $2; }
    ;

atom
    : NAME                              { $$ = nb_name(M, $1, @1); }
    | INT                               { $$ = nb_expr(M, AST_INT, @1); $$->ival = $1; }
    | FLOAT                             { $$ = nb_expr(M, AST_FLOAT, @1); $$->fval = $1; }
    | strings                           {
          CHECK($$ = nps_build_string(M, (nps_strtok **)$1->items, $1->n));
      }
    | TRUE                              { $$ = const_expr(M, AST_BOOL, @1); $$->bval = true; }
    | FALSE                             { $$ = const_expr(M, AST_BOOL, @1); $$->bval = false; }
    | NONE                              { $$ = const_expr(M, AST_NONE, @1); }
    | ELLIPSIS                          { $$ = const_expr(M, AST_ELLIPSIS, @1); }
    | '(' ')'                           { $$ = nb_seq(M, AST_TUPLE, nb_list(M), @$); }
    | '(' testlist_star ')'             {
          $$ = $2;
          if ($$->kind == AST_TUPLE)
              $$->loc = @$;
      }
    | '(' star_or_test FOR              { REJECT(@3, "generator expressions are not supported"); }
    | '[' ']'                           { $$ = nb_seq(M, AST_LIST, nb_list(M), @$); }
    | '[' tl_items ']'                  { $$ = nb_seq(M, AST_LIST, $2, @$); }
    | '[' tl_items ',' ']'              { $$ = nb_seq(M, AST_LIST, $2, @$); }
    | '[' star_or_test FOR              { REJECT(@3, "list comprehensions are not supported"); }
    | '{'                               { REJECT(@1, "dict/set literals are not supported"); }
    | AWAIT                             { REJECT(@1, "'await' is not supported"); }
    ;

strings
    : string                            { $$ = nb_list1(M, $1); }
    | strings string                    { $$ = nb_push(M, $1, $2); }
    ;

string
    : STRING
    ;

%%

/* ---- syntax errors ---- */

/* How a token reads in a message: 'else', ':', end of line, name ... */
static const char *token_text(yysymbol_kind_t k, char *buf, size_t cap)
{
    switch (k) {
    case YYSYMBOL_YYEOF: return "end of file";
    case YYSYMBOL_NEWLINE: return "end of line";
    case YYSYMBOL_INDENT: return "indent";
    case YYSYMBOL_DEDENT: return "unindent";
    case YYSYMBOL_NAME: return "name";
    case YYSYMBOL_INT: return "integer";
    case YYSYMBOL_FLOAT: return "number";
    case YYSYMBOL_STRING: return "string";
    case YYSYMBOL_AUGASSIGN: return "augmented assignment";
    default: break;
    }
    const char *n = yysymbol_name(k);   /* ':' or an alias such as else */
    if (n[0] == '\'')
        return n;
    snprintf(buf, cap, "'%s'", n);
    return buf;
}

static yysymbol_kind_t symbol_named(const char *name)
{
    for (int k = 0; k < YYNTOKENS; k++)
        if (strcmp(yysymbol_name((yysymbol_kind_t)k), name) == 0)
            return (yysymbol_kind_t)k;
    return YYSYMBOL_YYUNDEF;
}

static bool expects(const yysymbol_kind_t *exp, int n, yysymbol_kind_t k)
{
    for (int i = 0; i < n; i++)
        if (exp[i] == k)
            return true;
    return false;
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, void *scanner, nps_parse_ctx *ctx)
{
    nps_lexstate *st = nps_scan_state(scanner);
    yysymbol_kind_t la = yypcontext_token(yyctx);
    if (la == YYSYMBOL_LEXERROR || st->failed)
        return 0;                       /* the scanner has said what was wrong */
    src_loc loc = *yypcontext_location(yyctx);
    yysymbol_kind_t exp[YYNTOKENS];
    int n = yypcontext_expected_tokens(yyctx, exp, YYNTOKENS);
    bool at_eol = la == YYSYMBOL_NEWLINE || la == YYSYMBOL_YYEOF;
    if (at_eol && st->prev_end.line > 0)
        loc = st->prev_end;             /* point just past the last token */
    char buf[64];
    int open = st->nparens - 1;
    if (st->mode == NPS_MODE_EXPR)
        diag_error(loc, "f-string: invalid syntax");
    else if (open >= 0 && loc.line > st->paren_locs[open].line)
        diag_error(st->paren_locs[open], "'%c' was never closed", st->parens[open]);
    else if (la == YYSYMBOL_INDENT)
        diag_error(loc, "unexpected indent");
    else if (n == 1 && exp[0] == YYSYMBOL_INDENT)
        diag_error(loc, "expected an indented block");
    else if (at_eol && expects(exp, n, symbol_named("':'")))
        diag_error(loc, "expected ':'");
    else if (at_eol && expects(exp, n, YYSYMBOL_NAME))
        diag_error(loc, "expected an expression");
    else if (n == 1)
        diag_error(loc, "expected %s", token_text(exp[0], buf, sizeof buf));
    else if (la == YYSYMBOL_YYEOF)
        diag_error(loc, "unexpected end of file");
    else
        diag_error(loc, "invalid syntax: unexpected %s", token_text(la, buf, sizeof buf));
    return 0;
}

const char *nps_token_name(int tok)
{
    return yysymbol_name(YYTRANSLATE(tok));
}

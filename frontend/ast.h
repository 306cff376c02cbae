/* ast.h: the syntax tree of a .nps program.
 *
 * The parser builds it; sema checks it and fills in each expression's type;
 * lower turns it into IR.  Every node keeps the span of source it came from.
 * Nodes live in the arena of their ast_module; lists are (items, count).
 *
 * The tree is a plain Python AST restricted to what the parser accepts; what
 * the language rejects (classes, lambdas outside np.fromfunction, ...) still
 * parses where that lets sema give a precise message.
 */
#ifndef NUMSC_AST_H
#define NUMSC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "support/diag.h"
#include "support/util.h"

typedef struct ast_expr ast_expr;
typedef struct ast_stmt ast_stmt;
struct sema_type;                       /* frontend/types.h */

/* Binary operators, also used by augmented assignment.  ORDER AST_BINOP */
typedef enum ast_binop {
    AST_ADD, AST_SUB, AST_MUL, AST_DIV, AST_FLOORDIV, AST_MOD, AST_POW,
    AST_MATMUL,                         /* @ */
    AST_BITAND, AST_BITOR, AST_BITXOR,  /* & | ^ */
    AST_LSHIFT, AST_RSHIFT,             /* << >> */
    AST_BINOP_COUNT
} ast_binop;

typedef enum ast_unop { AST_NEG, AST_POS, AST_NOT, AST_INVERT /* ~ */ } ast_unop;

/* Comparison operators.  ORDER AST_CMPOP */
typedef enum ast_cmpop {
    AST_EQ, AST_NE, AST_LT, AST_LE, AST_GT, AST_GE,
    AST_IS, AST_IS_NOT, AST_IN, AST_NOT_IN
} ast_cmpop;

typedef enum ast_expr_kind {
    AST_INT,        /* ival (literals that overflow int64 are a parse error) */
    AST_FLOAT,      /* fval */
    AST_STR,        /* str.text (escapes resolved), str.len */
    AST_BOOL,       /* bval */
    AST_NONE,       /* None */
    AST_ELLIPSIS,   /* ... */
    AST_NAME,       /* name.id */
    AST_ATTR,       /* attr.obj . attr.name */
    AST_CALL,       /* call.func(call.args..., call.kwargs...) */
    AST_SUBSCRIPT,  /* sub.obj[sub.index...]: one item per comma-separated index */
    AST_SLICE,      /* slice.lo : slice.hi : slice.step, each may be NULL; only inside [] */
    AST_TUPLE,      /* seq.items (parenthesised or bare a, b) */
    AST_LIST,       /* seq.items */
    AST_BINOP,      /* bin.op, bin.lhs, bin.rhs */
    AST_UNOP,       /* un.op, un.operand */
    AST_BOOLOP,     /* boolop.is_and, boolop.items (>= 2): a and b and c */
    AST_COMPARE,    /* cmp.first, cmp.ops[i], cmp.rest[i]: a < b <= c (chained) */
    AST_IFEXP,      /* ifexp.cond ? ifexp.then : ifexp.orelse */
    AST_FSTRING,    /* fstr.parts: AST_STR pieces and AST_FORMATTED values */
    AST_FORMATTED,  /* fmt.value, fmt.conv ('r','s','a' or 0), fmt.spec (may be NULL; an AST_FSTRING) */
    AST_LAMBDA,     /* lambda.params, lambda.body */
    AST_STARRED,    /* starred.value: *x in a call or tuple */
} ast_expr_kind;

typedef struct ast_keyword {
    const char *name;
    ast_expr *value;
    src_loc loc;
} ast_keyword;

struct ast_expr {
    ast_expr_kind kind;
    src_loc loc;
    struct sema_type *type;             /* set by sema; NULL before */
    union {
        int64_t ival;
        double fval;
        bool bval;
        struct { const char *text; int len; } str;
        struct { const char *id; } name;
        struct { ast_expr *obj; const char *name; src_loc name_loc; } attr;
        struct { ast_expr *func; ast_expr **args; int nargs; ast_keyword *kwargs; int nkwargs; } call;
        struct { ast_expr *obj; ast_expr **index; int nindex; } sub;
        struct { ast_expr *lo, *hi, *step; } slice;
        struct { ast_expr **items; int n; } seq;
        struct { ast_binop op; ast_expr *lhs, *rhs; } bin;
        struct { ast_unop op; ast_expr *operand; } un;
        struct { bool is_and; ast_expr **items; int n; } boolop;
        struct { ast_expr *first; ast_cmpop *ops; ast_expr **rest; int n; } cmp;
        struct { ast_expr *cond, *then, *orelse; } ifexp;
        struct { ast_expr **parts; int n; } fstr;
        struct { ast_expr *value; char conv; ast_expr *spec; } fmt;
        struct { const char **params; int nparams; ast_expr *body; } lambda;
        struct { ast_expr *value; } starred;
    };
};

typedef enum ast_stmt_kind {
    AST_EXPR_STMT,  /* expr.value */
    AST_ASSIGN,     /* assign.targets[0] = ... = assign.targets[n-1] = assign.value */
    AST_AUGASSIGN,  /* aug.target aug.op= aug.value */
    AST_IF,         /* ifs.cond, ifs.then, ifs.orelse (elif is an AST_IF alone in orelse) */
    AST_WHILE,      /* loop.cond, loop.body */
    AST_FOR,        /* forl.target, forl.iter, forl.body */
    AST_BREAK,
    AST_CONTINUE,
    AST_PASS,
    AST_RETURN,     /* ret.value (may be NULL; a bare tuple is an AST_TUPLE) */
    AST_ASSERT,     /* assertion.test, assertion.msg (may be NULL) */
    AST_DEF,        /* def.name, def.params, def.defaults (per param, NULL = none), def.body */
    AST_IMPORT,     /* import.module ("numpy", "sys", "numpy.linalg"), import.alias (may be NULL) */
    AST_FROM_IMPORT,/* import.module, import.names/aliases */
    AST_CLASS,      /* def.name, def.body: parsed only to be rejected by sema */
    AST_GLOBAL,     /* global.names */
    AST_DEL,        /* del.targets */
    AST_UNSUPPORTED,/* unsupported.what: a construct the parser recognises but the language lacks
                       (with, try, raise, yield, ...); sema reports it */
} ast_stmt_kind;

typedef struct ast_block {
    ast_stmt **stmts;
    int n;
} ast_block;

struct ast_stmt {
    ast_stmt_kind kind;
    src_loc loc;                        /* the whole statement's first line */
    union {
        struct { ast_expr *value; } expr;
        struct { ast_expr **targets; int ntargets; ast_expr *value; } assign;
        struct { ast_expr *target; ast_binop op; ast_expr *value; } aug;
        struct { ast_expr *cond; ast_block then, orelse; } ifs;
        struct { ast_expr *cond; ast_block body; } loop;
        struct { ast_expr *target; ast_expr *iter; ast_block body; } forl;
        struct { ast_expr *value; } ret;
        struct { ast_expr *test, *msg; } assertion;
        struct {
            const char *name;
            src_loc name_loc;
            const char **params;
            src_loc *param_locs;
            ast_expr **defaults;
            int nparams;
            ast_block body;
        } def;
        struct {
            const char *module;
            const char *alias;
            const char **names;         /* from-import only */
            const char **aliases;
            int nnames;
        } import;
        struct { const char **names; int n; } global;
        struct { ast_expr **targets; int n; } del;
        struct { const char *what; } unsupported;
    };
};

typedef struct ast_module {
    const char *path;
    ast_block body;
    arena arena;                        /* owns every node */
} ast_module;

/* Constructors used by the parser (all allocate in m->arena). */
ast_expr *ast_new_expr(ast_module *m, ast_expr_kind kind, src_loc loc);
ast_stmt *ast_new_stmt(ast_module *m, ast_stmt_kind kind, src_loc loc);

/* Deep copy of a subtree (types are not copied): sema specializes a function
 * body once per call signature and annotates each copy. */
ast_expr *ast_clone_expr(ast_module *m, const ast_expr *e);
ast_block ast_clone_block(ast_module *m, ast_block b);

/* Debug dump in an S-expression form, one statement per line (tests compare it). */
#include <stdio.h>
void ast_dump(FILE *out, const ast_module *m);
void ast_dump_expr(FILE *out, const ast_expr *e);

const char *ast_binop_symbol(ast_binop op);   /* "+", "@", ... */
const char *ast_cmpop_symbol(ast_cmpop op);   /* "<", "is not", ... */

/* Parse a whole file.  Returns NULL after reporting diagnostics (diag.h).
 * `text` must stay alive as long as the module. */
ast_module *ast_parse(const char *path, const char *text);
void ast_free(ast_module *m);

#endif

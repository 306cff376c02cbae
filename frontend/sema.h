/* sema.h: semantic analysis and lowering to IR (internal to frontend/).
 *
 * One walk, two modes.  Each function body is walked first in ANALYSE mode,
 * repeatedly, until the types of all variables stop changing (loops and
 * branches may widen an int variable to float; a call may discover a new
 * specialization or a wider return type).  Then the same walk runs once in
 * EMIT mode and builds the IR.  Every construct is therefore typed and
 * lowered by one function, and the two can never disagree.  Diagnostics are
 * only reported in analyse mode.
 *
 * Variables are flow-sensitive: rebinding a name to a value of another type
 * makes a new slot (so `x = 1; print(x); x = 2.5` prints 1 then 2.5).  Where
 * control flow joins, the slots a name has on each path are unified
 * (union-find) if their types join (int and float join to float; arrays
 * must agree in dtype and rank); otherwise the name is marked conflicting
 * and any later read of it is an error.
 */
#ifndef NUMSC_SEMA_H
#define NUMSC_SEMA_H

#include "frontend/ast.h"
#include "frontend/types.h"
#include "ir/ir.h"

typedef struct val val;
typedef struct slot slot;
typedef struct spec spec;
typedef struct sema sema;
typedef struct fctx fctx;

/* A compile-time value: the type, and in emit mode the IR variable(s). */
struct val {
    sema_type *t;
    ir_var *v;              /* scalars, strings, arrays (NULL in analyse mode) */
    val *items;             /* TY_TUPLE / TY_LIST: t->nitems items */
    val *recv;              /* TY_METHOD: the object the method is bound to */
    bool is_const;          /* a numeric constant known at compile time */
    int64_t ci;             /* ... as an int (bool, int) */
    double cf;              /* ... as a float (every numeric constant) */
};

/* A variable's storage: one per (assignment site, type); unified at joins. */
struct slot {
    const char *name;
    sema_type *type;
    slot *parent;           /* union-find; the root holds the truth */
    bool global;            /* a module-level variable read by some function */
    val storage;            /* emit mode: vars holding the value (tuples: per item) */
    bool has_storage;
};

/* One name in an environment. */
typedef struct binding {
    const char *name;
    slot *s;                /* NULL: conflicting definitions joined here */
    src_loc conflict_loc;   /* where the conflict arose */
    sema_type *conflict_a, *conflict_b;
} binding;

typedef struct env {
    binding *b;
    int n, cap;
    bool dead;              /* unreachable: after return/break/continue */
} env;

typedef struct slot_key {
    const void *key;        /* the assignment site (an AST node) */
    slot *s;
} slot_key;
typedef VEC(slot_key) slot_vec;
typedef VEC(env) env_list;

/* A specialization of a user function for one tuple of argument types. */
struct spec {
    const ast_stmt *def;
    sema_type **params;
    int nparams;
    sema_type *ret;         /* joined return type; NULL until a return is seen */
    bool ret_seen;
    int analysed_round;     /* the round this spec was last analysed in */
    bool analysing;
    const char *irname;
    ir_func *irf;
    slot_vec slots;         /* reused across rounds */
};

/* Per-function walk state. */
struct fctx {
    sema *S;
    spec *sp;               /* NULL for main */
    env env;
    ir_func *irf;           /* emit mode */
    ir_block *blk;          /* where ops are appended (emit mode) */
    env_list *break_envs;   /* innermost loop: envs at break / at continue */
    env_list *cont_envs;
    int loop_depth;
    slot_vec *slots;
};

/* Module-wide state. */
struct sema {
    ast_module *ast;
    ir_module *ir;
    arena *a;               /* == &ir->arena: types and slots live as long as the IR */
    bool emit;              /* false: analyse mode */
    bool changed;           /* analyse mode: a type widened; run another round */
    int round;
    VEC(const ast_stmt *) defs;      /* every top-level def */
    VEC(spec *) specs;
    VEC(const char *) global_names;  /* module-level names read inside functions */
    VEC(const char *) class_names;   /* rejected classes: uses of them are not reported again */
    VEC(slot *) global_slots;
    VEC(struct alias { const char *name; const char *module; }) imports;
    int spec_depth;
    struct sema_files *files;        /* sema_files.c: literal paths the program writes */
};

/* ---- sema_env.c ---- */
slot *slot_find(slot *s);
slot *slot_for_site(fctx *F, const void *key, const char *name, sema_type *t);
slot *slot_global(sema *S, const char *name);
binding *env_lookup(env *e, const char *name);
void env_bind(env *e, const char *name, slot *s);
env env_copy(const env *e);
void env_free(env *e);
/* Join `other` into `into` at a control-flow merge (both reachable or not). */
void env_merge(sema *S, env *into, const env *other, src_loc where);
/* A loop head: true if merging `back` into `head` changed anything. */
bool env_merge_changes(sema *S, env *head, const env *back, src_loc where);
bool is_global_name(sema *S, const char *name);

/* ---- sema_emit.c: building IR in emit mode (no-ops in analyse mode) ---- */
ir_var *emit_tmp(fctx *F, sema_type *t);
ir_op *emit_op(fctx *F, ir_opcode code, src_loc loc, ir_var *result, ir_var **args, int nargs);
val emit_value_op(fctx *F, ir_opcode code, src_loc loc, sema_type *t, val *args, int nargs);
val const_int(fctx *F, int64_t v, bool numpy, src_loc loc);
val const_float(fctx *F, double v, bool numpy, src_loc loc);
val const_bool(fctx *F, bool v, src_loc loc);
val const_str(fctx *F, const char *s, int len, src_loc loc);
val cast_scalar(fctx *F, val x, ir_dtype dt, bool numpy, src_loc loc);
val cast_to_dtype(fctx *F, val x, ir_dtype dt, src_loc loc);  /* scalars or arrays */
val to_bool(fctx *F, val x, src_loc loc);                      /* Python truthiness */
void store_slot(fctx *F, slot *s, val x, src_loc loc);
val load_slot(fctx *F, slot *s);
val copy_to_temp(fctx *F, val x, src_loc loc);               /* snapshot (tuple swap) */
ir_block *emit_push_region(fctx *F, ir_op *op, int region);
void emit_pop_region(fctx *F, ir_block *saved);
val val_of_type(sema_type *t);                                /* analyse mode result */
/* A call of the runtime's rt_<fn> (IR rtcall).  result NULL: no result.
 * shape_from / list_from: -1, or the operand index where the (rank, shape)
 * sizes / (n, arrays) list starts (see ir.h). */
val emit_rtcall(fctx *F, const char *fn, sema_type *result, val *args, int nargs, int shape_from,
                int list_from, src_loc loc);
val int_dims(fctx *F, val *items, int n, src_loc loc);        /* helper: make a tuple of i64 */

/* ---- sema_expr.c ---- */
val sema_expr(fctx *F, ast_expr *e);
val sema_expr_value(fctx *F, ast_expr *e);      /* must be a runtime value */
val sema_cond(fctx *F, ast_expr *e);            /* a bool scalar, Python truthiness */
sema_type *sema_type_of(fctx *F, ast_expr *e);  /* the type, computed without emitting anything */
bool sema_const_int(fctx *F, ast_expr *e, int64_t *out);
val sema_subscript(fctx *F, ast_expr *e, val obj);
val sema_attribute(fctx *F, ast_expr *e, val obj);

/* ---- sema_ops.c: operators ---- */
val sema_binary(fctx *F, ast_binop op, val x, val y, src_loc loc);
val sema_unary(fctx *F, ast_unop op, val x, src_loc loc);
val sema_compare(fctx *F, ast_cmpop op, val x, val y, src_loc loc);
val sema_elementwise1(fctx *F, ir_opcode code, val x, src_loc loc);  /* np.sqrt etc. */
val sema_elementwise2(fctx *F, ir_opcode code, val x, val y, src_loc loc);
val sema_matmul(fctx *F, val x, val y, src_loc loc, bool is_dot);

/* ---- sema_stmt.c ---- */
void sema_block(fctx *F, ast_block b);
void sema_assign_to(fctx *F, ast_expr *target, val x, src_loc loc);

/* ---- sema_call.c ---- */
val sema_call(fctx *F, ast_expr *e);
typedef struct call_args {
    ast_expr **args;
    int nargs;
    ast_keyword *kw;
    int nkw;
    val *pos;               /* evaluated positional arguments */
    bool *kw_used;          /* which keywords the callee looked at */
    val *recv;              /* a method call: the object (else NULL) */
    src_loc loc;
} call_args;
/* Keyword argument lookup: NULL if absent; marks it consumed. */
ast_keyword *call_kw(call_args *c, const char *name);
bool call_check_kwargs(fctx *F, call_args *c, const char *fname);
/* Argument `name` given at position i (i < 0: keyword only) or by keyword:
 * its AST and value in *v, or NULL when absent or None.  A duplicate or an
 * erroneous argument sets *bad. */
ast_expr *call_param(fctx *F, call_args *c, int i, const char *name, val *v, bool *bad);
val sema_call_user(fctx *F, const ast_stmt *def, call_args *c);
val sema_write_value(fctx *F, val x, bool repr, src_loc loc);

/* ---- sema_numpy.c ---- */
val sema_numpy_call(fctx *F, const char *name, call_args *c);
val sema_method_call(fctx *F, val recv, const char *name, call_args *c);
bool sema_is_array_method(const char *name);
val sema_numpy_attr(fctx *F, const char *module, const char *name, src_loc loc, bool *found);
val sema_reduce(fctx *F, const char *kind, val a, call_args *c, int argpos);
bool sema_parse_dtype(fctx *F, ast_expr *e, ir_dtype *out);
bool sema_shape_arg(fctx *F, ast_expr *e, val *dims_out, int *rank_out);

/* ---- sema_func.c ---- */
void sema_analyse_spec(sema *S, spec *sp);
void sema_emit_spec(sema *S, spec *sp);

/* errors: report in analyse mode only */
void sema_error(fctx *F, src_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
val sema_poison(fctx *F);   /* the value of an erroneous expression */

#endif

/* ir.h: numsc's IR ("nir"), the one contract between front end and back ends.
 *
 * A module is a list of globals and functions.  A function body is a block of
 * ops with structured control flow (if / for / loop regions), so both
 * emitters map it straight onto C or LLVM and passes reason about loops
 * without rebuilding a CFG.
 *
 * Values are typed variables (ir_var).  Temporaries made by lowering are
 * assigned exactly once; variables named after user variables ('%x', not
 * '%t12') may be assigned many times, always with the same type.  Array
 * variables hold one reference to their array: assigning releases the old
 * value; a function releases its array variables when it returns.
 *
 * Two levels of ops share one IR (like MLIR dialects):
 *   array level: elementwise ops on arrays with broadcasting, reduce, matmul,
 *                views (slice/reshape/transpose), assign, creation, print;
 *   loop level:  map (an elementwise kernel: a region of scalar ops run once
 *                per element of the broadcast shape), the same scalar ops,
 *                load/store, for/loop with parallel/tile annotations.
 * Lowering emits array-level ops; passes (passes/) rewrite them towards the
 * loop level; the emitters accept both where an op has an obvious meaning.
 *
 * The text form (ir_print / ir_parse) round-trips exactly; docs/ir.md gives
 * its grammar and the meaning of each op.
 */
#ifndef NUMSC_IR_H
#define NUMSC_IR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "support/diag.h"
#include "support/util.h"

enum { IR_MAX_RANK = 8 };

/* Element types.  ORDER IR_DTYPE */
typedef enum ir_dtype {
    IR_BOOL,
    IR_I64,
    IR_F32,
    IR_F64,
    IR_STR,     /* strings (print, f-strings); never an array element */
    IR_RNG,     /* a random generator (np.random.default_rng); a handle like an array */
    IR_DTYPE_COUNT
} ir_dtype;

/* A scalar when !is_array; otherwise an array of `rank` dims, each a
 * constant >= 0 or -1 (unknown until run time).  Text: i64, f64[?,3], f32[]. */
typedef struct ir_type {
    ir_dtype dtype;
    bool is_array;
    int rank;
    int64_t dims[IR_MAX_RANK];
} ir_type;

typedef struct ir_var {
    const char *name;       /* without the sigil: "t3", "x", "N" */
    ir_type type;
    bool is_global;         /* '$name' in the text: a module-level variable */
    int id;                 /* dense per function (globals: per module) */
} ir_var;

/* Opcodes.  ORDER IR_OPCODE (ir.c: ir_opinfo table)
 *
 * Attribute "py" (bool) on a scalar FLOORDIV, MOD, DIV, POW or CAST asks for
 * Python's semantics on Python scalars: ZeroDivisionError on a zero divisor,
 * int(nan) raising ValueError.  Without it the op follows NumPy (int // 0 is
 * 0, float / 0 is inf, casts truncate).  Elementwise ops take operands of
 * one dtype (sema inserts casts); comparisons give bool; SELECT's condition
 * is bool; ROUND's second operand is i64. */
typedef enum ir_opcode {
    /* values and control */
    IR_CONST,       /* %r = const LITERAL                     value attr "value" */
    IR_MOV,         /* %r = mov %a                            copy (arrays: share, +1 ref) */
    IR_RELEASE,     /* release %a                             drop the reference early; %a is dead after */
    IR_IF,          /* if %c { then } else { orelse }          regions[0], regions[1] */
    IR_FOR,         /* for %i = %lo, %hi, %step { body }       Python range semantics; %i = results[0] */
    IR_LOOP,        /* loop { body }                           until break / return */
    IR_BREAK,
    IR_CONTINUE,
    IR_RETURN,      /* return %a, %b */
    IR_CALL,        /* %r... = call @f(%a, ...)                attr "callee" */
    IR_ASSERT,      /* assert %c [, %msg]                      AssertionError */
    IR_WRITE,       /* write %x                                print str(x) (attr "repr": repr(x)) with no newline */
    IR_YIELD,       /* yield %a                                ends a map body */

    /* elementwise: scalars, or arrays with broadcasting; operands share one dtype */
    IR_NEG, IR_NOT, IR_BITNOT, IR_ABS, IR_SQRT, IR_EXP, IR_LOG, IR_LOG2, IR_LOG10,
    IR_SIN, IR_COS, IR_TAN, IR_ARCSIN, IR_ARCCOS, IR_ARCTAN, IR_SINH, IR_COSH, IR_TANH,
    IR_FLOOR, IR_CEIL, IR_TRUNC, IR_RINT, IR_SIGN, IR_ISNAN, IR_ISINF, IR_ISFINITE, IR_SIGNBIT,
    IR_ADD, IR_SUB, IR_MUL, IR_DIV, IR_FLOORDIV, IR_MOD, IR_POW,
    IR_MIN, IR_MAX,             /* np.minimum / np.maximum: NaN propagates */
    IR_AND, IR_OR, IR_XOR, IR_SHL, IR_SHR,
    IR_EQ, IR_NE, IR_LT, IR_LE, IR_GT, IR_GE,
    IR_ARCTAN2, IR_HYPOT,
    IR_ROUND,       /* %r = round %x, %ndigits(i64)            np.round (scale, rint, unscale);
                       with attr py: Python's correctly rounded round(x, n) */
    IR_SELECT,      /* %r = select %cond, %a, %b               np.where */
    IR_CAST,        /* %r = cast %a                            to the result's dtype (arrays: a new array) */
    IR_MAP,         /* %r = map %a, %b (%x:f64, %y:f64) { ...; yield %v }
                       one elementwise kernel over the broadcast shape of the array operands */

    /* arrays */
    IR_ALLOC,       /* %r = alloc %d0, %d1, ...  {fill=zeros|ones|empty}   */
    IR_FULL,        /* %r = full %v, %d0, %d1, ...                         */
    IR_ARANGE,      /* %r = arange %start, %stop, %step                    */
    IR_LINSPACE,    /* %r = linspace %start, %stop, %num {endpoint=true}   */
    IR_EYE,         /* %r = eye %n, %m {k=0}                               */
    IR_LITERAL,     /* %r = literal %e0, %e1, ...  elements in C order; shape from the result type */
    IR_DIM,         /* %r:i64 = dim %a {axis=K}                            */
    IR_SIZE,        /* %r:i64 = size %a                                    */
    IR_COPY,        /* %r = copy %a                           a fresh C-contiguous copy */
    IR_RESHAPE,     /* %r = reshape %a, %d0, ...              a view when possible, else a copy; -1 allowed */
    IR_TRANSPOSE,   /* %r = transpose %a {perm=[1,0]}         a view */
    IR_SLICE,       /* %r = slice %a[INDEX, ...]              a view; see ir_index */
    IR_LOAD,        /* %r = load %a[%i, %j]                   one element; negative indices wrap; bounds-checked */
    IR_STORE,       /* store %a[%i, %j], %v                   */
    IR_ASSIGN,      /* assign %dst, %src                      dst[...] = src: broadcast, cast, overlap-safe */
    IR_REDUCE,      /* %r = reduce %a {kind=sum, axes=[0], keepdims=false}
                       kind: sum prod max min mean argmax argmin any all; no axes attr = all axes */
    IR_MATMUL,      /* %r = matmul %a, %b                     @ and np.dot for rank 1 and 2 */
    IR_OUTER,       /* %r = outer %a, %b                      */
    IR_RTCALL,      /* %r = rtcall %a, %b {fn = NAME [, shape_from = K]}
                       calls the runtime's rt_NAME(a, b, ...): arrays as rt_array *, scalars as
                       C scalars, str as const char *, rng as rt_rng *.  With shape_from = K the
                       operands from K on are i64 sizes, passed as (int rank, const int64_t *shape).
                       At most one result (a handle result is +1).  May raise. */

    IR_OPCODE_COUNT
} ir_opcode;

/* One item of a slice/load/store index. */
typedef enum ir_index_kind {
    IR_IDX_INT,     /* a[%i]: args[lo] */
    IR_IDX_SLICE,   /* a[%lo:%hi:%step]: lo/hi/step are indices into args, -1 = omitted */
    IR_IDX_NEWAXIS, /* a[new] */
} ir_index_kind;

typedef struct ir_index {
    ir_index_kind kind;
    int lo, hi, step;
} ir_index;

typedef enum ir_attr_kind {
    IR_ATTR_INT, IR_ATTR_FLOAT, IR_ATTR_BOOL, IR_ATTR_STR,
    IR_ATTR_WORD,       /* a bare identifier: kind=sum */
    IR_ATTR_INTLIST,    /* [0, 1] */
    IR_ATTR_SYMBOL,     /* @name */
} ir_attr_kind;

typedef struct ir_attr {
    const char *name;
    ir_attr_kind kind;
    int64_t i;          /* INT, BOOL */
    double f;           /* FLOAT */
    const char *s;      /* STR (raw bytes, may hold NUL: see slen), WORD, SYMBOL */
    int slen;
    int64_t *list;      /* INTLIST */
    int nlist;
} ir_attr;

typedef struct ir_op ir_op;

typedef struct ir_block {
    ir_var **params;    /* map bodies: one scalar per operand */
    int nparams;
    ir_op **ops;
    int nops, cap;
} ir_block;

struct ir_op {
    ir_opcode code;
    src_loc loc;
    ir_var **results;
    int nresults;
    ir_var **args;
    int nargs;
    ir_attr *attrs;
    int nattrs;
    ir_index *index;    /* slice / load / store */
    int nindex;
    ir_block *regions;  /* if: 2; for, loop, map: 1 */
    int nregions;
};

typedef struct ir_func {
    const char *name;           /* without '@' */
    ir_var **params;
    int nparams;
    ir_type *ret_types;
    int nret;
    ir_block body;
    ir_var **vars;              /* every local, params first; vars[i]->id == i */
    int nvars, cap_vars;
    src_loc loc;
} ir_func;

typedef struct ir_module {
    const char *source_path;    /* the .nps file, for runtime error messages */
    ir_var **globals;
    int nglobals, cap_globals;
    ir_func **funcs;
    int nfuncs, cap_funcs;
    arena arena;                /* owns everything above */
} ir_module;

/* ---- opcode table ---- */
typedef struct ir_opinfo {
    const char *name;
    signed char nregions;       /* regions the op carries */
    bool elementwise;           /* NEG..SELECT, CAST */
    bool has_index;             /* SLICE, LOAD, STORE */
    bool terminator;            /* BREAK, CONTINUE, RETURN, YIELD */
} ir_opinfo;

extern const ir_opinfo ir_opinfos[IR_OPCODE_COUNT];
const char *ir_opcode_name(ir_opcode code);
bool ir_opcode_lookup(const char *name, ir_opcode *out);
bool ir_dtype_lookup(const char *name, ir_dtype *out);     /* "f64" -> IR_F64 (added) */

/* ---- building ---- */
ir_module *ir_module_new(const char *source_path);
void ir_module_free(ir_module *m);
ir_func *ir_func_new(ir_module *m, const char *name);
ir_var *ir_global_new(ir_module *m, const char *name, ir_type type);
ir_var *ir_var_new(ir_module *m, ir_func *f, const char *name, ir_type type);  /* name NULL: "tN" */
ir_var *ir_func_add_param(ir_module *m, ir_func *f, const char *name, ir_type type);
ir_func *ir_module_find_func(const ir_module *m, const char *name);

ir_op *ir_op_new(ir_module *m, ir_opcode code, src_loc loc);
void ir_op_set_args(ir_module *m, ir_op *op, ir_var **args, int n);
void ir_op_set_results(ir_module *m, ir_op *op, ir_var **res, int n);
void ir_op_add_arg(ir_module *m, ir_op *op, ir_var *v);
void ir_block_append(ir_block *b, ir_op *op);
void ir_block_insert(ir_block *b, int pos, ir_op *op);
void ir_block_remove(ir_block *b, int pos);
/* Added.  Lookups by name (without sigil); NULL when absent. */
ir_var *ir_module_find_global(const ir_module *m, const char *name);
ir_var *ir_func_find_var(const ir_func *f, const char *name);
/* The function's result types (copied). */
void ir_func_set_results(ir_module *m, ir_func *f, const ir_type *types, int n);
/* Append a parameter to a map body: the local `name` when it exists with
 * this type, else a new local (name NULL: "tN"). */
ir_var *ir_block_add_param(ir_module *m, ir_func *f, ir_block *b, const char *name,
                           ir_type type);
/* Set a slice/load/store index (copied); positions refer to op->args. */
void ir_op_set_index(ir_module *m, ir_op *op, const ir_index *items, int n);
/* Deep copies within one function: same variables, new ops and regions. */
ir_op *ir_op_clone(ir_module *m, const ir_op *op);
void ir_block_clone(ir_module *m, ir_block *dst, const ir_block *src);  /* params replaced, ops appended */

/* attributes (set replaces an attribute of the same name) */
void ir_attr_set_int(ir_module *m, ir_op *op, const char *name, int64_t v);
void ir_attr_set_float(ir_module *m, ir_op *op, const char *name, double v);
void ir_attr_set_bool(ir_module *m, ir_op *op, const char *name, bool v);
void ir_attr_set_str(ir_module *m, ir_op *op, const char *name, const char *s, int len);
void ir_attr_set_word(ir_module *m, ir_op *op, const char *name, const char *word);
void ir_attr_set_symbol(ir_module *m, ir_op *op, const char *name, const char *sym);
void ir_attr_set_intlist(ir_module *m, ir_op *op, const char *name, const int64_t *v, int n);
const ir_attr *ir_attr_get(const ir_op *op, const char *name);
int64_t ir_attr_int(const ir_op *op, const char *name, int64_t dflt);   /* INT or BOOL */
const char *ir_attr_word(const ir_op *op, const char *name);           /* WORD/SYMBOL/STR or NULL */

/* types */
ir_type ir_scalar_type(ir_dtype dt);
ir_type ir_array_type(ir_dtype dt, int rank, const int64_t *dims);  /* dims NULL: all unknown */
bool ir_type_equal(ir_type a, ir_type b);
const char *ir_dtype_name(ir_dtype dt);     /* "f64" */
void ir_type_print(FILE *out, ir_type t);   /* "f64[?,3]" */

/* ---- text form ---- */
void ir_print_module(FILE *out, const ir_module *m);
void ir_print_func(FILE *out, const ir_func *f);
/* Parse the text form; NULL after diagnostics (reported with diag.h against `path`). */
ir_module *ir_parse(const char *path, const char *text);

/* ---- verifier ---- */
/* Checks structure and types; reports each problem with diag_error at the op's
 * location prefixed "IR verifier: " and returns the number of problems. */
int ir_verify(const ir_module *m);

#endif

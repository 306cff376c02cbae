/* types.h: the types semantic analysis gives to expressions.
 *
 * Scalars remember whether they are Python scalars (int, float, bool) or
 * NumPy scalars (np.float64, np.int64, np.float32 ...): the two differ in
 * what they do on division by zero and in how they promote with arrays.
 * Arrays carry a dtype, a rank and per-axis sizes when known at compile
 * time (-1 otherwise).  Non-value kinds (modules, functions, dtypes,
 * builtins, bound methods) exist only at compile time.
 */
#ifndef NUMSC_TYPES_H
#define NUMSC_TYPES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ir/ir.h"

typedef enum ty_kind {
    TY_SCALAR,      /* dtype, numpy */
    TY_STR,
    TY_NONE,
    TY_ARRAY,       /* dtype, rank, dims */
    TY_TUPLE,       /* items */
    TY_LIST,        /* items: a list display, only as an argument (np.array([...])) */
    TY_MODULE,      /* name: "numpy", "numpy.linalg", "math", "sys", "time" */
    TY_FUNC,        /* name: a user function (def) */
    TY_BUILTIN,     /* name: "print", "np.zeros", ... */
    TY_METHOD,      /* name: a method of an array ("sum"); the receiver travels in the value */
    TY_DTYPE,       /* dtype: np.float32, float, int, bool used as a dtype */
    TY_RANGE,       /* range(...) in a for loop */
    TY_ERROR,       /* an expression already diagnosed: silences follow-on errors */
} ty_kind;

typedef struct sema_type sema_type;
struct sema_type {
    ty_kind kind;
    ir_dtype dtype;
    bool numpy;                 /* scalars: a NumPy scalar, not a Python one */
    int rank;
    int64_t dims[IR_MAX_RANK];
    sema_type **items;
    int nitems;
    const char *name;
};

/* Constructors (types are immutable once made; they live in the given arena). */
sema_type *ty_scalar(arena *a, ir_dtype dt, bool numpy);
sema_type *ty_array(arena *a, ir_dtype dt, int rank, const int64_t *dims);
sema_type *ty_tuple(arena *a, sema_type **items, int n);
sema_type *ty_named(arena *a, ty_kind kind, const char *name);
sema_type *ty_dtype(arena *a, ir_dtype dt);
sema_type *ty_simple(arena *a, ty_kind kind);        /* STR, NONE, RANGE */

bool ty_equal(const sema_type *a, const sema_type *b);
bool ty_is_value(const sema_type *t);                 /* can live in a variable */
bool ty_is_numeric_scalar(const sema_type *t);
/* The type both can be stored as, or NULL: int/bool/float scalars join to
 * the wider kind; arrays of one dtype and rank join with unknown sizes. */
sema_type *ty_join(arena *a, const sema_type *x, const sema_type *y);
/* The same type with every array size unknown (function signatures). */
sema_type *ty_erase_dims(arena *a, const sema_type *t);
ir_type ty_to_ir(const sema_type *t);                 /* scalars, strings, arrays */

/* NumPy promotion. */
int ty_kind_rank(ir_dtype dt);                        /* bool 0 < int 1 < float 2 */
ir_dtype ty_promote(ir_dtype a, ir_dtype b);          /* array with array */
/* Result dtype of an arithmetic op between operands x and y (scalars or
 * arrays), applying NumPy 1.24's value-based casting for scalars mixed with
 * arrays; *numpy_out says whether a scalar result is a NumPy scalar. */
ir_dtype ty_binary_dtype(const sema_type *x, const sema_type *y, bool *numpy_out);

/* "int", "float", "np.float64", "float64[?,3] array", "tuple[int, int]" */
void ty_describe(FILE *out, const sema_type *t);
char *ty_describe_str(arena *a, const sema_type *t);
const char *ty_dtype_numpy_name(ir_dtype dt);          /* "float64", "int64", "bool" */

#endif

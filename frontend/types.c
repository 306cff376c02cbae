/* types.c: construction, comparison, joining and NumPy promotion of types. */
#include "frontend/types.h"

#include <string.h>

static sema_type *ty_new(arena *a, ty_kind kind)
{
    sema_type *t = arena_alloc(a, sizeof *t);
    t->kind = kind;
    return t;
}

sema_type *ty_scalar(arena *a, ir_dtype dt, bool numpy)
{
    sema_type *t = ty_new(a, TY_SCALAR);
    t->dtype = dt;
    t->numpy = numpy;
    return t;
}

sema_type *ty_array(arena *a, ir_dtype dt, int rank, const int64_t *dims)
{
    sema_type *t = ty_new(a, TY_ARRAY);
    t->dtype = dt;
    t->rank = rank;
    for (int i = 0; i < rank; i++)
        t->dims[i] = dims ? dims[i] : -1;
    return t;
}

sema_type *ty_tuple(arena *a, sema_type **items, int n)
{
    sema_type *t = ty_new(a, TY_TUPLE);
    t->items = arena_alloc(a, sizeof *items * (size_t)(n ? n : 1));
    memcpy(t->items, items, sizeof *items * (size_t)n);
    t->nitems = n;
    return t;
}

sema_type *ty_named(arena *a, ty_kind kind, const char *name)
{
    sema_type *t = ty_new(a, kind);
    t->name = name;
    return t;
}

sema_type *ty_dtype(arena *a, ir_dtype dt)
{
    sema_type *t = ty_new(a, TY_DTYPE);
    t->dtype = dt;
    return t;
}

sema_type *ty_simple(arena *a, ty_kind kind)
{
    return ty_new(a, kind);
}

bool ty_equal(const sema_type *a, const sema_type *b)
{
    if (a == b)
        return true;
    if (!a || !b || a->kind != b->kind)
        return false;
    switch (a->kind) {
    case TY_SCALAR:
        return a->dtype == b->dtype && a->numpy == b->numpy;
    case TY_ARRAY:
        if (a->dtype != b->dtype || a->rank != b->rank)
            return false;
        for (int i = 0; i < a->rank; i++)
            if (a->dims[i] != b->dims[i])
                return false;
        return true;
    case TY_TUPLE:
    case TY_LIST:
        if (a->nitems != b->nitems)
            return false;
        for (int i = 0; i < a->nitems; i++)
            if (!ty_equal(a->items[i], b->items[i]))
                return false;
        return true;
    case TY_DTYPE:
        return a->dtype == b->dtype;
    case TY_MODULE:
    case TY_FUNC:
    case TY_BUILTIN:
    case TY_METHOD:
        return strcmp(a->name, b->name) == 0;
    default:
        return true;
    }
}

bool ty_is_value(const sema_type *t)
{
    switch (t->kind) {
    case TY_SCALAR:
    case TY_STR:
    case TY_ARRAY:
        return true;
    case TY_TUPLE:
        for (int i = 0; i < t->nitems; i++)
            if (!ty_is_value(t->items[i]))
                return false;
        return true;
    default:
        return false;
    }
}

bool ty_is_numeric_scalar(const sema_type *t)
{
    return t->kind == TY_SCALAR && t->dtype != IR_STR && t->dtype != IR_RNG;
}

int ty_kind_rank(ir_dtype dt)
{
    switch (dt) {
    case IR_BOOL: return 0;
    case IR_I64: return 1;
    default: return 2;
    }
}

ir_dtype ty_promote(ir_dtype a, ir_dtype b)
{
    if (a == b)
        return a;
    if (a == IR_BOOL)
        return b;
    if (b == IR_BOOL)
        return a;
    if (a == IR_F64 || b == IR_F64)
        return IR_F64;
    /* i64 with f32: float64 (an int64 does not fit float32's mantissa) */
    return IR_F64;
}

/* A scalar mixed with an array: NumPy 1.24 value-based casting.  The scalar
 * only matters when it is of a higher kind (bool < int < float). */
static ir_dtype scalar_with_array(ir_dtype scalar, ir_dtype array)
{
    if (ty_kind_rank(scalar) <= ty_kind_rank(array))
        return array;
    if (scalar == IR_I64)
        return IR_I64;
    if (array == IR_BOOL)
        return scalar;          /* bool array with a float scalar */
    return IR_F64;              /* int array with any float scalar */
}

ir_dtype ty_binary_dtype(const sema_type *x, const sema_type *y, bool *numpy_out)
{
    bool xa = x->kind == TY_ARRAY, ya = y->kind == TY_ARRAY;
    *numpy_out = x->numpy || y->numpy || xa || ya;
    if (xa && !ya)
        return scalar_with_array(y->dtype, x->dtype);
    if (ya && !xa)
        return scalar_with_array(x->dtype, y->dtype);
    return ty_promote(x->dtype, y->dtype);
}

sema_type *ty_join(arena *a, const sema_type *x, const sema_type *y)
{
    if (ty_equal(x, y))
        return (sema_type *)x;
    if (x->kind == TY_SCALAR && y->kind == TY_SCALAR && x->dtype != IR_RNG && y->dtype != IR_RNG) {
        ir_dtype dt = ty_promote(x->dtype, y->dtype);
        return ty_scalar(a, dt, x->numpy || y->numpy);
    }
    if (x->kind == TY_ARRAY && y->kind == TY_ARRAY && x->dtype == y->dtype && x->rank == y->rank) {
        int64_t dims[IR_MAX_RANK];
        for (int i = 0; i < x->rank; i++)
            dims[i] = x->dims[i] == y->dims[i] ? x->dims[i] : -1;
        return ty_array(a, x->dtype, x->rank, dims);
    }
    if (x->kind == TY_TUPLE && y->kind == TY_TUPLE && x->nitems == y->nitems) {
        sema_type *items[64];
        if (x->nitems > 64)
            return NULL;
        for (int i = 0; i < x->nitems; i++)
            if (!(items[i] = ty_join(a, x->items[i], y->items[i])))
                return NULL;
        return ty_tuple(a, items, x->nitems);
    }
    return NULL;
}

sema_type *ty_erase_dims(arena *a, const sema_type *t)
{
    if (t->kind == TY_ARRAY)
        return ty_array(a, t->dtype, t->rank, NULL);
    if (t->kind == TY_TUPLE) {
        sema_type *items[64];
        int n = t->nitems > 64 ? 64 : t->nitems;
        for (int i = 0; i < n; i++)
            items[i] = ty_erase_dims(a, t->items[i]);
        return ty_tuple(a, items, n);
    }
    return (sema_type *)t;
}

ir_type ty_to_ir(const sema_type *t)
{
    if (t->kind == TY_ARRAY)
        return ir_array_type(t->dtype, t->rank, t->dims);
    if (t->kind == TY_STR)
        return ir_scalar_type(IR_STR);
    return ir_scalar_type(t->dtype);
}

const char *ty_dtype_numpy_name(ir_dtype dt)
{
    switch (dt) {
    case IR_BOOL: return "bool";
    case IR_I64: return "int64";
    case IR_F32: return "float32";
    case IR_F64: return "float64";
    default: return "str";
    }
}

const char *ty_pyname(const sema_type *t)
{
    switch (t->kind) {
    case TY_SCALAR:
        if (t->dtype == IR_RNG)
            return "numpy.random.Generator";
        if (t->numpy)
            return t->dtype == IR_BOOL ? "numpy.bool_" : t->dtype == IR_I64 ? "numpy.int64"
                 : t->dtype == IR_F32 ? "numpy.float32" : "numpy.float64";
        return t->dtype == IR_BOOL ? "bool" : t->dtype == IR_I64 ? "int" : "float";
    case TY_STR: return "str";
    case TY_NONE: return "NoneType";
    case TY_ARRAY: return "ndarray";
    case TY_TUPLE: return "tuple";
    case TY_LIST: return "list";
    case TY_MODULE: return "module";
    case TY_FUNC: return "function";
    case TY_BUILTIN: return "builtin_function_or_method";
    case TY_METHOD: return "method";
    case TY_DTYPE: return "type";
    case TY_RANGE: return "range";
    default: return "object";
    }
}

static const char *scalar_name(const sema_type *t)
{
    if (t->dtype == IR_RNG)
        return "np.random.Generator";
    if (t->numpy)
        switch (t->dtype) {
        case IR_BOOL: return "np.bool_";
        case IR_I64: return "np.int64";
        case IR_F32: return "np.float32";
        default: return "np.float64";
        }
    switch (t->dtype) {
    case IR_BOOL: return "bool";
    case IR_I64: return "int";
    default: return "float";
    }
}

void ty_describe(FILE *out, const sema_type *t)
{
    switch (t->kind) {
    case TY_SCALAR: fputs(scalar_name(t), out); break;
    case TY_STR: fputs("str", out); break;
    case TY_NONE: fputs("None", out); break;
    case TY_RANGE: fputs("range", out); break;
    case TY_ERROR: fputs("<error>", out); break;
    case TY_DTYPE: fprintf(out, "dtype %s", ty_dtype_numpy_name(t->dtype)); break;
    case TY_MODULE: fprintf(out, "module '%s'", t->name); break;
    case TY_FUNC: fprintf(out, "function '%s'", t->name); break;
    case TY_BUILTIN: fprintf(out, "builtin '%s'", t->name); break;
    case TY_METHOD: fprintf(out, "method '%s'", t->name); break;
    case TY_ARRAY:
        fprintf(out, "%s array of %d dimension%s", ty_dtype_numpy_name(t->dtype), t->rank,
                t->rank == 1 ? "" : "s");
        break;
    case TY_TUPLE:
    case TY_LIST:
        fputs(t->kind == TY_TUPLE ? "tuple[" : "list[", out);
        for (int i = 0; i < t->nitems; i++) {
            if (i)
                fputs(", ", out);
            ty_describe(out, t->items[i]);
        }
        fputc(']', out);
        break;
    }
}

char *ty_describe_str(arena *a, const sema_type *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ty_describe(f, t);
    fclose(f);
    char *s = arena_strdup(a, buf);
    free(buf);
    return s;
}

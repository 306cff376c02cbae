/* ir_verify_ops.c: the verifier's per-opcode rules: operand and result
 * counts, dtypes and ranks, attributes, index items. */
#include "ir/ir_verify_impl.h"

#include <string.h>

#define fail irv_fail

/* ---- type helpers ---- */

static int rank_of(ir_type t) { return t.is_array ? t.rank : 0; }

static bool is_scalar_of(const ir_var *v, ir_dtype dt)
{
    return !v->type.is_array && v->type.dtype == dt;
}

/* Same dtype and rank; dims agree where both are known. */
static bool compatible(ir_type a, ir_type b)
{
    if (a.dtype != b.dtype || a.is_array != b.is_array || rank_of(a) != rank_of(b))
        return false;
    for (int i = 0; i < rank_of(a); i++)
        if (a.dims[i] >= 0 && b.dims[i] >= 0 && a.dims[i] != b.dims[i])
            return false;
    return true;
}

/* amax < 0: no upper bound; nres < 0: any number of results. */
static bool counts(irv_ctx *c, const ir_op *op, int amin, int amax, int nres)
{
    bool ok = true;
    if (op->nargs < amin || (amax >= 0 && op->nargs > amax)) {
        if (amin == amax)
            fail(c, op, "expects %d operands, has %d", amin, op->nargs);
        else
            fail(c, op, "expects %d%s operands, has %d", amin,
                 amax < 0 ? " or more" : amax == amin + 1 ? " or 1 more" : "+", op->nargs);
        ok = false;
    }
    if (nres >= 0 && op->nresults != nres) {
        fail(c, op, "expects %d results, has %d", nres, op->nresults);
        ok = false;
    }
    return ok;
}

static void want_scalar(irv_ctx *c, const ir_op *op, const ir_var *v, ir_dtype dt,
                        const char *what)
{
    if (!is_scalar_of(v, dt))
        fail(c, op, "%s must be a %s scalar", what, ir_dtype_name(dt));
}

static bool want_array(irv_ctx *c, const ir_op *op, const ir_var *v, const char *what)
{
    if (!v->type.is_array)
        fail(c, op, "%s must be an array", what);
    return v->type.is_array;
}

/* The first result has dtype dt and is an array of `rank` (rank < 0: a scalar). */
static void want_result(irv_ctx *c, const ir_op *op, ir_dtype dt, int rank)
{
    if (op->nresults < 1)
        return;
    ir_type t = op->results[0]->type;
    if (t.dtype != dt)
        fail(c, op, "result dtype is %s, expected %s", ir_dtype_name(t.dtype),
             ir_dtype_name(dt));
    if (rank < 0 && t.is_array)
        fail(c, op, "result must be a scalar");
    else if (rank >= 0 && (!t.is_array || t.rank != rank))
        fail(c, op, "result must be an array of rank %d", rank);
}

static void want_i64_args(irv_ctx *c, const ir_op *op, int from)
{
    for (int i = from; i < op->nargs; i++)
        want_scalar(c, op, op->args[i], IR_I64, "a size or bound");
}

/* ---- elementwise ---- */

static bool gives_bool(ir_opcode code)
{
    return (code >= IR_EQ && code <= IR_GE) || code == IR_ISNAN || code == IR_ISINF ||
           code == IR_ISFINITE || code == IR_SIGNBIT;
}

/* Result rank of broadcasting the operands: max rank, -1 if all scalars. */
static int broadcast_rank(const ir_op *op)
{
    int r = -1;
    for (int i = 0; i < op->nargs; i++)
        if (op->args[i]->type.is_array && op->args[i]->type.rank > r)
            r = op->args[i]->type.rank;
    return r;
}

/* Operands [from, to) share one dtype, returned (IR_DTYPE_COUNT on mismatch). */
static ir_dtype shared_dtype(irv_ctx *c, const ir_op *op, int from, int to)
{
    ir_dtype dt = op->args[from]->type.dtype;
    for (int i = from + 1; i < to; i++)
        if (op->args[i]->type.dtype != dt) {
            fail(c, op, "operands have different dtypes (%s, %s)", ir_dtype_name(dt),
                 ir_dtype_name(op->args[i]->type.dtype));
            return IR_DTYPE_COUNT;
        }
    return dt;
}

static void check_elementwise(irv_ctx *c, const ir_op *op)
{
    ir_opcode k = op->code;
    int n = k == IR_SELECT ? 3 : k == IR_CAST || k < IR_ADD ? 1 : 2;
    if (!counts(c, op, n, n, 1))
        return;
    ir_dtype dt;
    if (k == IR_SELECT) {
        if (op->args[0]->type.dtype != IR_BOOL)
            fail(c, op, "condition must be bool");
        dt = shared_dtype(c, op, 1, 3);
    } else if (k == IR_ROUND) {
        want_scalar(c, op, op->args[1], IR_I64, "ndigits");
        dt = op->args[0]->type.dtype;
    } else {
        dt = shared_dtype(c, op, 0, n);
    }
    if (k == IR_CAST)
        dt = op->results[0]->type.dtype;
    else if (gives_bool(k))
        dt = IR_BOOL;
    if (dt != IR_DTYPE_COUNT)
        want_result(c, op, dt, broadcast_rank(op));
}

/* map: params match operand dtypes; the body yields the result dtype. */
static void check_map(irv_ctx *c, const ir_op *op)
{
    if (!counts(c, op, 1, -1, 1))
        return;
    const ir_block *b = &op->regions[0];
    if (b->nparams != op->nargs) {
        fail(c, op, "has %d operands but %d block parameters", op->nargs, b->nparams);
        return;
    }
    for (int i = 0; i < b->nparams; i++)
        if (!is_scalar_of(b->params[i], op->args[i]->type.dtype))
            fail(c, op, "block parameter %%%s must be a %s scalar", b->params[i]->name,
                 ir_dtype_name(op->args[i]->type.dtype));
    ir_dtype dt = op->results[0]->type.dtype;
    want_result(c, op, dt, broadcast_rank(op));
    const ir_op *last = b->nops ? b->ops[b->nops - 1] : NULL;
    if (!last || last->code != IR_YIELD)
        fail(c, op, "body must end in yield");
    else if (last->nargs == 1 && !is_scalar_of(last->args[0], dt))
        fail(c, op, "body yields %s, result dtype is %s",
             ir_dtype_name(last->args[0]->type.dtype), ir_dtype_name(dt));
}

/* ---- values and control ---- */

static void check_const(irv_ctx *c, const ir_op *op)
{
    if (!counts(c, op, 0, 0, 1))
        return;
    ir_type t = op->results[0]->type;
    static const ir_attr_kind want[IR_DTYPE_COUNT] = {
        [IR_BOOL] = IR_ATTR_BOOL, [IR_I64] = IR_ATTR_INT, [IR_F32] = IR_ATTR_FLOAT,
        [IR_F64] = IR_ATTR_FLOAT, [IR_STR] = IR_ATTR_STR};
    const ir_attr *a = ir_attr_get(op, "value");
    if (t.is_array)
        fail(c, op, "result must be a scalar");
    else if (!a || a->kind != want[t.dtype])
        fail(c, op, "needs a %s \"value\" attribute", ir_dtype_name(t.dtype));
}

static void check_types_match(irv_ctx *c, const ir_op *op, const char *what,
                              ir_var *const *vs, const ir_type *ts, int n)
{
    for (int i = 0; i < n; i++)
        if (!compatible(vs[i]->type, ts[i]))
            fail(c, op, "%s %d has the wrong type", what, i + 1);
}

static void check_return(irv_ctx *c, const ir_op *op)
{
    if (op->nargs != c->f->nret) {
        fail(c, op, "returns %d values, @%s returns %d", op->nargs, c->f->name, c->f->nret);
        return;
    }
    check_types_match(c, op, "return value", op->args, c->f->ret_types, op->nargs);
}

static void check_call(irv_ctx *c, const ir_op *op)
{
    const ir_attr *a = ir_attr_get(op, "callee");
    const ir_func *g = a && a->kind == IR_ATTR_SYMBOL ? ir_module_find_func(c->m, a->s) : NULL;
    if (!g) {
        fail(c, op, "callee %s%s is not a function of the module", a ? "@" : "",
             a ? a->s : "(missing)");
        return;
    }
    if (op->nargs != g->nparams || op->nresults != g->nret) {
        fail(c, op, "@%s takes %d arguments and returns %d values; call has %d and %d",
             g->name, g->nparams, g->nret, op->nargs, op->nresults);
        return;
    }
    for (int i = 0; i < op->nargs; i++)
        if (!compatible(op->args[i]->type, g->params[i]->type))
            fail(c, op, "argument %d has the wrong type for @%s", i + 1, g->name);
    for (int i = 0; i < op->nresults; i++)
        if (!compatible(op->results[i]->type, g->ret_types[i]))
            fail(c, op, "result %d has the wrong type for @%s", i + 1, g->name);
}

static void check_control(irv_ctx *c, const ir_op *op)
{
    switch (op->code) {
    case IR_MOV:
        if (counts(c, op, 1, 1, 1) && !compatible(op->args[0]->type, op->results[0]->type))
            fail(c, op, "result type differs from the operand's");
        break;
    case IR_RELEASE:
        if (counts(c, op, 1, 1, 0))
            want_array(c, op, op->args[0], "operand");
        break;
    case IR_IF:
        if (counts(c, op, 1, 1, 0))
            want_scalar(c, op, op->args[0], IR_BOOL, "condition");
        break;
    case IR_FOR:
        if (counts(c, op, 3, 3, 1)) {
            want_i64_args(c, op, 0);
            want_scalar(c, op, op->results[0], IR_I64, "induction variable");
        }
        break;
    case IR_LOOP:
        counts(c, op, 0, 0, 0);
        break;
    case IR_BREAK:
    case IR_CONTINUE:
        counts(c, op, 0, 0, 0);
        if (c->loop_depth == 0)
            fail(c, op, "outside a for or loop");
        break;
    case IR_ASSERT:
        if (counts(c, op, 1, 2, 0)) {
            want_scalar(c, op, op->args[0], IR_BOOL, "condition");
            if (op->nargs == 2)
                want_scalar(c, op, op->args[1], IR_STR, "message");
        }
        break;
    case IR_WRITE:
    case IR_YIELD:
        counts(c, op, 1, 1, 0);
        break;
    default:
        break;
    }
}

/* ---- array creation and shape queries ---- */

static void check_literal(irv_ctx *c, const ir_op *op)
{
    if (!counts(c, op, 0, -1, 1))
        return;
    ir_type t = op->results[0]->type;
    if (!t.is_array) {
        fail(c, op, "result must be an array");
        return;
    }
    int64_t n = 1;
    for (int i = 0; i < t.rank; i++)
        n = t.dims[i] < 0 || n < 0 ? -1 : n * t.dims[i];
    if (n < 0)
        fail(c, op, "result shape must be known");
    else if (n != op->nargs)
        fail(c, op, "has %d elements, shape holds %lld", op->nargs, (long long)n);
    for (int i = 0; i < op->nargs; i++)
        want_scalar(c, op, op->args[i], t.dtype, "element");
}

static void check_fill(irv_ctx *c, const ir_op *op)
{
    const ir_attr *a = ir_attr_get(op, "fill");
    if (a && (a->kind != IR_ATTR_WORD ||
              (strcmp(a->s, "zeros") && strcmp(a->s, "ones") && strcmp(a->s, "empty"))))
        fail(c, op, "fill must be zeros, ones or empty");
}

static void check_create(irv_ctx *c, const ir_op *op)
{
    ir_dtype dt = op->nresults ? op->results[0]->type.dtype : IR_F64;
    switch (op->code) {
    case IR_ALLOC:
        if (counts(c, op, 0, -1, 1)) {
            want_i64_args(c, op, 0);
            want_result(c, op, dt, op->nargs);
            check_fill(c, op);
        }
        break;
    case IR_FULL:
        if (counts(c, op, 1, -1, 1)) {
            want_scalar(c, op, op->args[0], dt, "fill value");
            want_i64_args(c, op, 1);
            want_result(c, op, dt, op->nargs - 1);
        }
        break;
    case IR_ARANGE:
        if (counts(c, op, 3, 3, 1)) {
            for (int i = 0; i < 3; i++)
                if (op->args[i]->type.is_array)
                    fail(c, op, "operand %d must be a scalar", i + 1);
            want_result(c, op, dt, 1);
        }
        break;
    case IR_LINSPACE:
        if (counts(c, op, 3, 3, 1)) {
            want_i64_args(c, op, 2);
            want_result(c, op, dt, 1);
        }
        break;
    case IR_EYE:
        if (counts(c, op, 2, 2, 1)) {
            want_i64_args(c, op, 0);
            want_result(c, op, dt, 2);
        }
        break;
    default:
        check_literal(c, op);
    }
}

static void check_query(irv_ctx *c, const ir_op *op)
{
    if (!counts(c, op, 1, 1, 1) || !want_array(c, op, op->args[0], "operand"))
        return;
    want_result(c, op, IR_I64, -1);
    if (op->code == IR_DIM) {
        int64_t axis = ir_attr_int(op, "axis", -1);
        if (axis < 0 || axis >= op->args[0]->type.rank)
            fail(c, op, "axis must be in [0, %d)", op->args[0]->type.rank);
    }
}

/* ---- views and element access ---- */

static void check_reshape_like(irv_ctx *c, const ir_op *op)
{
    int amax = op->code == IR_RESHAPE ? -1 : 1;
    if (!counts(c, op, 1, amax, 1) || !want_array(c, op, op->args[0], "operand"))
        return;
    ir_type t = op->args[0]->type;
    if (op->code == IR_RESHAPE) {
        want_i64_args(c, op, 1);
        want_result(c, op, t.dtype, op->nargs - 1);
        return;
    }
    want_result(c, op, t.dtype, t.rank);
    const ir_attr *perm = op->code == IR_TRANSPOSE ? ir_attr_get(op, "perm") : NULL;
    if (!perm)
        return;
    bool seen[IR_MAX_RANK] = {0}, ok = perm->kind == IR_ATTR_INTLIST && perm->nlist == t.rank;
    for (int i = 0; ok && i < perm->nlist; i++) {
        int64_t a = perm->list[i];
        ok = a >= 0 && a < t.rank && !seen[a];
        if (ok)
            seen[a] = true;
    }
    if (!ok)
        fail(c, op, "perm must be a permutation of the %d axes", t.rank);
}

static bool arg_pos_ok(const ir_op *op, int pos, bool optional)
{
    return (optional && pos == -1) || (pos >= 1 && pos < op->nargs);
}

/* Index items: positions valid and i64.  Counts ints, slices, newaxes. */
static bool check_index_items(irv_ctx *c, const ir_op *op, int *nint, int *nslice, int *nnew)
{
    *nint = *nslice = *nnew = 0;
    for (int i = 0; i < op->nindex; i++) {
        const ir_index *x = &op->index[i];
        bool ok = x->kind == IR_IDX_NEWAXIS ||
                  (x->kind == IR_IDX_INT && arg_pos_ok(op, x->lo, false)) ||
                  (x->kind == IR_IDX_SLICE && arg_pos_ok(op, x->lo, true) &&
                   arg_pos_ok(op, x->hi, true) && arg_pos_ok(op, x->step, true));
        if (!ok) {
            fail(c, op, "index item %d refers to a missing operand", i + 1);
            return false;
        }
        *nint += x->kind == IR_IDX_INT;
        *nslice += x->kind == IR_IDX_SLICE;
        *nnew += x->kind == IR_IDX_NEWAXIS;
    }
    return true;
}

static void check_indexed(irv_ctx *c, const ir_op *op)
{
    bool st = op->code == IR_STORE;
    if (!counts(c, op, st ? 2 : 1, -1, st ? 0 : 1) ||
        !want_array(c, op, op->args[0], "operand"))
        return;
    ir_type t = op->args[0]->type;
    int nint, nslice, nnew, last = st ? op->nargs - 1 : op->nargs;
    for (int i = 1; i < last; i++)
        want_scalar(c, op, op->args[i], IR_I64, "index");
    if (!check_index_items(c, op, &nint, &nslice, &nnew))
        return;
    if (op->code == IR_SLICE) {
        if (nint + nslice > t.rank)
            fail(c, op, "%d index items for rank %d", nint + nslice, t.rank);
        else
            want_result(c, op, t.dtype, t.rank - nint + nnew);
        return;
    }
    if (nslice || nnew || nint != t.rank || op->nargs != 1 + t.rank + st)
        fail(c, op, "needs exactly %d integer index items", t.rank);
    if (st)
        want_scalar(c, op, op->args[op->nargs - 1], t.dtype, "stored value");
    else
        want_result(c, op, t.dtype, -1);
}

/* ---- whole-array ops ---- */

static const char *const reduce_kinds[] = {"sum",    "prod",   "max", "min", "mean",
                                           "argmax", "argmin", "any", "all", "truth"};

static void check_reduce(irv_ctx *c, const ir_op *op)
{
    if (!counts(c, op, 1, 1, 1) || !want_array(c, op, op->args[0], "operand"))
        return;
    int rank = op->args[0]->type.rank;
    const char *kind = ir_attr_word(op, "kind");
    bool known = false;
    for (size_t i = 0; kind && i < sizeof reduce_kinds / sizeof *reduce_kinds; i++)
        known |= strcmp(kind, reduce_kinds[i]) == 0;
    if (!known)
        fail(c, op, "unknown kind '%s'", kind ? kind : "(missing)");
    const ir_attr *axes = ir_attr_get(op, "axes");
    int naxes = rank;
    if (axes) {
        naxes = axes->kind == IR_ATTR_INTLIST ? axes->nlist : 0;
        for (int i = 0; i < naxes; i++)
            if (axes->list[i] < 0 || axes->list[i] >= rank) {
                fail(c, op, "axis %lld out of range for rank %d", (long long)axes->list[i], rank);
                return;
            }
    }
    int r = ir_attr_int(op, "keepdims", 0) ? rank : rank - naxes;
    ir_type res = op->results[0]->type;
    if (r == 0 ? res.is_array : (!res.is_array || res.rank != r))
        fail(c, op, "result must be %s", r == 0 ? "a scalar" : "an array of the reduced rank");
}

static void check_binary_array(irv_ctx *c, const ir_op *op)
{
    if (op->code == IR_ASSIGN) {
        if (counts(c, op, 2, 2, 0))
            want_array(c, op, op->args[0], "destination");
        return;
    }
    if (!counts(c, op, 2, 2, 1))
        return;
    int ra = rank_of(op->args[0]->type), rb = rank_of(op->args[1]->type);
    ir_dtype dt = shared_dtype(c, op, 0, 2);
    if (dt == IR_DTYPE_COUNT)
        return;
    if (op->code == IR_OUTER) {
        want_result(c, op, dt, 2);
    } else if (ra < 1 || ra > 2 || rb < 1 || rb > 2) {
        fail(c, op, "operands must be arrays of rank 1 or 2");
    } else {
        int r = ra + rb - 2;
        want_result(c, op, dt, r == 0 ? -1 : r);
    }
}

/* rtcall: a runtime function name, at most one result, sizes are i64. */
static void check_rtcall(irv_ctx *c, const ir_op *op)
{
    if (!counts(c, op, 0, -1, -1))
        return;
    const char *fn = ir_attr_word(op, "fn");
    if (!fn || !*fn)
        fail(c, op, "needs a word attribute fn");
    if (op->nresults > 1)
        fail(c, op, "has at most one result");
    int64_t from = ir_attr_int(op, "shape_from", -1);
    if (from > op->nargs)
        fail(c, op, "shape_from is past the operands");
    else if (from >= 0)
        want_i64_args(c, op, (int)from);
}

void irv_check_opcode(irv_ctx *c, const ir_op *op)
{
    ir_opcode k = op->code;
    if (ir_opinfos[k].elementwise)
        check_elementwise(c, op);
    else if (k == IR_MAP)
        check_map(c, op);
    else if (k == IR_CONST)
        check_const(c, op);
    else if (k == IR_RETURN)
        check_return(c, op);
    else if (k == IR_CALL)
        check_call(c, op);
    else if (k <= IR_YIELD)
        check_control(c, op);
    else if (k >= IR_ALLOC && k <= IR_LITERAL)
        check_create(c, op);
    else if (k == IR_DIM || k == IR_SIZE)
        check_query(c, op);
    else if (k == IR_COPY || k == IR_RESHAPE || k == IR_TRANSPOSE)
        check_reshape_like(c, op);
    else if (ir_opinfos[k].has_index)
        check_indexed(c, op);
    else if (k == IR_REDUCE)
        check_reduce(c, op);
    else if (k == IR_RTCALL)
        check_rtcall(c, op);
    else
        check_binary_array(c, op);
}

/* sema_ops.c: arithmetic, comparison and logical operators with NumPy's
 * promotion rules and Python's scalar semantics. */
#include "frontend/sema.h"

#include <math.h>
#include <string.h>

static const char *const binop_ufunc[AST_BINOP_COUNT] = {  /* ORDER AST_BINOP */
    "add", "subtract", "multiply", "true_divide", "floor_divide", "remainder", "power",
    "matmul", "bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift",
};

static bool is_numeric(const sema_type *t)
{
    return (t->kind == TY_SCALAR || t->kind == TY_ARRAY) && t->dtype != IR_STR && t->dtype != IR_RNG;
}

/* Result type of an elementwise op on x and y with dtype dt. */
static sema_type *elementwise_type(fctx *F, const sema_type *x, const sema_type *y, ir_dtype dt,
                                   bool numpy)
{
    if (x->kind != TY_ARRAY && (!y || y->kind != TY_ARRAY))
        return ty_scalar(F->S->a, dt, numpy);
    int rx = x->kind == TY_ARRAY ? x->rank : 0, ry = y && y->kind == TY_ARRAY ? y->rank : 0;
    int r = rx > ry ? rx : ry;
    int64_t dims[IR_MAX_RANK];
    for (int i = 0; i < r; i++) {
        int ix = i - (r - rx), iy = i - (r - ry);
        int64_t a = ix >= 0 ? x->dims[ix] : 1, b = iy >= 0 ? y->dims[iy] : 1;
        dims[i] = a == b ? a : a == 1 ? b : b == 1 ? a : -1;
    }
    return ty_array(F->S->a, dt, r, dims);
}

static val emit2(fctx *F, ir_opcode code, sema_type *t, val x, val y, src_loc loc, bool py)
{
    val args[2] = {x, y};
    val r = emit_value_op(F, code, loc, t, args, 2);
    if (py && F->S->emit)
        ir_attr_set_bool(F->S->ir, F->blk->ops[F->blk->nops - 1], "py", true);
    return r;
}

/* Fold int and float constants (Python semantics) where exact and safe. */
static bool fold_binary(fctx *F, ast_binop op, val x, val y, ir_dtype dt, bool numpy, src_loc loc, val *out)
{
    if (!x.is_const || !y.is_const || x.t->kind != TY_SCALAR || y.t->kind != TY_SCALAR)
        return false;
    if (dt == IR_I64) {
        int64_t a = x.ci, b = y.ci;
        uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
        int64_t r;
        switch (op) {
        case AST_ADD: r = (int64_t)(ua + ub); break;
        case AST_SUB: r = (int64_t)(ua - ub); break;
        case AST_MUL: r = (int64_t)(ua * ub); break;
        case AST_FLOORDIV:
            if (b == 0 || (a == INT64_MIN && b == -1))
                return false;
            r = a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
            break;
        case AST_MOD:
            if (b == 0 || (a == INT64_MIN && b == -1))
                return false;
            r = a % b;
            if (r != 0 && ((r < 0) != (b < 0)))
                r += b;
            break;
        default: return false;
        }
        *out = const_int(F, r, numpy, loc);
        return true;
    }
    if (dt == IR_F64) {
        double a = x.cf, b = y.cf, r;
        switch (op) {
        case AST_ADD: r = a + b; break;
        case AST_SUB: r = a - b; break;
        case AST_MUL: r = a * b; break;
        case AST_DIV:
            if (b == 0)
                return false;
            r = a / b;
            break;
        default: return false;
        }
        *out = const_float(F, r, numpy, loc);
        return true;
    }
    return false;
}

static val bool_arith(fctx *F, ast_binop op, val x, val y, src_loc loc, bool numpy)
{
    /* NumPy bool arrays / np.bool_: + is logical or, * is logical and */
    sema_type *t = elementwise_type(F, x.t, y.t, IR_BOOL, numpy);
    if (op == AST_ADD)
        return emit2(F, IR_OR, t, x, y, loc, false);
    if (op == AST_MUL)
        return emit2(F, IR_AND, t, x, y, loc, false);
    sema_error(F, loc, "numpy boolean %s is not supported; convert with astype(int) first",
               op == AST_SUB ? "subtract, the '-' operator," : "arithmetic");
    return sema_poison(F);
}

static val sema_pow(fctx *F, val x, val y, ir_dtype dt, bool numpy, src_loc loc, bool python)
{
    if (dt == IR_I64 && python && y.is_const && y.ci < 0) {
        /* Python: int ** negative int is a float */
        x = cast_scalar(F, x, IR_F64, false, loc);
        y = cast_scalar(F, y, IR_F64, false, loc);
        return emit2(F, IR_POW, ty_scalar(F->S->a, IR_F64, false), x, y, loc, false);
    }
    x = cast_to_dtype(F, x, dt, loc);
    y = cast_to_dtype(F, y, dt, loc);
    return emit2(F, IR_POW, elementwise_type(F, x.t, y.t, dt, numpy), x, y, loc, python);
}

val sema_binary(fctx *F, ast_binop op, val x, val y, src_loc loc)
{
    if (x.t->kind == TY_ERROR || y.t->kind == TY_ERROR)
        return sema_poison(F);
    if (op == AST_MATMUL)
        return sema_matmul(F, x, y, loc, false);
    if (!is_numeric(x.t) || !is_numeric(y.t)) {
        sema_error(F, loc, "unsupported operand type(s) for %s: '%s' and '%s'", ast_binop_symbol(op),
                   ty_pyname(x.t), ty_pyname(y.t));
        return sema_poison(F);
    }
    bool numpy;
    ir_dtype dt = ty_binary_dtype(x.t, y.t, &numpy);
    bool python = !numpy;   /* both are Python scalars */
    if (dt == IR_BOOL && op <= AST_POW) {
        if (!python)
            return bool_arith(F, op, cast_to_dtype(F, x, IR_BOOL, loc), cast_to_dtype(F, y, IR_BOOL, loc), loc, numpy);
        dt = IR_I64;        /* Python: True + True == 2 */
    }
    if (op == AST_DIV && dt != IR_F32 && dt != IR_F64)
        dt = IR_F64;
    if ((op == AST_BITAND || op == AST_BITOR || op == AST_BITXOR || op == AST_LSHIFT || op == AST_RSHIFT) &&
        (dt == IR_F64 || dt == IR_F32)) {
        sema_error(F, loc, "ufunc '%s' is not supported for floating-point operands", binop_ufunc[op]);
        return sema_poison(F);
    }
    val folded;
    if (x.is_const && y.is_const && fold_binary(F, op, cast_to_dtype(F, x, dt, loc), cast_to_dtype(F, y, dt, loc), dt, numpy, loc, &folded))
        return folded;
    if (op == AST_POW)
        return sema_pow(F, x, y, dt, numpy, loc, python);
    x = cast_to_dtype(F, x, dt, loc);
    y = cast_to_dtype(F, y, dt, loc);
    sema_type *t = elementwise_type(F, x.t, y.t, dt, numpy);
    static const ir_opcode codes[AST_BINOP_COUNT] = {  /* ORDER AST_BINOP */
        IR_ADD, IR_SUB, IR_MUL, IR_DIV, IR_FLOORDIV, IR_MOD, IR_POW, IR_OPCODE_COUNT,
        IR_AND, IR_OR, IR_XOR, IR_SHL, IR_SHR,
    };
    bool py = python && (op == AST_DIV || op == AST_FLOORDIV || op == AST_MOD);
    return emit2(F, codes[op], t, x, y, loc, py);
}

val sema_unary(fctx *F, ast_unop op, val x, src_loc loc)
{
    sema *S = F->S;
    if (x.t->kind == TY_ERROR)
        return x;
    if (op == AST_NOT) {
        if (x.t->kind == TY_ARRAY) {
            sema_error(F, loc, "'not' of an array is ambiguous; use ~ or np.logical_not");
            return sema_poison(F);
        }
        val b = to_bool(F, x, loc);
        if (b.is_const)
            return const_bool(F, !b.ci, loc);
        return emit_value_op(F, IR_NOT, loc, ty_scalar(S->a, IR_BOOL, false), &b, 1);
    }
    if (!is_numeric(x.t)) {
        sema_error(F, loc, "bad operand type for unary %s: %s",
                   op == AST_NEG ? "-" : op == AST_POS ? "+" : "~", ty_describe_str(S->a, x.t));
        return sema_poison(F);
    }
    bool python = x.t->kind == TY_SCALAR && !x.t->numpy;
    if (x.t->dtype == IR_BOOL && python)
        x = cast_scalar(F, x, IR_I64, false, loc);      /* -True == -1, ~True == -2 */
    if (op == AST_POS)
        return x;
    if (op == AST_NEG) {
        if (x.t->dtype == IR_BOOL) {
            sema_error(F, loc, "the numpy boolean negative, the '-' operator, is not supported; "
                               "use the '~' operator or np.logical_not");
            return sema_poison(F);
        }
        if (x.is_const && x.t->kind == TY_SCALAR)
            return x.t->dtype == IR_I64 ? const_int(F, (int64_t)(0 - (uint64_t)x.ci), x.t->numpy, loc)
                                        : cast_scalar(F, const_float(F, -x.cf, x.t->numpy, loc), x.t->dtype, x.t->numpy, loc);
        return emit_value_op(F, IR_NEG, loc, x.t, &x, 1);
    }
    /* ~ */
    if (x.t->dtype == IR_F64 || x.t->dtype == IR_F32) {
        sema_error(F, loc, "ufunc 'invert' is not supported for floating-point operands");
        return sema_poison(F);
    }
    return emit_value_op(F, x.t->dtype == IR_BOOL ? IR_NOT : IR_BITNOT, loc, x.t, &x, 1);
}

val sema_compare(fctx *F, ast_cmpop op, val x, val y, src_loc loc)
{
    sema *S = F->S;
    if (x.t->kind == TY_ERROR || y.t->kind == TY_ERROR)
        return sema_poison(F);
    if (op == AST_IS || op == AST_IS_NOT) {
        bool xn = x.t->kind == TY_NONE, yn = y.t->kind == TY_NONE;
        if (!xn && !yn) {
            sema_error(F, loc, "'is' is only supported for comparisons with None");
            return sema_poison(F);
        }
        return const_bool(F, (xn && yn) == (op == AST_IS), loc);
    }
    if (op == AST_IN || op == AST_NOT_IN) {
        sema_error(F, loc, "the 'in' operator is not supported");
        return sema_poison(F);
    }
    if (x.t->kind == TY_STR && y.t->kind == TY_STR) {
        sema_error(F, loc, "comparing strings is not supported");
        return sema_poison(F);
    }
    if (!is_numeric(x.t) || !is_numeric(y.t)) {
        sema_error(F, loc, "cannot compare %s and %s", ty_describe_str(S->a, x.t), ty_describe_str(S->a, y.t));
        return sema_poison(F);
    }
    bool numpy;
    ir_dtype dt = ty_binary_dtype(x.t, y.t, &numpy);
    x = cast_to_dtype(F, x, dt, loc);
    y = cast_to_dtype(F, y, dt, loc);
    static const ir_opcode codes[] = {IR_EQ, IR_NE, IR_LT, IR_LE, IR_GT, IR_GE};  /* ORDER AST_CMPOP */
    return emit2(F, codes[op], elementwise_type(F, x.t, y.t, IR_BOOL, numpy), x, y, loc, false);
}

/* Unary math ufuncs: which keep ints, which give floats, which give bools. */
val sema_elementwise1(fctx *F, ir_opcode code, val x, src_loc loc)
{
    sema *S = F->S;
    if (x.t->kind == TY_ERROR)
        return x;
    if (!is_numeric(x.t)) {
        sema_error(F, loc, "ufunc '%s' is not supported for %s", ir_opcode_name(code), ty_describe_str(S->a, x.t));
        return sema_poison(F);
    }
    ir_dtype dt = x.t->dtype, out;
    switch (code) {
    case IR_ABS: case IR_SIGN: case IR_NEG:
        out = dt == IR_BOOL && code != IR_ABS ? IR_I64 : dt;
        if (dt == IR_BOOL && code == IR_SIGN)
            dt = IR_I64;
        break;
    case IR_SIGNBIT:
        out = IR_BOOL;
        if (dt == IR_BOOL)
            dt = IR_I64;
        break;
    case IR_ISNAN: case IR_ISINF: case IR_ISFINITE:
        out = IR_BOOL;
        if (dt != IR_F32 && dt != IR_F64) {     /* no NaN in ints: constant answer */
            val c = code == IR_ISFINITE ? const_bool(F, true, loc) : const_bool(F, false, loc);
            if (x.t->kind == TY_SCALAR) {
                c.t = ty_scalar(S->a, IR_BOOL, true);
                return c;
            }
            dt = IR_F64;
        }
        break;
    default:
        if (dt != IR_F32)
            dt = IR_F64;
        out = dt;
        break;
    }
    x = cast_to_dtype(F, x, dt, loc);
    sema_type *t = x.t->kind == TY_ARRAY ? ty_array(S->a, out, x.t->rank, x.t->dims) : ty_scalar(S->a, out, true);
    return emit_value_op(F, code, loc, t, &x, 1);
}

val sema_elementwise2(fctx *F, ir_opcode code, val x, val y, src_loc loc)
{
    sema *S = F->S;
    if (x.t->kind == TY_ERROR || y.t->kind == TY_ERROR)
        return sema_poison(F);
    if (!is_numeric(x.t) || !is_numeric(y.t)) {
        sema_error(F, loc, "ufunc '%s' is not supported for %s and %s", ir_opcode_name(code),
                   ty_describe_str(S->a, x.t), ty_describe_str(S->a, y.t));
        return sema_poison(F);
    }
    bool numpy;
    ir_dtype dt = ty_binary_dtype(x.t, y.t, &numpy);
    if ((code == IR_ARCTAN2 || code == IR_HYPOT) && dt != IR_F32)
        dt = IR_F64;
    x = cast_to_dtype(F, x, dt, loc);
    y = cast_to_dtype(F, y, dt, loc);
    return emit2(F, code, elementwise_type(F, x.t, y.t, dt, true), x, y, loc, false);
}

val sema_matmul(fctx *F, val x, val y, src_loc loc, bool is_dot)
{
    sema *S = F->S;
    if (x.t->kind == TY_ERROR || y.t->kind == TY_ERROR)
        return sema_poison(F);
    if (is_dot && (x.t->kind == TY_SCALAR || y.t->kind == TY_SCALAR))
        return sema_binary(F, AST_MUL, x, y, loc);
    if (x.t->kind != TY_ARRAY || y.t->kind != TY_ARRAY) {
        sema_error(F, loc, "matmul: input operands must be arrays, not %s and %s",
                   ty_describe_str(S->a, x.t), ty_describe_str(S->a, y.t));
        return sema_poison(F);
    }
    int rx = x.t->rank, ry = y.t->rank;
    if (rx < 1 || ry < 1 || rx > 2 || ry > 2) {
        sema_error(F, loc, "%s of arrays with %d and %d dimensions is not supported (only 1-D and 2-D)",
                   is_dot ? "np.dot" : "matmul", rx, ry);
        return sema_poison(F);
    }
    ir_dtype dt = ty_promote(x.t->dtype, y.t->dtype);
    x = cast_to_dtype(F, x, dt, loc);
    y = cast_to_dtype(F, y, dt, loc);
    int64_t dims[2];
    int r = 0;
    if (rx == 2)
        dims[r++] = x.t->dims[0];
    if (ry == 2)
        dims[r++] = y.t->dims[1];
    sema_type *t = r ? ty_array(S->a, dt, r, dims) : ty_scalar(S->a, dt, true);
    val args[2] = {x, y};
    val res = emit_value_op(F, IR_MATMUL, loc, t, args, 2);
    if (is_dot && F->S->emit)   /* np.dot: its own error wording */
        ir_attr_set_bool(S->ir, F->blk->ops[F->blk->nops - 1], "dot", true);
    return res;
}

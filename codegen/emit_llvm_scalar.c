/* emit_llvm_scalar.c: scalar ops -> LLVM instructions.
 *
 * The same meaning as the C emitter's templates (emit_c_scalar.c): i64
 * arithmetic wraps; min/max propagate NaN from the first operand; NumPy's
 * float -> i64 cast gives INT64_MIN out of range; floor division and
 * modulo call the runtime (Python's with attr py).  Math: llvm.sqrt/exp/
 * log/sin/cos... intrinsics; tan, asin..., tanh, atan2, hypot are libm
 * calls declared memory(none) so that they vectorise through libmvec.
 * Bool compares are unsigned (i1 true is 1, not -1).
 */
#include <math.h>
#include <string.h>

#include "codegen/emit_llvm_internal.h"

static bool is_float(ir_dtype dt) { return dt == IR_F32 || dt == IR_F64; }
static bool is_py(const ir_op *op) { return ir_attr_int(op, "py", 0) != 0; }

static ir_dtype key_dtype(const ir_op *op)
{
    return op->args[op->code == IR_SELECT && op->nargs > 1 ? 1 : 0]->type.dtype;
}

bool nl_scalar_raises(const ir_op *op)
{
    if (op->nargs == 0)
        return false;
    ir_dtype k = key_dtype(op);
    switch (op->code) {
    case IR_FLOORDIV: case IR_MOD: return true;
    case IR_POW: return k == IR_I64;
    case IR_ROUND: case IR_DIV: return is_py(op);
    case IR_CAST: return is_py(op) && is_float(k) && op->results[0]->type.dtype == IR_I64;
    default: return false;
    }
}

static LLVMValueRef fconst(nl *e, LLVMTypeRef t, double v) { return LLVMConstReal(t, v); }

static LLVMValueRef intr1(nl *e, const char *name, LLVMValueRef a)
{
    return nl_intrinsic(e, name, LLVMTypeOf(a), &a, 1);
}

/* libm fn (double) or fn+"f" (float). */
static LLVMValueRef libm(nl *e, const char *fn, ir_dtype dt, LLVMValueRef *a, int n)
{
    char name[16];
    snprintf(name, sizeof name, "%s%s", fn, dt == IR_F32 ? "f" : "");
    return nl_call(e, name, a, n);
}

static LLVMValueRef isnan_v(nl *e, LLVMValueRef a)
{
    return LLVMBuildFCmp(e->b, LLVMRealUNO, a, a, "");
}

/* A runtime call on doubles; float operands are widened and the result narrowed. */
static LLVMValueRef rt_f64(nl *e, const char *fn, ir_dtype dt, LLVMValueRef a, LLVMValueRef b)
{
    if (dt == IR_F32) {
        a = LLVMBuildFPExt(e->b, a, e->f64, "");
        b = LLVMBuildFPExt(e->b, b, e->f64, "");
    }
    LLVMValueRef r = nl_call_v(e, fn, 2, a, b);
    return dt == IR_F32 ? LLVMBuildFPTrunc(e->b, r, e->f32, "") : r;
}

static LLVMValueRef f_to_i64(nl *e, LLVMValueRef x, bool py)
{
    if (LLVMTypeOf(x) == e->f32)
        x = LLVMBuildFPExt(e->b, x, e->f64, "");
    if (py)
        return nl_call_v(e, "rt_f64_to_i64", 1, x);
    LLVMValueRef lo = LLVMBuildFCmp(e->b, LLVMRealOGE, x, fconst(e, e->f64, -9223372036854775808.0), "");
    LLVMValueRef hi = LLVMBuildFCmp(e->b, LLVMRealOLT, x, fconst(e, e->f64, 9223372036854775808.0), "");
    LLVMValueRef ok = LLVMBuildAnd(e->b, lo, hi, "");
    LLVMValueRef v = LLVMBuildFPToSI(e->b, x, e->i64, "");
    return LLVMBuildSelect(e->b, ok, v, nl_i64(e, INT64_MIN), "");
}

static LLVMValueRef cast(nl *e, const ir_op *op, LLVMValueRef a)
{
    ir_dtype from = op->args[0]->type.dtype, to = op->results[0]->type.dtype;
    LLVMTypeRef t = nl_type(e, ir_scalar_type(to));
    if (from == to)
        return a;
    if (to == IR_BOOL)
        return is_float(from) ? LLVMBuildFCmp(e->b, LLVMRealUNE, a, LLVMConstNull(LLVMTypeOf(a)), "")
                              : LLVMBuildICmp(e->b, LLVMIntNE, a, LLVMConstNull(LLVMTypeOf(a)), "");
    if (from == IR_BOOL)
        return to == IR_I64 ? LLVMBuildZExt(e->b, a, t, "") : LLVMBuildUIToFP(e->b, a, t, "");
    if (from == IR_I64)
        return LLVMBuildSIToFP(e->b, a, t, "");
    if (to == IR_I64)
        return f_to_i64(e, a, is_py(op));
    return to == IR_F64 ? LLVMBuildFPExt(e->b, a, t, "") : LLVMBuildFPTrunc(e->b, a, t, "");
}

static LLVMValueRef minmax(nl *e, bool max, ir_dtype dt, LLVMValueRef a, LLVMValueRef b)
{
    if (dt == IR_BOOL)
        return max ? LLVMBuildOr(e->b, a, b, "") : LLVMBuildAnd(e->b, a, b, "");
    if (dt == IR_I64) {
        LLVMValueRef c = LLVMBuildICmp(e->b, max ? LLVMIntSGT : LLVMIntSLT, a, b, "");
        return LLVMBuildSelect(e->b, c, a, b, "");
    }
    LLVMValueRef c = LLVMBuildFCmp(e->b, max ? LLVMRealOGT : LLVMRealOLT, a, b, "");
    LLVMValueRef v = LLVMBuildSelect(e->b, c, a, b, "");
    return LLVMBuildSelect(e->b, isnan_v(e, a), a, v, "");
}

static LLVMValueRef sign(nl *e, ir_dtype dt, LLVMValueRef a)
{
    if (dt == IR_BOOL)
        return a;
    if (dt == IR_I64) {
        LLVMValueRef p = LLVMBuildZExt(e->b, LLVMBuildICmp(e->b, LLVMIntSGT, a, nl_i64(e, 0), ""), e->i64, "");
        LLVMValueRef n = LLVMBuildZExt(e->b, LLVMBuildICmp(e->b, LLVMIntSLT, a, nl_i64(e, 0), ""), e->i64, "");
        return LLVMBuildSub(e->b, p, n, "");
    }
    LLVMTypeRef t = LLVMTypeOf(a);
    LLVMValueRef z = LLVMConstNull(t);
    LLVMValueRef neg = LLVMBuildSelect(e->b, LLVMBuildFCmp(e->b, LLVMRealOLT, a, z, ""),
                                       fconst(e, t, -1.0), z, "");
    LLVMValueRef v = LLVMBuildSelect(e->b, LLVMBuildFCmp(e->b, LLVMRealOGT, a, z, ""),
                                     fconst(e, t, 1.0), neg, "");
    return LLVMBuildSelect(e->b, isnan_v(e, a), a, v, "");
}

/* np.round: n >= 0 ? rint(x * 10^n) / 10^n : rint(x / 10^-n) * 10^-n. */
static LLVMValueRef round_float(nl *e, LLVMValueRef x, LLVMValueRef n)
{
    LLVMTypeRef t = LLVMTypeOf(x);
    LLVMValueRef nonneg = LLVMBuildICmp(e->b, LLVMIntSGE, n, nl_i64(e, 0), "");
    LLVMValueRef an = LLVMBuildSelect(e->b, nonneg, n, LLVMBuildNeg(e->b, n, ""), "");
    LLVMValueRef pw[] = {fconst(e, e->f64, 10.0), LLVMBuildSIToFP(e->b, an, e->f64, "")};
    LLVMValueRef f = nl_intrinsic(e, "llvm.pow", e->f64, pw, 2);
    if (t == e->f32)
        f = LLVMBuildFPTrunc(e->b, f, e->f32, "");
    LLVMValueRef up = LLVMBuildFDiv(e->b, intr1(e, "llvm.nearbyint", LLVMBuildFMul(e->b, x, f, "")), f, "");
    LLVMValueRef dn = LLVMBuildFMul(e->b, intr1(e, "llvm.nearbyint", LLVMBuildFDiv(e->b, x, f, "")), f, "");
    return LLVMBuildSelect(e->b, nonneg, up, dn, "");
}

static LLVMValueRef round_op(nl *e, const ir_op *op, ir_dtype dt, LLVMValueRef x, LLVMValueRef n)
{
    if (dt == IR_BOOL)
        return x;
    if (dt == IR_F64 && is_py(op))
        return nl_call_v(e, "rt_round_f64", 2, x, n);
    if (is_float(dt))
        return round_float(e, x, n);
    LLVMValueRef r = f_to_i64(e, round_float(e, LLVMBuildSIToFP(e->b, x, e->f64, ""), n), false);
    return LLVMBuildSelect(e->b, LLVMBuildICmp(e->b, LLVMIntSGE, n, nl_i64(e, 0), ""), x, r, "");
}

static LLVMValueRef compare(nl *e, ir_opcode code, ir_dtype dt, LLVMValueRef a, LLVMValueRef b)
{
    static const LLVMIntPredicate sp[] = {LLVMIntEQ, LLVMIntNE, LLVMIntSLT, LLVMIntSLE, LLVMIntSGT, LLVMIntSGE};
    static const LLVMIntPredicate up[] = {LLVMIntEQ, LLVMIntNE, LLVMIntULT, LLVMIntULE, LLVMIntUGT, LLVMIntUGE};
    static const LLVMRealPredicate fp[] = {LLVMRealOEQ, LLVMRealUNE, LLVMRealOLT, LLVMRealOLE, LLVMRealOGT, LLVMRealOGE};
    int k = (int)(code - IR_EQ);
    if (is_float(dt))
        return LLVMBuildFCmp(e->b, fp[k], a, b, "");
    if (dt == IR_STR) {
        a = nl_call_v(e, "strcmp", 2, a, b);
        b = nl_i32(e, 0);
        dt = IR_I64;
    }
    return LLVMBuildICmp(e->b, dt == IR_BOOL ? up[k] : sp[k], a, b, "");
}

static LLVMValueRef shift(nl *e, bool left, LLVMValueRef a, LLVMValueRef b)
{
    LLVMValueRef ok = LLVMBuildICmp(e->b, LLVMIntULT, b, nl_i64(e, 64), "");
    if (left)
        return LLVMBuildSelect(e->b, ok, LLVMBuildShl(e->b, a, b, ""), nl_i64(e, 0), "");
    LLVMValueRef neg = LLVMBuildICmp(e->b, LLVMIntSLT, a, nl_i64(e, 0), "");
    LLVMValueRef fill = LLVMBuildSelect(e->b, neg, nl_i64(e, -1), nl_i64(e, 0), "");
    return LLVMBuildSelect(e->b, ok, LLVMBuildAShr(e->b, a, b, ""), fill, "");
}

static LLVMValueRef divide(nl *e, const ir_op *op, ir_dtype dt, LLVMValueRef a, LLVMValueRef b)
{
    if (dt == IR_I64) {
        a = LLVMBuildSIToFP(e->b, a, e->f64, "");
        b = LLVMBuildSIToFP(e->b, b, e->f64, "");
        dt = IR_F64;
    }
    if (dt == IR_F64 && is_py(op))
        return nl_call_v(e, "rt_div_f64", 2, a, b);
    return LLVMBuildFDiv(e->b, a, b, "");
}

/* floordiv, mod: runtime helpers; py selects Python's (raising) versions. */
static LLVMValueRef floor_mod(nl *e, const ir_op *op, ir_dtype dt, LLVMValueRef a, LLVMValueRef b)
{
    bool fd = op->code == IR_FLOORDIV;
    bool py = is_py(op) && dt != IR_F32;
    char name[32];
    snprintf(name, sizeof name, "rt_%s%s_%s", py ? "" : "np_", fd ? "floordiv" : "mod",
             dt == IR_I64 ? "i64" : "f64");
    if (dt == IR_I64)
        return nl_call_v(e, name, 2, a, b);
    return rt_f64(e, name, dt, a, b);
}

static LLVMValueRef unary_math(nl *e, const ir_op *op, ir_dtype dt, LLVMValueRef a)
{
    static const char *const intr[] = {
        [IR_SQRT] = "llvm.sqrt", [IR_EXP] = "llvm.exp", [IR_LOG] = "llvm.log",
        [IR_LOG2] = "llvm.log2", [IR_LOG10] = "llvm.log10", [IR_SIN] = "llvm.sin",
        [IR_COS] = "llvm.cos", [IR_FLOOR] = "llvm.floor", [IR_CEIL] = "llvm.ceil",
        [IR_TRUNC] = "llvm.trunc", [IR_RINT] = "llvm.nearbyint", [IR_ABS] = "llvm.fabs"};
    static const char *const lib[] = {
        [IR_TAN] = "tan", [IR_ARCSIN] = "asin", [IR_ARCCOS] = "acos", [IR_ARCTAN] = "atan",
        [IR_SINH] = "sinh", [IR_COSH] = "cosh", [IR_TANH] = "tanh"};
    if (!is_float(dt))
        return NULL;
    if (op->code < (int)(sizeof intr / sizeof intr[0]) && intr[op->code])
        return intr1(e, intr[op->code], a);
    if (op->code < (int)(sizeof lib / sizeof lib[0]) && lib[op->code])
        return libm(e, lib[op->code], dt, &a, 1);
    return NULL;
}

static LLVMValueRef unary(nl *e, const ir_op *op, ir_dtype dt, LLVMValueRef a)
{
    LLVMTypeRef t = LLVMTypeOf(a);
    bool f = is_float(dt);
    switch (op->code) {
    case IR_NEG:
        return f ? LLVMBuildFNeg(e->b, a, "") : LLVMBuildSub(e->b, LLVMConstNull(t), a, "");
    case IR_NOT:
        if (dt == IR_BOOL)
            return LLVMBuildNot(e->b, a, "");
        return f ? LLVMBuildFCmp(e->b, LLVMRealOEQ, a, LLVMConstNull(t), "")
                 : LLVMBuildICmp(e->b, LLVMIntEQ, a, LLVMConstNull(t), "");
    case IR_BITNOT: return f ? NULL : LLVMBuildNot(e->b, a, "");
    case IR_ABS:
        if (dt == IR_I64)
            return LLVMBuildSelect(e->b, LLVMBuildICmp(e->b, LLVMIntSLT, a, nl_i64(e, 0), ""),
                                   LLVMBuildSub(e->b, nl_i64(e, 0), a, ""), a, "");
        return f ? unary_math(e, op, dt, a) : a;
    case IR_FLOOR: case IR_CEIL: case IR_TRUNC: case IR_RINT:
        return f ? unary_math(e, op, dt, a) : a;
    case IR_SIGN: return sign(e, dt, a);
    case IR_ISNAN: return f ? isnan_v(e, a) : LLVMConstInt(e->i1, 0, 0);
    case IR_SIGNBIT: {      /* the sign bit itself: -0.0 and -nan count */
        if (dt == IR_BOOL)
            return LLVMConstInt(e->i1, 0, 0);
        if (!f)
            return LLVMBuildICmp(e->b, LLVMIntSLT, a, LLVMConstNull(t), "");
        LLVMTypeRef it = LLVMIntTypeInContext(e->cx, dt == IR_F32 ? 32 : 64);
        LLVMValueRef bits = LLVMBuildBitCast(e->b, a, it, "");
        return LLVMBuildICmp(e->b, LLVMIntSLT, bits, LLVMConstNull(it), "");
    }
    case IR_ISINF: case IR_ISFINITE: {
        if (!f)
            return LLVMConstInt(e->i1, op->code == IR_ISFINITE, 0);
        LLVMValueRef m = intr1(e, "llvm.fabs", a), inf = fconst(e, t, INFINITY);
        return LLVMBuildFCmp(e->b, op->code == IR_ISINF ? LLVMRealOEQ : LLVMRealOLT, m, inf, "");
    }
    default: return unary_math(e, op, dt, a);
    }
}

static LLVMValueRef arith(nl *e, const ir_op *op, ir_dtype dt, LLVMValueRef a, LLVMValueRef b)
{
    bool f = is_float(dt), bl = dt == IR_BOOL;
    switch (op->code) {
    case IR_ADD: return f ? LLVMBuildFAdd(e->b, a, b, "") : bl ? LLVMBuildOr(e->b, a, b, "") : LLVMBuildAdd(e->b, a, b, "");
    case IR_SUB: return f ? LLVMBuildFSub(e->b, a, b, "") : bl ? NULL : LLVMBuildSub(e->b, a, b, "");
    case IR_MUL: return f ? LLVMBuildFMul(e->b, a, b, "") : bl ? LLVMBuildAnd(e->b, a, b, "") : LLVMBuildMul(e->b, a, b, "");
    case IR_DIV: return bl ? NULL : divide(e, op, dt, a, b);
    case IR_FLOORDIV: case IR_MOD: return bl ? NULL : floor_mod(e, op, dt, a, b);
    case IR_POW:
        if (f) {
            LLVMValueRef ab[] = {a, b};
            return nl_intrinsic(e, "llvm.pow", LLVMTypeOf(a), ab, 2);
        }
        return bl ? NULL : nl_call_v(e, is_py(op) ? "rt_pow_i64" : "rt_np_pow_i64", 2, a, b);
    case IR_MIN: case IR_MAX: return minmax(e, op->code == IR_MAX, dt, a, b);
    case IR_AND: return f ? NULL : LLVMBuildAnd(e->b, a, b, "");
    case IR_OR: return f ? NULL : LLVMBuildOr(e->b, a, b, "");
    case IR_XOR: return f ? NULL : LLVMBuildXor(e->b, a, b, "");
    case IR_SHL: case IR_SHR: return dt == IR_I64 ? shift(e, op->code == IR_SHL, a, b) : NULL;
    case IR_EQ: case IR_NE: case IR_LT: case IR_LE: case IR_GT: case IR_GE:
        return compare(e, op->code, dt, a, b);
    case IR_ARCTAN2: case IR_HYPOT: {
        LLVMValueRef ab[] = {a, b};
        return f ? libm(e, op->code == IR_HYPOT ? "hypot" : "atan2", dt, ab, 2) : NULL;
    }
    case IR_ROUND: return round_op(e, op, dt, a, b);
    default: return NULL;
    }
}

static LLVMValueRef const_value(nl *e, const ir_op *op)
{
    const ir_attr *a = ir_attr_get(op, "value");
    ir_type t = op->results[0]->type;
    if (!a)
        return NULL;
    switch (a->kind) {
    case IR_ATTR_STR: return nl_cstr(e, a->s, a->slen);
    case IR_ATTR_BOOL: return LLVMConstInt(e->i1, a->i != 0, 0);
    case IR_ATTR_INT:
        return is_float(t.dtype) ? LLVMConstReal(nl_type(e, t), (double)a->i) : nl_i64(e, a->i);
    case IR_ATTR_FLOAT: return LLVMConstReal(nl_type(e, t), a->f);
    default: return NULL;
    }
}

LLVMValueRef nl_scalar(nl *e, const ir_op *op, LLVMValueRef *args)
{
    LLVMValueRef r = NULL;
    if (op->code == IR_CONST)
        r = const_value(e, op);
    else if (op->code == IR_CAST)
        r = op->results[0]->type.dtype == IR_STR || op->args[0]->type.dtype == IR_STR ? NULL : cast(e, op, args[0]);
    else if (op->code == IR_SELECT)
        r = LLVMBuildSelect(e->b, args[0], args[1], args[2], "");
    else if (ir_opinfos[op->code].elementwise && op->nargs == 1)
        r = key_dtype(op) == IR_STR ? NULL : unary(e, op, key_dtype(op), args[0]);
    else if (ir_opinfos[op->code].elementwise && op->nargs == 2)
        r = key_dtype(op) == IR_STR && !(op->code >= IR_EQ && op->code <= IR_GE) ? NULL
            : arith(e, op, key_dtype(op), args[0], args[1]);
    if (!r) {
        nl_unsupported(e, op, "no LLVM form for these operand types");
        r = LLVMGetUndef(nl_type(e, ir_scalar_type(op->results[0]->type.dtype)));
    }
    return r;
}

void nl_emit_scalar_op(nl *e, const ir_op *op)
{
    LLVMValueRef args[3] = {NULL, NULL, NULL};
    for (int i = 0; i < op->nargs && i < 3; i++)
        args[i] = nl_get(e, op->args[i]);
    if (nl_scalar_raises(op))
        nl_set_line(e, op);
    nl_set(e, op->results[0], nl_scalar(e, op, args));
}

/* simplify_fold.c: constant folding of scalar ops for the simplify pass.
 *
 * Folds an op whose operands are all constants into the constant it would
 * compute at run time, with the run time's exact semantics: int64 wraps,
 * `//` and `%` floor (Python and NumPy agree on ints), float32 arithmetic is
 * done in float, comparisons give bool.  Nothing that may raise or depends
 * on the library is folded: a zero divisor, INT64_MIN // -1, negative
 * integer powers, float `//`, `%`, `**`, float -> int casts out of range or
 * of nan/inf are left for the run time.
 */
#include <math.h>
#include <string.h>

#include "passes/simplify.h"

static bool is_float(ir_dtype dt)
{
    return dt == IR_F32 || dt == IR_F64;
}

static sf_value fval(ir_dtype dt, double f)
{
    sf_value v = {dt, 0, dt == IR_F32 ? (double)(float)f : f};
    return v;
}

static sf_value ival(ir_dtype dt, int64_t i)
{
    sf_value v = {dt, dt == IR_BOOL ? i != 0 : i, 0};
    return v;
}

bool sf_const_value(const ir_op *c, sf_value *out)
{
    const ir_attr *a = ir_attr_get(c, "value");
    ir_dtype dt = c->results[0]->type.dtype;
    if (!a)
        return false;
    if (is_float(dt) && a->kind == IR_ATTR_FLOAT)
        *out = fval(dt, a->f);
    else if ((dt == IR_I64 && a->kind == IR_ATTR_INT) || (dt == IR_BOOL && a->kind == IR_ATTR_BOOL))
        *out = ival(dt, a->i);
    else
        return false;
    return true;
}

void sf_set_const(ir_module *m, ir_op *c, sf_value v)
{
    if (is_float(v.dt))
        ir_attr_set_float(m, c, "value", v.f);
    else if (v.dt == IR_BOOL)
        ir_attr_set_bool(m, c, "value", v.i != 0);
    else
        ir_attr_set_int(m, c, "value", v.i);
}

static bool floordiv_i64(int64_t a, int64_t b, int64_t *q, int64_t *r)
{
    if (b == 0 || (a == INT64_MIN && b == -1))
        return false;
    *q = a / b;
    *r = a % b;
    if (*r != 0 && ((*r < 0) != (b < 0))) {
        *q -= 1;
        *r += b;
    }
    return true;
}

static bool pow_i64(int64_t a, int64_t b, int64_t *out)
{
    if (b < 0)
        return false;
    uint64_t r = 1, x = (uint64_t)a;
    for (uint64_t e = (uint64_t)b; e; e >>= 1) {
        if (e & 1)
            r *= x;
        x *= x;
    }
    *out = (int64_t)r;
    return true;
}

static bool compare(ir_opcode code, double a, double b, int64_t ia, int64_t ib, bool fl, sf_value *out)
{
    bool r;
    switch (code) {
    case IR_EQ: r = fl ? a == b : ia == ib; break;
    case IR_NE: r = fl ? a != b : ia != ib; break;
    case IR_LT: r = fl ? a < b : ia < ib; break;
    case IR_LE: r = fl ? a <= b : ia <= ib; break;
    case IR_GT: r = fl ? a > b : ia > ib; break;
    case IR_GE: r = fl ? a >= b : ia >= ib; break;
    default: return false;
    }
    *out = ival(IR_BOOL, r);
    return true;
}

static bool fold_int(ir_opcode code, ir_dtype dt, int64_t a, int64_t b, sf_value *out)
{
    uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
    int64_t q, r;
    switch (code) {
    case IR_ADD: *out = ival(dt, (int64_t)(ua + ub)); return dt == IR_I64;
    case IR_SUB: *out = ival(dt, (int64_t)(ua - ub)); return dt == IR_I64;
    case IR_MUL: *out = ival(dt, (int64_t)(ua * ub)); return dt == IR_I64;
    case IR_AND: *out = ival(dt, a & b); return true;
    case IR_OR: *out = ival(dt, a | b); return true;
    case IR_XOR: *out = ival(dt, a ^ b); return true;
    case IR_FLOORDIV:
        if (dt != IR_I64 || !floordiv_i64(a, b, &q, &r))
            return false;
        *out = ival(dt, q);
        return true;
    case IR_MOD:
        if (dt != IR_I64 || !floordiv_i64(a, b, &q, &r))
            return false;
        *out = ival(dt, r);
        return true;
    case IR_POW:
        if (dt != IR_I64 || !pow_i64(a, b, &q))
            return false;
        *out = ival(dt, q);
        return true;
    default:
        return compare(code, 0, 0, a, b, false, out);
    }
}

static bool fold_float(ir_opcode code, ir_dtype dt, double a, double b, sf_value *out)
{
    bool f32 = dt == IR_F32;
    float fa = (float)a, fb = (float)b;
    switch (code) {
    case IR_ADD: *out = fval(dt, f32 ? (double)(fa + fb) : a + b); return true;
    case IR_SUB: *out = fval(dt, f32 ? (double)(fa - fb) : a - b); return true;
    case IR_MUL: *out = fval(dt, f32 ? (double)(fa * fb) : a * b); return true;
    case IR_DIV:
        if (b == 0)
            return false;
        *out = fval(dt, f32 ? (double)(fa / fb) : a / b);
        return true;
    default:
        return compare(code, a, b, 0, 0, true, out);
    }
}

static bool fold_cast(sf_value a, ir_dtype to, bool py, sf_value *out)
{
    (void)py;   /* in range, Python's int(x) and NumPy's cast both truncate */
    if (to == IR_STR || to == IR_RNG)
        return false;
    if (to == IR_BOOL) {
        *out = ival(to, is_float(a.dt) ? a.f != 0 : a.i != 0);
        return true;
    }
    if (is_float(to)) {
        *out = fval(to, is_float(a.dt) ? a.f : (double)a.i);
        return true;
    }
    if (!is_float(a.dt)) {
        *out = ival(to, a.i);
        return true;
    }
    if (!(a.f > -9223372036854775808.0 && a.f < 9223372036854775808.0))
        return false;   /* nan, inf, out of range: the run time decides */
    *out = ival(to, (int64_t)a.f);
    return true;
}

static bool fold_unary(const ir_op *op, sf_value a, sf_value *out)
{
    ir_dtype dt = op->results[0]->type.dtype;
    switch (op->code) {
    case IR_CAST:
        return fold_cast(a, dt, ir_attr_int(op, "py", 0) != 0, out);
    case IR_NEG:
        if (is_float(dt))
            *out = fval(dt, -a.f);
        else if (dt == IR_I64)
            *out = ival(dt, (int64_t)(0 - (uint64_t)a.i));
        else
            return false;
        return true;
    case IR_NOT:
        *out = ival(IR_BOOL, !a.i);
        return dt == IR_BOOL && a.dt == IR_BOOL;
    default:
        return false;
    }
}

bool sf_fold(const ir_op *op, const sf_value *vals, int n, sf_value *out)
{
    if (op->nresults != 1 || op->results[0]->type.is_array || op->nregions)
        return false;
    if (n == 1)
        return fold_unary(op, vals[0], out);
    if (n != 2 || vals[0].dt != vals[1].dt)
        return false;
    ir_dtype dt = vals[0].dt;
    bool ok = is_float(dt) ? fold_float(op->code, dt, vals[0].f, vals[1].f, out)
                           : fold_int(op->code, dt, vals[0].i, vals[1].i, out);
    return ok && out->dt == op->results[0]->type.dtype;
}

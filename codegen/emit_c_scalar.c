/* emit_c_scalar.c: scalar ops -> C expressions, table-driven.
 *
 * Each elementwise opcode has a template per operand dtype ($0, $1, $2 are
 * the operands); a second column gives Python semantics (attr py).  i64
 * ADD/SUB/MUL/NEG wrap through uint64_t (no UB); MIN/MAX/SIGN follow NumPy
 * on NaN; float -> int casts give INT64_MIN out of range like NumPy on x86.
 * The nc_* helpers come from the prelude written by ec_emit_prelude.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/emit_c_internal.h"

typedef struct scalar_rule {
    const char *np[IR_DTYPE_COUNT];     /* by operand dtype; NULL: not defined */
    const char *py[IR_DTYPE_COUNT];     /* with attr py; NULL: same as np */
} scalar_rule;

#define B IR_BOOL
#define I IR_I64
#define F IR_F32
#define D IR_F64
#define S IR_STR
#define FLOATS(f32, f64) [F] = f32, [D] = f64
#define MATH1(fn) {.np = {FLOATS(fn "f($0)", fn "($0)")}}
#define ROUNDING(fn) {.np = {[B] = "$0", [I] = "$0", FLOATS(fn "f($0)", fn "($0)")}}
#define INFIX(op) {.np = {[B] = "($0 " op " $1)", [I] = "($0 " op " $1)", \
                          FLOATS("($0 " op " $1)", "($0 " op " $1)")}}
#define CMP(op) {.np = {[B] = "($0 " op " $1)", [I] = "($0 " op " $1)",         \
                        FLOATS("($0 " op " $1)", "($0 " op " $1)"),            \
                        [S] = "(strcmp($0, $1) " op " 0)"}}
#define BITS(op) {.np = {[B] = "($0 " op " $1)", [I] = "($0 " op " $1)"}}

/* ORDER IR_OPCODE (elementwise part) */
static const scalar_rule rules[IR_OPCODE_COUNT] = {
    [IR_NEG] = {.np = {[I] = "nc_neg_i64($0)", FLOATS("(-$0)", "(-$0)")}},
    [IR_NOT] = {.np = {[B] = "(!$0)", [I] = "($0 == 0)", FLOATS("($0 == 0)", "($0 == 0)")}},
    [IR_BITNOT] = {.np = {[B] = "(!$0)", [I] = "(~$0)"}},
    [IR_ABS] = {.np = {[B] = "$0", [I] = "nc_abs_i64($0)", FLOATS("fabsf($0)", "fabs($0)")}},
    [IR_SQRT] = MATH1("sqrt"), [IR_EXP] = MATH1("exp"), [IR_LOG] = MATH1("log"),
    [IR_LOG2] = MATH1("log2"), [IR_LOG10] = MATH1("log10"),
    [IR_SIN] = MATH1("sin"), [IR_COS] = MATH1("cos"), [IR_TAN] = MATH1("tan"),
    [IR_ARCSIN] = MATH1("asin"), [IR_ARCCOS] = MATH1("acos"), [IR_ARCTAN] = MATH1("atan"),
    [IR_SINH] = MATH1("sinh"), [IR_COSH] = MATH1("cosh"), [IR_TANH] = MATH1("tanh"),
    [IR_FLOOR] = ROUNDING("floor"), [IR_CEIL] = ROUNDING("ceil"),
    [IR_TRUNC] = ROUNDING("trunc"), [IR_RINT] = ROUNDING("nearbyint"),
    [IR_SIGN] = {.np = {[B] = "$0", [I] = "nc_sign_i64($0)",
                        FLOATS("nc_sign_f32($0)", "nc_sign_f64($0)")}},
    [IR_ISNAN] = {.np = {[B] = "false", [I] = "false",
                         FLOATS("(isnan($0) != 0)", "(isnan($0) != 0)")}},
    [IR_ISINF] = {.np = {[B] = "false", [I] = "false",
                         FLOATS("(isinf($0) != 0)", "(isinf($0) != 0)")}},
    [IR_SIGNBIT] = {.np = {[B] = "false", [I] = "($0 < 0)",
                           FLOATS("(signbit($0) != 0)", "(signbit($0) != 0)")}},
    [IR_ISFINITE] = {.np = {[B] = "true", [I] = "true",
                            FLOATS("(isfinite($0) != 0)", "(isfinite($0) != 0)")}},
    [IR_ADD] = {.np = {[B] = "($0 | $1)", [I] = "nc_add_i64($0, $1)",
                       FLOATS("($0 + $1)", "($0 + $1)")}},
    [IR_SUB] = {.np = {[I] = "nc_sub_i64($0, $1)", FLOATS("($0 - $1)", "($0 - $1)")}},
    [IR_MUL] = {.np = {[B] = "($0 & $1)", [I] = "nc_mul_i64($0, $1)",
                       FLOATS("($0 * $1)", "($0 * $1)")}},
    [IR_DIV] = {.np = {[I] = "((double)$0 / (double)$1)", FLOATS("($0 / $1)", "($0 / $1)")},
                .py = {[I] = "rt_div_f64((double)$0, (double)$1)", [D] = "rt_div_f64($0, $1)"}},
    [IR_FLOORDIV] = {.np = {[I] = "rt_np_floordiv_i64($0, $1)",
                            FLOATS("(float)rt_np_floordiv_f64($0, $1)", "rt_np_floordiv_f64($0, $1)")},
                     .py = {[I] = "rt_floordiv_i64($0, $1)", [D] = "rt_floordiv_f64($0, $1)"}},
    [IR_MOD] = {.np = {[I] = "rt_np_mod_i64($0, $1)",
                       FLOATS("(float)rt_np_mod_f64($0, $1)", "rt_np_mod_f64($0, $1)")},
                .py = {[I] = "rt_mod_i64($0, $1)", [D] = "rt_mod_f64($0, $1)"}},
    [IR_POW] = {.np = {[I] = "rt_np_pow_i64($0, $1)", FLOATS("powf($0, $1)", "pow($0, $1)")},
                .py = {[I] = "rt_pow_i64($0, $1)"}},
    [IR_MIN] = {.np = {[B] = "($0 & $1)", [I] = "nc_min_i64($0, $1)",
                       FLOATS("nc_min_f32($0, $1)", "nc_min_f64($0, $1)")}},
    [IR_MAX] = {.np = {[B] = "($0 | $1)", [I] = "nc_max_i64($0, $1)",
                       FLOATS("nc_max_f32($0, $1)", "nc_max_f64($0, $1)")}},
    [IR_AND] = BITS("&"), [IR_OR] = BITS("|"), [IR_XOR] = BITS("^"),
    [IR_SHL] = {.np = {[I] = "nc_shl_i64($0, $1)"}},
    [IR_SHR] = {.np = {[I] = "nc_shr_i64($0, $1)"}},
    [IR_EQ] = CMP("=="), [IR_NE] = CMP("!="), [IR_LT] = CMP("<"),
    [IR_LE] = CMP("<="), [IR_GT] = CMP(">"), [IR_GE] = CMP(">="),
    [IR_ARCTAN2] = {.np = {FLOATS("atan2f($0, $1)", "atan2($0, $1)")}},
    [IR_HYPOT] = {.np = {FLOATS("hypotf($0, $1)", "hypot($0, $1)")}},
    [IR_ROUND] = {.np = {[B] = "$0", [I] = "nc_round_i64($0, $1)",
                         FLOATS("nc_round_f32($0, $1)", "nc_round_f64($0, $1)")},
                  .py = {[D] = "rt_round_f64($0, $1)"}},
    [IR_SELECT] = {.np = {[B] = "($0 ? $1 : $2)", [I] = "($0 ? $1 : $2)",
                          FLOATS("($0 ? $1 : $2)", "($0 ? $1 : $2)"), [S] = "($0 ? $1 : $2)"}},
};

#undef B
#undef I
#undef F
#undef D
#undef S

static bool is_py(const ir_op *op)
{
    return ir_attr_int(op, "py", 0) != 0;
}

static bool is_float(ir_dtype dt)
{
    return dt == IR_F32 || dt == IR_F64;
}

/* The template for CAST from the operand's dtype to the result's. */
static const char *cast_template(const ir_op *op)
{
    ir_dtype from = op->args[0]->type.dtype, to = op->results[0]->type.dtype;
    static const char *const to_c[] = {"(bool)$0", "(int64_t)$0", "(float)$0", "(double)$0", NULL};
    if (from == to)
        return "$0";
    if (from == IR_STR || to == IR_STR)
        return NULL;
    if (to == IR_BOOL)
        return "($0 != 0)";
    if (is_float(from) && to == IR_I64)
        return is_py(op) ? "rt_f64_to_i64($0)" : "nc_f64_to_i64($0)";
    return to_c[to];
}

static const char *scalar_template(const ir_op *op)
{
    if (op->code == IR_CAST)
        return cast_template(op);
    if (!ir_opinfos[op->code].elementwise || op->nargs == 0)
        return NULL;
    ir_dtype key = op->args[op->code == IR_SELECT && op->nargs > 1 ? 1 : 0]->type.dtype;
    const scalar_rule *r = &rules[op->code];
    if (is_py(op) && r->py[key])
        return r->py[key];
    return r->np[key];
}

bool ec_scalar_op_raises(const ir_op *op)
{
    const char *t = scalar_template(op);
    return t && strstr(t, "rt_") != NULL;
}

static void expand(strbuf *sb, const char *t, const char *const *args, int nargs)
{
    for (; *t; t++) {
        if (t[0] == '$' && t[1] >= '0' && t[1] <= '2' && t[1] - '0' < nargs) {
            sb_puts(sb, args[t[1] - '0']);
            t++;
        } else {
            sb_putc(sb, *t);
        }
    }
}

void ec_scalar_expr(ec *e, strbuf *sb, const ir_op *op, const char *const *args)
{
    const char *t = scalar_template(op);
    if (!t) {
        ec_unsupported(e, op, "no C form for these operand types");
        sb_puts(sb, "0");
        return;
    }
    expand(sb, t, args, op->nargs);
}

/* A C literal for a CONST's value attribute, typed like the result. */
static void const_literal(ec *e, strbuf *sb, const ir_op *op)
{
    const ir_attr *a = ir_attr_get(op, "value");
    if (op->results[0]->type.dtype == IR_F32 && a && a->kind != IR_ATTR_STR)
        sb_puts(sb, "(float)");
    if (!a) {
        ec_unsupported(e, op, "missing value");
        sb_puts(sb, "0");
    } else if (a->kind == IR_ATTR_STR) {
        char *buf;
        size_t len;
        FILE *mem = open_memstream(&buf, &len);
        ec_str_literal(mem, a->s, a->slen);
        fclose(mem);
        sb_puts(sb, buf);
        free(buf);
    } else if (a->kind == IR_ATTR_BOOL) {
        sb_puts(sb, a->i ? "true" : "false");
    } else if (a->kind == IR_ATTR_INT) {
        if (a->i == INT64_MIN)
            sb_puts(sb, "INT64_MIN");
        else
            sb_printf(sb, "INT64_C(%lld)", (long long)a->i);
    } else if (isnan(a->f)) {
        sb_puts(sb, "NAN");
    } else if (isinf(a->f)) {
        sb_puts(sb, a->f < 0 ? "-INFINITY" : "INFINITY");
    } else {
        char num[40];
        for (int prec = 15; prec <= 17; prec++) {   /* shortest that round-trips */
            snprintf(num, sizeof num, "%.*g", prec, a->f);
            if (strtod(num, NULL) == a->f)
                break;
        }
        sb_puts(sb, num);
        if (!strpbrk(num, ".en"))
            sb_puts(sb, ".0");
    }
}

void ec_emit_scalar_op(ec *e, const ir_op *op)
{
    strbuf sb;
    sb_init(&sb);
    if (op->code == IR_CONST) {
        const_literal(e, &sb, op);
    } else {
        const char *args[3] = {"0", "0", "0"};
        for (int i = 0; i < op->nargs && i < 3; i++)
            args[i] = ec_var(e, op->args[i]);
        if (ec_scalar_op_raises(op) && !e->in_map)
            ec_set_line(e, op);
        ec_scalar_expr(e, &sb, op, args);
    }
    ec_line(e, "%s = %s;", ec_var(e, op->results[0]), sb.buf);
    sb_free(&sb);
}

/* test_ir_verify.c: each verifier rule rejects a small module that breaks
 * it (and only it), with the message at the op's location. */
#include <check.h>
#include <string.h>

#include "test_ir_util.h"

typedef struct bad_case {
    const char *body;   /* inside func @f(%x:f64, %i:i64, %b:bool, %A:f64[?,?], %v:f64[?]) */
    const char *diag;   /* the first diagnostic line */
} bad_case;

static const char *const head =
    "func @f(%x:f64, %i:i64, %b:bool, %A:f64[?,?], %v:f64[?]) {\n";
static const char *const tail =
    "}\n\nfunc @g(%a:f64[?], %n:i64) -> (i64, f64) {\n  %y:f64 = const 1.0\n  return %n, %y\n}\n";

#define E(LINE, MSG) "prog.nps:" #LINE ": error: IR verifier: " MSG

static const bad_case cases[] = {
    /* operand and result counts */
    {"  %y:f64 = add %x loc(9:1)\n", E(9:1, "add: expects 2 operands, has 1")},
    {"  %y:f64, %z:f64 = neg %x loc(9:2)\n", E(9:2, "neg: expects 1 results, has 2")},
    /* elementwise types */
    {"  %y:f64 = add %x, %i loc(9:3)\n", E(9:3, "add: operands have different dtypes (f64, i64)")},
    {"  %y:f64 = lt %x, %x loc(9:4)\n", E(9:4, "lt: result dtype is f64, expected bool")},
    {"  %y:f64[?] = mul %A, %x loc(9:5)\n", E(9:5, "mul: result must be an array of rank 2")},
    {"  %y:f64[?] = mul %x, %x loc(9:6)\n", E(9:6, "mul: result must be a scalar")},
    {"  %y:f64 = select %x, %x, %x loc(9:7)\n", E(9:7, "select: condition must be bool")},
    {"  %y:f64 = round %x, %x loc(9:8)\n", E(9:8, "round: ndigits must be a i64 scalar")},
    /* control flow */
    {"  if %x loc(9:9) {\n  }\n", E(9:9, "if: condition must be a bool scalar")},
    {"  for %k = %i, %x, %i loc(9:10) {\n  }\n", E(9:10, "for: a size or bound must be a i64 scalar")},
    {"  break loc(9:11)\n", E(9:11, "break: outside a for or loop")},
    {"  loop {\n    %z:f64[?] = map %v (%e:f64) {\n      continue loc(9:12)\n      yield %e\n"
     "    }\n  }\n", E(9:12, "continue: not allowed in a map body (scalar ops only)")},
    {"  yield %x loc(9:13)\n", E(9:13, "yield: only allowed as the last op of a map body")},
    /* map */
    {"  %z:f64[?] = map %v (%e:i64) loc(9:14) {\n    %w:f64 = const 0.0\n    yield %w\n  }\n",
     E(9:14, "map: block parameter %e must be a f64 scalar")},
    {"  %z:f64[?] = map %v (%e:f64) loc(9:15) {\n    %w:f64 = neg %e\n  }\n",
     E(9:15, "map: body must end in yield")},
    {"  %z:f64[?] = map %v (%e:f64) loc(9:16) {\n    %w:bool = isnan %e\n    yield %w\n  }\n",
     E(9:16, "map: body yields bool, result dtype is f64")},
    {"  %z:f64[?] = map %v (%e:f64) {\n    %w:f64[?] = alloc %i loc(9:17)\n    yield %e\n  }\n",
     E(9:17, "alloc: not allowed in a map body (scalar ops only)")},
    {"  %z:f64[?] = map %v (%e:f64) {\n    %w:f64[?] = neg %v loc(9:18)\n    yield %e\n  }\n",
     E(9:18, "neg: array operand in a map body")},
    /* returns and calls */
    {"  return %x loc(9:19)\n", E(9:19, "return: returns 1 values, @f returns 0")},
    {"  %q:i64, %w:f64 = call @nope(%v, %i) loc(9:20)\n",
     E(9:20, "call: callee @nope is not a function of the module")},
    {"  %q:i64, %w:f64 = call @g(%A, %i) loc(9:21)\n",
     E(9:21, "call: argument 1 has the wrong type for @g")},
    {"  %q:i64 = call @g(%v, %i) loc(9:22)\n",
     E(9:22, "call: @g takes 2 arguments and returns 2 values; call has 2 and 1")},
    {"  %q:f64, %w:f64 = call @g(%v, %i) loc(9:23)\n",
     E(9:23, "call: result 1 has the wrong type for @g")},
    /* reduce */
    {"  %s:f64 = reduce %A {kind = median} loc(9:24)\n", E(9:24, "reduce: unknown kind 'median'")},
    {"  %s:f64[?] = reduce %A {kind = sum, axes = [2]} loc(9:25)\n",
     E(9:25, "reduce: axis 2 out of range for rank 2")},
    {"  %s:f64 = reduce %A {kind = sum, axes = [0]} loc(9:26)\n",
     E(9:26, "reduce: result must be an array of the reduced rank")},
    /* index items */
    {"  %s:f64[] = slice %A[%i, %i, %i] loc(9:27)\n", E(9:27, "slice: 3 index items for rank 2")},
    {"  %s:f64[?,?] = slice %A[%i, :] loc(9:28)\n", E(9:28, "slice: result must be an array of rank 1")},
    {"  %s:f64 = load %A[%i] loc(9:29)\n", E(9:29, "load: needs exactly 2 integer index items")},
    {"  store %A[%i, :], %x loc(9:30)\n", E(9:30, "store: needs exactly 2 integer index items")},
    {"  store %A[%i, %i], %i loc(9:31)\n", E(9:31, "store: stored value must be a f64 scalar")},
    {"  %s:f64 = load %A[%x, %i] loc(9:32)\n", E(9:32, "load: index must be a i64 scalar")},
    /* arrays */
    {"  %s:f64[?] = alloc %i, %i loc(9:33)\n", E(9:33, "alloc: result must be an array of rank 2")},
    {"  %s:f64[?] = alloc %i {fill = twos} loc(9:34)\n", E(9:34, "alloc: fill must be zeros, ones or empty")},
    {"  %s:i64 = dim %A {axis = 2} loc(9:35)\n", E(9:35, "dim: axis must be in [0, 2)")},
    {"  %s:f64[?,?] = transpose %A {perm = [0, 0]} loc(9:36)\n",
     E(9:36, "transpose: perm must be a permutation of the 2 axes")},
    {"  %s:f64 = matmul %v, %x loc(9:37)\n", E(9:37, "matmul: operands must be arrays of rank 1 or 2")},
    {"  %s:f64[2] = literal %x loc(9:38)\n", E(9:38, "literal: has 1 elements, shape holds 2")},
    {"  release %x loc(9:39)\n", E(9:39, "release: operand must be an array")},
    {"  %s:f64[?] = mov %A loc(9:40)\n", E(9:40, "mov: result type differs from the operand's")},
    {"  assert %x loc(9:41)\n", E(9:41, "assert: condition must be a bool scalar")},
};

enum { NCASES = sizeof cases / sizeof *cases };

/* Parse head + body + tail and run the verifier; returns the first line. */
static char *verify_text(const char *body, int *nerr)
{
    char *text = NULL;
    size_t len;
    FILE *f = open_memstream(&text, &len);
    fprintf(f, "%s%s%s", head, body, tail);
    fclose(f);
    ir_module *m = ir_parse("v.nir", text);
    ck_assert_msg(m != NULL, "does not parse: %s", text);
    capture cap;
    capture_begin(&cap);
    diag_set_source("prog.nps", NULL);
    *nerr = ir_verify(m);
    char *out = capture_end(&cap);
    char *nl = strchr(out, '\n');
    if (nl)
        *nl = '\0';
    ir_module_free(m);
    free(text);
    return out;
}

START_TEST(test_rule)
{
    int nerr;
    char *out = verify_text(cases[_i].body, &nerr);
    ck_assert_str_eq(out, cases[_i].diag);
    ck_assert_int_eq(nerr, 1);
    free(out);
}
END_TEST

/* The harness itself: an empty body verifies. */
START_TEST(test_ok)
{
    int nerr;
    char *out = verify_text("  return\n", &nerr);
    ck_assert_int_eq(nerr, 0);
    ck_assert_str_eq(out, "");
    free(out);
}
END_TEST

/* Rules the parser cannot express: built with the API. */
START_TEST(test_api_rules)
{
    ir_module *m = ir_module_new("prog.nps");
    ir_func *f = ir_func_new(m, "f");
    ir_var *u = ir_var_new(m, f, "u", ir_scalar_type(IR_I64));
    ir_var *k = ir_var_new(m, f, "k", ir_scalar_type(IR_I64));
    ir_op *w = ir_op_new(m, IR_WRITE, src_loc_make(4, 2, 4, 3));
    ir_op_add_arg(m, w, u);                 /* never defined */
    ir_block_append(&f->body, w);
    ir_op *c = ir_op_new(m, IR_CONST, src_loc_make(5, 1, 5, 2));
    ir_op_set_results(m, c, &k, 1);
    ir_attr_set_float(m, c, "value", 1.0);  /* f64 value for an i64 */
    ir_block_append(&f->body, c);
    ir_func_new(m, "f");                    /* a second @f */
    capture cap;
    capture_begin(&cap);
    diag_set_source("prog.nps", NULL);
    int n = ir_verify(m);
    char *out = capture_end(&cap);
    ck_assert_int_eq(n, 3);
    ck_assert_str_eq(out, E(4:2, "write: %u is used but never defined") "\n"
                          E(5:1, "const: needs a i64 \"value\" attribute") "\n"
                          "prog.nps: error: IR verifier: function @f defined twice\n");
    free(out);
    ir_module_free(m);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("ir_verify");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_rule, 0, NCASES);
    tcase_add_test(tc, test_ok);
    tcase_add_test(tc, test_api_rules);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}

/* test_ir_parse_errors.c: malformed IR text is rejected with a diagnostic at
 * the right line:col, and nothing leaks. */
#include <check.h>
#include <string.h>

#include "test_ir_util.h"

typedef struct bad_case {
    const char *text;
    const char *diag;   /* the first line of the diagnostic */
} bad_case;

static const bad_case cases[] = {
    {"func @f() {\n  write %x\n  return\n}\n",
     "e.nir:2:9: error: use of undefined variable %x"},
    {"func @f() {\n  %a:i64 = const 1\n  %a:f64 = const 1.0\n}\n",
     "e.nir:3:3: error: %a defined as f64, earlier as i64"},
    {"func @f() {\n  %a:i64 = frob %a\n}\n",
     "e.nir:2:12: error: expected an opcode near 'frob'"},
    {"func @f() {\n  %a:int = const 1\n}\n",
     "e.nir:2:6: error: expected a type near 'int'"},
    {"func @f(%a:i64 {\n}\n",
     "e.nir:1:16: error: expected ',' or ')' near '{'"},
    {"func @f() {\n  write $G\n}\n",
     "e.nir:2:9: error: undefined global $G"},
    {"func @f() {\n  %s:str = const \"abc\n}\n",
     "e.nir:2:18: error: unterminated string"},
    {"func @f() {\n  %s:str = const \"a\\qb\"\n}\n",
     "e.nir:2:20: error: bad escape in string"},
    {"func @f() {\n  return\n",
     "e.nir:3:1: error: expected '}' at end of input"},
    {"func @f() {\n  %a:i64 = const 1.5\n}\n",
     "e.nir:2:18: error: expected a i64 literal near '1.5'"},
    {"func @f(%A:f64[?]) {\n  %v:f64[?] = slice %A[,]\n}\n",
     "e.nir:2:24: error: expected an index item"},
    {"func @f(%a:i64) {\n  return %a %a\n}\n",
     "e.nir:2:13: error: expected end of line near '%a'"},
    {"func @f() {\n}\nfunc @f() {\n}\n",
     "e.nir:3:6: error: function @f defined twice"},
    {"func @f() {\n  # nope\n}\n",
     "e.nir:2:3: error: unexpected character"},
    {"global $N i64\n",
     "e.nir:1:11: error: expected ':' near 'i64'"},
    {"func @f() {\n  %a:i64 = const 1 loc(0:3)\n}\n",
     "e.nir:2:24: error: expected a line number near '0'"},
    {"func @f(%x:f64) {\n  write %x {a = }\n}\n",
     "e.nir:2:17: error: expected an attribute value near '}'"},
    {"func @f() {\n  %a:f64[?,?,?,?,?,?,?,?,?] = alloc\n}\n",
     "e.nir:2:26: error: rank above 8"},
    {"func @f() {\n  %a:i64 = const 99999999999999999999\n}\n",
     "e.nir:2:18: error: integer out of range"},
    {"wat\n", "e.nir:1:1: error: expected 'global' or 'func' near 'wat'"},
};

enum { NCASES = sizeof cases / sizeof *cases };

START_TEST(test_bad)
{
    capture cap;
    capture_begin(&cap);
    ir_module *m = ir_parse("e.nir", cases[_i].text);
    char *out = capture_end(&cap);
    ck_assert_ptr_null(m);
    char *nl = strchr(out, '\n');
    if (nl)
        *nl = '\0';
    ck_assert_str_eq(out, cases[_i].diag);
    ck_assert_int_eq(diag_error_count(), 1);
    free(out);
}
END_TEST

/* The diagnostic shows the offending line with a caret under the token. */
START_TEST(test_caret)
{
    capture cap;
    capture_begin(&cap);
    ir_module *m = ir_parse("e.nir", "func @f() {\n  %a:i64 = frob %a\n}\n");
    char *out = capture_end(&cap);
    ck_assert_ptr_null(m);
    ck_assert_str_eq(out, "e.nir:2:12: error: expected an opcode near 'frob'\n"
                          "      %a:i64 = frob %a\n"
                          "               ^~~~\n");
    free(out);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("ir_parse_errors");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_bad, 0, NCASES);
    tcase_add_test(tc, test_caret);
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

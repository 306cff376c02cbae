/* test_lexer.c: token streams of the scanner + INDENT/DEDENT filter.
 *
 * Indentation streams were checked against CPython's tokenize module
 * (NL and COMMENT dropped, as the parser never sees them).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "grammar/parse_api.h"

/* Tokens of src, or "ERR " + the first diagnostic line on a lexical error. */
static char *lex(const char *src)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&buf, &len);
    diag_set_stream(err);
    diag_reset();
    char *toks = nps_tokenize("t.nps", src);
    diag_set_stream(NULL);
    fclose(err);
    if (toks) {
        free(buf);
        return toks;
    }
    char *nl = strchr(buf, '\n');
    if (nl)
        *nl = 0;
    size_t n = strlen(buf) + 5;
    char *out = malloc(n);
    snprintf(out, n, "ERR %s", buf);
    free(buf);
    return out;
}

#define LEX_EQ(src, want)                       \
    do {                                        \
        char *got_ = lex(src);                  \
        ck_assert_str_eq(got_, want);           \
        free(got_);                             \
    } while (0)

START_TEST(nested_blocks_dedent_twice)
{
    LEX_EQ("if a:\n    if b:\n        x = 1\n\n    # c\n        # d\ny = 2\n",
           "if NAME(a) : NEWLINE INDENT if NAME(b) : NEWLINE INDENT NAME(x) = INT(1) NEWLINE "
           "DEDENT DEDENT NAME(y) = INT(2) NEWLINE");
}
END_TEST

START_TEST(dedent_three_levels_eof_without_newline)
{
    LEX_EQ("while x:\n  while y:\n    while z:\n      pass\nq",
           "while NAME(x) : NEWLINE INDENT while NAME(y) : NEWLINE INDENT while NAME(z) : NEWLINE "
           "INDENT pass NEWLINE DEDENT DEDENT DEDENT NAME(q) NEWLINE");
}
END_TEST

START_TEST(dedents_at_eof)
{
    LEX_EQ("if x:\n  pass\n  \n", "if NAME(x) : NEWLINE INDENT pass NEWLINE DEDENT");
    LEX_EQ("if x:\n  if y:\n    pass", "if NAME(x) : NEWLINE INDENT if NAME(y) : NEWLINE INDENT "
                                       "pass NEWLINE DEDENT DEDENT");
    LEX_EQ("", "");
    LEX_EQ("\n\n# only a comment\n", "");
}
END_TEST

START_TEST(brackets_and_backslash_join_lines)
{
    LEX_EQ("def f(x,\n      y):\n  return [x,\n  y]\nz = 1 + \\\n    2",
           "def NAME(f) ( NAME(x) , NAME(y) ) : NEWLINE INDENT return [ NAME(x) , NAME(y) ] "
           "NEWLINE DEDENT NAME(z) = INT(1) + INT(2) NEWLINE");
    LEX_EQ("x = (1 +\n# c\n\n 2)\n   \n", "NAME(x) = ( INT(1) + INT(2) ) NEWLINE");
}
END_TEST

START_TEST(tabs)
{
    LEX_EQ("if a:\n\tb\n\tif c:\n\t\td\ne\n",
           "if NAME(a) : NEWLINE INDENT NAME(b) NEWLINE if NAME(c) : NEWLINE INDENT NAME(d) "
           "NEWLINE DEDENT DEDENT NAME(e) NEWLINE");
    LEX_EQ("if x:\n\tif y:\n        pass\n",
           "ERR t.nps:3:9: error: inconsistent use of tabs and spaces in indentation");
}
END_TEST

START_TEST(bad_dedent)
{
    LEX_EQ("def f(x):\n    if x:\n        return 1\n  return 0\n",
           "ERR t.nps:4:3: error: unindent does not match any outer indentation level");
}
END_TEST

START_TEST(numbers)
{
    LEX_EQ("0x_ff 0o17 0b1_01 1_000 0 00 9223372036854775807",
           "INT(255) INT(15) INT(5) INT(1000) INT(0) INT(0) INT(9223372036854775807) NEWLINE");
    LEX_EQ("1. .5 1e-5 1_000.5 2E3", "FLOAT(1) FLOAT(0.5) FLOAT(1.0000000000000001e-05) "
                                     "FLOAT(1000.5) FLOAT(2000) NEWLINE");
    LEX_EQ("x = 9223372036854775808", "ERR t.nps:1:5: error: integer literal too large");
    LEX_EQ("x = 3j", "ERR t.nps:1:5: error: complex numbers are not supported");
    LEX_EQ("x = 0777",
           "ERR t.nps:1:5: error: leading zeros in decimal integer literals are not permitted");
}
END_TEST

START_TEST(strings)
{
    LEX_EQ("'a\\tb\\x41\\u00e9\\101' r\"\\n\" \"\"\"tri\nple\"\"\" '''q'uo''te'''",
           "STRING(\"a\tbA\xc3\xa9" "A\") STRING(\"\\\\n\") STRING(\"tri\\nple\") "
           "STRING(\"q'uo''te\") NEWLINE");
    LEX_EQ("f'{x!r:>{w}}'", "FSTRING(\"{x!r:>{w}}\") NEWLINE");
    LEX_EQ("x = 'abc\n", "ERR t.nps:1:5: error: unterminated string literal");
    LEX_EQ("x = '''abc\n", "ERR t.nps:1:5: error: unterminated triple-quoted string literal");
    LEX_EQ("x = b'a'", "ERR t.nps:1:5: error: bytes literals are not supported");
}
END_TEST

START_TEST(operators_and_keywords)
{
    LEX_EQ("a @= b //= c **= d -> ... @ // ** << >>= != <= >= == ~",
           "NAME(a) @= NAME(b) //= NAME(c) **= NAME(d) -> ... @ // ** << >>= != <= >= == ~ NEWLINE");
    LEX_EQ("class lambda with try yield async await nonlocal is not in",
           "class lambda with try yield async await nonlocal is not in NEWLINE");
    LEX_EQ("(x := 1)", "ERR t.nps:1:4: error: assignment expressions (:=) are not supported");
    LEX_EQ("a $ b", "ERR t.nps:1:3: error: invalid character '$'");
}
END_TEST

START_TEST(bracket_errors)
{
    LEX_EQ("x = [1, 2)", "ERR t.nps:1:10: error: closing parenthesis ')' does not match "
                         "opening parenthesis '['");
    LEX_EQ("x = 1)", "ERR t.nps:1:6: error: unmatched ')'");
    LEX_EQ("x = (1,\ny = 2\n", "ERR t.nps:1:5: error: '(' was never closed");
}
END_TEST

static Suite *lexer_suite(void)
{
    Suite *s = suite_create("lexer");
    TCase *tc = tcase_create("tokens");
    tcase_add_test(tc, nested_blocks_dedent_twice);
    tcase_add_test(tc, dedent_three_levels_eof_without_newline);
    tcase_add_test(tc, dedents_at_eof);
    tcase_add_test(tc, brackets_and_backslash_join_lines);
    tcase_add_test(tc, tabs);
    tcase_add_test(tc, bad_dedent);
    tcase_add_test(tc, numbers);
    tcase_add_test(tc, strings);
    tcase_add_test(tc, operators_and_keywords);
    tcase_add_test(tc, bracket_errors);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(lexer_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

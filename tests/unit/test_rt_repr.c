/* test_rt_repr.c: rt_write_repr_cstr prints Python's repr of a str
 * (expected strings from /usr/bin/python3's repr). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numsrt.h"

static const char *repr_of(const char *s)
{
    static char buf[128];
    memset(buf, 0, sizeof buf);
    fflush(stdout);
    FILE *saved = stdout;
    stdout = fmemopen(buf, sizeof buf - 1, "w");
    rt_write_repr_cstr(s);
    fclose(stdout);
    stdout = saved;
    return buf;
}

START_TEST(quotes_and_escapes)
{
    ck_assert_str_eq(repr_of("plain"), "'plain'");
    ck_assert_str_eq(repr_of("it's"), "\"it's\"");
    ck_assert_str_eq(repr_of("a\"b"), "'a\"b'");
    ck_assert_str_eq(repr_of("x\ny\t\\"), "'x\\ny\\t\\\\'");
    ck_assert_str_eq(repr_of("both ' and \""), "'both \\' and \"'");
    ck_assert_str_eq(repr_of("\x01\x7f"), "'\\x01\\x7f'");
    ck_assert_str_eq(repr_of(""), "''");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rt_repr");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, quotes_and_escapes);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

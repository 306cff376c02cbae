/* test_rt_format.c: scalar printing (rt_format_f64/f32 and the rt_write_*
 * calls) against what Python prints for repr(float) and NumPy 1.24.2 for
 * str(np.float32); every expected string came from /usr/bin/python3. */
#include "numsrt.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { double v; const char *want; } f64_cases[] = {
    { 0.1, "0.1" },
    { 0.5, "0.5" },
    { 1.0, "1.0" },
    { -2.0, "-2.0" },
    { 100.0, "100.0" },
    { 1e-05, "1e-05" },
    { 0.0001, "0.0001" },
    { 0.00012345, "0.00012345" },
    { 1e-7, "1e-07" },
    { 2.5e-10, "2.5e-10" },
    { 1e+20, "1e+20" },
    { 1e16, "1e+16" },
    { 1e15, "1000000000000000.0" },
    { 123456789012345.6, "123456789012345.6" },
    { 1.5e300, "1.5e+300" },
    { 1.0 / 3, "0.3333333333333333" },
    { 2.0 / 3, "0.6666666666666666" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1.1 * 1.1, "1.2100000000000002" },
    { 3.14159, "3.14159" },
    { M_SQRT2, "1.4142135623730951" },
    { 10.0 / 4, "2.5" },
    { NAN, "nan" },
    { -NAN, "nan" },
    { INFINITY, "inf" },
    { -INFINITY, "-inf" },
    { 22026.465794806718, "22026.465794806718" },
    { 4.5399929762484854e-05, "4.5399929762484854e-05" },
    { 2.3538526683701997e+17, "2.3538526683701997e+17" },
    { 5e-324, "5e-324" },
    { 1.7976931348623157e+308, "1.7976931348623157e+308" },
    { 123.456, "123.456" },
    { -0.001, "-0.001" },
    { 1e3, "1000.0" },
    { 12345678.9, "12345678.9" },
    { -0.0, "-0.0" },
    { 0.0, "0.0" },
    { 0x1p976, "6.386688990511104e+293" },
    { 9.999999999999999e-05, "9.999999999999999e-05" },
    { 9999999999999998.0, "9999999999999998.0" },
    { 0x1p-1074 * 3, "1.5e-323" },
    { -1e-300, "-1e-300" },
    { 123456789.0, "123456789.0" },
    { 1e22, "1e+22" },
    { 0.3, "0.3" },
};

static const struct { float v; const char *want; } f32_cases[] = {
    { 0.1f, "0.1" },
    { 1.0f / 3, "0.33333334" },
    { 16777217.0f, "16777216.0" },
    { 1e20f, "1e+20" },
    { 1e-5f, "1e-05" },
    { 1e-4f, "1e-04" },
    { 1e16f, "1e+16" },
    { 123456789.0f, "123456790.0" },
    { 0x1p-96f, "1.2621775e-29" },
    { -0.0f, "-0.0" },
    { 0.0f, "0.0" },
    { NAN, "nan" },
    { INFINITY, "inf" },
    { -INFINITY, "-inf" },
    { 3.4028235e38f, "3.4028235e+38" },
    { 1e-45f, "1e-45" },
    { 1.17549435e-38f, "1.1754944e-38" },
    { 2.5f, "2.5" },
    { 48150928.0f, "48150930.0" },
    { 0.3f, "0.3" },
    { -1.5e-7f, "-1.5e-07" },
    { 9.9e15f, "9900000000000000.0" },
    { 1234567.9f, "1234567.9" },
};

START_TEST(test_f64_repr)
{
    char buf[64];
    int n = rt_format_f64(buf, sizeof buf, f64_cases[_i].v);
    ck_assert_str_eq(buf, f64_cases[_i].want);
    ck_assert_int_eq(n, (int)strlen(f64_cases[_i].want));
}
END_TEST

START_TEST(test_f32_str)
{
    char buf[64];
    int n = rt_format_f32(buf, sizeof buf, f32_cases[_i].v);
    ck_assert_str_eq(buf, f32_cases[_i].want);
    ck_assert_int_eq(n, (int)strlen(f32_cases[_i].want));
}
END_TEST

/* Like snprintf: truncate, terminate, return the full length. */
START_TEST(test_format_truncates)
{
    char buf[4] = "xxx";
    ck_assert_int_eq(rt_format_f64(buf, sizeof buf, 1.0 / 3), 18);
    ck_assert_str_eq(buf, "0.3");
    ck_assert_int_eq(rt_format_f32(buf, 2, 0.25f), 4);
    ck_assert_str_eq(buf, "0");
    ck_assert_int_eq(rt_format_f64(NULL, 0, -1e-5), 6);
}
END_TEST

/* Run the rt_write_* calls of `body` with stdout sent into buf. */
#define CAPTURE(buf, ...)                                   \
    do {                                                    \
        memset(buf, 0, sizeof buf);                         \
        fflush(stdout);                                     \
        FILE *saved_ = stdout;                              \
        stdout = fmemopen(buf, sizeof buf - 1, "w");        \
        __VA_ARGS__;                                        \
        fclose(stdout);                                     \
        stdout = saved_;                                    \
    } while (0)

/* print(0, 7, -42, 1234567890123, True, False, "text", 2.5, np.float32(0.1)) */
START_TEST(test_write_scalars)
{
    char buf[256];
    CAPTURE(buf, {
        rt_write_i64(0);
        rt_write_cstr(" ");
        rt_write_i64(7);
        rt_write_str(" -", 2);
        rt_write_i64(42);
        rt_write_cstr(" ");
        rt_write_i64(1234567890123);
        rt_write_cstr(" ");
        rt_write_bool(true);
        rt_write_cstr(" ");
        rt_write_bool(false);
        rt_write_str(" text and more", 5);
        rt_write_cstr(" ");
        rt_write_f64(2.5);
        rt_write_cstr(" ");
        rt_write_f32(0.1f);
        rt_write_cstr("\n");
    });
    ck_assert_str_eq(buf, "0 7 -42 1234567890123 True False text 2.5 0.1\n");
}
END_TEST

START_TEST(test_write_i64_extremes)
{
    char buf[64];
    CAPTURE(buf, {
        rt_write_i64(INT64_MIN);
        rt_write_cstr(" ");
        rt_write_i64(INT64_MAX);
    });
    ck_assert_str_eq(buf, "-9223372036854775808 9223372036854775807");
}
END_TEST

/* print(np.nan, np.inf, -np.inf, -np.nan, -0.0, 5e-324) */
START_TEST(test_write_special_f64)
{
    char buf[128];
    CAPTURE(buf, {
        double v[] = { NAN, INFINITY, -INFINITY, -NAN, -0.0, 5e-324 };
        for (int i = 0; i < 6; i++) {
            rt_write_f64(v[i]);
            rt_write_cstr(i < 5 ? " " : "\n");
        }
    });
    ck_assert_str_eq(buf, "nan inf -inf nan -0.0 5e-324\n");
}
END_TEST

static Suite *format_suite(void)
{
    Suite *s = suite_create("rt_format");
    TCase *tc = tcase_create("scalars");
    tcase_add_loop_test(tc, test_f64_repr, 0, sizeof f64_cases / sizeof f64_cases[0]);
    tcase_add_loop_test(tc, test_f32_str, 0, sizeof f32_cases / sizeof f32_cases[0]);
    tcase_add_test(tc, test_format_truncates);
    tcase_add_test(tc, test_write_scalars);
    tcase_add_test(tc, test_write_i64_extremes);
    tcase_add_test(tc, test_write_special_f64);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(format_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

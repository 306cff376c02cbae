/* test_rt_create.c: arange (lengths and NumPy's element formula),
 * linspace and eye, against values printed by NumPy 1.24. */
#include "test_rt_util.h"

START_TEST(arange_float)
{
    rt_array *a = rt_arange_f64(1, 1.3, 0.1);
    CK_VALS_F(a, 1.0, 1.1, 1.2000000000000002, 1.3000000000000003);
    rt_release(a);
    a = rt_arange_f64(0.5, -2, -0.7);
    CK_VALS_F(a, 0.5, -0.19999999999999996, -0.8999999999999999, -1.5999999999999996);
    rt_release(a);
    a = rt_arange_f64(0, 1e-320, 1.0);      /* underflowing length: one element */
    CK_VALS_F(a, 0.0);
    rt_release(a);
    a = rt_arange_f64(3, 1, 1);
    ck_assert_int_eq(rt_size(a), 0);
    rt_release(a);
    EXPECT_RAISE(rt_arange_f64(0, NAN, 1), "ValueError: arange: cannot compute length");
    EXPECT_RAISE(rt_arange_i64(0, 5, 0), "ZeroDivisionError: division by zero");
}
END_TEST

START_TEST(arange_int)
{
    rt_array *a = rt_arange_i64(10, 0, -3);
    CK_VALS_I(a, 10, 7, 4, 1);
    rt_release(a);
    a = rt_arange_i64(0, 10, 5);
    CK_VALS_I(a, 0, 5);
    rt_release(a);
    a = rt_arange_i64(5, 5, 1);
    ck_assert_int_eq(rt_size(a), 0);
    rt_release(a);
}
END_TEST

START_TEST(linspace)
{
    rt_array *a = rt_linspace(0, 1, 7, true);
    CK_VALS_F(a, 0.0, 0.16666666666666666, 0.3333333333333333, 0.5, 0.6666666666666666,
              0.8333333333333333, 1.0);
    rt_release(a);
    a = rt_linspace(2, 3, 4, false);
    CK_VALS_F(a, 2.0, 2.25, 2.5, 2.75);
    rt_release(a);
    a = rt_linspace(5, 7, 1, true);
    CK_VALS_F(a, 5.0);
    rt_release(a);
    a = rt_linspace(-1.3, 2.9, 6, true);
    CK_VALS_F(a, -1.3, -0.45999999999999996, 0.3800000000000001, 1.2200000000000004, 2.0600000000000005, 2.9);
    rt_release(a);
    a = rt_linspace(0, 1, 0, true);
    ck_assert_int_eq(rt_size(a), 0);
    rt_release(a);
    EXPECT_RAISE(rt_linspace(0, 1, -1, true), "ValueError: Number of samples, -1, must be non-negative.");
}
END_TEST

START_TEST(eye)
{
    rt_array *a = rt_eye(RT_F64, 3, 4, 1);
    CK_SHAPE(a, 3, 4);
    CK_VALS_F(a, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1);
    rt_release(a);
    a = rt_eye(RT_I64, 3, 3, -2);
    CK_VALS_I(a, 0, 0, 0, 0, 0, 0, 1, 0, 0);
    rt_release(a);
}
END_TEST

RT_TEST_MAIN("rt_create", arange_float, arange_int, linspace, eye)

/* test_rt_scalar.c: Python and NumPy scalar semantics: floor division,
 * modulo, powers, round, int(); exception messages of Python 3.11. */
#include "test_rt_util.h"

#include <math.h>

#define CK_F(got, want) ck_assert_msg((got) == (want) && signbit(got) == signbit(want), \
                                      "%.17g != %.17g", (double)(got), (double)(want))

START_TEST(int_div_mod)
{
    ck_assert_int_eq(rt_floordiv_i64(-7, 2), -4);
    ck_assert_int_eq(rt_mod_i64(-7, 2), 1);
    ck_assert_int_eq(rt_mod_i64(7, -2), -1);
    ck_assert_int_eq(rt_floordiv_i64(7, -2), -4);
    ck_assert_int_eq(rt_floordiv_i64(6, 3), 2);
    ck_assert_int_eq(rt_floordiv_i64(INT64_MIN, -1), INT64_MIN);
    ck_assert_int_eq(rt_mod_i64(INT64_MIN, -1), 0);
    ck_assert_int_eq(rt_np_floordiv_i64(7, 0), 0);
    ck_assert_int_eq(rt_np_floordiv_i64(-7, 2), -4);
    ck_assert_int_eq(rt_np_floordiv_i64(5, -1), -5);
    ck_assert_int_eq(rt_np_mod_i64(7, 0), 0);
    ck_assert_int_eq(rt_np_mod_i64(-7, 3), 2);
    EXPECT_RAISE(rt_floordiv_i64(7, 0), "ZeroDivisionError: integer division or modulo by zero");
    EXPECT_RAISE(rt_mod_i64(7, 0), "ZeroDivisionError: integer modulo by zero");
}
END_TEST

START_TEST(float_div_mod)
{
    CK_F(rt_floordiv_f64(-7.5, 2), -4.0);
    CK_F(rt_mod_f64(-7.5, 2), 0.5);
    CK_F(rt_mod_f64(7.5, -2), -0.5);
    CK_F(rt_mod_f64(-0.0, 5), 0.0);
    CK_F(rt_mod_f64(0.0, -5), -0.0);
    CK_F(rt_floordiv_f64(6.0, -0.5), -12.0);
    CK_F(rt_floordiv_f64(1e301, 1.0), 1e301);
    CK_F(rt_div_f64(1.0, 4.0), 0.25);
    CK_F(rt_np_floordiv_f64(1.0, 0.0), INFINITY);
    ck_assert(isnan(rt_np_mod_f64(1.0, 0.0)));
    CK_F(rt_np_floordiv_f64(-1.0, INFINITY), -1.0);
    CK_F(rt_np_mod_f64(-1.0, INFINITY), INFINITY);
    EXPECT_RAISE(rt_floordiv_f64(7.0, 0.0), "ZeroDivisionError: float floor division by zero");
    EXPECT_RAISE(rt_mod_f64(7.0, 0.0), "ZeroDivisionError: float modulo");
    EXPECT_RAISE(rt_div_f64(7.0, -0.0), "ZeroDivisionError: float division by zero");
}
END_TEST

START_TEST(powers)
{
    ck_assert_int_eq(rt_pow_i64(3, 4), 81);
    ck_assert_int_eq(rt_pow_i64(3, 40), -6289078614652622815LL);     /* wraps like int64 */
    ck_assert_int_eq(rt_pow_i64(-2, 63), INT64_MIN);
    ck_assert_int_eq(rt_pow_i64(5, 0), 1);
    ck_assert_int_eq(rt_np_pow_i64(-3, 3), -27);
    EXPECT_RAISE(rt_np_pow_i64(2, -1), "ValueError: Integers to negative integer powers are not allowed.");
}
END_TEST

START_TEST(rounding)
{
    CK_F(rt_round_f64(2.675, 2), 2.67);
    CK_F(rt_round_f64(0.125, 2), 0.12);
    CK_F(rt_round_f64(-0.5, 0), -0.0);
    CK_F(rt_round_f64(0.5, 0), 0.0);
    CK_F(rt_round_f64(12345.0, -2), 12300.0);
    CK_F(rt_round_f64(-150.0, -2), -200.0);
    CK_F(rt_round_f64(250.0, -2), 200.0);
    CK_F(rt_round_f64(50.0, -2), 0.0);
    CK_F(rt_round_f64(-40.0, -2), -0.0);
    CK_F(rt_round_f64(145.4, -1), 150.0);
    CK_F(rt_round_f64(0.30000000000000004, 15), 0.3);
    CK_F(rt_round_f64(5e-324, 323), 0.0);
    CK_F(rt_round_f64(INFINITY, 2), INFINITY);
    ck_assert_int_eq(rt_round_i64(1.5), 2);
    ck_assert_int_eq(rt_round_i64(2.5), 2);
    ck_assert_int_eq(rt_round_i64(-2.5), -2);
    ck_assert_int_eq(rt_round_i64(-2.6), -3);
    ck_assert_int_eq(rt_f64_to_i64(-2.9), -2);
    ck_assert_int_eq(rt_f64_to_i64(1e18), 1000000000000000000LL);
    EXPECT_RAISE(rt_round_f64(1.7976931348623157e308, -308), "OverflowError: rounded value too large to represent");
    EXPECT_RAISE(rt_round_i64(NAN), "ValueError: cannot convert float NaN to integer");
    EXPECT_RAISE(rt_round_i64(INFINITY), "OverflowError: cannot convert float infinity to integer");
    EXPECT_RAISE(rt_f64_to_i64(-INFINITY), "OverflowError: cannot convert float infinity to integer");
    EXPECT_RAISE(rt_f64_to_i64(NAN), "ValueError: cannot convert float NaN to integer");
}
END_TEST

RT_TEST_MAIN("rt_scalar", int_div_mod, float_div_mod, powers, rounding)

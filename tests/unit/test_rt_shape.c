/* test_rt_shape.c: concatenate / stack / vstack / hstack, cumsum and
 * cumprod, diagonal views, sort / argsort / unique (NaN last, stable ties,
 * strided input) and NumPy's error wording.  Expected: NumPy 1.24. */
#include "test_rt_util.h"

START_TEST(join)
{
    rt_array *A = mk_range(2, (int64_t[]){2, 2}), *r;
    rt_array *c = mk_i64(2, (int64_t[]){2, 1}, (int64_t[]){8, 9});
    rt_array *f = mk_f64(1, (int64_t[]){2}, (double[]){0.5, 1.5});
    r = rt_concatenate(1, 2, (rt_array *[]){A, c});
    CK_SHAPE(r, 2, 3);
    CK_VALS_I(r, 0, 1, 8, 2, 3, 9);
    rt_release(r);
    r = rt_concatenate(-2, 2, (rt_array *[]){A, A});
    CK_SHAPE(r, 4, 2);
    CK_VALS_I(r, 0, 1, 2, 3, 0, 1, 2, 3);
    rt_release(r);
    rt_array *AT = rt_transpose(A, NULL);
    r = rt_stack(1, 2, (rt_array *[]){AT, A});   /* a strided input */
    CK_SHAPE(r, 2, 2, 2);
    CK_VALS_I(r, 0, 2, 0, 1, 1, 3, 2, 3);
    rt_release(r);
    r = rt_vstack(2, (rt_array *[]){f, A});       /* mixed dtypes promote */
    ck_assert_int_eq(r->dtype, RT_F64);
    CK_SHAPE(r, 3, 2);
    CK_VALS_F(r, 0.5, 1.5, 0, 1, 2, 3);
    rt_release(r);
    r = rt_hstack(2, (rt_array *[]){c, A});
    CK_SHAPE(r, 2, 3);
    CK_VALS_I(r, 8, 0, 1, 9, 2, 3);
    rt_release(r);
    r = rt_hstack(2, (rt_array *[]){f, f});
    CK_SHAPE(r, 4);
    rt_release(r);
    rt_release(AT);
    rt_release(A);
    rt_release(c);
    rt_release(f);
}
END_TEST

START_TEST(join_errors)
{
    rt_array *A = rt_zeros(RT_F64, 2, (int64_t[]){2, 2}), *v = rt_zeros(RT_F64, 1, (int64_t[]){2});
    rt_array *w = rt_zeros(RT_F64, 1, (int64_t[]){3}), *B = rt_zeros(RT_F64, 2, (int64_t[]){2, 3});
    EXPECT_RAISE(rt_concatenate(0, 0, NULL), "ValueError: need at least one array to concatenate");
    EXPECT_RAISE(rt_concatenate(0, 2, ((rt_array *[]){A, v})),
                 "ValueError: all the input arrays must have same number of dimensions, but the array at index 0 "
                 "has 2 dimension(s) and the array at index 1 has 1 dimension(s)");
    EXPECT_RAISE(rt_concatenate(0, 2, ((rt_array *[]){A, B})),
                 "ValueError: all the input array dimensions except for the concatenation axis must match exactly, "
                 "but along dimension 1, the array at index 0 has size 2 and the array at index 1 has size 3");
    EXPECT_RAISE(rt_concatenate(2, 2, ((rt_array *[]){A, A})), "AxisError: axis 2 is out of bounds for array of dimension 2");
    EXPECT_RAISE(rt_stack(0, 2, ((rt_array *[]){v, w})), "ValueError: all input arrays must have the same shape");
    EXPECT_RAISE(rt_stack(-3, 2, ((rt_array *[]){v, v})), "AxisError: axis -3 is out of bounds for array of dimension 2");
    rt_release(A);
    rt_release(B);
    rt_release(v);
    rt_release(w);
}
END_TEST

START_TEST(accumulate_and_diagonal)
{
    rt_array *a = mk_range(2, (int64_t[]){2, 3}), *r;
    r = rt_cumsum(a, 0);
    CK_VALS_I(r, 0, 1, 2, 3, 5, 7);
    rt_release(r);
    r = rt_cumsum(a, 1);
    CK_VALS_I(r, 0, 1, 3, 3, 7, 12);
    rt_release(r);
    rt_array *f = mk_f64(1, (int64_t[]){4}, (double[]){0.5, 3.0, -2.0, 0.1});
    r = rt_cumprod(f, 0);
    CK_VALS_F(r, 0.5, 1.5, -3.0, -0.30000000000000004);
    rt_release(r);
    rt_array *m = mk_range(2, (int64_t[]){3, 4});
    r = rt_diagonal(m, 1);
    CK_VALS_I(r, 1, 6, 11);
    rt_release(r);
    r = rt_diagonal(m, -1);
    CK_VALS_I(r, 4, 9);
    rt_release(r);
    r = rt_diagonal(m, 5);
    CK_SHAPE(r, 0);
    rt_release(r);
    rt_release(m);
    rt_release(f);
    rt_release(a);
}
END_TEST

START_TEST(sorting)
{
    rt_array *x0 = mk_f64(2, (int64_t[]){2, 3}, (double[]){3.0, NAN, 1.0, -2.0, 5.0, -2.0});
    rt_array *x = rt_transpose(x0, NULL), *r;     /* [[3,-2],[nan,5],[1,-2]] */
    r = rt_sort(x, 0);
    CK_VALS_F(r, 1.0, -2.0, 3.0, -2.0, NAN, 5.0);
    rt_release(r);
    r = rt_argsort(x, 0);
    CK_VALS_I(r, 2, 0, 0, 2, 1, 1);
    rt_release(r);
    r = rt_sort(x, 1);
    CK_VALS_F(r, -2.0, 3.0, 5.0, NAN, -2.0, 1.0);
    rt_release(r);
    rt_array *t = mk_i64(1, (int64_t[]){6}, (int64_t[]){2, 1, 2, 1, 0, 2});
    r = rt_argsort(t, 0);
    CK_VALS_I(r, 4, 1, 3, 0, 2, 5);
    rt_release(r);
    rt_sort_inplace(x, 0);                          /* writes through the view */
    CK_VALS_F(x0, 1.0, 3.0, NAN, -2.0, -2.0, 5.0);
    rt_array *u = mk_f64(2, (int64_t[]){2, 2}, (double[]){2.0, NAN, NAN, -1.0});
    r = rt_unique(u);
    CK_SHAPE(r, 3);
    CK_VALS_F(r, -1.0, 2.0, NAN);
    rt_release(r);
    EXPECT_RAISE(rt_sort(t, 1), "AxisError: axis 1 is out of bounds for array of dimension 1");
    rt_release(u);
    rt_release(t);
    rt_release(x);
    rt_release(x0);
}
END_TEST

RT_TEST_MAIN("rt_shape", join, join_errors, accumulate_and_diagonal, sorting)

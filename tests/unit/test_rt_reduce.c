/* test_rt_reduce.c: rt_reduce on each axis and axis set of a 3-D array,
 * keepdims, NaN handling, argmax/argmin, empty reductions and their
 * errors, pairwise float32/float64 sums checked against NumPy's exact
 * results, and rt_item_* / rt_truth.  Expected values: NumPy 1.24. */
#include "test_rt_util.h"

#include <math.h>

static rt_array *T3(void)
{
    return mk_range(3, (int64_t[]){2, 3, 4});
}

static rt_array *red(rt_reduce_kind k, rt_array *a, int n, const int *axes, rt_dtype out)
{
    return rt_reduce(k, a, n, axes, false, out);
}

START_TEST(sum_each_axis)
{
    rt_array *T = T3(), *r;
    r = red(RT_SUM, T, 1, (int[]){0}, RT_I64);
    CK_SHAPE(r, 3, 4);
    CK_VALS_I(r, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34);
    rt_release(r);
    r = red(RT_SUM, T, 1, (int[]){1}, RT_I64);
    CK_VALS_I(r, 12, 15, 18, 21, 48, 51, 54, 57);
    rt_release(r);
    r = red(RT_SUM, T, 1, (int[]){2}, RT_I64);
    CK_SHAPE(r, 2, 3);
    CK_VALS_I(r, 6, 22, 38, 54, 70, 86);
    rt_release(r);
    r = red(RT_SUM, T, 2, (int[]){0, 2}, RT_I64);
    CK_VALS_I(r, 60, 92, 124);
    rt_release(r);
    r = red(RT_SUM, T, 2, (int[]){1, 2}, RT_I64);
    CK_VALS_I(r, 66, 210);
    rt_release(r);
    r = red(RT_SUM, T, 3, (int[]){0, 1, 2}, RT_I64);
    ck_assert_int_eq(r->rank, 0);
    ck_assert_int_eq(rt_item_i64(r), 276);
    rt_release(r);
    r = rt_reduce(RT_SUM, T, 1, (int[]){2}, true, RT_I64);
    CK_SHAPE(r, 2, 3, 1);
    rt_release(r);
    r = rt_reduce(RT_MAX, T, 1, (int[]){1}, true, RT_I64);
    CK_SHAPE(r, 2, 1, 4);
    CK_VALS_I(r, 8, 9, 10, 11, 20, 21, 22, 23);
    rt_release(r);
    rt_release(T);
}
END_TEST

START_TEST(other_kinds_3d)
{
    rt_array *T = T3(), *r;
    r = red(RT_PROD, T, 1, (int[]){1}, RT_I64);
    CK_VALS_I(r, 0, 45, 120, 231, 3840, 4641, 5544, 6555);
    rt_release(r);
    r = red(RT_MAX, T, 1, (int[]){0}, RT_I64);
    CK_VALS_I(r, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23);
    rt_release(r);
    r = red(RT_MIN, T, 1, (int[]){2}, RT_I64);
    CK_VALS_I(r, 0, 4, 8, 12, 16, 20);
    rt_release(r);
    r = red(RT_ARGMAX, T, 1, (int[]){1}, RT_I64);
    CK_VALS_I(r, 2, 2, 2, 2, 2, 2, 2, 2);
    rt_release(r);
    /* F = (T % 5) * 1.5 - 2.0 */
    rt_array *F = rt_astype(T, RT_F64);
    for (int i = 0; i < 24; i++)
        ((double *)F->data)[i] = (double)(i % 5) * 1.5 - 2.0;
    r = red(RT_MEAN, F, 1, (int[]){2}, RT_F64);
    CK_VALS_F(r, 0.25, 0.625, 1.0, 1.375, 1.75, 0.25);
    rt_release(r);
    r = red(RT_ARGMIN, F, 1, (int[]){2}, RT_I64);
    CK_VALS_I(r, 0, 1, 2, 3, 0, 0);
    rt_release(r);
    r = red(RT_ARGMAX, F, 3, (int[]){0, 1, 2}, RT_I64);
    ck_assert_int_eq(rt_item_i64(r), 4);
    rt_release(r);
    r = red(RT_MEAN, F, 3, (int[]){0, 1, 2}, RT_F64);
    ck_assert_double_eq(rt_item_f64(r), 0.875);
    rt_release(r);
    rt_release(F);
    rt_release(T);
}
END_TEST

START_TEST(nan_and_ties)
{
    rt_array *x = mk_f64(1, (int64_t[]){4}, (double[]){1.0, NAN, 3.0, NAN}), *r;
    r = red(RT_MAX, x, 1, (int[]){0}, RT_F64);
    ck_assert(isnan(rt_item_f64(r)));
    rt_release(r);
    r = red(RT_MIN, x, 1, (int[]){0}, RT_F64);
    ck_assert(isnan(rt_item_f64(r)));
    rt_release(r);
    r = red(RT_ARGMAX, x, 1, (int[]){0}, RT_I64);
    ck_assert_int_eq(rt_item_i64(r), 1);
    rt_release(r);
    r = red(RT_ARGMIN, x, 1, (int[]){0}, RT_I64);
    ck_assert_int_eq(rt_item_i64(r), 1);
    rt_release(r);
    rt_array *y = mk_i64(1, (int64_t[]){4}, (int64_t[]){3, 1, 3, 1});
    r = red(RT_ARGMAX, y, 1, (int[]){0}, RT_I64);
    ck_assert_int_eq(rt_item_i64(r), 0);
    rt_release(r);
    r = red(RT_ARGMIN, y, 1, (int[]){0}, RT_I64);
    ck_assert_int_eq(rt_item_i64(r), 1);
    rt_release(r);
    rt_release(y);
    rt_release(x);
}
END_TEST

START_TEST(bool_and_empty)
{
    rt_array *b = rt_zeros(RT_BOOL, 2, (int64_t[]){2, 2}), *r;
    ((uint8_t *)b->data)[0] = 1;
    r = red(RT_ANY, b, 1, (int[]){0}, RT_BOOL);
    CK_VALS_I(r, 1, 0);
    rt_release(r);
    r = red(RT_ALL, b, 1, (int[]){1}, RT_BOOL);
    CK_VALS_I(r, 0, 0);
    rt_release(r);
    r = red(RT_SUM, b, 2, (int[]){0, 1}, RT_I64);
    ck_assert_int_eq(rt_item_i64(r), 1);
    rt_release(r);
    rt_release(b);
    rt_array *e = rt_zeros(RT_F64, 2, (int64_t[]){2, 0});
    r = red(RT_SUM, e, 1, (int[]){1}, RT_F64);
    CK_VALS_F(r, 0.0, 0.0);
    rt_release(r);
    r = red(RT_PROD, e, 1, (int[]){1}, RT_F64);
    CK_VALS_F(r, 1.0, 1.0);
    rt_release(r);
    r = red(RT_MEAN, e, 2, (int[]){0, 1}, RT_F64);
    ck_assert(isnan(rt_item_f64(r)));
    rt_release(r);
    r = red(RT_ARGMAX, e, 1, (int[]){0}, RT_I64);       /* (2,0) along axis 0: empty result */
    ck_assert_int_eq(rt_size(r), 0);
    rt_release(r);
    EXPECT_RAISE(red(RT_MAX, e, 2, (int[]){0, 1}, RT_F64),
                 "ValueError: zero-size array to reduction operation maximum which has no identity");
    EXPECT_RAISE(red(RT_MIN, e, 1, (int[]){1}, RT_F64),
                 "ValueError: zero-size array to reduction operation minimum which has no identity");
    EXPECT_RAISE(red(RT_ARGMAX, e, 2, (int[]){0, 1}, RT_I64),
                 "ValueError: attempt to get argmax of an empty sequence");
    EXPECT_RAISE(red(RT_SUM, e, 2, (int[]){0, 0}, RT_F64), "ValueError: duplicate value in 'axis'");
    rt_release(e);
}
END_TEST

/* z[i] = float32((i*7919) % 10007) * 0.37f, as in the NumPy reference. */
static rt_array *zdata(void)
{
    rt_array *z = rt_alloc(RT_F32, 1, (int64_t[]){100000});
    for (int64_t i = 0; i < 100000; i++)
        ((float *)z->data)[i] = (float)((i * 7919) % 10007) * 0.37f;
    return z;
}

START_TEST(pairwise_float32)
{
    rt_array *z = zdata(), *r;
    r = red(RT_SUM, z, 1, (int[]){0}, RT_F32);
    ck_assert(r->dtype == RT_F32);
    ck_assert_double_eq(rt_item_f64(r), 185112832.0);
    rt_release(r);
    r = red(RT_MEAN, z, 1, (int[]){0}, RT_F32);
    ck_assert_double_eq(rt_item_f64(r), 1851.1282958984375);
    rt_release(r);
    r = red(RT_SUM, z, 1, (int[]){0}, RT_F64);          /* z.astype(float64).sum() */
    ck_assert_double_eq(rt_item_f64(r), 185112822.04808116);
    rt_release(r);
    rt_array *z2 = rt_reshape(z, 2, (int64_t[]){4, 25000});
    r = red(RT_SUM, z2, 1, (int[]){1}, RT_F32);
    ck_assert_double_eq(at_f(r, 1), 46276172.0);
    rt_release(r);
    rt_release(z2);
    z2 = rt_reshape(z, 2, (int64_t[]){400, 250});
    rt_array *zt = rt_transpose(z2, NULL);
    rt_array *y = rt_copy(zt);                          /* C-contiguous (250, 400) */
    rt_array *yt = rt_transpose(y, NULL);               /* memory order is followed */
    r = red(RT_SUM, yt, 2, (int[]){0, 1}, RT_F32);
    ck_assert_msg(rt_item_f64(r) == 185112816.0, "%.17g", rt_item_f64(r));
    rt_release(r);
    rt_release(yt);
    rt_release(y);
    rt_release(zt);
    rt_release(z2);
    z2 = rt_reshape(z, 2, (int64_t[]){250, 400});
    r = red(RT_SUM, z2, 1, (int[]){0}, RT_F32);
    ck_assert_double_eq(at_f(r, 3), 484775.15625);
    rt_release(r);
    rt_release(z2);
    rt_release(z);
}
END_TEST

START_TEST(pairwise_float64)
{
    rt_array *m = rt_alloc(RT_F64, 2, (int64_t[]){50, 2000}), *r;
    for (int64_t i = 0; i < 100000; i++)
        ((double *)m->data)[i] = (double)((i * 7919) % 10007) * 0.37 - 1000.0;
    r = red(RT_SUM, m, 2, (int[]){0, 1}, RT_F64);
    ck_assert_double_eq(rt_item_f64(r), 85112819.66);
    rt_release(r);
    r = red(RT_SUM, m, 1, (int[]){1}, RT_F64);
    ck_assert_double_eq(at_f(r, 7), 1704021.9);
    rt_release(r);
    r = red(RT_SUM, m, 1, (int[]){0}, RT_F64);
    ck_assert_double_eq(at_f(r, 7), 45573.59000000002);
    rt_release(r);
    rt_array *w = rt_arange_i64(0, 100000, 1);          /* mean of ints is float64 */
    r = red(RT_MEAN, w, 1, (int[]){0}, RT_F64);
    ck_assert_double_eq(rt_item_f64(r), 49999.5);
    rt_release(r);
    r = red(RT_MAX, w, 1, (int[]){0}, RT_I64);
    ck_assert_int_eq(rt_item_i64(r), 99999);
    rt_release(r);
    r = red(RT_ARGMIN, w, 1, (int[]){0}, RT_I64);
    ck_assert_int_eq(rt_item_i64(r), 0);
    rt_release(r);
    rt_release(w);
    rt_release(m);
}
END_TEST

START_TEST(items_and_truth)
{
    rt_array *a = rt_full_f64(RT_F64, 2, (int64_t[]){1, 1}, 2.5);
    ck_assert_double_eq(rt_item_f64(a), 2.5);
    ck_assert_int_eq(rt_item_i64(a), 2);
    ck_assert(rt_truth(a));
    rt_array *e = rt_zeros(RT_F64, 1, (int64_t[]){0});
    ck_assert(!rt_truth(e));
    rt_array *two = rt_zeros(RT_F64, 1, (int64_t[]){2});
    EXPECT_RAISE(rt_truth(two), "ValueError: The truth value of an array with more than one element is "
                                "ambiguous. Use a.any() or a.all()");
    EXPECT_RAISE(rt_item_f64(two), "ValueError: can only convert an array of size 1 to a Python scalar");
    rt_release(two);
    rt_release(e);
    rt_release(a);
}
END_TEST

RT_TEST_MAIN("rt_reduce", sum_each_axis, other_kinds_3d, nan_and_ties, bool_and_empty, pairwise_float32,
             pairwise_float64, items_and_truth)

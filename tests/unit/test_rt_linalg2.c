/* test_rt_linalg2.c: cholesky, eigh, qr and lstsq through LAPACKE, the
 * bundles that carry several results, and their LinAlgErrors.
 * Expected values: NumPy 1.24 (same OpenBLAS/LAPACK), compared exactly. */
#include "test_rt_util.h"

static rt_array *spd(void)
{
    return mk_f64(2, (int64_t[]){2, 2}, (double[]){4, 2, 2, 3});
}

START_TEST(cholesky_and_eigh)
{
    rt_array *A = spd(), *L = rt_linalg_cholesky(A);
    CK_SHAPE(L, 2, 2);
    CK_VALS_F(L, 2.0, 0.0, 1.0, 1.4142135623730951);
    rt_array *b = rt_linalg_eigh(A), *w = rt_bundle_get(b, 0), *v = rt_bundle_get(b, 1);
    CK_SHAPE(w, 2);
    CK_VALS_F(w, 1.43844718719117, 5.561552812808831);
    CK_SHAPE(v, 2, 2);
    CK_VALS_F(v, 0.6154122094026357, -0.7882054380161092, -0.7882054380161092, -0.6154122094026357);
    rt_release(w);
    rt_release(b);      /* the view keeps the bundle's memory alive */
    CK_VALS_F(v, 0.6154122094026357, -0.7882054380161092, -0.7882054380161092, -0.6154122094026357);
    rt_release(v);
    rt_release(L);
    rt_release(A);
}
END_TEST

START_TEST(qr_reduced)
{
    rt_array *M = mk_f64(2, (int64_t[]){3, 2}, (double[]){1, 2, 3, 4, 5, 6});
    rt_array *b = rt_linalg_qr(M), *q = rt_bundle_get(b, 0), *r = rt_bundle_get(b, 1);
    CK_SHAPE(q, 3, 2);
    CK_VALS_F(q, -0.16903085094570325, 0.8970852271450607, -0.50709255283711, 0.27602622373694136,
              -0.8451542547285166, -0.345032779671177);
    CK_SHAPE(r, 2, 2);
    CK_VALS_F(r, -5.916079783099616, -7.437357441610946, 0.0, 0.8280786712108248);
    rt_release(q);
    rt_release(r);
    rt_release(b);
    rt_release(M);
}
END_TEST

START_TEST(lstsq_parts)
{
    rt_array *X = mk_f64(2, (int64_t[]){4, 2}, (double[]){0, 1, 1, 1, 2, 1, 3, 1});
    rt_array *y = mk_f64(1, (int64_t[]){4}, (double[]){-1.0, 0.2, 0.9, 2.1});
    rt_array *b = rt_linalg_lstsq(X, y, 2.220446049250313e-16 * 4);
    rt_array *x = rt_bundle_get(b, 0), *res = rt_bundle_get(b, 1), *s = rt_bundle_get(b, 3);
    CK_SHAPE(x, 2);
    CK_VALS_F(x, 0.9999999999999999, -0.9499999999999995);
    CK_SHAPE(res, 1);
    CK_VALS_F(res, 0.04999999999999998);
    ck_assert_int_eq(rt_bundle_get_i64(b, 2), 2);
    CK_VALS_F(s, 4.10003044816824, 1.090756766696107);
    rt_release(x);
    rt_release(res);
    rt_release(s);
    rt_release(b);
    /* rank deficient: no residuals */
    rt_array *S = mk_f64(2, (int64_t[]){2, 2}, (double[]){1, 2, 2, 4});
    rt_array *z = mk_f64(1, (int64_t[]){2}, (double[]){1, 2});
    b = rt_linalg_lstsq(S, z, 2.220446049250313e-16 * 2);
    x = rt_bundle_get(b, 0);
    res = rt_bundle_get(b, 1);
    CK_VALS_F(x, 0.2, 0.4);
    CK_SHAPE(res, 0);
    ck_assert_int_eq(rt_bundle_get_i64(b, 2), 1);
    rt_release(x);
    rt_release(res);
    rt_release(b);
    rt_release(S);
    rt_release(z);
    rt_release(X);
    rt_release(y);
}
END_TEST

START_TEST(errors)
{
    rt_array *A = mk_f64(2, (int64_t[]){2, 2}, (double[]){1, 2, 2, 1});
    rt_array *R = rt_zeros(RT_F64, 2, (int64_t[]){2, 3}), *v = rt_zeros(RT_F64, 1, (int64_t[]){3});
    EXPECT_RAISE(rt_linalg_cholesky(A), "LinAlgError: Matrix is not positive definite");
    EXPECT_RAISE(rt_linalg_eigh(R), "LinAlgError: Last 2 dimensions of the array must be square");
    EXPECT_RAISE(rt_linalg_qr(v), "LinAlgError: 1-dimensional array given. Array must be at least two-dimensional");
    EXPECT_RAISE(rt_linalg_lstsq(A, v, -1), "LinAlgError: Incompatible dimensions");
    rt_release(A);
    rt_release(R);
    rt_release(v);
}
END_TEST

RT_TEST_MAIN("rt_linalg2", cholesky_and_eigh, qr_reduced, lstsq_parts, errors)

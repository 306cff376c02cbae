/* test_rt_linalg.c: matmul for every rank combination (BLAS paths,
 * transposed and reversed operands, int64 and bool loops), np.dot, outer,
 * solve/inv/det, and the shape-mismatch messages.  Expected: NumPy 1.24. */
#include "test_rt_util.h"

static rt_array *matA(void)    /* arange(6.).reshape(2,3)*0.5+1 */
{
    return mk_f64(2, (int64_t[]){2, 3}, (double[]){1, 1.5, 2, 2.5, 3, 3.5});
}

static rt_array *matB(void)    /* arange(12.).reshape(3,4)-2.5 */
{
    rt_array *b = rt_alloc(RT_F64, 2, (int64_t[]){3, 4});
    for (int i = 0; i < 12; i++)
        ((double *)b->data)[i] = i - 2.5;
    return b;
}

START_TEST(matmul_float_ranks)
{
    rt_array *A = matA(), *B = matB(), *r;
    rt_array *v = mk_f64(1, (int64_t[]){3}, (double[]){1.5, -2.0, 0.25});
    rt_array *w = mk_f64(1, (int64_t[]){2}, (double[]){2.0, 1.0});
    r = rt_matmul(A, B);
    CK_SHAPE(r, 2, 4);
    CK_VALS_F(r, 10.75, 15.25, 19.75, 24.25, 17.5, 26.5, 35.5, 44.5);
    rt_release(r);
    r = rt_matmul(A, v);
    CK_SHAPE(r, 2);
    CK_VALS_F(r, -1.0, -1.375);
    rt_release(r);
    r = rt_matmul(w, A);
    CK_SHAPE(r, 3);
    CK_VALS_F(r, 4.5, 6.0, 7.5);
    rt_release(r);
    r = rt_matmul(v, v);
    ck_assert_int_eq(r->rank, 0);
    ck_assert_double_eq(rt_item_f64(r), 6.3125);
    rt_release(r);
    rt_array *AT = rt_transpose(A, NULL);
    r = rt_matmul(AT, w);                       /* transposed operand, gemv */
    CK_VALS_F(r, 4.5, 6.0, 7.5);
    rt_release(r);
    r = rt_matmul(A, AT);
    CK_VALS_F(r, 7.25, 14.0, 14.0, 27.5);
    rt_release(r);
    rt_array *BT = rt_transpose(B, NULL);       /* B.T[::-1]: negative stride, copied */
    rt_array *BTr = rt_view(BT, 1, (rt_index[]){{.kind = RT_IDX_SLICE, .step = -1, .has_step = true}});
    r = rt_matmul(BTr, AT);
    CK_VALS_F(r, 24.25, 44.5, 19.75, 35.5, 15.25, 26.5, 10.75, 17.5);
    rt_release(r);
    rt_release(BTr);
    rt_release(BT);
    rt_release(AT);
    rt_release(v);
    rt_release(w);
    rt_release(A);
    rt_release(B);
}
END_TEST

START_TEST(matmul_int_bool)
{
    rt_array *I = mk_range(2, (int64_t[]){2, 3}), *J = mk_range(2, (int64_t[]){3, 4}), *r;
    for (int i = 0; i < 12; i++)
        ((int64_t *)J->data)[i] -= 5;
    r = rt_matmul(I, J);
    ck_assert(r->dtype == RT_I64);
    CK_VALS_I(r, 5, 8, 11, 14, -4, 8, 20, 32);
    rt_release(r);
    rt_array *v = mk_f64(1, (int64_t[]){3}, (double[]){1.5, -2.0, 0.25});
    r = rt_matmul(I, v);                        /* promoted to float64 */
    ck_assert(r->dtype == RT_F64);
    CK_VALS_F(r, -1.5, -2.25);
    rt_release(r);
    rt_array *b = rt_zeros(RT_BOOL, 2, (int64_t[]){2, 2});
    ((uint8_t *)b->data)[0] = 1;
    rt_array *bt = rt_transpose(b, NULL);
    r = rt_matmul(b, bt);
    ck_assert(r->dtype == RT_BOOL);
    CK_VALS_I(r, 1, 0, 0, 0);
    rt_release(r);
    rt_array *e = rt_zeros(RT_F64, 2, (int64_t[]){2, 0}), *e2 = rt_zeros(RT_F64, 2, (int64_t[]){0, 3});
    r = rt_matmul(e, e2);                       /* k = 0: zeros */
    CK_VALS_F(r, 0, 0, 0, 0, 0, 0);
    rt_release(r);
    rt_release(e);
    rt_release(e2);
    rt_release(bt);
    rt_release(b);
    rt_release(v);
    rt_release(I);
    rt_release(J);
}
END_TEST

START_TEST(mismatch_errors)
{
    rt_array *A = rt_zeros(RT_F64, 2, (int64_t[]){2, 3}), *C = rt_zeros(RT_F64, 2, (int64_t[]){2, 4});
    rt_array *v3 = rt_zeros(RT_F64, 1, (int64_t[]){3}), *v4 = rt_zeros(RT_F64, 1, (int64_t[]){4});
    rt_array *D = rt_zeros(RT_F64, 2, (int64_t[]){4, 5});
    EXPECT_RAISE(rt_matmul(A, C), "ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0, "
                                  "with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)");
    EXPECT_RAISE(rt_matmul(v3, v4), "ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0, "
                                    "with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 4 is different from 3)");
    EXPECT_RAISE(rt_dot(A, v4), "ValueError: shapes (2,3) and (4,) not aligned: 3 (dim 1) != 4 (dim 0)");
    EXPECT_RAISE(rt_dot(A, D), "ValueError: shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)");
    EXPECT_RAISE(rt_dot(v3, v4), "ValueError: shapes (3,) and (4,) not aligned: 3 (dim 0) != 4 (dim 0)");
    rt_release(A);
    rt_release(C);
    rt_release(D);
    rt_release(v3);
    rt_release(v4);
}
END_TEST

START_TEST(dot_and_outer)
{
    rt_array *I = mk_range(2, (int64_t[]){2, 3}), *s = rt_full_f64(RT_F64, 0, NULL, 2.0), *r;
    r = rt_dot(s, I);
    ck_assert(r->dtype == RT_F64);
    CK_VALS_F(r, 0, 2, 4, 6, 8, 10);
    rt_release(r);
    rt_array *A = matA(), *B = matB();
    r = rt_dot(A, B);
    CK_VALS_F(r, 10.75, 15.25, 19.75, 24.25, 17.5, 26.5, 35.5, 44.5);
    rt_release(r);
    rt_array *x = rt_arange_i64(0, 3, 1), *y = mk_f64(1, (int64_t[]){2}, (double[]){1.5, 2});
    r = rt_outer(x, y);
    CK_SHAPE(r, 3, 2);
    CK_VALS_F(r, 0, 0, 1.5, 2, 3, 4);
    rt_release(r);
    rt_release(x);
    rt_release(y);
    rt_release(A);
    rt_release(B);
    rt_release(s);
    rt_release(I);
}
END_TEST

START_TEST(lapack)
{
    rt_array *P = mk_f64(2, (int64_t[]){3, 3}, (double[]){0, 2, 1, 1, 1, 1, 2, 1, 3});
    rt_array *q = mk_f64(1, (int64_t[]){3}, (double[]){5, 6, 13}), *r;
    r = rt_linalg_solve(P, q);
    CK_SHAPE(r, 3);
    CK_VALS_F(r, 2.3333333333333335, 1.3333333333333333, 2.3333333333333335);
    rt_release(r);
    rt_array *A = mk_f64(2, (int64_t[]){2, 2}, (double[]){4, 7, 2, 6});
    r = rt_linalg_inv(A);
    CK_VALS_F(r, 0.6, -0.7000000000000001, -0.2, 0.4);
    rt_release(r);
    rt_array *B = mk_f64(2, (int64_t[]){2, 2}, (double[]){2, 1, 1, 3});
    rt_array *R = mk_f64(2, (int64_t[]){2, 2}, (double[]){3, 1, 4, 2});
    r = rt_linalg_solve(B, R);
    CK_VALS_F(r, 1.0, 0.19999999999999996, 1.0, 0.6000000000000001);
    rt_release(r);
    rt_array *D = mk_f64(2, (int64_t[]){2, 2}, (double[]){1, 2, 3, 4});
    ck_assert_double_eq(rt_linalg_det(D), -2.0000000000000004);
    rt_array *D3 = mk_f64(2, (int64_t[]){3, 3}, (double[]){2, 1, 0, 1, 3, 1, 0, 1, 4});
    ck_assert_double_eq(rt_linalg_det(D3), 17.999999999999996);
    rt_array *S = mk_f64(2, (int64_t[]){2, 2}, (double[]){1, 2, 2, 4});
    ck_assert_double_eq(rt_linalg_det(S), 0.0);
    rt_array *ones = rt_full_f64(RT_F64, 1, (int64_t[]){2}, 1);
    EXPECT_RAISE(rt_linalg_solve(S, ones), "LinAlgError: Singular matrix");
    rt_array *ns = rt_zeros(RT_F64, 2, (int64_t[]){2, 3});
    EXPECT_RAISE(rt_linalg_inv(ns), "LinAlgError: Last 2 dimensions of the array must be square");
    EXPECT_RAISE(rt_linalg_solve(P, ones), "ValueError: solve1: Input operand 1 has a mismatch in its core "
                 "dimension 0, with gufunc signature (m,m),(m)->(m) (size 2 is different from 3)");
    rt_release(ns);
    rt_release(ones);
    rt_release(S);
    rt_release(D3);
    rt_release(D);
    rt_release(R);
    rt_release(B);
    rt_release(A);
    rt_release(q);
    rt_release(P);
}
END_TEST

RT_TEST_MAIN("rt_linalg", matmul_float_ranks, matmul_int_bool, mismatch_errors, dot_and_outer, lapack)

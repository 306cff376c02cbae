/* test_rt_blas_extra.c: rt_syrk (X.T @ X and X @ X.T), on contiguous and
 * strided inputs, float32, and empty shapes.  Expected values are NumPy
 * 1.24's X.T @ X (which also uses syrk), compared exactly. */
#include "test_rt_util.h"

static rt_array *thirds(void)   /* np.arange(6.0).reshape(3, 2) / 3.0 */
{
    double v[6];
    for (int i = 0; i < 6; i++)
        v[i] = i / 3.0;
    return mk_f64(2, (int64_t[]){3, 2}, v);
}

START_TEST(xt_x_and_x_xt)
{
    rt_array *X = thirds();
    rt_array *G = rt_syrk(X, true);
    CK_SHAPE(G, 2, 2);
    CK_VALS_F(G, 2.222222222222222, 2.888888888888889, 2.888888888888889, 3.8888888888888893);
    rt_array *H = rt_syrk(X, false);
    CK_SHAPE(H, 3, 3);
    CK_VALS_F(H, 0.1111111111111111, 0.3333333333333333, 0.5555555555555556,
              0.3333333333333333, 1.4444444444444444, 2.5555555555555554,
              0.5555555555555556, 2.5555555555555554, 4.555555555555555);
    rt_release(G);
    rt_release(H);
    rt_release(X);
}
END_TEST

START_TEST(strided_input)
{
    int64_t sh[2] = {3, 4};
    rt_array *Y = mk_range(2, sh);
    rt_array *F = rt_astype(Y, RT_F64);
    rt_index ix[2] = {{.kind = RT_IDX_SLICE}, {.kind = RT_IDX_SLICE, .step = 2, .has_step = true}};
    rt_array *V = rt_view(F, 2, ix);    /* np.arange(12.0).reshape(3, 4)[:, ::2] */
    rt_array *G = rt_syrk(V, true);
    CK_VALS_F(G, 80.0, 104.0, 104.0, 140.0);
    rt_release(G);
    rt_release(V);
    rt_release(F);
    rt_release(Y);
}
END_TEST

START_TEST(float32_and_empty)
{
    rt_array *X = thirds();
    rt_array *X32 = rt_astype(X, RT_F32);
    rt_array *G = rt_syrk(X32, true);
    ck_assert_int_eq(G->dtype, RT_F32);
    ck_assert_float_eq_tol(((float *)G->data)[1], 2.8888888f, 1e-6f);
    ck_assert_float_eq(((float *)G->data)[1], ((float *)G->data)[2]);
    rt_array *E = rt_zeros(RT_F64, 2, (int64_t[]){0, 3});
    rt_array *Z = rt_syrk(E, true);
    CK_SHAPE(Z, 3, 3);
    CK_VALS_F(Z, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    rt_release(Z);
    rt_release(E);
    rt_release(G);
    rt_release(X32);
    rt_release(X);
}
END_TEST

RT_TEST_MAIN("rt_blas_extra", xt_x_and_x_xt, strided_input, float32_and_empty)

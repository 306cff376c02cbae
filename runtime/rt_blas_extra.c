/* rt_blas_extra.c: symmetric products X.T @ X and X @ X.T with ?syrk.
 * Half the flops of gemm; NumPy's matmul takes the same path when its two
 * operands are one array and one is transposed, so results agree. */
#include "rt_internal.h"

#include <cblas.h>

rt_array *rt_syrk(rt_array *x, bool xt_x)
{
    if (x->rank != 2 || (x->dtype != RT_F64 && x->dtype != RT_F32))
        rt_raise("TypeError", "syrk: expected a float matrix");
    int64_t rows = x->shape[0], cols = x->shape[1];
    int64_t p = xt_x ? cols : rows, k = xt_x ? rows : cols;
    int64_t shape[2] = {p, p};
    rt_array *c = rt_zeros(x->dtype, 2, shape);
    if (p == 0 || k == 0)
        return c;
    rt_array *a = rt_contig_as(x, x->dtype);
    CBLAS_TRANSPOSE t = xt_x ? CblasTrans : CblasNoTrans;
    int lda = (int)(cols > 1 ? cols : 1), ldc = (int)p;
    if (x->dtype == RT_F64) {
        double *z = c->data;
        cblas_dsyrk(CblasRowMajor, CblasUpper, t, (int)p, (int)k, 1.0, a->data, lda, 0.0, z, ldc);
        for (int64_t i = 0; i < p; i++)
            for (int64_t j = i + 1; j < p; j++)
                z[j * p + i] = z[i * p + j];
    } else {
        float *z = c->data;
        cblas_ssyrk(CblasRowMajor, CblasUpper, t, (int)p, (int)k, 1.0f, a->data, lda, 0.0f, z, ldc);
        for (int64_t i = 0; i < p; i++)
            for (int64_t j = i + 1; j < p; j++)
                z[j * p + i] = z[i * p + j];
    }
    rt_release(a);
    return c;
}

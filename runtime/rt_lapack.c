/* rt_lapack.c: np.linalg.solve, inv and det through LAPACKE, with the
 * same factorisations NumPy uses (gesv on the column-major matrix; det as
 * sign * exp(log|det|) from getrf) so results match it bit for bit. */
#include "rt_internal.h"

#include <lapacke.h>
#include <math.h>
#include <stdlib.h>

static void check_square(const rt_array *a)
{
    if (a->rank < 2)
        rt_raise("LinAlgError", "%d-dimensional array given. Array must be at least two-dimensional",
                 a->rank);
    if (a->rank > 2)
        rt_raise("NotImplementedError", "np.linalg on stacks of matrices");
    if (a->shape[0] != a->shape[1])
        rt_raise("LinAlgError", "Last 2 dimensions of the array must be square");
}

static rt_dtype float_type(rt_dtype d)
{
    return d == RT_F32 ? RT_F32 : RT_F64;
}

/* Solve a x = b in place of a copy of b (row-major, nrhs columns). */
static rt_array *gesv(rt_array *a, rt_array *b, rt_dtype dt)
{
    int64_t n = a->shape[0];
    rt_array *A = rt_astype(a, dt), *B = rt_astype(b, dt);
    int nrhs = b->rank == 1 ? 1 : (int)b->shape[1];
    if (n > 0 && nrhs > 0) {
        lapack_int *piv = rt_xmalloc(sizeof(lapack_int) * (size_t)n);
        lapack_int info;
        if (dt == RT_F32)
            info = LAPACKE_sgesv(LAPACK_ROW_MAJOR, (lapack_int)n, nrhs, A->data, (lapack_int)n, piv,
                                 B->data, nrhs);
        else
            info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, (lapack_int)n, nrhs, A->data, (lapack_int)n, piv,
                                 B->data, nrhs);
        free(piv);
        if (info > 0) {
            rt_release(A);
            rt_release(B);
            rt_raise("LinAlgError", "Singular matrix");
        }
    }
    rt_release(A);
    return B;
}

rt_array *rt_linalg_solve(rt_array *a, rt_array *b)
{
    check_square(a);
    if (b->rank < 1 || b->rank > 2)
        rt_raise("NotImplementedError", "np.linalg.solve with a right-hand side of rank %d", b->rank);
    if (b->shape[0] != a->shape[0]) {
        bool vec = b->rank == 1;
        rt_raise("ValueError", "%s: Input operand 1 has a mismatch in its core dimension 0, with "
                 "gufunc signature %s (size %lld is different from %lld)",
                 vec ? "solve1" : "solve", vec ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)",
                 (long long)b->shape[0], (long long)a->shape[0]);
    }
    return gesv(a, b, float_type(rt_promote(a->dtype, b->dtype)));
}

rt_array *rt_linalg_inv(rt_array *a)
{
    check_square(a);
    rt_dtype dt = float_type(a->dtype);
    rt_array *id = rt_eye(dt, a->shape[0], a->shape[0], 0);
    rt_array *r = gesv(a, id, dt);
    rt_release(id);
    return r;
}

double rt_linalg_det(rt_array *a)
{
    check_square(a);
    int64_t n = a->shape[0];
    if (n == 0)
        return 1.0;
    /* column-major copy: lu[i + j*n] = a[i, j] */
    int perm[2] = {1, 0};
    rt_array *t = rt_transpose(a, perm), *lu = rt_astype(t, RT_F64);
    rt_release(t);
    lapack_int *piv = rt_xmalloc(sizeof(lapack_int) * (size_t)n);
    lapack_int info = LAPACKE_dgetrf(LAPACK_COL_MAJOR, (lapack_int)n, (lapack_int)n, lu->data,
                                     (lapack_int)n, piv);
    double sign = 1.0, logdet = 0.0;
    const double *u = lu->data;
    if (info > 0) {
        sign = 0.0;
        logdet = -INFINITY;
    } else {
        for (int64_t i = 0; i < n; i++) {
            if (piv[i] != (lapack_int)(i + 1))
                sign = -sign;
            double d = u[i * n + i];
            if (d < 0)
                sign = -sign;
            logdet += log(fabs(d));
        }
    }
    free(piv);
    rt_release(lu);
    return sign * exp(logdet);
}

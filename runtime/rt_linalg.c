/* rt_linalg.c: matmul (@), np.dot and np.outer for ranks 0-2.  float64 and
 * float32 go through OpenBLAS (dot, gemv, gemm); int64 and bool use plain
 * loops (bool: OR of ANDs, as NumPy). */
#include "rt_internal.h"

#include <cblas.h>
#include <string.h>

/* A view of x as a BLAS matrix: row-major with leading dimension, or
 * transposed; else a contiguous copy.  Returns a new reference. */
static rt_array *blas_matrix(rt_array *x, rt_dtype dt, CBLAS_TRANSPOSE *t, int64_t *ld)
{
    int64_t r = x->shape[0], c = x->shape[1];
    if (x->dtype == dt) {
        int64_t s0 = r == 1 ? (c > 0 ? c : 1) : x->strides[0];
        int64_t s1 = c == 1 ? 1 : x->strides[1];
        if (s1 == 1 && s0 >= (c > 1 ? c : 1)) {
            *t = CblasNoTrans;
            *ld = s0;
            rt_retain(x);
            return x;
        }
        s0 = r == 1 ? 1 : x->strides[0];
        s1 = c == 1 ? (r > 0 ? r : 1) : x->strides[1];
        if (s0 == 1 && s1 >= (r > 1 ? r : 1)) {
            *t = CblasTrans;
            *ld = s1;
            rt_retain(x);
            return x;
        }
    }
    *t = CblasNoTrans;
    *ld = c > 1 ? c : 1;
    return rt_astype(x, dt);
}

/* A vector for BLAS: positive stride, else a copy. */
static rt_array *blas_vector(rt_array *x, rt_dtype dt, int64_t *inc)
{
    if (x->dtype == dt && (x->strides[0] > 0 || x->shape[0] <= 1)) {
        *inc = x->shape[0] <= 1 ? 1 : x->strides[0];
        rt_retain(x);
        return x;
    }
    *inc = 1;
    return rt_astype(x, dt);
}

/* Float product into contiguous c; a and b have rank 1 or 2, k > 0. */
static void float_mm(rt_dtype dt, rt_array *a, rt_array *b, void *c, int64_t n, int64_t k, int64_t m)
{
    bool f = dt == RT_F32;
    CBLAS_TRANSPOSE ta, tb;
    int64_t la, lb;
    if (a->rank == 1 && b->rank == 1) {
        rt_array *x = blas_vector(a, dt, &la), *y = blas_vector(b, dt, &lb);
        if (f)
            *(float *)c = cblas_sdot((int)k, x->data, (int)la, y->data, (int)lb);
        else
            *(double *)c = cblas_ddot((int)k, x->data, (int)la, y->data, (int)lb);
        rt_release(x);
        rt_release(y);
    } else if (b->rank == 1 || a->rank == 1) {
        bool mv = b->rank == 1;     /* A x, or x^T B = B^T x */
        rt_array *A = blas_matrix(mv ? a : b, dt, &ta, &la);
        rt_array *x = blas_vector(mv ? b : a, dt, &lb);
        CBLAS_TRANSPOSE t = mv ? ta : (ta == CblasNoTrans ? CblasTrans : CblasNoTrans);
        int rows = (int)(mv ? n : k), cols = (int)(mv ? k : m);
        if (ta == CblasTrans) {     /* stored transposed: swap the stored shape */
            int tmp = rows;
            rows = cols;
            cols = tmp;
        }
        if (f)
            cblas_sgemv(CblasRowMajor, t, rows, cols, 1.0f, A->data, (int)la, x->data, (int)lb, 0.0f, c, 1);
        else
            cblas_dgemv(CblasRowMajor, t, rows, cols, 1.0, A->data, (int)la, x->data, (int)lb, 0.0, c, 1);
        rt_release(A);
        rt_release(x);
    } else {
        rt_array *A = blas_matrix(a, dt, &ta, &la), *B = blas_matrix(b, dt, &tb, &lb);
        if (f)
            cblas_sgemm(CblasRowMajor, ta, tb, (int)n, (int)m, (int)k, 1.0f, A->data, (int)la,
                        B->data, (int)lb, 0.0f, c, (int)(m > 1 ? m : 1));
        else
            cblas_dgemm(CblasRowMajor, ta, tb, (int)n, (int)m, (int)k, 1.0, A->data, (int)la,
                        B->data, (int)lb, 0.0, c, (int)(m > 1 ? m : 1));
        rt_release(A);
        rt_release(B);
    }
}

/* int64 or bool product into contiguous zeroed c. */
static void plain_mm(rt_dtype dt, rt_array *a, rt_array *b, void *c, int64_t n, int64_t k, int64_t m)
{
    rt_array *A = rt_contig_as(a, dt), *B = rt_contig_as(b, dt);
    if (dt == RT_I64) {
        const int64_t *x = A->data, *y = B->data;
        int64_t *z = c;
#pragma omp parallel for schedule(static) if (n * k * m >= (1 << 18))
        for (int64_t i = 0; i < n; i++)
            for (int64_t p = 0; p < k; p++) {
                uint64_t xv = (uint64_t)x[i * k + p];
                for (int64_t j = 0; j < m; j++)
                    z[i * m + j] = (int64_t)((uint64_t)z[i * m + j] + xv * (uint64_t)y[p * m + j]);
            }
    } else {
        const uint8_t *x = A->data, *y = B->data;
        uint8_t *z = c;
        for (int64_t i = 0; i < n; i++)
            for (int64_t p = 0; p < k; p++)
                if (x[i * k + p])
                    for (int64_t j = 0; j < m; j++)
                        z[i * m + j] |= y[p * m + j];
    }
    rt_release(A);
    rt_release(B);
}

/* a @ b once the shapes are known to agree. */
static rt_array *product(rt_array *a, rt_array *b)
{
    rt_dtype dt = rt_promote(a->dtype, b->dtype);
    int64_t n = a->rank == 2 ? a->shape[0] : 1, k = a->shape[a->rank - 1];
    int64_t m = b->rank == 2 ? b->shape[1] : 1;
    int64_t shape[2];
    int rank = 0;
    if (a->rank == 2)
        shape[rank++] = n;
    if (b->rank == 2)
        shape[rank++] = m;
    rt_array *c = rt_zeros(dt, rank, shape);
    if (n == 0 || m == 0 || k == 0)
        return c;
    if (dt == RT_F64 || dt == RT_F32)
        float_mm(dt, a, b, c->data, n, k, m);
    else
        plain_mm(dt, a, b, c->data, n, k, m);
    return c;
}

static const char *MATMUL_SIG = "(n?,k),(k,m?)->(n?,m?)";

rt_array *rt_matmul(rt_array *a, rt_array *b)
{
    for (int i = 0; i < 2; i++) {
        const rt_array *x = i ? b : a;
        if (x->rank == 0)
            rt_raise("ValueError", "matmul: Input operand %d does not have enough dimensions "
                     "(has 0, gufunc core with signature %s requires 1)", i, MATMUL_SIG);
        if (x->rank > 2)
            rt_raise("NotImplementedError", "matmul of arrays with more than 2 dimensions");
    }
    int64_t ka = a->shape[a->rank - 1], kb = b->shape[0];
    if (ka != kb)
        rt_raise("ValueError", "matmul: Input operand 1 has a mismatch in its core dimension 0, "
                 "with gufunc signature %s (size %lld is different from %lld)",
                 MATMUL_SIG, (long long)kb, (long long)ka);
    return product(a, b);
}

/* a * b elementwise when one side is 0-d (np.dot with a scalar). */
static rt_array *scale(rt_array *s, rt_array *x)
{
    rt_dtype dt = rt_promote(s->dtype, x->dtype);
    rt_array *c = rt_astype(x, dt);
    int64_t n = rt_size(c);
    if (dt == RT_F64) {
        double v = rt_item_f64(s), *p = c->data;
        for (int64_t i = 0; i < n; i++)
            p[i] = v * p[i];
    } else if (dt == RT_F32) {
        float v = (float)rt_item_f64(s), *p = c->data;
        for (int64_t i = 0; i < n; i++)
            p[i] = v * p[i];
    } else if (dt == RT_I64) {
        uint64_t v = (uint64_t)rt_item_i64(s);
        int64_t *p = c->data;
        for (int64_t i = 0; i < n; i++)
            p[i] = (int64_t)(v * (uint64_t)p[i]);
    } else {
        uint8_t v = rt_item_bool(s), *p = c->data;
        for (int64_t i = 0; i < n; i++)
            p[i] = v && p[i];
    }
    return c;
}

rt_array *rt_dot(rt_array *a, rt_array *b)
{
    if (a->rank == 0)
        return scale(a, b);
    if (b->rank == 0)
        return scale(b, a);
    if (a->rank > 2 || b->rank > 2)
        rt_raise("NotImplementedError", "np.dot of arrays with more than 2 dimensions");
    int da = a->rank - 1, db = b->rank == 1 ? 0 : b->rank - 2;
    if (a->shape[da] != b->shape[db]) {
        char sa[RT_SHAPE_STR_MAX], sb[RT_SHAPE_STR_MAX];
        rt_raise("ValueError", "shapes %s and %s not aligned: %lld (dim %d) != %lld (dim %d)",
                 rt_shape_str(sa, sizeof sa, a->rank, a->shape, NULL),
                 rt_shape_str(sb, sizeof sb, b->rank, b->shape, NULL),
                 (long long)a->shape[da], da, (long long)b->shape[db], db);
    }
    return product(a, b);
}

rt_array *rt_outer(rt_array *a, rt_array *b)
{
    rt_dtype dt = rt_promote(a->dtype, b->dtype);
    rt_array *x = rt_contig_as(a, dt), *y = rt_contig_as(b, dt);
    int64_t p = rt_size(x), q = rt_size(y), shape[2] = {p, q};
    rt_array *c = rt_alloc(dt, 2, shape);
    for (int64_t i = 0; i < p; i++) {
        for (int64_t j = 0; j < q; j++) {
            int64_t o = i * q + j;
            switch (dt) {
            case RT_F64: ((double *)c->data)[o] = ((double *)x->data)[i] * ((double *)y->data)[j]; break;
            case RT_F32: ((float *)c->data)[o] = ((float *)x->data)[i] * ((float *)y->data)[j]; break;
            case RT_I64:
                ((int64_t *)c->data)[o] = (int64_t)((uint64_t)((int64_t *)x->data)[i] *
                                                    (uint64_t)((int64_t *)y->data)[j]);
                break;
            case RT_BOOL: ((uint8_t *)c->data)[o] = ((uint8_t *)x->data)[i] && ((uint8_t *)y->data)[j]; break;
            }
        }
    }
    rt_release(x);
    rt_release(y);
    return c;
}

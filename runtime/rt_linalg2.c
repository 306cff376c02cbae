/* rt_linalg2.c: np.linalg.cholesky, qr, eigh and lstsq in float64 through
 * LAPACKE, calling the routines NumPy calls (potrf 'L', geqrf + orgqr,
 * syevd 'L', gelsd) on column-major copies, so the results agree with it.
 * Functions with several results return a "bundle": one f64 vector holding
 * a header (count, then offset, rank and sizes per part) and the parts'
 * data; rt_bundle_get hands out views of the parts. */
#include "rt_internal.h"

#include <lapacke.h>
#include <stdlib.h>
#include <string.h>

/* ---- bundles ---- */

typedef struct part {
    int rank;
    int64_t shape[2];
} part;

static int64_t part_size(const part *p)
{
    int64_t n = 1;
    for (int i = 0; i < p->rank; i++)
        n *= p->shape[i];
    return n;
}

/* A zeroed bundle of n parts; *data[i] receives part i's storage. */
static rt_array *bundle_new(int n, const part *parts, double **data)
{
    int64_t head = 1, total;
    for (int i = 0; i < n; i++)
        head += 2 + parts[i].rank;
    total = head;
    for (int i = 0; i < n; i++)
        total += part_size(&parts[i]);
    rt_array *b = rt_zeros(RT_F64, 1, &total);
    double *h = b->data, *at = h + 1;
    int64_t off = head;
    h[0] = n;
    for (int i = 0; i < n; i++) {
        *at++ = (double)off;
        *at++ = parts[i].rank;
        for (int d = 0; d < parts[i].rank; d++)
            *at++ = (double)parts[i].shape[d];
        data[i] = h + off;
        off += part_size(&parts[i]);
    }
    return b;
}

/* Header entry of part i: its data offset; rank and sizes through the pointers. */
static int64_t bundle_find(const rt_array *b, int64_t i, int *rank, int64_t *shape)
{
    const double *h = b->data, *at = h + 1;
    if (i < 0 || i >= (int64_t)h[0])
        rt_raise("IndexError", "bundle part %lld out of range", (long long)i);
    for (int64_t k = 0;; k++) {
        int64_t off = (int64_t)at[0];
        int r = (int)at[1];
        if (k == i) {
            *rank = r;
            for (int d = 0; d < r; d++)
                shape[d] = (int64_t)at[2 + d];
            return off;
        }
        at += 2 + r;
    }
}

rt_array *rt_bundle_get(rt_array *b, int64_t i)
{
    rt_array *v = rt_new_view(b);
    v->rank = 0;
    int64_t off = bundle_find(b, i, &v->rank, v->shape);
    int64_t stride = 1;
    for (int d = v->rank - 1; d >= 0; d--) {
        v->strides[d] = stride;
        stride *= v->shape[d];
    }
    v->data = (double *)b->data + off;
    return v;
}

int64_t rt_bundle_get_i64(rt_array *b, int64_t i)
{
    int rank;
    int64_t shape[RT_MAX_RANK];
    return (int64_t)((const double *)b->data)[bundle_find(b, i, &rank, shape)];
}

/* ---- argument checks and layouts ---- */

static void check_2d(const rt_array *a, bool square)
{
    if (a->rank < 2)
        rt_raise("LinAlgError", "%d-dimensional array given. Array must be at least two-dimensional", a->rank);
    if (a->rank > 2)
        rt_raise("NotImplementedError", "np.linalg on stacks of matrices");
    if (square && a->shape[0] != a->shape[1])
        rt_raise("LinAlgError", "Last 2 dimensions of the array must be square");
}

/* a (m x n) in column-major order, ld rows (ld >= m; extra rows zero). */
static double *col_major(rt_array *a, int64_t ld)
{
    int64_t m = a->shape[0], n = a->rank > 1 ? a->shape[1] : 1;
    double *c = rt_xmalloc(sizeof *c * (size_t)(ld * n > 0 ? ld * n : 1));
    memset(c, 0, sizeof *c * (size_t)(ld * n > 0 ? ld * n : 1));
    rt_array *x = rt_contig_as(a, RT_F64);
    const double *p = x->data;
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++)
            c[i + j * ld] = p[i * n + j];
    rt_release(x);
    return c;
}

/* out (rows x cols, row-major) = the column-major matrix c (ld); below
 * (lower) or above (upper) the diagonal only when asked. */
static void from_col_major(double *out, const double *c, int64_t ld, int64_t rows, int64_t cols, int tri)
{
    for (int64_t i = 0; i < rows; i++)
        for (int64_t j = 0; j < cols; j++) {
            bool keep = tri == 0 || (tri < 0 ? j <= i : j >= i);
            out[i * cols + j] = keep ? c[i + j * ld] : 0.0;
        }
}

/* ---- factorisations ---- */

rt_array *rt_linalg_cholesky(rt_array *a)
{
    check_2d(a, true);
    int64_t n = a->shape[0];
    double *c = col_major(a, n);
    if (n > 0 && LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', (lapack_int)n, c, (lapack_int)n) > 0) {
        free(c);
        rt_raise("LinAlgError", "Matrix is not positive definite");
    }
    rt_array *r = rt_alloc(RT_F64, 2, a->shape);
    from_col_major(r->data, c, n, n, n, -1);
    free(c);
    return r;
}

rt_array *rt_linalg_eigh(rt_array *a)
{
    check_2d(a, true);
    int64_t n = a->shape[0];
    double *c = col_major(a, n), *d[2];
    part parts[2] = {{1, {n, 0}}, {2, {n, n}}};
    rt_array *b = bundle_new(2, parts, d);
    if (n > 0 && LAPACKE_dsyevd(LAPACK_COL_MAJOR, 'V', 'L', (lapack_int)n, c, (lapack_int)n, d[0]) > 0) {
        free(c);
        rt_release(b);
        rt_raise("LinAlgError", "Eigenvalues did not converge");
    }
    from_col_major(d[1], c, n, n, n, 0);
    free(c);
    return b;
}

rt_array *rt_linalg_qr(rt_array *a)
{
    check_2d(a, false);
    int64_t m = a->shape[0], n = a->shape[1], k = m < n ? m : n;
    double *c = col_major(a, m), *d[2];
    double *tau = rt_xmalloc(sizeof *tau * (size_t)(k ? k : 1));
    part parts[2] = {{2, {m, k}}, {2, {k, n}}};
    rt_array *b = bundle_new(2, parts, d);
    if (k > 0) {
        LAPACKE_dgeqrf(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n, c, (lapack_int)m, tau);
        from_col_major(d[1], c, m, k, n, 1);
        LAPACKE_dorgqr(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)k, (lapack_int)k, c, (lapack_int)m, tau);
        from_col_major(d[0], c, m, m, k, 0);
    }
    free(tau);
    free(c);
    return b;
}

/* Sum of squares of rows n..m-1 of column j of the solved B (NumPy's residuals). */
static double residual(const double *B, int64_t ldb, int64_t n, int64_t m, int64_t j)
{
    double s = 0.0;
    for (int64_t i = n; i < m; i++)
        s += B[i + j * ldb] * B[i + j * ldb];
    return s;
}

rt_array *rt_linalg_lstsq(rt_array *a, rt_array *b, double rcond)
{
    if (a->rank != 2 || b->rank < 1 || b->rank > 2)
        rt_raise("LinAlgError", "%d-dimensional array given. Array must be two-dimensional",
                 a->rank != 2 ? a->rank : b->rank);
    int64_t m = a->shape[0], n = a->shape[1], k = m < n ? m : n, ldb = m > n ? m : n;
    int64_t nrhs = b->rank == 2 ? b->shape[1] : 1;
    if (b->shape[0] != m)
        rt_raise("LinAlgError", "Incompatible dimensions");
    double *A = col_major(a, m > 0 ? m : 1), *B = col_major(b, ldb > 0 ? ldb : 1), *d[4];
    lapack_int rank = 0;
    double *s = rt_xmalloc(sizeof *s * (size_t)(k ? k : 1));
    if (k > 0 && nrhs > 0 &&
        LAPACKE_dgelsd(LAPACK_COL_MAJOR, (lapack_int)m, (lapack_int)n, (lapack_int)nrhs, A, (lapack_int)m, B,
                       (lapack_int)ldb, s, rcond, &rank) > 0) {
        free(A);
        free(B);
        free(s);
        rt_raise("LinAlgError", "SVD did not converge in Linear Least Squares");
    }
    bool has_res = rank == n && m > n;
    part parts[4] = {{b->rank, {n, nrhs}}, {1, {has_res ? nrhs : 0, 0}}, {0, {0, 0}}, {1, {k, 0}}};
    rt_array *r = bundle_new(4, parts, d);
    from_col_major(d[0], B, ldb, n, nrhs, 0);
    for (int64_t j = 0; has_res && j < nrhs; j++)
        d[1][j] = residual(B, ldb, n, m, j);
    d[2][0] = (double)rank;
    memcpy(d[3], s, sizeof *s * (size_t)k);
    free(A);
    free(B);
    free(s);
    return r;
}

/* rt_sort.c: np.sort, a.sort(), np.argsort and np.unique.  One stable
 * merge sort of indices serves all: NaN sorts after every number and equal
 * keys keep their order (NumPy's default sort is not stable, but for the
 * small runs it sorts by insertion it is, and values never differ). */
#include "rt_internal.h"

#include <stdlib.h>
#include <string.h>

/* Keys of one line, as int64 (exact for int64) or double. */
typedef struct keys {
    bool is_int;
    const int64_t *i;
    const double *f;
} keys;

static bool key_less(const keys *k, int64_t a, int64_t b)
{
    if (k->is_int)
        return k->i[a] < k->i[b];
    double x = k->f[a], y = k->f[b];
    return x < y || (y != y && x == x);
}

/* Stable merge sort of idx[0..n) by k, using tmp (n entries). */
static void merge_sort(const keys *k, int64_t *idx, int64_t *tmp, int64_t n)
{
    for (int64_t w = 1; w < n; w *= 2) {
        for (int64_t lo = 0; lo < n; lo += 2 * w) {
            int64_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int64_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi)
                tmp[o++] = key_less(k, idx[b], idx[a]) ? idx[b++] : idx[a++];
            while (a < mid)
                tmp[o++] = idx[a++];
            while (b < hi)
                tmp[o++] = idx[b++];
        }
        memcpy(idx, tmp, sizeof *idx * (size_t)n);
    }
}

/* For every line of c (C-contiguous) along axis: the sorting permutation
 * into perm (same layout as c, positions along the line). */
static void sort_lines(const rt_array *c, int64_t axis, int64_t *perm)
{
    int64_t outer = 1, inner = 1, len = c->shape[axis];
    for (int d = 0; d < c->rank; d++) {
        if (d < axis)
            outer *= c->shape[d];
        else if (d > axis)
            inner *= c->shape[d];
    }
    bool is_int = c->dtype == RT_I64;
    size_t n = (size_t)(len ? len : 1);
    int64_t *ki = rt_xmalloc(sizeof *ki * n), *idx = rt_xmalloc(sizeof *idx * n), *tmp = rt_xmalloc(sizeof *tmp * n);
    double *kf = rt_xmalloc(sizeof *kf * n);
    keys k = {is_int, ki, kf};
    for (int64_t o = 0; o < outer; o++)
        for (int64_t i = 0; i < inner; i++) {
            int64_t base = o * len * inner + i;
            for (int64_t j = 0; j < len; j++) {
                idx[j] = j;
                if (is_int)
                    ki[j] = rt_get_i64(c->data, c->dtype, base + j * inner);
                else
                    kf[j] = rt_get_f64(c->data, c->dtype, base + j * inner);
            }
            merge_sort(&k, idx, tmp, len);
            for (int64_t j = 0; j < len; j++)
                perm[base + j * inner] = idx[j];
        }
    free(ki);
    free(kf);
    free(idx);
    free(tmp);
}

static int64_t check_axis(const rt_array *a, int64_t axis)
{
    if (axis < -a->rank || axis >= a->rank || a->rank == 0)
        rt_raise("AxisError", "axis %lld is out of bounds for array of dimension %d", (long long)axis, a->rank);
    return axis < 0 ? axis + a->rank : axis;
}

rt_array *rt_argsort(rt_array *a, int64_t axis)
{
    axis = check_axis(a, axis);
    rt_array *c = rt_contig_as(a, a->dtype);
    rt_array *r = rt_alloc(RT_I64, a->rank, a->shape);
    sort_lines(c, axis, r->data);
    rt_release(c);
    return r;
}

rt_array *rt_sort(rt_array *a, int64_t axis)
{
    axis = check_axis(a, axis);
    rt_array *c = rt_contig_as(a, a->dtype);
    rt_array *r = rt_alloc(a->dtype, a->rank, a->shape);
    int64_t n = rt_size(a), inner = 1;
    for (int d = (int)axis + 1; d < a->rank; d++)
        inner *= a->shape[d];
    int64_t *perm = rt_xmalloc(sizeof *perm * (size_t)(n ? n : 1));
    sort_lines(c, axis, perm);
    size_t es = rt_dtype_size(a->dtype);
    int64_t len = a->shape[axis];
    for (int64_t p = 0; p < n; p++) {
        int64_t j = (p / inner) % len;      /* position along the axis */
        int64_t src = p + (perm[p] - j) * inner;
        memcpy((char *)r->data + (size_t)p * es, (const char *)c->data + (size_t)src * es, es);
    }
    free(perm);
    rt_release(c);
    return r;
}

void rt_sort_inplace(rt_array *a, int64_t axis)
{
    rt_array *s = rt_sort(a, axis);
    rt_assign(a, s);
    rt_release(s);
}

rt_array *rt_unique(rt_array *a)
{
    int64_t n = rt_size(a);
    rt_array *flat = rt_astype(a, a->dtype);
    flat->rank = 1;
    flat->shape[0] = n;
    flat->strides[0] = 1;
    rt_array *s = rt_sort(flat, 0);
    rt_release(flat);
    size_t es = rt_dtype_size(a->dtype);
    int64_t m = 0;
    char *p = s->data;
    for (int64_t i = 0; i < n; i++) {
        bool dup = false;
        if (m > 0) {
            if (a->dtype == RT_I64 || a->dtype == RT_BOOL) {
                dup = rt_get_i64(p, a->dtype, m - 1) == rt_get_i64(p, a->dtype, i);
            } else {
                double x = rt_get_f64(p, a->dtype, m - 1), y = rt_get_f64(p, a->dtype, i);
                dup = x == y || (x != x && y != y);     /* NaNs collapse (equal_nan) */
            }
        }
        if (!dup)
            memmove(p + (size_t)m++ * es, p + (size_t)i * es, es);
    }
    rt_array *r = rt_alloc(a->dtype, 1, &m);
    memcpy(r->data, p, (size_t)m * es);
    rt_release(s);
    return r;
}

/* rt_argreduce.c: argmax/argmin (first occurrence; the first NaN wins),
 * and the scalar views of arrays: rt_item_*, rt_truth. */
#include "rt_internal.h"

/* Index (C order within the reduced axes) of the max/min of the reduced
 * sub-array at base pointer p. */
static int64_t arg_one(rt_reduce_kind kind, const rt_array *a, const char *p, int nred,
                       const int *red)
{
    int64_t idx[RT_MAX_RANK] = {0}, count = 1;
    for (int j = 0; j < nred; j++)
        count *= a->shape[red[j]];
    bool isf = a->dtype == RT_F32 || a->dtype == RT_F64;
    int64_t best = 0, bi = 0;
    double bestf = 0;
    for (int64_t k = 0; k < count; k++) {
        int64_t off = 0;
        for (int j = 0; j < nred; j++)
            off += idx[j] * a->strides[red[j]];
        if (isf) {
            double x = rt_get_f64(p, a->dtype, off);
            if (isnan(x))
                return k;
            if (k == 0 || (kind == RT_ARGMAX ? x > bestf : x < bestf)) {
                bestf = x;
                bi = k;
            }
        } else {
            int64_t x = rt_get_i64(p, a->dtype, off);
            if (k == 0 || (kind == RT_ARGMAX ? x > best : x < best)) {
                best = x;
                bi = k;
            }
        }
        for (int j = nred - 1; j >= 0 && ++idx[j] == a->shape[red[j]]; j--)
            idx[j] = 0;
    }
    return bi;
}

rt_array *rt_argreduce(rt_reduce_kind kind, rt_array *a, int naxes, const int *axes,
                       bool keepdims, rt_dtype out)
{
    bool red[RT_MAX_RANK];
    int64_t count = rt_reduce_axes(a, naxes, axes, red);
    if (count == 0)
        rt_raise("ValueError", "attempt to get %s of an empty sequence",
                 kind == RT_ARGMAX ? "argmax" : "argmin");
    int64_t shape[RT_MAX_RANK];
    int redax[RT_MAX_RANK], keepax[RT_MAX_RANK], nred = 0, nkeep = 0;
    for (int i = 0; i < a->rank; i++) {
        shape[i] = red[i] ? 1 : a->shape[i];
        if (red[i])
            redax[nred++] = i;
        else
            keepax[nkeep++] = i;
    }
    rt_array *res = rt_alloc(RT_I64, a->rank, shape);
    int64_t nout = rt_size(res), *r = res->data;
    size_t es = rt_dtype_size(a->dtype);
#pragma omp parallel for schedule(static) if (nout * count >= (1 << 16) && nout > 1)
    for (int64_t o = 0; o < nout; o++) {
        int64_t rest = o, off = 0;
        for (int j = nkeep - 1; j >= 0; j--) {
            int ax = keepax[j];
            off += (rest % a->shape[ax]) * a->strides[ax];
            rest /= a->shape[ax];
        }
        r[o] = arg_one(kind, a, (const char *)a->data + off * (int64_t)es, nred, redax);
    }
    return rt_reduce_finish(res, red, keepdims, out);
}

static void need_one(const rt_array *a)
{
    if (rt_size(a) != 1)
        rt_raise("ValueError", "can only convert an array of size 1 to a Python scalar");
}

double rt_item_f64(rt_array *a)
{
    need_one(a);
    return rt_get_f64(a->data, a->dtype, 0);
}

int64_t rt_item_i64(rt_array *a)
{
    need_one(a);
    return rt_get_i64(a->data, a->dtype, 0);
}

bool rt_item_bool(rt_array *a)
{
    need_one(a);
    return rt_get_bool(a->data, a->dtype, 0);
}

bool rt_truth(rt_array *a)
{
    int64_t n = rt_size(a);
    if (n > 1)
        rt_raise("ValueError", "The truth value of an array with more than one element is "
                               "ambiguous. Use a.any() or a.all()");
    return n == 1 && rt_get_bool(a->data, a->dtype, 0);
}

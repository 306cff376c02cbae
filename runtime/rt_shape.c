/* rt_shape.c: np.concatenate / stack / vstack / hstack, cumsum and cumprod
 * (sequential, as NumPy's accumulate), and the diagonal view behind trace. */
#include "rt_internal.h"

#include <stdlib.h>
#include <string.h>

static int64_t norm_axis(int64_t axis, int rank)
{
    if (axis < -rank || axis >= rank)
        rt_raise("AxisError", "axis %lld is out of bounds for array of dimension %d", (long long)axis, rank);
    return axis < 0 ? axis + rank : axis;
}

/* Raise NumPy's errors for inputs that cannot be joined along axis. */
static void check_join(int n, rt_array **arrs, int64_t axis)
{
    if (n == 0)
        rt_raise("ValueError", "need at least one array to concatenate");
    if (arrs[0]->rank == 0)
        rt_raise("ValueError", "zero-dimensional arrays cannot be concatenated");
    for (int i = 1; i < n; i++)
        if (arrs[i]->rank != arrs[0]->rank)
            rt_raise("ValueError", "all the input arrays must have same number of dimensions, but the array at "
                     "index 0 has %d dimension(s) and the array at index %d has %d dimension(s)",
                     arrs[0]->rank, i, arrs[i]->rank);
    for (int i = 1; i < n; i++)
        for (int d = 0; d < arrs[0]->rank; d++)
            if (d != axis && arrs[i]->shape[d] != arrs[0]->shape[d])
                rt_raise("ValueError", "all the input array dimensions except for the concatenation axis must "
                         "match exactly, but along dimension %d, the array at index 0 has size %lld and the "
                         "array at index %d has size %lld", d, (long long)arrs[0]->shape[d], i,
                         (long long)arrs[i]->shape[d]);
}

rt_array *rt_concatenate(int64_t axis, int n, rt_array **arrs)
{
    if (n > 0 && arrs[0]->rank > 0)
        axis = norm_axis(axis, arrs[0]->rank);
    check_join(n, arrs, axis);
    int64_t shape[RT_MAX_RANK];
    memcpy(shape, arrs[0]->shape, sizeof shape);
    rt_dtype dt = arrs[0]->dtype;
    for (int i = 1; i < n; i++) {
        shape[axis] += arrs[i]->shape[axis];
        dt = rt_promote(dt, arrs[i]->dtype);
    }
    rt_array *r = rt_alloc(dt, arrs[0]->rank, shape);
    int64_t off = 0;
    for (int i = 0; i < n; i++) {
        rt_array *v = rt_new_view(r);
        v->rank = r->rank;
        memcpy(v->shape, arrs[i]->shape, sizeof v->shape);
        memcpy(v->strides, r->strides, sizeof v->strides);
        v->data = (char *)r->data + (size_t)(off * r->strides[axis]) * rt_dtype_size(dt);
        rt_copy_cast(v, arrs[i]);
        rt_release(v);
        off += arrs[i]->shape[axis];
    }
    return r;
}

/* a viewed with a new axis of length 1 at position axis. */
static rt_array *insert_axis(rt_array *a, int64_t axis)
{
    rt_array *v = rt_new_view(a);
    v->data = a->data;
    v->rank = a->rank + 1;
    for (int d = 0, s = 0; d < v->rank; d++) {
        bool fresh = d == axis;
        v->shape[d] = fresh ? 1 : a->shape[s];
        v->strides[d] = fresh ? 0 : a->strides[s];
        s += !fresh;
    }
    return v;
}

/* Join views made by insert_axis(arrs[i], at[i]) along axis. */
static rt_array *join_expanded(int n, rt_array **arrs, const int64_t *at, int64_t axis)
{
    rt_array **tmp = rt_xmalloc(sizeof *tmp * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        tmp[i] = at[i] >= 0 ? insert_axis(arrs[i], at[i]) : (rt_retain(arrs[i]), arrs[i]);
    rt_array *r = rt_concatenate(axis, n, tmp);
    for (int i = 0; i < n; i++)
        rt_release(tmp[i]);
    free(tmp);
    return r;
}

rt_array *rt_stack(int64_t axis, int n, rt_array **arrs)
{
    if (n == 0)
        rt_raise("ValueError", "need at least one array to stack");
    for (int i = 1; i < n; i++) {
        bool same = arrs[i]->rank == arrs[0]->rank;
        for (int d = 0; same && d < arrs[0]->rank; d++)
            same = arrs[i]->shape[d] == arrs[0]->shape[d];
        if (!same)
            rt_raise("ValueError", "all input arrays must have the same shape");
    }
    axis = norm_axis(axis, arrs[0]->rank + 1);
    int64_t *at = rt_xmalloc(sizeof *at * (size_t)n);
    for (int i = 0; i < n; i++)
        at[i] = axis;
    rt_array *r = join_expanded(n, arrs, at, axis);
    free(at);
    return r;
}

/* vstack: 0-d and 1-D inputs become rows; hstack: axis 0 when 1-D. */
static rt_array *stack_nd(int n, rt_array **arrs, bool vertical)
{
    if (n == 0)
        rt_raise("ValueError", "need at least one array to concatenate");
    int64_t *at = rt_xmalloc(sizeof *at * (size_t)n);
    rt_array **tmp = rt_xmalloc(sizeof *tmp * (size_t)n);
    for (int i = 0; i < n; i++) {
        at[i] = -1;
        tmp[i] = arrs[i];
        rt_retain(tmp[i]);
        if (arrs[i]->rank == 0) {       /* a 0-d array: first to shape (1,) */
            rt_release(tmp[i]);
            tmp[i] = insert_axis(arrs[i], 0);
        }
        if (vertical && tmp[i]->rank == 1)
            at[i] = 0;
    }
    int64_t axis = vertical || tmp[0]->rank == 1 ? 0 : 1;
    rt_array *r = join_expanded(n, tmp, at, axis);
    for (int i = 0; i < n; i++)
        rt_release(tmp[i]);
    free(tmp);
    free(at);
    return r;
}

rt_array *rt_vstack(int n, rt_array **arrs) { return stack_nd(n, arrs, true); }
rt_array *rt_hstack(int n, rt_array **arrs) { return stack_nd(n, arrs, false); }

/* ---- accumulation ---- */

#define ACCUMULATE(T, OP)                                                     \
    do {                                                                      \
        T *p = r->data;                                                       \
        for (int64_t o = 0; o < outer; o++)                                   \
            for (int64_t k = 1; k < len; k++) {                               \
                T *row = p + (o * len + k) * inner;                           \
                for (int64_t i = 0; i < inner; i++)                           \
                    row[i] = row[i - inner] OP row[i];                        \
            }                                                                 \
    } while (0)

static rt_array *accumulate(rt_array *a, int64_t axis, bool prod)
{
    axis = norm_axis(axis, a->rank);
    rt_array *r = rt_astype(a, a->dtype);   /* a fresh C-contiguous copy */
    int64_t outer = 1, inner = 1, len = a->shape[axis];
    for (int d = 0; d < a->rank; d++) {
        if (d < axis)
            outer *= a->shape[d];
        else if (d > axis)
            inner *= a->shape[d];
    }
    switch (a->dtype) {
    case RT_I64:
        if (prod)
            ACCUMULATE(int64_t, *);
        else
            ACCUMULATE(int64_t, +);
        break;
    case RT_F32:
        if (prod)
            ACCUMULATE(float, *);
        else
            ACCUMULATE(float, +);
        break;
    case RT_F64:
        if (prod)
            ACCUMULATE(double, *);
        else
            ACCUMULATE(double, +);
        break;
    default:
        rt_release(r);
        rt_raise("TypeError", "cumulative operation on a bool array");
    }
    return r;
}

rt_array *rt_cumsum(rt_array *a, int64_t axis) { return accumulate(a, axis, false); }
rt_array *rt_cumprod(rt_array *a, int64_t axis) { return accumulate(a, axis, true); }

rt_array *rt_diagonal(rt_array *a, int64_t offset)
{
    if (a->rank != 2)
        rt_raise("ValueError", "diag requires an array of at least two dimensions");
    int64_t n = offset >= 0 ? a->shape[1] - offset : a->shape[0] + offset;
    if (offset >= 0 && a->shape[0] < n)
        n = a->shape[0];
    if (offset < 0 && a->shape[1] < n)
        n = a->shape[1];
    rt_array *v = rt_new_view(a);
    v->rank = 1;
    v->shape[0] = n > 0 ? n : 0;
    v->strides[0] = a->strides[0] + a->strides[1];
    int64_t start = n <= 0 ? 0 : offset >= 0 ? offset * a->strides[1] : -offset * a->strides[0];
    v->data = (char *)a->data + (ptrdiff_t)start * (ptrdiff_t)rt_dtype_size(a->dtype);
    return v;
}

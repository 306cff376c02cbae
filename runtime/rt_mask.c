/* rt_mask.c: boolean masks and integer index arrays (rt_mask.h).
 *
 * Either kind of index becomes a selection: the list of element offsets it
 * picks inside the block of indexed axes, plus the shape those picks take
 * in the result.  One loop then moves data between `a` (outer axes x
 * selection x rest axes) and a dense operand laid out in the result's
 * shape: the new array of a read, the broadcast values of a write. */
#include "rt_internal.h"

#include <stdio.h>
#include <stdlib.h>

/* What an index array selects along axes axis .. axis+k-1 of a. */
typedef struct sel {
    int64_t *off;                   /* element offsets of the picks, C order */
    int64_t n;
    int k;                          /* axes of a consumed */
    int irank;                      /* axes the picks make in the result */
    int64_t ishape[RT_MAX_RANK];
} sel;

/* A C-order walk over `rank` axes tracking offsets in two operands. */
typedef struct walk {
    int rank;
    int64_t shape[RT_MAX_RANK], s0[RT_MAX_RANK], s1[RT_MAX_RANK], i[RT_MAX_RANK];
    int64_t o0, o1;
} walk;

static void walk_init(walk *w, int rank, const int64_t *shape, const int64_t *s0, const int64_t *s1)
{
    w->rank = rank < 0 ? 0 : rank;
    w->o0 = w->o1 = 0;
    for (int d = 0; d < w->rank; d++) {
        w->shape[d] = shape[d];
        w->s0[d] = s0 ? s0[d] : 0;
        w->s1[d] = s1 ? s1[d] : 0;
        w->i[d] = 0;
    }
}

/* Step to the next position; false after the last one. */
static bool walk_next(walk *w)
{
    for (int d = w->rank - 1; d >= 0; d--) {
        w->o0 += w->s0[d];
        w->o1 += w->s1[d];
        if (++w->i[d] < w->shape[d])
            return true;
        w->o0 -= w->s0[d] * w->shape[d];
        w->o1 -= w->s1[d] * w->shape[d];
        w->i[d] = 0;
    }
    return false;
}

static int64_t count_of(int rank, const int64_t *shape)
{
    int64_t n = 1;
    for (int d = 0; d < rank; d++)
        n *= shape[d];
    return n;
}

static void check_axes(const rt_array *a, int64_t axis, int k)
{
    if (axis < 0 || axis + k > a->rank)
        rt_raise("IndexError", "too many indices for array: array is %d-dimensional, but %lld were indexed",
                 a->rank, (long long)(axis + k));
}

static sel mask_sel(const rt_array *a, const rt_array *mask, int64_t axis, int64_t shown)
{
    sel s = {0};
    s.k = mask->rank;
    s.irank = 1;
    check_axes(a, axis, s.k);
    for (int d = 0; d < s.k; d++)
        if (mask->shape[d] != a->shape[axis + d])
            rt_raise("IndexError", "boolean index did not match indexed array along dimension %lld; "
                     "dimension is %lld but corresponding boolean dimension is %lld",
                     (long long)(shown + d), (long long)a->shape[axis + d], (long long)mask->shape[d]);
    int64_t total = rt_size(mask);
    s.off = rt_xmalloc(sizeof(int64_t) * (size_t)(total ? total : 1));
    if (total > 0) {
        walk w;
        walk_init(&w, s.k, mask->shape, mask->strides, a->strides + axis);
        do {
            if (rt_get_bool(mask->data, mask->dtype, w.o0))
                s.off[s.n++] = w.o1;
        } while (walk_next(&w));
    }
    s.ishape[0] = s.n;
    return s;
}

static sel take_sel(const rt_array *a, const rt_array *idx, int64_t axis, int64_t shown)
{
    sel s = {0};
    s.k = 1;
    s.irank = idx->rank;
    check_axes(a, axis, 1);
    for (int d = 0; d < idx->rank; d++)
        s.ishape[d] = idx->shape[d];
    int64_t total = rt_size(idx), size = a->shape[axis];
    s.off = rt_xmalloc(sizeof(int64_t) * (size_t)(total ? total : 1));
    if (total > 0) {
        walk w;
        walk_init(&w, idx->rank, idx->shape, idx->strides, NULL);
        do {
            int64_t i = rt_get_i64(idx->data, idx->dtype, w.o0);
            if (i < -size || i >= size)
                rt_raise("IndexError", "index %lld is out of bounds for axis %lld with size %lld",
                         (long long)i, (long long)shown, (long long)size);
            s.off[s.n++] = (i < 0 ? i + size : i) * a->strides[axis];
        } while (walk_next(&w));
    }
    return s;
}

/* The shape of a read: a.shape[:axis] + picks + a.shape[axis+k:]. */
static int out_shape(const rt_array *a, int64_t axis, const sel *s, int64_t *shape)
{
    int r = a->rank - s->k + s->irank;
    if (r > RT_MAX_RANK)
        rt_raise("ValueError", "maximum supported dimension for an ndarray is %d, found %d", RT_MAX_RANK, r);
    r = 0;
    for (int d = 0; d < axis; d++)
        shape[r++] = a->shape[d];
    for (int d = 0; d < s->irank; d++)
        shape[r++] = s->ishape[d];
    for (int d = (int)axis + s->k; d < a->rank; d++)
        shape[r++] = a->shape[d];
    return r;
}

/* Move every selected element between a and b (b read with strides bs
 * over the result shape): into a when to_a, else out of a. */
static void transfer(rt_array *a, int64_t axis, const sel *s, rt_array *b, const int64_t *bs, bool to_a)
{
    int outer = (int)axis, rest = a->rank - outer - s->k;
    const int64_t *rsh = a->shape + outer + s->k, *rst = a->strides + outer + s->k;
    const int64_t *bs_idx = bs + outer, *bs_rest = bs + outer + s->irank;
    if (s->n == 0 || count_of(outer, a->shape) == 0 || count_of(rest, rsh) == 0)
        return;
    int64_t row = rest ? rsh[rest - 1] : 1, ars = rest ? rst[rest - 1] : 0, brs = rest ? bs_rest[rest - 1] : 0;
    int64_t asz = (int64_t)rt_dtype_size(a->dtype), bsz = (int64_t)rt_dtype_size(b->dtype);
    walk wo;
    walk_init(&wo, outer, a->shape, a->strides, bs);
    do {
        walk wi;
        walk_init(&wi, s->irank, s->ishape, bs_idx, NULL);
        int64_t j = 0;
        do {
            walk wr;
            walk_init(&wr, rest - 1, rsh, rst, bs_rest);
            do {
                char *pa = (char *)a->data + (wo.o0 + s->off[j] + wr.o0) * asz;
                char *pb = (char *)b->data + (wo.o1 + wi.o0 + wr.o1) * bsz;
                if (to_a)
                    rt_cast_row(pa, a->dtype, ars, pb, b->dtype, brs, row);
                else
                    rt_cast_row(pb, b->dtype, brs, pa, a->dtype, ars, row);
            } while (walk_next(&wr));
            j++;
        } while (walk_next(&wi));
    } while (walk_next(&wo));
}

static rt_array *gather(rt_array *a, int64_t axis, sel *s)
{
    int64_t shape[RT_MAX_RANK];
    int r = out_shape(a, axis, s, shape);
    rt_array *out = rt_alloc(a->dtype, r, shape);
    transfer(a, axis, s, out, out->strides, false);
    free(s->off);
    return out;
}

static void check_broadcast(const rt_array *v, int rank, const int64_t *shape)
{
    bool ok = v->rank <= rank;
    for (int d = 0; ok && d < v->rank; d++) {
        int64_t vd = v->shape[v->rank - 1 - d], sd = shape[rank - 1 - d];
        ok = vd == 1 || vd == sd;
    }
    if (!ok) {
        char vb[RT_SHAPE_STR_MAX], sb[RT_SHAPE_STR_MAX];
        rt_raise("ValueError", "shape mismatch: value array of shape %s could not be broadcast to "
                 "indexing result of shape %s", rt_shape_str(vb, sizeof vb, v->rank, v->shape, NULL),
                 rt_shape_str(sb, sizeof sb, rank, shape, NULL));
    }
}

static void check_bool_assign(const rt_array *v, int64_t n)
{
    if (v->rank > 1)
        rt_raise("TypeError", "NumPy boolean array indexing assignment requires a 0 or 1-dimensional "
                 "input, input has %d dimensions", v->rank);
    int64_t nv = rt_size(v);
    if (nv != 1 && nv != n)
        rt_raise("ValueError", "NumPy boolean array indexing assignment cannot assign %lld input values "
                 "to the %lld output values where the mask is true", (long long)nv, (long long)n);
}

/* a[selection] = v; bool_path: NumPy's rules for a lone full-rank mask. */
static void scatter(rt_array *a, int64_t axis, sel *s, rt_array *v, bool bool_path)
{
    int64_t shape[RT_MAX_RANK], vs[RT_MAX_RANK];
    int r = out_shape(a, axis, s, shape);
    if (bool_path)
        check_bool_assign(v, s->n);
    else
        check_broadcast(v, r, shape);
    rt_array *src = v->buf == a->buf ? rt_copy(v) : (rt_retain(v), v);
    rt_broadcast_strides(src, r, shape, vs);
    transfer(a, axis, s, src, vs, true);
    rt_release(src);
    free(s->off);
}

static bool is_bool_path(const rt_array *a, const rt_array *mask, int64_t axis, int64_t shown)
{
    return axis == 0 && shown == 0 && mask->rank == a->rank;
}

rt_array *rt_mask_get(rt_array *a, rt_array *mask, int64_t axis, int64_t shown)
{
    sel s = mask_sel(a, mask, axis, shown);
    return gather(a, axis, &s);
}

void rt_mask_set(rt_array *a, rt_array *mask, int64_t axis, int64_t shown, rt_array *v)
{
    sel s = mask_sel(a, mask, axis, shown);
    scatter(a, axis, &s, v, is_bool_path(a, mask, axis, shown));
}

void rt_mask_fill_f64(rt_array *a, rt_array *mask, int64_t axis, int64_t shown, double v)
{
    rt_array *x = rt_full_f64(a->dtype, 0, NULL, v);
    rt_mask_set(a, mask, axis, shown, x);
    rt_release(x);
}

void rt_mask_fill_i64(rt_array *a, rt_array *mask, int64_t axis, int64_t shown, int64_t v)
{
    rt_array *x = rt_full_i64(a->dtype, 0, NULL, v);
    rt_mask_set(a, mask, axis, shown, x);
    rt_release(x);
}

rt_array *rt_take(rt_array *a, rt_array *idx, int64_t axis, int64_t shown)
{
    sel s = take_sel(a, idx, axis, shown);
    return gather(a, axis, &s);
}

void rt_put(rt_array *a, rt_array *idx, int64_t axis, int64_t shown, rt_array *v)
{
    sel s = take_sel(a, idx, axis, shown);
    scatter(a, axis, &s, v, false);
}

void rt_put_fill_f64(rt_array *a, rt_array *idx, int64_t axis, int64_t shown, double v)
{
    rt_array *x = rt_full_f64(a->dtype, 0, NULL, v);
    rt_put(a, idx, axis, shown, x);
    rt_release(x);
}

void rt_put_fill_i64(rt_array *a, rt_array *idx, int64_t axis, int64_t shown, int64_t v)
{
    rt_array *x = rt_full_i64(a->dtype, 0, NULL, v);
    rt_put(a, idx, axis, shown, x);
    rt_release(x);
}

rt_array *rt_nonzero(rt_array *a, int64_t k)
{
    if (k < 0 || k >= a->rank)
        rt_raise("IndexError", "tuple index out of range");
    int64_t n = 0;
    bool any = rt_size(a) > 0;
    walk w;
    walk_init(&w, a->rank, a->shape, a->strides, NULL);
    if (any)
        do
            n += rt_get_bool(a->data, a->dtype, w.o0);
        while (walk_next(&w));
    rt_array *r = rt_alloc(RT_I64, 1, &n);
    int64_t *out = r->data, j = 0;
    walk_init(&w, a->rank, a->shape, a->strides, NULL);
    if (any)
        do
            if (rt_get_bool(a->data, a->dtype, w.o0))
                out[j++] = w.i[k];
        while (walk_next(&w));
    return r;
}

rt_array *rt_flatnonzero(rt_array *a)
{
    int64_t n = 0, total = rt_size(a);
    walk w;
    walk_init(&w, a->rank, a->shape, a->strides, NULL);
    for (int64_t i = 0; i < total; i++, walk_next(&w))
        n += rt_get_bool(a->data, a->dtype, w.o0);
    rt_array *r = rt_alloc(RT_I64, 1, &n);
    int64_t *out = r->data, j = 0;
    walk_init(&w, a->rank, a->shape, a->strides, NULL);
    for (int64_t i = 0; i < total; i++, walk_next(&w))
        if (rt_get_bool(a->data, a->dtype, w.o0))
            out[j++] = i;
    return r;
}

/* ---- several index arrays ---- */

static void broadcast_indices(int n, rt_array **idx, int *rank, int64_t *shape)
{
    int r = 0;
    for (int i = 0; i < n; i++)
        r = idx[i]->rank > r ? idx[i]->rank : r;
    bool ok = true;
    for (int d = 0; d < r; d++) {
        shape[d] = 1;
        for (int i = 0; i < n; i++) {
            int j = d - (r - idx[i]->rank);
            int64_t s = j >= 0 ? idx[i]->shape[j] : 1;
            if (s != 1 && shape[d] != 1 && s != shape[d])
                ok = false;
            shape[d] = s != 1 ? s : shape[d];
        }
    }
    if (!ok) {
        char msg[RT_MAX_RANK * RT_SHAPE_STR_MAX + 8] = "", one[RT_SHAPE_STR_MAX];
        size_t len = 0;
        for (int i = 0; i < n && i < RT_MAX_RANK; i++)
            len += (size_t)snprintf(msg + len, sizeof msg - len, "%s ",
                                    rt_shape_str(one, sizeof one, idx[i]->rank, idx[i]->shape, NULL));
        rt_raise("IndexError", "shape mismatch: indexing arrays could not be broadcast together with "
                 "shapes %s", msg);
    }
    *rank = r;
}

static sel multi_sel(const rt_array *a, int64_t axis, int64_t shown, int n, rt_array **idx)
{
    sel s = {0};
    s.k = n;
    check_axes(a, axis, n);
    broadcast_indices(n, idx, &s.irank, s.ishape);
    int64_t total = count_of(s.irank, s.ishape), bs[RT_MAX_RANK][RT_MAX_RANK];
    for (int i = 0; i < n; i++)
        rt_broadcast_strides(idx[i], s.irank, s.ishape, bs[i]);
    s.off = rt_xmalloc(sizeof(int64_t) * (size_t)(total ? total : 1));
    if (total == 0)
        return s;
    walk w;
    walk_init(&w, s.irank, s.ishape, NULL, NULL);
    do {
        int64_t off = 0;
        for (int i = 0; i < n; i++) {
            int64_t o = 0, size = a->shape[axis + i];
            for (int d = 0; d < s.irank; d++)
                o += w.i[d] * bs[i][d];
            int64_t v = rt_get_i64(idx[i]->data, idx[i]->dtype, o);
            if (v < -size || v >= size)
                rt_raise("IndexError", "index %lld is out of bounds for axis %lld with size %lld",
                         (long long)v, (long long)(shown + i), (long long)size);
            off += (v < 0 ? v + size : v) * a->strides[axis + i];
        }
        s.off[s.n++] = off;
    } while (walk_next(&w));
    return s;
}

rt_array *rt_take_multi(rt_array *a, int64_t axis, int64_t shown, int n, rt_array **idx)
{
    sel s = multi_sel(a, axis, shown, n, idx);
    return gather(a, axis, &s);
}

void rt_put_multi(rt_array *a, int64_t axis, int64_t shown, rt_array *v, int n, rt_array **idx)
{
    sel s = multi_sel(a, axis, shown, n, idx);
    scatter(a, axis, &s, v, false);
}

void rt_put_multi_fill_f64(rt_array *a, int64_t axis, int64_t shown, double v, int n, rt_array **idx)
{
    rt_array *x = rt_full_f64(a->dtype, 0, NULL, v);
    rt_put_multi(a, axis, shown, x, n, idx);
    rt_release(x);
}

void rt_put_multi_fill_i64(rt_array *a, int64_t axis, int64_t shown, int64_t v, int n, rt_array **idx)
{
    rt_array *x = rt_full_i64(a->dtype, 0, NULL, v);
    rt_put_multi(a, axis, shown, x, n, idx);
    rt_release(x);
}

/* rt_view.c: descriptors that share a buffer: indexing and slicing
 * (rt_view), reshape (a view when the strides allow it, else a copy) and
 * transpose. */
#include "rt_internal.h"

#include <string.h>

int64_t rt_check_index(int64_t i, int64_t n, int axis)
{
    int64_t j = i < 0 ? i + n : i;
    if (j < 0 || j >= n)
        rt_raise("IndexError", "index %lld is out of bounds for axis %d with size %lld",
                 (long long)i, axis, (long long)n);
    return j;
}

/* Python's PySlice_AdjustIndices: clamp one bound for a sequence of n. */
static int64_t clamp_bound(int64_t v, int64_t n, int64_t step)
{
    if (v < 0) {
        v += n;
        if (v < 0)
            v = step < 0 ? -1 : 0;
    } else if (v >= n) {
        v = step < 0 ? n - 1 : n;
    }
    return v;
}

/* Resolve a slice on an axis of size n: first index, step and length. */
static void resolve_slice(const rt_index *ix, int64_t n, int64_t *start, int64_t *step, int64_t *len)
{
    int64_t st = ix->has_step ? ix->step : 1;
    if (st == 0)
        rt_raise("ValueError", "slice step cannot be zero");
    if (st < -INT64_MAX)
        st = -INT64_MAX;
    int64_t lo = ix->has_lo ? clamp_bound(ix->lo, n, st) : (st < 0 ? n - 1 : 0);
    int64_t hi = ix->has_hi ? clamp_bound(ix->hi, n, st) : (st < 0 ? -1 : n);
    int64_t cnt = 0;
    if (st < 0 && hi < lo)
        cnt = (lo - hi - 1) / (-st) + 1;
    else if (st > 0 && lo < hi)
        cnt = (hi - lo - 1) / st + 1;
    *start = lo;
    *step = st;
    *len = cnt;
}

static void too_many(const rt_array *a, int nidx, const rt_index *idx)
{
    int used = 0;
    for (int i = 0; i < nidx; i++)
        used += idx[i].kind != RT_IDX_NEWAXIS;
    if (used > a->rank)
        rt_raise("IndexError", "too many indices for array: array is %d-dimensional, but %d were indexed",
                 a->rank, used);
    if (a->rank - used + (nidx - used) > RT_MAX_RANK)
        rt_raise("ValueError", "maximum supported dimension for an ndarray is %d, found %d",
                 RT_MAX_RANK, a->rank - used + (nidx - used));
}

rt_array *rt_view(rt_array *a, int nidx, const rt_index *idx)
{
    too_many(a, nidx, idx);
    rt_array *v = rt_new_view(a);
    int64_t off = 0;
    int ax = 0;     /* next axis of a */
    for (int i = 0; i < nidx; i++) {
        const rt_index *ix = &idx[i];
        if (ix->kind == RT_IDX_NEWAXIS) {
            v->shape[v->rank] = 1;
            v->strides[v->rank++] = 0;
        } else if (ix->kind == RT_IDX_INT) {
            off += rt_check_index(ix->lo, a->shape[ax], ax) * a->strides[ax];
            ax++;
        } else {
            int64_t start, step, len;
            resolve_slice(ix, a->shape[ax], &start, &step, &len);
            if (len > 0)
                off += start * a->strides[ax];
            v->shape[v->rank] = len;
            v->strides[v->rank++] = step * a->strides[ax];
            ax++;
        }
    }
    for (; ax < a->rank; ax++) {
        v->shape[v->rank] = a->shape[ax];
        v->strides[v->rank++] = a->strides[ax];
    }
    v->data = (char *)a->data + off * (int64_t)rt_dtype_size(a->dtype);
    return v;
}

rt_array *rt_transpose(rt_array *a, const int *perm)
{
    int seen[RT_MAX_RANK] = {0};
    rt_array *v = rt_new_view(a);
    v->rank = a->rank;
    for (int i = 0; i < a->rank; i++) {
        int p = perm ? perm[i] : a->rank - 1 - i;
        if (p < 0 || p >= a->rank || seen[p]++) {
            rt_release(v);
            rt_raise("ValueError", p < 0 || p >= a->rank ? "axes don't match array"
                                                          : "repeated axis in transpose");
        }
        v->shape[i] = a->shape[p];
        v->strides[i] = a->strides[p];
    }
    return v;
}

/* Resolve one -1 in shape against size n; raise NumPy's errors. */
static void infer_shape(const rt_array *a, int rank, const int64_t *in, int64_t *out)
{
    int64_t n = rt_size(a), known = 1;
    int unknown = -1;
    for (int i = 0; i < rank; i++) {
        out[i] = in[i];
        if (in[i] == -1) {
            if (unknown >= 0)
                rt_raise("ValueError", "can only specify one unknown dimension");
            unknown = i;
        } else if (in[i] < 0) {
            rt_raise("ValueError", "negative dimensions not allowed");
        } else {
            known *= in[i];
        }
    }
    if (unknown >= 0 && known != 0 && n % known == 0)
        out[unknown] = n / known;
    else if (unknown < 0 && known == n)
        return;
    if (unknown < 0 || known == 0 || n % known != 0) {
        char s[RT_SHAPE_STR_MAX];
        rt_raise("ValueError", "cannot reshape array of size %lld into shape %s", (long long)n,
                 rt_shape_str(s, sizeof s, rank, in, "newaxis"));
    }
}

/* Strides for viewing a (non-empty) as shape `ns` without copying, as
 * NumPy's attempt_nocopy_reshape: match groups of old and new dims with
 * equal products; each old group must be contiguous within itself. */
static bool nocopy_strides(const rt_array *a, int nr, const int64_t *ns, int64_t *nst)
{
    int64_t os[RT_MAX_RANK], ost[RT_MAX_RANK];
    int orank = 0;
    for (int i = 0; i < a->rank; i++)
        if (a->shape[i] != 1) {
            os[orank] = a->shape[i];
            ost[orank++] = a->strides[i];
        }
    int oi = 0, oj = 1, ni = 0, nj = 1;
    while (ni < nr && oi < orank) {
        int64_t np_ = ns[ni], op = os[oi];
        while (np_ != op) {
            if (np_ < op)
                np_ *= ns[nj++];
            else
                op *= os[oj++];
        }
        for (int k = oi; k < oj - 1; k++)
            if (ost[k] != os[k + 1] * ost[k + 1])
                return false;
        nst[nj - 1] = ost[oj - 1];
        for (int k = nj - 1; k > ni; k--)
            nst[k - 1] = nst[k] * ns[k];
        ni = nj++;
        oi = oj++;
    }
    for (int k = ni; k < nr; k++)   /* trailing 1s */
        nst[k] = 1;
    return true;
}

rt_array *rt_reshape(rt_array *a, int rank, const int64_t *shape)
{
    if (rank < 0 || rank > RT_MAX_RANK)
        rt_raise("ValueError", "maximum supported dimension for an ndarray is %d, found %d",
                 RT_MAX_RANK, rank);
    int64_t ns[RT_MAX_RANK], nst[RT_MAX_RANK];
    infer_shape(a, rank, shape, ns);
    rt_array *src = a;
    if (rt_size(a) != 0 && nocopy_strides(a, rank, ns, nst)) {
        rt_retain(src);
    } else {
        src = rt_copy(a);
        int64_t s = 1;
        for (int i = rank - 1; i >= 0; i--) {
            nst[i] = s;
            s *= ns[i] ? ns[i] : 1;
        }
    }
    rt_array *v = rt_new_view(src);
    v->rank = rank;
    memcpy(v->shape, ns, sizeof(int64_t) * (size_t)rank);
    memcpy(v->strides, nst, sizeof(int64_t) * (size_t)rank);
    rt_release(src);
    return v;
}

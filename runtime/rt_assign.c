/* rt_assign.c: elementwise copies with casting: rt_copy, rt_astype,
 * rt_assign (broadcasting, overlap-safe), rt_fill_*.  One strided loop
 * (coalesced dims, fixed-size blocks run in parallel) drives a row kernel
 * chosen by the (destination, source) dtype pair. */
#include "rt_internal.h"

#include <string.h>

typedef void (*row_fn)(char *d, int64_t ds, const char *s, int64_t ss, int64_t n);

#define CONV_ID(x) (x)
#define CONV_BOOL(x) ((uint8_t)((x) != 0))
#define CONV_I64(x) rt_cast_f_i64(x)

#define ROW(NAME, DT, ST, CONV)                                               \
    static void NAME(char *d, int64_t ds, const char *s, int64_t ss, int64_t n) \
    {                                                                         \
        DT *dp = (DT *)d;                                                     \
        const ST *sp = (const ST *)s;                                         \
        if (ds == 1 && ss == 1)                                               \
            for (int64_t i = 0; i < n; i++)                                   \
                dp[i] = (DT)CONV(sp[i]);                                      \
        else                                                                  \
            for (int64_t i = 0; i < n; i++)                                   \
                dp[i * ds] = (DT)CONV(sp[i * ss]);                            \
    }

ROW(b_b, uint8_t, uint8_t, CONV_ID)
ROW(b_i, uint8_t, int64_t, CONV_BOOL)
ROW(b_f, uint8_t, float, CONV_BOOL)
ROW(b_d, uint8_t, double, CONV_BOOL)
ROW(i_b, int64_t, uint8_t, CONV_ID)
ROW(i_i, int64_t, int64_t, CONV_ID)
ROW(i_f, int64_t, float, CONV_I64)
ROW(i_d, int64_t, double, CONV_I64)
ROW(f_b, float, uint8_t, CONV_ID)
ROW(f_i, float, int64_t, CONV_ID)
ROW(f_f, float, float, CONV_ID)
ROW(f_d, float, double, CONV_ID)
ROW(d_b, double, uint8_t, CONV_ID)
ROW(d_i, double, int64_t, CONV_ID)
ROW(d_f, double, float, CONV_ID)
ROW(d_d, double, double, CONV_ID)

static const row_fn row_kernels[4][4] = {   /* [dst][src], ORDER IR_DTYPE */
    {b_b, b_i, b_f, b_d}, {i_b, i_i, i_f, i_d}, {f_b, f_i, f_f, f_d}, {d_b, d_i, d_f, d_d}};

void rt_cast_row(void *d, rt_dtype ddt, int64_t ds, const void *s, rt_dtype sdt, int64_t ss, int64_t n)
{
    row_kernels[ddt][sdt](d, ds, s, ss, n);
}

/* The iteration space of a two-operand loop after merging dims. */
typedef struct loop2 {
    int rank;
    int64_t shape[RT_MAX_RANK], ds[RT_MAX_RANK], ss[RT_MAX_RANK];
} loop2;

/* Drop size-1 dims and merge dims that are contiguous in both operands. */
static void coalesce(loop2 *L, int rank, const int64_t *shape, const int64_t *ds, const int64_t *ss)
{
    L->rank = 0;
    for (int i = 0; i < rank; i++) {
        if (shape[i] == 1)
            continue;
        int r = L->rank;
        if (r > 0 && L->ds[r - 1] == ds[i] * shape[i] && L->ss[r - 1] == ss[i] * shape[i]) {
            L->shape[r - 1] *= shape[i];
            L->ds[r - 1] = ds[i];
            L->ss[r - 1] = ss[i];
            continue;
        }
        L->shape[r] = shape[i];
        L->ds[r] = ds[i];
        L->ss[r] = ss[i];
        L->rank++;
    }
    if (L->rank == 0) {
        L->rank = 1;
        L->shape[0] = 1;
        L->ds[0] = L->ss[0] = 1;
    }
}

enum { BLOCK = 1 << 15 };

/* Elements [start, start+count) in C order of L. */
static void run_block(const loop2 *L, row_fn fn, char *d, size_t dsz, const char *s, size_t ssz,
                      int64_t start, int64_t count)
{
    int r = L->rank;
    int64_t idx[RT_MAX_RANK], rest = start;
    for (int k = r - 1; k >= 0; k--) {
        idx[k] = rest % L->shape[k];
        rest /= L->shape[k];
    }
    while (count > 0) {
        int64_t doff = 0, soff = 0;
        for (int k = 0; k < r; k++) {
            doff += idx[k] * L->ds[k];
            soff += idx[k] * L->ss[k];
        }
        int64_t n = L->shape[r - 1] - idx[r - 1];
        if (n > count)
            n = count;
        fn(d + doff * (int64_t)dsz, L->ds[r - 1], s + soff * (int64_t)ssz, L->ss[r - 1], n);
        count -= n;
        idx[r - 1] += n;
        for (int k = r - 1; k > 0 && idx[k] == L->shape[k]; k--) {
            idx[k] = 0;
            idx[k - 1]++;
        }
    }
}

void rt_copy_cast(rt_array *dst, const rt_array *src)
{
    int64_t total = rt_size(dst);
    if (total == 0)
        return;
    loop2 L;
    coalesce(&L, dst->rank, dst->shape, dst->strides, src->strides);
    row_fn fn = row_kernels[dst->dtype][src->dtype];
    size_t dsz = rt_dtype_size(dst->dtype), ssz = rt_dtype_size(src->dtype);
    int64_t nblocks = (total + BLOCK - 1) / BLOCK;
    if (nblocks == 1) {
        run_block(&L, fn, dst->data, dsz, src->data, ssz, 0, total);
        return;
    }
#pragma omp parallel for schedule(static)
    for (int64_t b = 0; b < nblocks; b++) {
        int64_t start = b * BLOCK;
        int64_t n = total - start < BLOCK ? total - start : BLOCK;
        run_block(&L, fn, dst->data, dsz, src->data, ssz, start, n);
    }
}

rt_array *rt_copy(rt_array *a)
{
    rt_array *c = rt_alloc(a->dtype, a->rank, a->shape);
    rt_copy_cast(c, a);
    return c;
}

rt_array *rt_astype(rt_array *a, rt_dtype dt)
{
    rt_array *c = rt_alloc(dt, a->rank, a->shape);
    rt_copy_cast(c, a);
    return c;
}

rt_array *rt_contig_as(rt_array *a, rt_dtype dt)
{
    if (a->dtype == dt && rt_is_contiguous(a)) {
        rt_retain(a);
        return a;
    }
    return rt_astype(a, dt);
}

/* Lowest and one-past-highest byte addresses a touches (empty: lo == hi). */
static void byte_range(const rt_array *a, uintptr_t *lo, uintptr_t *hi)
{
    intptr_t min = 0, max = 0;
    for (int i = 0; i < a->rank; i++) {
        if (a->shape[i] == 0) {
            *lo = *hi = (uintptr_t)a->data;
            return;
        }
        intptr_t ext = (intptr_t)((a->shape[i] - 1) * a->strides[i]);
        if (ext < 0)
            min += ext;
        else
            max += ext;
    }
    size_t es = rt_dtype_size(a->dtype);
    *lo = (uintptr_t)a->data + (uintptr_t)(min * (intptr_t)es);
    *hi = (uintptr_t)a->data + (uintptr_t)(max * (intptr_t)es) + es;
}

static bool may_overlap(const rt_array *x, const rt_array *y)
{
    uintptr_t xl, xh, yl, yh;
    byte_range(x, &xl, &xh);
    byte_range(y, &yl, &yh);
    return xl < xh && yl < yh && xl < yh && yl < xh;
}

bool rt_arrays_overlap(const rt_array *x, const rt_array *y)
{
    return may_overlap(x, y);
}

static bool same_view(const rt_array *a, const rt_array *b)
{
    if (a->data != b->data || a->rank != b->rank || a->dtype != b->dtype)
        return false;
    for (int i = 0; i < a->rank; i++)
        if (a->shape[i] != b->shape[i] || (a->shape[i] > 1 && a->strides[i] != b->strides[i]))
            return false;
    return true;
}

bool rt_can_write_into(const rt_array *dst, int rank, const int64_t *shape, int n, rt_array *const *ops)
{
    if (dst->rank != rank)
        return false;
    for (int i = 0; i < rank; i++)
        if (dst->shape[i] != shape[i] || (dst->strides[i] == 0 && shape[i] > 1))
            return false;
    for (int k = 0; k < n; k++)
        if (may_overlap(dst, ops[k]) && !same_view(dst, ops[k]))
            return false;
    return true;
}

/* src viewed with dst's shape, or a ValueError in NumPy's words. */
static void broadcast_src(const rt_array *dst, const rt_array *src, rt_array *view)
{
    *view = *src;
    view->rank = dst->rank;
    int off = src->rank - dst->rank;
    bool ok = true;
    for (int i = 0; i < off; i++)
        ok = ok && src->shape[i] == 1;
    for (int i = 0; i < dst->rank && ok; i++) {
        int j = i + off;
        int64_t n = j >= 0 ? src->shape[j] : 1;
        view->shape[i] = dst->shape[i];
        if (n == dst->shape[i])
            view->strides[i] = src->strides[j];
        else if (n == 1)
            view->strides[i] = 0;
        else
            ok = false;
    }
    if (!ok) {
        char a[RT_SHAPE_STR_MAX], b[RT_SHAPE_STR_MAX];
        rt_raise("ValueError", "could not broadcast input array from shape %s into shape %s",
                 rt_shape_str(a, sizeof a, src->rank, src->shape, NULL),
                 rt_shape_str(b, sizeof b, dst->rank, dst->shape, NULL));
    }
}

void rt_assign(rt_array *dst, rt_array *src)
{
    rt_array view;
    broadcast_src(dst, src, &view);
    if (view.data == dst->data && view.dtype == dst->dtype &&
        memcmp(view.strides, dst->strides, sizeof(int64_t) * (size_t)dst->rank) == 0)
        return;     /* a[...] = a */
    if (!may_overlap(dst, &view)) {
        rt_copy_cast(dst, &view);
        return;
    }
    rt_array *tmp = rt_copy(src);
    broadcast_src(dst, tmp, &view);
    rt_copy_cast(dst, &view);
    rt_release(tmp);
}

void rt_fill_f64(rt_array *dst, double v)
{
    rt_array s = {.refcount = 1, .data = &v, .dtype = RT_F64, .rank = dst->rank};
    for (int i = 0; i < dst->rank; i++)
        s.shape[i] = dst->shape[i];
    rt_copy_cast(dst, &s);      /* strides 0: every element reads v */
}

void rt_fill_i64(rt_array *dst, int64_t v)
{
    rt_array s = {.refcount = 1, .data = &v, .dtype = RT_I64, .rank = dst->rank};
    for (int i = 0; i < dst->rank; i++)
        s.shape[i] = dst->shape[i];
    rt_copy_cast(dst, &s);
}

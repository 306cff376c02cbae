/* rt_reduce.c: reductions over a set of axes (sum prod max min mean any
 * all; argmax/argmin live in rt_argreduce.c).  The iteration follows
 * NumPy's: axes in memory order, mergeable axes merged; when the innermost
 * axis is reduced, each row is folded in blocks of 8192 (sums pairwise
 * inside a block, blocks added in order); otherwise rows of the input are
 * folded elementwise into the result.  Parallel work is split by output
 * elements or by fixed blocks whose partial results are combined in a fixed
 * order, so results do not depend on the thread count. */
#include "rt_internal.h"

#include <stdlib.h>
#include <string.h>

enum { CHUNK = 8192, COLS = 2048, PAR_MIN = 1 << 16 };

typedef struct plan {
    rt_reduce_kind kind;
    rt_dtype in, acc;
    size_t ies, aes;
    int rank;
    int64_t shape[RT_MAX_RANK], as[RT_MAX_RANK], rs[RT_MAX_RANK];
    const char *a;
    char *r;
} plan;

static const char *kind_name(rt_reduce_kind k)
{
    return k == RT_MAX ? "maximum" : "minimum";
}

/* *acc = fold of n input elements at x (stride xs), in blocks. */
static void fold_row(const plan *P, void *acc, const char *x, int64_t xs, int64_t n)
{
    double buf[CHUNK];
    for (int64_t i = 0; i < n; i += CHUNK) {
        int64_t m = n - i < CHUNK ? n - i : CHUNK;
        const char *p = x + i * xs * (int64_t)P->ies;
        if (P->in == P->acc) {
            rt_red_row(P->kind, P->acc, acc, p, xs, m);
        } else {
            rt_cast_row(buf, P->acc, 1, p, P->in, xs, m);
            rt_red_row(P->kind, P->acc, acc, buf, 1, m);
        }
    }
}

/* r[i] = op(r[i], x[i]) for n elements. */
static void comb_row(const plan *P, char *r, int64_t rs, const char *x, int64_t xs, int64_t n)
{
    double buf[CHUNK];
    for (int64_t i = 0; i < n; i += CHUNK) {
        int64_t m = n - i < CHUNK ? n - i : CHUNK;
        const char *p = x + i * xs * (int64_t)P->ies;
        char *q = r + i * rs * (int64_t)P->aes;
        if (P->in == P->acc) {
            rt_red_comb(P->kind, P->acc, q, rs, p, xs, m);
        } else {
            rt_cast_row(buf, P->acc, 1, p, P->in, xs, m);
            rt_red_comb(P->kind, P->acc, q, rs, buf, 1, m);
        }
    }
}

/* Order axes by decreasing |input stride| (stable), drop size-1 axes and
 * merge neighbours that are contiguous in both operands. */
static void arrange(plan *P, const rt_array *a, const int64_t *rstr)
{
    int ord[RT_MAX_RANK], n = 0;
    for (int i = 0; i < a->rank; i++) {
        if (a->shape[i] == 1)
            continue;
        int j = n++;
        while (j > 0 && llabs(a->strides[ord[j - 1]]) < llabs(a->strides[i])) {
            ord[j] = ord[j - 1];
            j--;
        }
        ord[j] = i;
    }
    P->rank = 0;
    for (int k = 0; k < n; k++) {
        int i = ord[k], r = P->rank;
        int64_t sh = a->shape[i], as = a->strides[i], rs = rstr[i];
        if (r > 0 && (P->rs[r - 1] == 0) == (rs == 0) && P->as[r - 1] == as * sh &&
            P->rs[r - 1] == rs * sh) {
            P->shape[r - 1] *= sh;
            P->as[r - 1] = as;
            P->rs[r - 1] = rs;
            continue;
        }
        P->shape[r] = sh;
        P->as[r] = as;
        P->rs[r] = rs;
        P->rank++;
    }
    if (P->rank == 0) {
        P->rank = 1;
        P->shape[0] = 1;
        P->as[0] = 1;
        P->rs[0] = 0;
    }
}

/* One unit of work: one position of the kept outer axes, and for a kept
 * inner axis one block of columns. */
static void run_unit(const plan *P, int64_t u, int64_t ncb)
{
    int in = P->rank - 1;
    int64_t cb = u % ncb, rest = u / ncb, aoff = 0, roff = 0;
    int red[RT_MAX_RANK], nred = 0;
    for (int k = in - 1; k >= 0; k--) {
        if (P->rs[k] == 0) {
            red[nred++] = k;
            continue;
        }
        int64_t i = rest % P->shape[k];
        rest /= P->shape[k];
        aoff += i * P->as[k];
        roff += i * P->rs[k];
    }
    int64_t n = P->shape[in], c0 = 0;
    if (P->rs[in] != 0) {
        c0 = cb * COLS;
        n = n - c0 < COLS ? n - c0 : COLS;
    }
    int64_t idx[RT_MAX_RANK] = {0};     /* odometer over red[], red[0] fastest */
    for (;;) {
        int64_t ao = aoff + c0 * P->as[in], ro = roff + c0 * P->rs[in];
        for (int j = 0; j < nred; j++)
            ao += idx[j] * P->as[red[j]];
        const char *x = P->a + ao * (int64_t)P->ies;
        char *r = P->r + ro * (int64_t)P->aes;
        if (P->rs[in] == 0)
            fold_row(P, r, x, P->as[in], n);
        else
            comb_row(P, r, P->rs[in], x, P->as[in], n);
        int j = 0;
        while (j < nred && ++idx[j] == P->shape[red[j]])
            idx[j++] = 0;
        if (j == nred)
            break;
    }
}

static bool blockable(const plan *P)
{
    return P->rank == 1 && P->rs[0] == 0 && P->shape[0] >= 2 * CHUNK &&
           !(P->kind == RT_PROD && P->acc != RT_I64);
}

/* One long row: fold fixed blocks in parallel, combine them in order. */
static void run_blocks(const plan *P)
{
    int64_t n = P->shape[0], nch = (n + CHUNK - 1) / CHUNK;
    char *part = rt_xmalloc((size_t)nch * P->aes);
#pragma omp parallel for schedule(static)
    for (int64_t c = 0; c < nch; c++) {
        int64_t m = n - c * CHUNK < CHUNK ? n - c * CHUNK : CHUNK;
        const char *x = P->a + c * CHUNK * P->as[0] * (int64_t)P->ies;
        char *p = part + c * (int64_t)P->aes;
        if (P->kind == RT_MAX || P->kind == RT_MIN)
            rt_cast_row(p, P->acc, 1, x, P->in, 1, 1);
        else
            memcpy(p, P->r, P->aes);    /* the identity */
        fold_row(P, p, x, P->as[0], m);
    }
    for (int64_t c = 0; c < nch; c++)
        rt_red_comb(P->kind, P->acc, P->r, 0, part + c * (int64_t)P->aes, 1, 1);
    free(part);
}

static void run(plan *P)
{
    if (blockable(P)) {
        run_blocks(P);
        return;
    }
    int in = P->rank - 1;
    int64_t nk = 1, total = 1, ncb = 1;
    for (int k = 0; k < P->rank; k++) {
        total *= P->shape[k];
        if (k < in && P->rs[k] != 0)
            nk *= P->shape[k];
    }
    if (P->rs[in] != 0)
        ncb = (P->shape[in] + COLS - 1) / COLS;
    int64_t units = nk * ncb;
#pragma omp parallel for schedule(static) if (total >= PAR_MIN && units > 1)
    for (int64_t u = 0; u < units; u++)
        run_unit(P, u, ncb);
}

static rt_dtype acc_dtype(rt_reduce_kind k, rt_dtype in, rt_dtype out)
{
    switch (k) {
    case RT_SUM: case RT_PROD:
        return out == RT_F32 || out == RT_F64 ? out : RT_I64;
    case RT_MEAN:
        return out == RT_F32 ? RT_F32 : RT_F64;
    case RT_ANY: case RT_ALL:
        return RT_BOOL;
    default:
        return in;
    }
}

/* The result's initial value: the identity, or the first element along the
 * reduced axes for max/min. */
static void init_result(rt_array *res, rt_reduce_kind k, rt_array *a, const bool *red)
{
    switch (k) {
    case RT_PROD: case RT_ALL:
        rt_fill_i64(res, 1);
        return;
    case RT_MAX: case RT_MIN: {
        rt_array first = *a;
        for (int i = 0; i < a->rank; i++)
            if (red[i])
                first.shape[i] = 1;
        rt_copy_cast(res, &first);
        return;
    }
    default:
        rt_fill_i64(res, 0);
    }
}

static void divide(rt_array *res, int64_t count)
{
    int64_t n = rt_size(res);
    if (res->dtype == RT_F32)
        for (int64_t i = 0; i < n; i++)
            ((float *)res->data)[i] /= (float)count;
    else
        for (int64_t i = 0; i < n; i++)
            ((double *)res->data)[i] /= (double)count;
}

/* The mask of reduced axes, checked; returns the reduced element count. */
int64_t rt_reduce_axes(const rt_array *a, int naxes, const int *axes, bool *red)
{
    for (int i = 0; i < a->rank; i++)
        red[i] = false;
    int64_t count = 1;
    for (int i = 0; i < naxes; i++) {
        int ax = axes[i];
        if (ax < 0 || ax >= a->rank)
            rt_raise("AxisError", "axis %d is out of bounds for array of dimension %d", ax, a->rank);
        if (red[ax])
            rt_raise("ValueError", "duplicate value in 'axis'");
        red[ax] = true;
        count *= a->shape[ax];
    }
    return count;
}

/* res (rank of a, 1 on reduced axes) as the caller's result. */
rt_array *rt_reduce_finish(rt_array *res, const bool *red, bool keepdims, rt_dtype out)
{
    if (res->dtype != out) {
        rt_array *c = rt_astype(res, out);
        rt_release(res);
        res = c;
    }
    if (keepdims)
        return res;
    rt_array *v = rt_new_view(res);
    for (int i = 0; i < res->rank; i++)
        if (!red[i]) {
            v->shape[v->rank] = res->shape[i];
            v->strides[v->rank++] = res->strides[i];
        }
    rt_release(res);
    return v;
}

rt_array *rt_reduce(rt_reduce_kind kind, rt_array *a, int naxes, const int *axes,
                    bool keepdims, rt_dtype out)
{
    if (kind == RT_ARGMAX || kind == RT_ARGMIN)
        return rt_argreduce(kind, a, naxes, axes, keepdims, out);
    bool red[RT_MAX_RANK];
    int64_t count = rt_reduce_axes(a, naxes, axes, red);
    if (count == 0 && (kind == RT_MAX || kind == RT_MIN))
        rt_raise("ValueError", "zero-size array to reduction operation %s which has no identity",
                 kind_name(kind));
    int64_t shape[RT_MAX_RANK], rstr[RT_MAX_RANK];
    for (int i = 0; i < a->rank; i++)
        shape[i] = red[i] ? 1 : a->shape[i];
    plan P = {.kind = kind, .in = a->dtype, .acc = acc_dtype(kind, a->dtype, out)};
    rt_array *res = rt_alloc(P.acc, a->rank, shape);
    init_result(res, kind, a, red);
    if (rt_size(a) > 0) {
        for (int i = 0; i < a->rank; i++)
            rstr[i] = red[i] ? 0 : res->strides[i];
        arrange(&P, a, rstr);
        P.ies = rt_dtype_size(P.in);
        P.aes = rt_dtype_size(P.acc);
        P.a = a->data;
        P.r = res->data;
        run(&P);
    }
    if (kind == RT_MEAN)
        divide(res, count);
    return rt_reduce_finish(res, red, keepdims, out);
}

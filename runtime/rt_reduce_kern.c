/* rt_reduce_kern.c: the inner loops of reductions, one set per accumulator
 * type: fold a strided row into one accumulator (sums pairwise, as NumPy's
 * pairwise_sum with blocks of 8 and 128), or fold a row elementwise into a
 * row of accumulators. */
#include "rt_internal.h"

#define F_ADD(a, b) ((a) + (b))
#define F_MUL(a, b) ((a) * (b))
#define I_ADD(a, b) ((int64_t)((uint64_t)(a) + (uint64_t)(b)))
#define I_MUL(a, b) ((int64_t)((uint64_t)(a) * (uint64_t)(b)))
#define F_NAN(x) ((x) != (x))
#define I_NAN(x) 0
#define MAXOP(a, b, ISNAN) (((a) >= (b) || ISNAN(a)) ? (a) : (b))
#define MINOP(a, b, ISNAN) (((a) <= (b) || ISNAN(a)) ? (a) : (b))

/* NumPy's pairwise summation of n elements of x with stride s. */
#define PAIRWISE(NAME, T)                                                     \
    static T NAME(const T *x, int64_t n, int64_t s)                           \
    {                                                                         \
        if (n < 8) {                                                          \
            T res = 0;                                                        \
            for (int64_t i = 0; i < n; i++)                                   \
                res += x[i * s];                                              \
            return res;                                                       \
        }                                                                     \
        if (n <= 128) {                                                       \
            T r[8];                                                           \
            for (int j = 0; j < 8; j++)                                       \
                r[j] = x[j * s];                                              \
            int64_t i;                                                        \
            for (i = 8; i < n - n % 8; i += 8)                                \
                for (int j = 0; j < 8; j++)                                   \
                    r[j] += x[(i + j) * s];                                   \
            T res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])); \
            for (; i < n; i++)                                                \
                res += x[i * s];                                              \
            return res;                                                       \
        }                                                                     \
        int64_t n2 = n / 2;                                                   \
        n2 -= n2 % 8;                                                         \
        return NAME(x, n2, s) + NAME(x + n2 * s, n - n2, s);                  \
    }

PAIRWISE(pairwise_d, double)
PAIRWISE(pairwise_f, float)

static int64_t seqsum_i(const int64_t *x, int64_t n, int64_t s)
{
    uint64_t r = 0;
    for (int64_t i = 0; i < n; i++)
        r += (uint64_t)x[i * s];
    return (int64_t)r;
}

static uint8_t seqsum_b(const uint8_t *x, int64_t n, int64_t s)
{
    uint8_t r = 0;
    for (int64_t i = 0; i < n; i++)
        r |= x[i * s];
    return r;
}

#define KERNELS(SUF, T, ADD, MUL, ISNAN, SUMROW)                              \
    static T row_##SUF(rt_reduce_kind k, T acc, const T *x, int64_t s, int64_t n) \
    {                                                                         \
        switch (k) {                                                          \
        case RT_SUM:                                                          \
        case RT_MEAN:                                                         \
            return ADD(acc, SUMROW(x, n, s));                                 \
        case RT_PROD:                                                         \
            for (int64_t i = 0; i < n; i++)                                   \
                acc = MUL(acc, x[i * s]);                                     \
            return acc;                                                       \
        case RT_MAX:                                                          \
            for (int64_t i = 0; i < n; i++)                                   \
                acc = MAXOP(acc, x[i * s], ISNAN);                            \
            return acc;                                                       \
        case RT_MIN:                                                          \
            for (int64_t i = 0; i < n; i++)                                   \
                acc = MINOP(acc, x[i * s], ISNAN);                            \
            return acc;                                                       \
        case RT_ANY:                                                          \
            for (int64_t i = 0; i < n && !acc; i++)                           \
                acc = x[i * s] != 0;                                          \
            return acc;                                                       \
        case RT_ALL:                                                          \
            for (int64_t i = 0; i < n && acc; i++)                            \
                acc = x[i * s] != 0;                                          \
            return acc;                                                       \
        default:                                                              \
            return acc;                                                       \
        }                                                                     \
    }                                                                         \
    static void comb_##SUF(rt_reduce_kind k, T *r, int64_t rs, const T *x, int64_t s, int64_t n) \
    {                                                                         \
        switch (k) {                                                          \
        case RT_SUM:                                                          \
        case RT_MEAN:                                                         \
            for (int64_t i = 0; i < n; i++)                                   \
                r[i * rs] = ADD(r[i * rs], x[i * s]);                         \
            break;                                                            \
        case RT_PROD:                                                         \
            for (int64_t i = 0; i < n; i++)                                   \
                r[i * rs] = MUL(r[i * rs], x[i * s]);                         \
            break;                                                            \
        case RT_MAX:                                                          \
            for (int64_t i = 0; i < n; i++)                                   \
                r[i * rs] = MAXOP(r[i * rs], x[i * s], ISNAN);                \
            break;                                                            \
        case RT_MIN:                                                          \
            for (int64_t i = 0; i < n; i++)                                   \
                r[i * rs] = MINOP(r[i * rs], x[i * s], ISNAN);                \
            break;                                                            \
        case RT_ANY:                                                          \
            for (int64_t i = 0; i < n; i++)                                   \
                r[i * rs] = r[i * rs] || x[i * s];                            \
            break;                                                            \
        case RT_ALL:                                                          \
            for (int64_t i = 0; i < n; i++)                                   \
                r[i * rs] = r[i * rs] && x[i * s];                            \
            break;                                                            \
        default:                                                              \
            break;                                                            \
        }                                                                     \
    }

KERNELS(d, double, F_ADD, F_MUL, F_NAN, pairwise_d)
KERNELS(f, float, F_ADD, F_MUL, F_NAN, pairwise_f)
KERNELS(i, int64_t, I_ADD, I_MUL, I_NAN, seqsum_i)
KERNELS(b, uint8_t, F_ADD, F_MUL, I_NAN, seqsum_b)

void rt_red_row(rt_reduce_kind k, rt_dtype dt, void *acc, const void *x, int64_t s, int64_t n)
{
    switch (dt) {
    case RT_F64: *(double *)acc = row_d(k, *(double *)acc, x, s, n); break;
    case RT_F32: *(float *)acc = row_f(k, *(float *)acc, x, s, n); break;
    case RT_I64: *(int64_t *)acc = row_i(k, *(int64_t *)acc, x, s, n); break;
    case RT_BOOL: *(uint8_t *)acc = row_b(k, *(uint8_t *)acc, x, s, n); break;
    }
}

void rt_red_comb(rt_reduce_kind k, rt_dtype dt, void *r, int64_t rs, const void *x, int64_t s, int64_t n)
{
    switch (dt) {
    case RT_F64: comb_d(k, r, rs, x, s, n); break;
    case RT_F32: comb_f(k, r, rs, x, s, n); break;
    case RT_I64: comb_i(k, r, rs, x, s, n); break;
    case RT_BOOL: comb_b(k, r, rs, x, s, n); break;
    }
}

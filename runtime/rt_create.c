/* rt_create.c: np.arange, np.linspace and np.eye, computed the way NumPy
 * computes them so that every element matches bit for bit. */
#include "rt_internal.h"

#include <math.h>
#include <string.h>

static rt_array *vector(rt_dtype dt, int64_t n)
{
    return rt_alloc(dt, 1, &n);
}

rt_array *rt_arange_i64(int64_t start, int64_t stop, int64_t step)
{
    if (step == 0)
        rt_raise("ZeroDivisionError", "division by zero");
    __int128 span = (__int128)stop - start;
    __int128 len = step > 0 ? (span + step - 1) / step : (span + step + 1) / step;
    if (len < 0)
        len = 0;
    rt_array *a = vector(RT_I64, (int64_t)len);
    int64_t *p = a->data;
    for (int64_t i = 0; i < (int64_t)len; i++)
        p[i] = (int64_t)((uint64_t)start + (uint64_t)i * (uint64_t)step);
    return a;
}

rt_array *rt_arange_f64(double start, double stop, double step)
{
    if (step == 0)
        rt_raise("ZeroDivisionError", "division by zero");
    double delta = stop - start, q = delta / step;
    int64_t len;
    if (isnan(q))
        rt_raise("ValueError", "arange: cannot compute length");
    if (q == 0 && delta != 0)
        len = signbit(q) ? 0 : 1;       /* underflow: NumPy's special case */
    else if (q <= 0)
        len = 0;
    else if (ceil(q) >= 9.2e18)
        rt_raise("ValueError", "Maximum allowed size exceeded");
    else
        len = (int64_t)ceil(q);
    rt_array *a = vector(RT_F64, len);
    double *p = a->data;
    if (len > 0)
        p[0] = start;
    if (len > 1)
        p[1] = start + step;
    double d = len > 1 ? p[1] - p[0] : 0;   /* NumPy's fill uses this delta */
    for (int64_t i = 2; i < len; i++)
        p[i] = start + (double)i * d;
    return a;
}

rt_array *rt_linspace(double start, double stop, int64_t num, bool endpoint)
{
    if (num < 0)
        rt_raise("ValueError", "Number of samples, %lld, must be non-negative.", (long long)num);
    int64_t div = endpoint ? num - 1 : num;
    double delta = stop - start;
    rt_array *a = vector(RT_F64, num);
    double *y = a->data;
    double step = div > 0 ? delta / (double)div : NAN;
    for (int64_t i = 0; i < num; i++) {
        double t;
        if (div <= 0)
            t = (double)i * delta;
        else if (step == 0)
            t = (double)i / (double)div * delta;
        else
            t = (double)i * step;
        y[i] = t + start;
    }
    if (endpoint && num > 1)
        y[num - 1] = stop;
    return a;
}

rt_array *rt_eye(rt_dtype dt, int64_t n, int64_t m, int64_t k)
{
    int64_t shape[2] = {n, m};
    rt_array *a = rt_zeros(dt, 2, shape);
    size_t es = rt_dtype_size(dt);
    for (int64_t i = 0; i < n; i++) {
        int64_t j = i + k;
        if (j < 0 || j >= m)
            continue;
        char *p = (char *)a->data + (size_t)(i * m + j) * es;
        switch (dt) {
        case RT_BOOL: *(uint8_t *)p = 1; break;
        case RT_I64: *(int64_t *)p = 1; break;
        case RT_F32: *(float *)p = 1; break;
        case RT_F64: *(double *)p = 1; break;
        }
    }
    return a;
}

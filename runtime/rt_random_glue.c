/* rt_random_glue.c: rng.integers with endpoint=, in the rtcall convention. */
#include "numsrt.h"

/* NumPy's checks: an empty request returns before the bounds are looked at. */
static void check_bounds(int64_t low, int64_t high, bool endpoint)
{
    if (endpoint && low > high)
        rt_raise("ValueError", "low > high");
    if (!endpoint && low >= high)
        rt_raise("ValueError", "low >= high");
}

rt_array *rt_rng_integers_ep(rt_rng *g, int64_t low, int64_t high, bool endpoint, int rank,
                             const int64_t *shape)
{
    rt_check_shape(rank, shape);
    int64_t n = 1;
    for (int i = 0; i < rank; i++)
        n *= shape[i];
    if (n > 0)
        check_bounds(low, high, endpoint);
    rt_array *a = rt_alloc(RT_I64, rank, shape);
    if (n > 0)
        rt_rng_integers_closed_fill(g, low, endpoint ? high : high - 1, a->data, n);
    return a;
}

int64_t rt_rng_integers_ep_scalar(rt_rng *g, int64_t low, int64_t high, bool endpoint)
{
    int64_t v;
    check_bounds(low, high, endpoint);
    rt_rng_integers_closed_fill(g, low, endpoint ? high : high - 1, &v, 1);
    return v;
}

/* rt_compare.c: whole-array comparisons (np.array_equal). */
#include "rt_internal.h"

/* Same shape and equal elements (NaN is not equal to itself); a and b have
 * one dtype (the caller promotes). */
bool rt_array_equal(rt_array *a, rt_array *b)
{
    if (a->rank != b->rank)
        return false;
    for (int i = 0; i < a->rank; i++)
        if (a->shape[i] != b->shape[i])
            return false;
    rt_array *x = rt_copy(a), *y = rt_copy(b);
    int64_t n = rt_size(x);
    bool eq = true;
    for (int64_t i = 0; i < n && eq; i++) {
        switch (x->dtype) {
        case RT_BOOL: eq = ((const bool *)x->data)[i] == ((const bool *)y->data)[i]; break;
        case RT_I64: eq = ((const int64_t *)x->data)[i] == ((const int64_t *)y->data)[i]; break;
        case RT_F32: eq = ((const float *)x->data)[i] == ((const float *)y->data)[i]; break;
        default: eq = ((const double *)x->data)[i] == ((const double *)y->data)[i]; break;
        }
    }
    rt_release(x);
    rt_release(y);
    return eq;
}

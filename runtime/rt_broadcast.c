/* rt_broadcast.c: NumPy broadcasting of operand shapes, for generated
 * elementwise loops. */
#include "rt_internal.h"

#include <stdio.h>

static _Noreturn void mismatch(int n, rt_array *const *arrs)
{
    char msg[RT_SHAPE_STR_MAX * 4 + 64], s[RT_SHAPE_STR_MAX];
    size_t len = 0;
    for (int i = 0; i < n && len < sizeof msg; i++)
        len += (size_t)snprintf(msg + len, sizeof msg - len, "%s ",
                                rt_shape_str(s, sizeof s, arrs[i]->rank, arrs[i]->shape, NULL));
    rt_raise("ValueError", "operands could not be broadcast together with shapes %s", msg);
}

void rt_broadcast_shape(int n, rt_array *const *arrs, int rank, int64_t *shape_out)
{
    for (int i = 0; i < rank; i++)
        shape_out[i] = 1;
    for (int k = 0; k < n; k++) {
        const rt_array *a = arrs[k];
        int off = rank - a->rank;
        if (off < 0)
            mismatch(n, arrs);
        for (int i = 0; i < a->rank; i++) {
            int64_t d = a->shape[i], *o = &shape_out[i + off];
            if (d == *o || d == 1)
                continue;
            if (*o != 1)
                mismatch(n, arrs);
            *o = d;
        }
    }
}

void rt_broadcast_strides(const rt_array *a, int rank, const int64_t *shape, int64_t *strides_out)
{
    int off = rank - a->rank;
    for (int i = 0; i < rank; i++) {
        int j = i - off;
        strides_out[i] = (j < 0 || (a->shape[j] == 1 && shape[i] != 1)) ? 0 : a->strides[j];
    }
}

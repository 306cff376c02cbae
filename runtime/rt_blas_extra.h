/* rt_blas_extra.h: BLAS products the optimiser maps to (passes/matmul_rewrite.c). */
#ifndef NUMSC_RT_BLAS_EXTRA_H
#define NUMSC_RT_BLAS_EXTRA_H

#include <stdbool.h>

/* X.T @ X (xt_x) or X @ X.T for a float64/float32 matrix X, by one ?syrk
 * call on the upper triangle, mirrored into the lower one (as NumPy's
 * matmul does when both operands are one array). */
rt_array *rt_syrk(rt_array *x, bool xt_x);

#endif

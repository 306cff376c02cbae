/* rt_shape.h: joining, accumulating and sorting arrays, and the LAPACK
 * factorisations beyond solve/inv/det (rt_shape.c, rt_sort.c, rt_linalg2.c).
 *
 * Conventions as in numsrt.h: arrays are borrowed, results are new
 * references; errors raise with NumPy's class and wording.  Callers (the
 * front end) pass operands already cast to the result dtype.
 *
 * Included at the end of numsrt.h.
 */
#ifndef RT_SHAPE_H
#define RT_SHAPE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rt_array;

/* ---- joining (rt_shape.c); all inputs share one dtype ---- */
/* np.concatenate(arrays, axis): ValueError for zero arrays, mismatched
 * ranks or sizes (NumPy's wording); AxisError for a bad axis. */
struct rt_array *rt_concatenate(int64_t axis, int n, struct rt_array **arrays);
struct rt_array *rt_stack(int64_t axis, int n, struct rt_array **arrays);  /* same shapes */
struct rt_array *rt_vstack(int n, struct rt_array **arrays);   /* 1-D inputs become rows */
struct rt_array *rt_hstack(int n, struct rt_array **arrays);   /* axis 0 for 1-D, else 1 */

/* ---- accumulation (rt_shape.c): sequential, in a's dtype, along axis
 * (normalised by the caller) ---- */
struct rt_array *rt_cumsum(struct rt_array *a, int64_t axis);
struct rt_array *rt_cumprod(struct rt_array *a, int64_t axis);
/* a.diagonal(offset) of a 2-D array: a view. */
struct rt_array *rt_diagonal(struct rt_array *a, int64_t offset);

/* ---- sorting (rt_sort.c): along `axis` (normalised); NaN sorts last;
 * equal keys keep their order (stable) ---- */
struct rt_array *rt_sort(struct rt_array *a, int64_t axis);        /* a sorted copy */
void rt_sort_inplace(struct rt_array *a, int64_t axis);             /* a.sort() */
struct rt_array *rt_argsort(struct rt_array *a, int64_t axis);     /* int64 indices */
struct rt_array *rt_unique(struct rt_array *a);                    /* sorted distinct values, 1-D */

/* ---- LAPACK (rt_linalg2.c): float64, the routines NumPy uses ---- */
struct rt_array *rt_linalg_cholesky(struct rt_array *a);   /* lower; LinAlgError if not PD */
/* Several results travel as one "bundle" array; rt_bundle_get(b, i) is a
 * view of part i (rt_bundle_get_i64 reads a scalar part). */
struct rt_array *rt_linalg_qr(struct rt_array *a);         /* parts: q, r (reduced) */
struct rt_array *rt_linalg_eigh(struct rt_array *a);       /* parts: w (ascending), v */
/* parts: x, residuals, rank (scalar), s.  rcond < 0: machine precision. */
struct rt_array *rt_linalg_lstsq(struct rt_array *a, struct rt_array *b, double rcond);
struct rt_array *rt_bundle_get(struct rt_array *bundle, int64_t part);
int64_t rt_bundle_get_i64(struct rt_array *bundle, int64_t part);

#ifdef __cplusplus
}
#endif
#endif

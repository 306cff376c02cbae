/* rt_mask.h: NumPy advanced indexing with one index array: boolean masks
 * and integer index arrays, read (a new array) and written (in place).
 *
 * The index applies at axis `axis` of `a` (the front end has already
 * applied the other index items as a view).  `shown` is the axis number
 * NumPy names in messages (the axis of the original, unviewed array).
 *
 * A mask of rank k covers axes axis .. axis+k-1 and must match their sizes
 * (IndexError "boolean index did not match indexed array along dimension
 * 0; dimension is 3 but corresponding boolean dimension is 4"); it selects
 * count elements: the result has shape a.shape[:axis] + (count,) +
 * a.shape[axis+k:].  An integer index array idx replaces axis `axis`:
 * shape a.shape[:axis] + idx.shape + a.shape[axis+1:]; negative indices
 * wrap once, others raise IndexError "index 7 is out of bounds for axis 0
 * with size 5".
 *
 * Writes broadcast the values to the shape a read would give and cast
 * them to a's dtype (ValueError "shape mismatch: value array of shape (3,)
 * could not be broadcast to indexing result of shape (2,4)").  A mask that
 * is the whole index of an array of its rank (axis 0, shown 0) takes
 * NumPy's boolean-assignment path instead: 0-d or 1-D values of size 1 or
 * count (ValueError "NumPy boolean array indexing assignment cannot assign
 * 3 input values to the 2 output values where the mask is true"; TypeError
 * for values of rank 2 or more).  Repeated indices: the last write wins.
 *
 * Include after numsrt.h (numsrt.h includes this file at its end).
 */
#ifndef RT_MASK_H
#define RT_MASK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

rt_array *rt_mask_get(rt_array *a, rt_array *mask, int64_t axis, int64_t shown);
void rt_mask_set(rt_array *a, rt_array *mask, int64_t axis, int64_t shown, rt_array *v);
void rt_mask_fill_f64(rt_array *a, rt_array *mask, int64_t axis, int64_t shown, double v);
void rt_mask_fill_i64(rt_array *a, rt_array *mask, int64_t axis, int64_t shown, int64_t v);

rt_array *rt_take(rt_array *a, rt_array *idx, int64_t axis, int64_t shown);
void rt_put(rt_array *a, rt_array *idx, int64_t axis, int64_t shown, rt_array *v);
void rt_put_fill_f64(rt_array *a, rt_array *idx, int64_t axis, int64_t shown, double v);
void rt_put_fill_i64(rt_array *a, rt_array *idx, int64_t axis, int64_t shown, int64_t v);

/* Several integer index arrays on consecutive axes axis .. axis+n-1
 * (a[i, j] with arrays i, j): they broadcast together (IndexError "shape
 * mismatch: indexing arrays could not be broadcast together with shapes
 * (2,) (3,) ") and replace those axes by their broadcast shape. */
rt_array *rt_take_multi(rt_array *a, int64_t axis, int64_t shown, int n, rt_array **idx);
void rt_put_multi(rt_array *a, int64_t axis, int64_t shown, rt_array *v, int n, rt_array **idx);
void rt_put_multi_fill_f64(rt_array *a, int64_t axis, int64_t shown, double v, int n, rt_array **idx);
void rt_put_multi_fill_i64(rt_array *a, int64_t axis, int64_t shown, int64_t v, int n, rt_array **idx);

/* np.nonzero(a)[k]: the axis-k coordinates of a's nonzero elements in C
 * order (int64, 1-D); 0 <= k < a->rank. */
rt_array *rt_nonzero(rt_array *a, int64_t k);
/* np.flatnonzero(a): C-order positions of a's nonzero elements (int64, 1-D). */
rt_array *rt_flatnonzero(rt_array *a);

#ifdef __cplusplus
}
#endif
#endif

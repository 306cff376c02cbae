/* rt_internal.h: helpers shared by the runtime's own files (not part of the
 * API that generated code sees): checked allocation, new descriptors, shape
 * text for error messages, dtype promotion, element conversions, and the
 * strided two-operand loop that copies, casts and assigns use. */
#ifndef RT_INTERNAL_H
#define RT_INTERNAL_H

#include "numsrt.h"

#include <math.h>

/* malloc that raises MemoryError instead of returning NULL. */
void *rt_xmalloc(size_t n);

/* rt_pool.c: freed large buffers kept for reuse by a request of the same size. */
void *rt_pool_get(size_t nbytes);           /* NULL: none cached */
bool rt_pool_put(void *mem, size_t nbytes); /* false: not kept, free it yourself */
void rt_pool_drain(void);

/* A new descriptor (refcount 1) sharing a's buffer, same dtype; the caller
 * fills data, rank, shape and strides. */
rt_array *rt_new_view(const rt_array *a);

/* Shape as NumPy writes it in messages: "()", "(5,)", "(2,7)".  `neg1`
 * names how -1 is written (NULL: as a number). Returns buf. */
char *rt_shape_str(char *buf, size_t size, int rank, const int64_t *shape, const char *neg1);
enum { RT_SHAPE_STR_MAX = 8 * 24 + 4 };

/* NumPy's result type of two dtypes (bool < int64 < float; int64 with
 * float32 gives float64). */
rt_dtype rt_promote(rt_dtype a, rt_dtype b);

/* Python float -> NumPy int64 cast: truncation; NaN and out of range give
 * INT64_MIN as on x86-64. */
static inline int64_t rt_cast_f_i64(double x)
{
    if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0))
        return INT64_MIN;   /* NaN too */
    return (int64_t)x;
}

/* Element i (element offset) of typed memory p, converted. */
static inline double rt_get_f64(const void *p, rt_dtype dt, int64_t i)
{
    switch (dt) {
    case RT_BOOL: return ((const uint8_t *)p)[i] ? 1.0 : 0.0;
    case RT_I64: return (double)((const int64_t *)p)[i];
    case RT_F32: return ((const float *)p)[i];
    default: return ((const double *)p)[i];
    }
}

static inline int64_t rt_get_i64(const void *p, rt_dtype dt, int64_t i)
{
    switch (dt) {
    case RT_BOOL: return ((const uint8_t *)p)[i] != 0;
    case RT_I64: return ((const int64_t *)p)[i];
    case RT_F32: return rt_cast_f_i64(((const float *)p)[i]);
    default: return rt_cast_f_i64(((const double *)p)[i]);
    }
}

static inline bool rt_get_bool(const void *p, rt_dtype dt, int64_t i)
{
    switch (dt) {
    case RT_BOOL: return ((const uint8_t *)p)[i] != 0;
    case RT_I64: return ((const int64_t *)p)[i] != 0;
    case RT_F32: return ((const float *)p)[i] != 0;
    default: return ((const double *)p)[i] != 0;
    }
}

/* n elements from s (dtype sdt, stride ss) into d (dtype ddt, stride ds),
 * converted as NumPy's unsafe cast. */
void rt_cast_row(void *d, rt_dtype ddt, int64_t ds, const void *s, rt_dtype sdt, int64_t ss, int64_t n);

/* Reduction inner loops on accumulator dtype dt (rt_reduce_kern.c):
 * rt_red_row folds n elements of x (stride s) into *acc (sums pairwise);
 * rt_red_comb folds x elementwise into r (stride rs). */
void rt_red_row(rt_reduce_kind k, rt_dtype dt, void *acc, const void *x, int64_t s, int64_t n);
void rt_red_comb(rt_reduce_kind k, rt_dtype dt, void *r, int64_t rs, const void *x, int64_t s, int64_t n);

/* Shared by rt_reduce.c and rt_argreduce.c: the mask of reduced axes
 * (checked) and the reduced element count; and the final dtype cast and
 * dropping of reduced axes (consumes res). */
int64_t rt_reduce_axes(const rt_array *a, int naxes, const int *axes, bool *red);
rt_array *rt_reduce_finish(rt_array *res, const bool *red, bool keepdims, rt_dtype out);
rt_array *rt_argreduce(rt_reduce_kind kind, rt_array *a, int naxes, const int *axes,
                       bool keepdims, rt_dtype out);

/* Copy src into dst elementwise with casting.  Both have dst's shape
 * (src strides may be 0 for broadcasting); no overlap handling here. */
void rt_copy_cast(rt_array *dst, const rt_array *src);

/* A C-contiguous array of dtype dt with a's values (a itself, retained, when
 * it already is one). */
rt_array *rt_contig_as(rt_array *a, rt_dtype dt);

#endif

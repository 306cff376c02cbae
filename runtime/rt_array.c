/* rt_array.c: array descriptors and buffers: allocation (64-byte aligned),
 * reference counting, sizes, contiguity, and the internal helpers that name
 * shapes and promote dtypes. */
#include "rt_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *rt_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        rt_raise("MemoryError", "out of memory (%zu bytes)", n);
    return p;
}

size_t rt_dtype_size(rt_dtype dt)
{
    switch (dt) {
    case RT_BOOL: return 1;
    case RT_F32: return 4;
    default: return 8;
    }
}

static const char *dtype_name(rt_dtype dt)
{
    static const char *names[] = {"bool", "int64", "float32", "float64"}; /* ORDER IR_DTYPE */
    return names[dt];
}

char *rt_shape_str(char *buf, size_t size, int rank, const int64_t *shape, const char *neg1)
{
    size_t n = 0;
    n += (size_t)snprintf(buf + n, size - n, "(");
    for (int i = 0; i < rank && n < size; i++) {
        if (i > 0)
            n += (size_t)snprintf(buf + n, size - n, ",");
        if (n >= size)
            break;
        if (shape[i] == -1 && neg1)
            n += (size_t)snprintf(buf + n, size - n, "%s", neg1);
        else
            n += (size_t)snprintf(buf + n, size - n, "%lld", (long long)shape[i]);
    }
    if (n < size)
        snprintf(buf + n, size - n, rank == 1 ? ",)" : ")");
    return buf;
}

rt_dtype rt_promote(rt_dtype a, rt_dtype b)
{
    if ((a == RT_I64 && b == RT_F32) || (a == RT_F32 && b == RT_I64))
        return RT_F64;
    return a > b ? a : b;
}

void rt_check_shape(int rank, const int64_t *shape)
{
    if (rank < 0 || rank > RT_MAX_RANK)
        rt_raise("ValueError", "maximum supported dimension for an ndarray is %d, found %d",
                 RT_MAX_RANK, rank);
    for (int i = 0; i < rank; i++)
        if (shape[i] < 0)
            rt_raise("ValueError", "negative dimensions are not allowed");
}

/* Element count of a shape, or -1 on overflow of the byte size. */
static int64_t shape_count(int rank, const int64_t *shape, size_t esize)
{
    int64_t n = 1;
    for (int i = 0; i < rank; i++) {
        if (shape[i] == 0)
            return 0;
        if (__builtin_mul_overflow(n, shape[i], &n))
            return -1;
    }
    int64_t bytes;
    if (__builtin_mul_overflow(n, (int64_t)esize, &bytes))
        return -1;
    return n;
}

static rt_buffer *buffer_new(size_t nbytes, int rank, const int64_t *shape, rt_dtype dt)
{
    rt_buffer *b = rt_xmalloc(sizeof *b);
    void *mem = rt_pool_get(nbytes);
    if (!mem && posix_memalign(&mem, 64, nbytes ? nbytes : 64) != 0) {
        char s[RT_SHAPE_STR_MAX];
        rt_raise("MemoryError", "Unable to allocate %zu bytes for an array with shape %s and data type %s",
                 nbytes, rt_shape_str(s, sizeof s, rank, shape, NULL), dtype_name(dt));
    }
    b->refcount = 1;
    b->nbytes = nbytes;
    b->mem = mem;
    return b;
}

static void set_c_strides(rt_array *a)
{
    int64_t s = 1;
    for (int i = a->rank - 1; i >= 0; i--) {
        a->strides[i] = s;
        s *= a->shape[i] > 0 ? a->shape[i] : 1;
    }
}

rt_array *rt_alloc(rt_dtype dt, int rank, const int64_t *shape)
{
    rt_check_shape(rank, shape);
    int64_t n = shape_count(rank, shape, rt_dtype_size(dt));
    if (n < 0)
        rt_raise("ValueError", "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.");
    rt_array *a = rt_xmalloc(sizeof *a);
    memset(a, 0, sizeof *a);
    a->refcount = 1;
    a->buf = buffer_new((size_t)n * rt_dtype_size(dt), rank, shape, dt);
    a->data = a->buf->mem;
    a->dtype = dt;
    a->rank = rank;
    for (int i = 0; i < rank; i++)
        a->shape[i] = shape[i];
    set_c_strides(a);
    return a;
}

rt_array *rt_zeros(rt_dtype dt, int rank, const int64_t *shape)
{
    rt_array *a = rt_alloc(dt, rank, shape);
    memset(a->data, 0, a->buf->nbytes);
    return a;
}

rt_array *rt_full_f64(rt_dtype dt, int rank, const int64_t *shape, double v)
{
    rt_array *a = rt_alloc(dt, rank, shape);
    rt_fill_f64(a, v);
    return a;
}

rt_array *rt_full_i64(rt_dtype dt, int rank, const int64_t *shape, int64_t v)
{
    rt_array *a = rt_alloc(dt, rank, shape);
    rt_fill_i64(a, v);
    return a;
}

rt_array *rt_new_view(const rt_array *a)
{
    rt_array *v = rt_xmalloc(sizeof *v);
    memset(v, 0, sizeof *v);
    v->refcount = 1;
    v->buf = a->buf;
    __atomic_fetch_add(&v->buf->refcount, 1, __ATOMIC_RELAXED);   /* views may be made in parallel loops */
    v->data = a->data;
    v->dtype = a->dtype;
    return v;
}

void rt_retain(rt_array *a)
{
    if (a)
        __atomic_fetch_add(&a->refcount, 1, __ATOMIC_RELAXED);
}

void rt_release(rt_array *a)
{
    if (!a || __atomic_sub_fetch(&a->refcount, 1, __ATOMIC_ACQ_REL) > 0)
        return;
    if (a->buf && __atomic_sub_fetch(&a->buf->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
        if (!rt_pool_put(a->buf->mem, a->buf->nbytes))
            free(a->buf->mem);
        free(a->buf);
    }
    free(a);
}

bool rt_same_layout(const rt_array *a, int rank, const int64_t *shape)
{
    if (a->rank != rank)
        return false;
    for (int i = 0; i < rank; i++)
        if (a->shape[i] != shape[i])
            return false;
    return rt_is_contiguous(a);
}

int64_t rt_size(const rt_array *a)
{
    int64_t n = 1;
    for (int i = 0; i < a->rank; i++)
        n *= a->shape[i];
    return n;
}

bool rt_is_contiguous(const rt_array *a)
{
    int64_t s = 1;
    for (int i = a->rank - 1; i >= 0; i--) {
        if (a->shape[i] == 0)
            return true;
        if (a->shape[i] != 1 && a->strides[i] != s)
            return false;
        s *= a->shape[i];
    }
    return true;
}

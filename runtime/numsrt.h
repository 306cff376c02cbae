/* numsrt.h: libnumsrt, the runtime every numsc program links.
 *
 * This one header is what generated code (C or LLVM) calls, and what a
 * project embedding numsc's C output includes.  Names are prefixed rt_.
 *
 * Arrays.  An rt_array is a reference-counted descriptor: a pointer to its
 * first element, a dtype, a shape and strides counted in ELEMENTS (not
 * bytes), and the rt_buffer that owns the memory.  Views (slices, transposes,
 * reshapes that need no copy) are new descriptors sharing the buffer.
 * Functions returning rt_array* return a new reference (+1); arguments are
 * borrowed.  rt_release frees a descriptor at 0 and its buffer when the last
 * descriptor on it goes.  Buffers are 64-byte aligned.
 *
 * Errors.  Generated code stores the current .nps line in rt_line before any
 * statement that can fail; rt_raise prints
 *     prog.nps:7: error: ValueError: operands could not be broadcast ...
 * flushes what the program already printed, and exits with status 1.
 *
 * Threads.  The runtime's parallel loops use OpenMP (libgomp), the same
 * runtime as Debian's OpenBLAS OpenMP build.  Reductions use fixed chunking
 * and a fixed combine order, so results do not depend on the thread count.
 */
#ifndef NUMSRT_H
#define NUMSRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { RT_MAX_RANK = 8 };

/* Element types; the numbering matches ir_dtype (ORDER IR_DTYPE). */
typedef enum rt_dtype { RT_BOOL = 0, RT_I64 = 1, RT_F32 = 2, RT_F64 = 3 } rt_dtype;

typedef struct rt_buffer {
    int64_t refcount;
    size_t nbytes;
    void *mem;                  /* 64-byte aligned */
} rt_buffer;

typedef struct rt_array {
    int64_t refcount;
    rt_buffer *buf;             /* owner of the memory; shared by views */
    void *data;                 /* address of element [0, 0, ...] */
    rt_dtype dtype;
    int rank;
    int64_t shape[RT_MAX_RANK];
    int64_t strides[RT_MAX_RANK];   /* in elements; may be 0 or negative */
} rt_array;

/* ---- program lifetime and errors ---- */
/* The current .nps line, set by generated code; one per thread, so an error
 * inside a parallel loop names the line its own thread was running. */
#ifdef __cplusplus
extern thread_local int rt_line;
#else
extern _Thread_local int rt_line;
#endif
void rt_init(const char *source_path, int argc, char **argv);
int rt_fini(void);                      /* flushes stdout; returns the exit status */
char **rt_args(int *argc);              /* the argv given to rt_init (argc stored in *argc) */
_Noreturn void rt_raise(const char *exc_class, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- allocation and reference counting ---- */
rt_array *rt_alloc(rt_dtype dt, int rank, const int64_t *shape);   /* uninitialised, C order */
rt_array *rt_zeros(rt_dtype dt, int rank, const int64_t *shape);
rt_array *rt_full_f64(rt_dtype dt, int rank, const int64_t *shape, double v); /* cast to dt */
rt_array *rt_full_i64(rt_dtype dt, int rank, const int64_t *shape, int64_t v);
void rt_retain(rt_array *a);            /* NULL is ignored */
void rt_release(rt_array *a);           /* NULL is ignored */
size_t rt_dtype_size(rt_dtype dt);
int64_t rt_size(const rt_array *a);
bool rt_is_contiguous(const rt_array *a);
/* Shape check for negative dims etc.: raises ValueError("negative dimensions are not allowed"). */
void rt_check_shape(int rank, const int64_t *shape);

/* ---- creation ---- */
rt_array *rt_arange_i64(int64_t start, int64_t stop, int64_t step);
rt_array *rt_arange_f64(double start, double stop, double step);
rt_array *rt_linspace(double start, double stop, int64_t num, bool endpoint);
rt_array *rt_eye(rt_dtype dt, int64_t n, int64_t m, int64_t k);

/* ---- shapes, views, copies ---- */
typedef enum rt_index_kind { RT_IDX_INT, RT_IDX_SLICE, RT_IDX_NEWAXIS } rt_index_kind;
typedef struct rt_index {
    rt_index_kind kind;
    int64_t lo, hi, step;               /* INT: lo is the index */
    bool has_lo, has_hi, has_step;      /* SLICE: which parts were given */
} rt_index;

/* a[idx...]: a view.  Every axis not named by idx is taken whole.  Integer
 * indices wrap once and are bounds-checked (IndexError, NumPy's wording);
 * slice bounds clamp as in Python; step 0 raises ValueError. */
rt_array *rt_view(rt_array *a, int nidx, const rt_index *idx);
/* Normalise an integer index for axis `axis` of size n, or raise IndexError. */
int64_t rt_check_index(int64_t i, int64_t n, int axis);
rt_array *rt_reshape(rt_array *a, int rank, const int64_t *shape);   /* -1 allowed once */
rt_array *rt_transpose(rt_array *a, const int *perm);                /* perm NULL: reverse */
rt_array *rt_copy(rt_array *a);                                      /* C-contiguous copy */
rt_array *rt_astype(rt_array *a, rt_dtype dt);                       /* always a copy */
/* np.array_equal: same shape and equal elements (one dtype, promoted by the caller). */
bool rt_array_equal(rt_array *a, rt_array *b);
/* The two arrays may touch the same bytes (parallel loops check this). */
bool rt_arrays_overlap(const rt_array *x, const rt_array *y);
/* dst[...] = src with broadcasting and casting; safe when src overlaps dst. */
void rt_assign(rt_array *dst, rt_array *src);
void rt_fill_f64(rt_array *dst, double v);      /* cast to dst's dtype */
void rt_fill_i64(rt_array *dst, int64_t v);

/* ---- broadcasting (used by generated elementwise loops) ---- */
/* The broadcast shape of n arrays, of rank `rank` (the largest operand rank).
 * Raises NumPy's ValueError "operands could not be broadcast together with
 * shapes (3,) (4,) " on mismatch. */
void rt_broadcast_shape(int n, rt_array *const *arrs, int rank, int64_t *shape_out);
/* Strides (elements) to read `a` as if it had shape `shape` (rank >= a->rank):
 * 0 on broadcast axes. */
void rt_broadcast_strides(const rt_array *a, int rank, const int64_t *shape, int64_t *strides_out);
/* A map may write its result straight into dst: dst has exactly this shape,
 * and every operand either shares no memory with dst or is dst itself
 * (same elements at the same positions). */
bool rt_can_write_into(const rt_array *dst, int rank, const int64_t *shape, int n, rt_array *const *ops);
/* a has exactly this shape and is C-contiguous (a map may use one flat loop). */
bool rt_same_layout(const rt_array *a, int rank, const int64_t *shape);

/* ---- reductions ---- */
typedef enum rt_reduce_kind {
    RT_SUM, RT_PROD, RT_MAX, RT_MIN, RT_MEAN, RT_ARGMAX, RT_ARGMIN, RT_ANY, RT_ALL
} rt_reduce_kind;
/* Reduce over `naxes` axes (already normalised to 0..rank-1; naxes == rank
 * reduces everything).  The result has dtype `out` (the caller applies
 * NumPy's rules: sum of bool/int is i64, mean is f64, argmax is i64 ...) and
 * is a 0-d array when every axis is reduced without keepdims.  Empty
 * max/min/argmax raise ValueError with NumPy's wording. */
rt_array *rt_reduce(rt_reduce_kind kind, rt_array *a, int naxes, const int *axes,
                    bool keepdims, rt_dtype out);
double rt_item_f64(rt_array *a);        /* the single element of a size-1 array */
int64_t rt_item_i64(rt_array *a);
bool rt_item_bool(rt_array *a);
/* Truth value of an array in `if`: size 1 -> its element; else ValueError
 * "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()". */
bool rt_truth(rt_array *a);

/* ---- linear algebra (OpenBLAS) ---- */
rt_array *rt_matmul(rt_array *a, rt_array *b);  /* @ : ranks 1 and 2; ValueError on mismatch */
rt_array *rt_dot(rt_array *a, rt_array *b);     /* np.dot */
rt_array *rt_outer(rt_array *a, rt_array *b);
/* np.linalg (LAPACK): square a; b of rank 1 or 2.  float32 stays float32,
 * other dtypes compute in float64.  Singular a: LinAlgError "Singular matrix". */
rt_array *rt_linalg_solve(rt_array *a, rt_array *b);
rt_array *rt_linalg_inv(rt_array *a);
double rt_linalg_det(rt_array *a);      /* sign * exp(log|det|), as NumPy */

/* ---- Python scalar semantics ---- */
int64_t rt_floordiv_i64(int64_t a, int64_t b);  /* b == 0: ZeroDivisionError "integer division or modulo by zero" */
int64_t rt_mod_i64(int64_t a, int64_t b);
int64_t rt_pow_i64(int64_t a, int64_t b);       /* b >= 0 (b < 0 is float power, decided by sema) */
double rt_floordiv_f64(double a, double b);     /* Python float //: ZeroDivisionError "float floor division by zero" */
double rt_mod_f64(double a, double b);          /* Python float %: "float modulo" */
double rt_div_f64(double a, double b);          /* Python float /: "float division by zero" */
/* NumPy semantics (no exceptions): int // 0 and % 0 give 0; float as IEEE. */
int64_t rt_np_floordiv_i64(int64_t a, int64_t b);
int64_t rt_np_mod_i64(int64_t a, int64_t b);
double rt_np_floordiv_f64(double a, double b);
double rt_np_mod_f64(double a, double b);
int64_t rt_np_pow_i64(int64_t a, int64_t b);    /* negative b: ValueError "Integers to negative integer powers are not allowed." */
double rt_round_f64(double x, int64_t ndigits); /* Python round(x, n): correctly rounded */
int64_t rt_round_i64(double x);                 /* Python round(x): half to even; ValueError/OverflowError for nan/inf */
int64_t rt_f64_to_i64(double x);                /* Python int(x): truncation; ValueError for nan, OverflowError for inf */

/* ---- printing (stdout, buffered; flushed by rt_fini and rt_raise) ---- */
void rt_write_str(const char *s, size_t len);
void rt_write_cstr(const char *s);
void rt_write_i64(int64_t v);
void rt_write_bool(bool v);             /* True / False */
void rt_write_f64(double v);            /* Python repr: shortest round-trip ("0.1", "1e-05", "-0.0", "nan") */
void rt_write_f32(float v);             /* NumPy float32 repr: shortest for float32 ("0.1") */
void rt_write_array(rt_array *a);       /* str(a), NumPy's default print options */
/* Format into a caller buffer (used by f-strings and tests); return the length. */
int rt_format_f64(char *buf, size_t size, double v);
int rt_format_f32(char *buf, size_t size, float v);
/* str(a) as a malloc'd string (tests, f-strings). */
char *rt_array_to_string(rt_array *a);

#ifdef __cplusplus
}
#endif

/* Library areas, each with its own header. */
#include "rt_rngio.h"     /* random generators and file I/O */
#include "rt_shape.h"     /* shape operations, sorting, linear algebra beyond BLAS */
#include "rt_fstring.h"   /* f-string fields: Python's format-spec mini-language */
#include "rt_mask.h"       /* boolean masks and integer index arrays */
#include "rt_blas_extra.h" /* syrk for X.T @ X (passes/matmul_rewrite.c) */
#endif

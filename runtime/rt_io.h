/* rt_io.h: np.save / np.load (.npy) and np.savetxt / np.loadtxt.
 *
 * Two layers, as in rt_random.h.  The *_raw functions and the header codec
 * work on byte buffers and C-contiguous element buffers; they never raise but
 * return an rt_io_status and write a NumPy-worded message into err.  The
 * rt_array entry points (rt_npy_save, rt_npy_load, rt_savetxt, rt_loadtxt)
 * call them and turn a failure into rt_raise(rt_io_exc_name(status), err).
 *
 * Dtypes.  Files may hold '<f8' '<f4' '<i8' '<i4' '|b1' (and the same with
 * '>' or '='; big-endian data is byte-swapped on load).  '<i4' loads as i64:
 * the runtime has no int32.  Saving writes format 1.0, C order, with NumPy's
 * exact header, so files are byte-identical to np.save's.
 *
 * Include after numsrt.h (numsrt.h includes this file at its end).
 */
#ifndef RT_IO_H
#define RT_IO_H

#include "numsrt.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rt_io_status {
    RT_IO_OK = 0,
    RT_IO_VALUE_ERROR,          /* ValueError: bad header, data, format ... */
    RT_IO_FILE_NOT_FOUND,       /* FileNotFoundError */
    RT_IO_PERMISSION,           /* PermissionError */
    RT_IO_IS_DIR,               /* IsADirectoryError */
    RT_IO_OS_ERROR              /* OSError: anything else from the OS */
} rt_io_status;

/* The Python exception class for a status ("ValueError" ...). */
const char *rt_io_exc_name(rt_io_status st);
/* Python's OSError text for errno e on path ("[Errno 2] No such file or
 * directory: 'x.npy'") into err; returns the matching status. */
rt_io_status rt_io_errno(int e, const char *path, char *err, size_t errlen);
/* Bytes per element of a runtime dtype (rt_dtype_size without the core). */
size_t rt_io_elem_size(rt_dtype dt);

/* ---- .npy ---- */
typedef struct rt_npy_header {
    int major, minor;           /* format version: 1.0, 2.0 or 3.0 */
    char kind;                  /* 'f', 'i' or 'b' */
    int itemsize;               /* bytes per element in the file */
    bool big_endian;
    bool fortran_order;
    int rank;
    int64_t shape[RT_MAX_RANK];
    int64_t count;              /* product of shape */
    size_t data_offset;         /* bytes before the data: magic .. newline */
    rt_dtype dtype;             /* what it loads as (i4 -> RT_I64) */
} rt_npy_header;

/* Parse the preamble at the start of buf (len bytes: the whole file or a
 * prefix).  Pure; any input is safe.  Returns 0 and fills *out, or -1 with a
 * NumPy-like message in err (ValueError). */
int rt_npy_parse_header(const unsigned char *buf, size_t len, rt_npy_header *out,
                        char *err, size_t errlen);
/* Write np.save's version 1.0 preamble (magic, length, dict, padding to a
 * multiple of 64 bytes, newline) for a C-order array.  Returns its length,
 * or 0 when cap is too small (cap >= 256 always suffices). */
size_t rt_npy_format_header(char *buf, size_t cap, rt_dtype dt, int rank, const int64_t *shape);
/* Convert h->count elements at src (file layout) into dst (runtime dtype,
 * C order). */
void rt_npy_decode(const rt_npy_header *h, const unsigned char *src, void *dst);

/* Load path into a malloc'd C-order buffer (*data, h->count elements of
 * h->dtype; free() it).  Save a C-contiguous buffer to exactly `path`
 * (no suffix added), through a temporary file renamed into place. */
rt_io_status rt_npy_load_raw(const char *path, rt_npy_header *h, void **data,
                             char *err, size_t errlen);
rt_io_status rt_npy_save_raw(const char *path, rt_dtype dt, int rank, const int64_t *shape,
                             const void *data, char *err, size_t errlen);

/* np.save(path, a): appends ".npy" when path lacks it.  np.load(path). */
void rt_npy_save(const char *path, rt_array *a);
rt_array *rt_npy_load(const char *path);

/* ---- text ---- */
/* np.savetxt(path, X, fmt, delimiter) for a C-contiguous buffer of rank 1
 * (one value per line) or 2 (rows).  fmt is a Python %-format: one
 * conversion (repeated per column, joined by delimiter) or exactly one per
 * column.  Supported conversions: d i u e E f F g G and %%. */
rt_io_status rt_savetxt_raw(const char *path, rt_dtype dt, int rank, const int64_t *shape,
                            const void *data, const char *fmt, const char *delimiter,
                            char *err, size_t errlen);

typedef struct rt_loadtxt_opts {
    const char *delimiter;      /* NULL: runs of whitespace */
    int64_t skiprows;           /* raw lines skipped first (comments count) */
    const int64_t *usecols;     /* NULL: all columns; may be negative */
    int nusecols;
    rt_dtype dtype;             /* RT_F64, RT_F32 or RT_I64 */
} rt_loadtxt_opts;

/* np.loadtxt: comments start with '#'; blank lines are skipped.  On success
 * *data is a malloc'd C-order buffer and rank/shape follow NumPy's squeeze:
 * one row or one column gives rank 1, a single value rank 0, no data (0,). */
rt_io_status rt_loadtxt_raw(const char *path, const rt_loadtxt_opts *o, void **data,
                            int *rank, int64_t *shape, char *err, size_t errlen);

void rt_savetxt(const char *path, rt_array *a, const char *fmt, const char *delimiter);
rt_array *rt_loadtxt(const char *path, const rt_loadtxt_opts *o);

#ifdef __cplusplus
}
#endif
#endif

/* rt_rngio.h: the entry points generated code calls for random draws and
 * file I/O beyond those of rt_random.h and rt_io.h (both included here).
 * Each follows the rtcall convention: handles first, scalar parameters, then
 * (rank, shape) or (n, list).  rt_random_glue.c and rt_io_glue.c.
 */
#ifndef RT_RNGIO_H
#define RT_RNGIO_H

#include "rt_random.h"
#include "rt_io.h"

#ifdef __cplusplus
extern "C" {
#endif

/* rng.integers(low, high, size, endpoint=...): [low, high) or [low, high]. */
rt_array *rt_rng_integers_ep(rt_rng *g, int64_t low, int64_t high, bool endpoint, int rank,
                             const int64_t *shape);
int64_t rt_rng_integers_ep_scalar(rt_rng *g, int64_t low, int64_t high, bool endpoint);

/* np.load(path) for a program compiled to expect dtype (an rt_dtype) and
 * rank: any other file is a ValueError.  guessed: the compiler did not see
 * the file (the wording says so). */
rt_array *rt_npy_load_as(const char *path, int64_t dtype, int64_t rank, bool guessed);

/* np.loadtxt(path, delimiter=delim or whitespace, skiprows, usecols, dtype)
 * for a program compiled to expect the given rank (ValueError otherwise).
 * nuse == 0: every column. */
rt_array *rt_loadtxt_as(const char *path, const char *delim, bool whitespace, int64_t skiprows,
                        int64_t dtype, int64_t rank, int nuse, const int64_t *usecols);

#ifdef __cplusplus
}
#endif
#endif

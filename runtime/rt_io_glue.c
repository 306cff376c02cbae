/* rt_io_glue.c: np.load / np.loadtxt as compiled programs call them: the
 * result must have the dtype and rank the compiler typed it with. */
#include "numsrt.h"

#include <stdlib.h>
#include <string.h>

static const char *dtype_name(int64_t dt)
{
    static const char *const names[] = {"bool", "int64", "float32", "float64"};
    return dt >= 0 && dt < 4 ? names[dt] : "?";
}

/* ValueError unless a matches; releases a first (no leak at exit). */
static void check_result(rt_array *a, const char *what, const char *path, int64_t dtype, int64_t rank,
                         const char *why)
{
    if ((int64_t)a->dtype == dtype && a->rank == rank)
        return;
    rt_dtype got = a->dtype;
    int got_rank = a->rank;
    rt_release(a);
    rt_raise("ValueError", "%s('%s') gives %s data with %d dimension%s, but the program was compiled for %s data "
             "with %d dimension%s%s", what, path, dtype_name(got), got_rank, got_rank == 1 ? "" : "s",
             dtype_name(dtype), (int)rank, rank == 1 ? "" : "s", why);
}

rt_array *rt_npy_load_as(const char *path, int64_t dtype, int64_t rank, bool guessed)
{
    rt_array *a = rt_npy_load(path);
    check_result(a, "np.load", path, dtype, rank,
                 guessed ? " (the file did not exist when the program was compiled)" : "");
    return a;
}

rt_array *rt_loadtxt_as(const char *path, const char *delim, bool whitespace, int64_t skiprows,
                        int64_t dtype, int64_t rank, int nuse, const int64_t *usecols)
{
    rt_loadtxt_opts o = {.delimiter = whitespace ? NULL : delim,
                         .skiprows = skiprows > 0 ? skiprows : 0,
                         .usecols = nuse > 0 ? usecols : NULL,
                         .nusecols = nuse,
                         .dtype = (rt_dtype)dtype};
    rt_array *a = rt_loadtxt(path, &o);
    check_result(a, "np.loadtxt", path, dtype, rank, "");
    return a;
}

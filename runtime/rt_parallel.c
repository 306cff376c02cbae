/* rt_parallel.c: the parallel-for entry point of generated code (OpenMP).
 *
 * rt_parallel_for splits [0, n) into one contiguous chunk per thread
 * (static chunking, the same split as `omp for schedule(static)`) and
 * calls body(lo, hi, ctx) on each non-empty chunk.  The LLVM backend
 * outlines map loops into such bodies; they write disjoint elements, so
 * results do not depend on the thread count.
 */
#include <omp.h>

#include "numsrt.h"

void rt_parallel_for(int64_t n, void (*body)(int64_t lo, int64_t hi, void *ctx), void *ctx)
{
    if (n <= 0)
        return;
#pragma omp parallel
    {
        int64_t nt = omp_get_num_threads(), t = omp_get_thread_num();
        int64_t chunk = n / nt, extra = n % nt;
        int64_t lo = t * chunk + (t < extra ? t : extra);
        int64_t hi = lo + chunk + (t < extra);
        if (lo < hi)
            body(lo, hi, ctx);
    }
}

/* rt_pool.c: a cache of freed large array buffers.
 *
 * A loop that computes a temporary array every iteration would otherwise
 * hand the memory back to the kernel (glibc mmaps large blocks) and fault
 * every page in again next time: for memory-bound kernels that costs as much
 * as the arithmetic.  Freed buffers of at least POOL_MIN bytes are kept (up
 * to POOL_SLOTS of them and POOL_MAX_BYTES in all) and handed out again to
 * a request of exactly the same size, the common case in loops.
 */
#include <stdlib.h>

#include "rt_internal.h"

enum { POOL_SLOTS = 16 };
#define POOL_MIN ((size_t)64 * 1024)
#define POOL_MAX_BYTES ((size_t)1 << 30)

static struct { void *mem; size_t nbytes; } pool[POOL_SLOTS];
static size_t pool_bytes;

void *rt_pool_get(size_t nbytes)
{
    void *mem = NULL;
    if (nbytes < POOL_MIN)
        return NULL;
#pragma omp critical(rt_pool)
    for (int i = 0; i < POOL_SLOTS; i++)
        if (pool[i].mem && pool[i].nbytes == nbytes) {
            mem = pool[i].mem;
            pool[i].mem = NULL;
            pool_bytes -= nbytes;
            break;
        }
    return mem;
}

bool rt_pool_put(void *mem, size_t nbytes)
{
    bool kept = false;
    if (nbytes < POOL_MIN)
        return false;
#pragma omp critical(rt_pool)
    if (pool_bytes + nbytes <= POOL_MAX_BYTES)
        for (int i = 0; i < POOL_SLOTS; i++)
            if (!pool[i].mem) {
                pool[i].mem = mem;
                pool[i].nbytes = nbytes;
                pool_bytes += nbytes;
                kept = true;
                break;
            }
    return kept;
}

void rt_pool_drain(void)
{
    for (int i = 0; i < POOL_SLOTS; i++) {
        free(pool[i].mem);
        pool[i].mem = NULL;
    }
    pool_bytes = 0;
}

/* stream.c: STREAM-style triad a[i] = b[i] + s*c[i], the machine's memory
 * bandwidth limit for bench/run.  Usage: stream [N [REPS]]; threads from
 * OMP_NUM_THREADS.  Prints the best rate over REPS as `triad_GBs RATE`,
 * counting 3 x 8 bytes per element (STREAM's convention: no write-allocate). */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static double *alloc_array(size_t n)
{
    double *p = NULL;
    if (posix_memalign((void **)&p, 64, n * sizeof *p) != 0) {
        fprintf(stderr, "stream: out of memory\n");
        exit(1);
    }
    return p;
}

/* First touch by the threads that will use each page. */
static void init(double *a, double *b, double *c, long n)
{
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) {
        a[i] = 0.0;
        b[i] = 1.0 + (double)(i % 7);
        c[i] = 2.0 - (double)(i % 5);
    }
}

static double triad(double *restrict a, const double *restrict b,
                    const double *restrict c, double s, long n)
{
    double t0 = omp_get_wtime();
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++)
        a[i] = b[i] + s * c[i];
    return omp_get_wtime() - t0;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 20000000L;
    int reps = argc > 2 ? atoi(argv[2]) : 10;
    double *a = alloc_array((size_t)n), *b = alloc_array((size_t)n);
    double *c = alloc_array((size_t)n);
    init(a, b, c, n);
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        double t = triad(a, b, c, 3.0, n);
        if (t < best)
            best = t;
    }
    double check = a[n / 2] + a[n - 1];
    printf("triad_GBs %.3f\n", 3.0 * 8.0 * (double)n / best / 1e9);
    printf("threads %d check %.1f\n", omp_get_max_threads(), check);
    free(a);
    free(b);
    free(c);
    return 0;
}

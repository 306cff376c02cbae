/* dgemm_peak.c: OpenBLAS DGEMM rate, the machine's floating-point limit for
 * bench/run.  Usage: dgemm_peak [N [REPS]]; threads from OMP_NUM_THREADS
 * (OpenBLAS's OpenMP build).  Prints the best of REPS timed calls (after one
 * warm-up) as `dgemm_GFLOPs RATE`, counting 2*N^3 flops per call. */
#include <cblas.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static double *filled(long n, double seed)
{
    double *p = malloc((size_t)(n * n) * sizeof *p);
    if (!p) {
        fprintf(stderr, "dgemm_peak: out of memory\n");
        exit(1);
    }
    for (long i = 0; i < n * n; i++)
        p[i] = (double)((i * 7 + (long)seed) % 13) / 13.0;
    return p;
}

static double run(long n, const double *a, const double *b, double *c)
{
    double t0 = omp_get_wtime();
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n, (int)n,
                1.0, a, (int)n, b, (int)n, 0.0, c, (int)n);
    return omp_get_wtime() - t0;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 2000;
    int reps = argc > 2 ? atoi(argv[2]) : 3;
    double *a = filled(n, 1), *b = filled(n, 2), *c = filled(n, 3);
    run(n, a, b, c);
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        double t = run(n, a, b, c);
        if (t < best)
            best = t;
    }
    printf("dgemm_GFLOPs %.3f\n", 2.0 * (double)n * (double)n * (double)n / best / 1e9);
    printf("threads %d check %.3f\n", omp_get_max_threads(), c[n + 1]);
    free(a);
    free(b);
    free(c);
    return 0;
}

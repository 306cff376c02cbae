/* test_rt_parallel.c: rt_parallel_for covers [0, n) exactly once, in
 * contiguous chunks, for any n and thread count. */
#include <check.h>
#include <omp.h>
#include <stdlib.h>

#include "numsrt.h"

typedef struct hits {
    int64_t n;
    int *count;         /* per index: how many chunks covered it */
    int calls;
} hits;

static void mark(int64_t lo, int64_t hi, void *ctx)
{
    hits *h = ctx;
    ck_assert_int_lt(lo, hi);
    ck_assert_int_ge(lo, 0);
    ck_assert_int_le(hi, h->n);
    for (int64_t i = lo; i < hi; i++)
        __atomic_fetch_add(&h->count[i], 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&h->calls, 1, __ATOMIC_RELAXED);
}

static void check_cover(int64_t n, int threads)
{
    hits h = {.n = n, .count = calloc((size_t)(n ? n : 1), sizeof(int))};
    omp_set_num_threads(threads);
    rt_parallel_for(n, mark, &h);
    for (int64_t i = 0; i < n; i++)
        ck_assert_int_eq(h.count[i], 1);
    ck_assert_int_le(h.calls, threads);
    ck_assert_int_eq(h.calls, n < threads ? (int)n : threads);
    free(h.count);
}

START_TEST(covers_once)
{
    static const int64_t sizes[] = {0, 1, 2, 3, 7, 100, 1001};
    for (int t = 1; t <= 3; t++)
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
            check_cover(sizes[k], t);
}
END_TEST

static void never(int64_t lo, int64_t hi, void *ctx)
{
    (void)lo, (void)hi;
    *(int *)ctx = 1;
}

START_TEST(empty_and_negative_do_nothing)
{
    int called = 0;
    rt_parallel_for(0, never, &called);
    rt_parallel_for(-5, never, &called);
    ck_assert_int_eq(called, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rt_parallel");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, covers_once);
    tcase_add_test(tc, empty_and_negative_do_nothing);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

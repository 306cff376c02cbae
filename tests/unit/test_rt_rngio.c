/* test_rt_rngio.c: the rtcall glue of rt_rngio.h: integers with endpoint=,
 * generator reference counts, and np.load / np.loadtxt checked against the
 * dtype and rank a program was compiled for.  Expected draws were printed
 * by /usr/bin/python3 with NumPy 1.24.2. */
#include "tests/unit/test_rt_util.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[] = "/tmp/test_rt_rngio_XXXXXX";

START_TEST(integers_closed_matches_numpy)
{
    /* default_rng(5): integers(1, 6, size=8, endpoint=True), then
     * integers(0, 3, endpoint=True), integers(-2**63, 2**63-1, endpoint=True) */
    rt_rng *g = rt_rng_new(5);
    int64_t shape[1] = {8};
    rt_array *a = rt_rng_integers_ep(g, 1, 6, true, 1, shape);
    CK_VALS_I(a, 5, 5, 1, 5, 3, 4, 4, 2);
    ck_assert_int_eq(rt_rng_integers_ep_scalar(g, 0, 3, true), 3);
    ck_assert_int_eq(rt_rng_integers_ep_scalar(g, INT64_MIN, INT64_MAX, true), -2151464407179853169LL);
    int64_t three[1] = {3};
    rt_array *s = rt_rng_integers_ep(g, 7, 7, true, 1, three);
    CK_VALS_I(s, 7, 7, 7);
    rt_release(a);
    rt_release(s);
    rt_rng_release(g);
}
END_TEST

START_TEST(integers_open_matches_rt_rng_integers)
{
    rt_rng *g1 = rt_rng_new(9), *g2 = rt_rng_new(9);
    int64_t shape[2] = {3, 4};
    rt_array *a = rt_rng_integers_ep(g1, -5, 5, false, 2, shape);
    rt_array *b = rt_rng_integers(g2, -5, 5, 2, shape);
    for (int64_t k = 0; k < 12; k++)
        ck_assert_int_eq(at_i(a, k), at_i(b, k));
    rt_release(a);
    rt_release(b);
    rt_rng_release(g1);
    rt_rng_release(g2);
}
END_TEST

START_TEST(generator_refcount)
{
    rt_rng *g = rt_rng_new(1);
    rt_rng_retain(g);
    rt_rng_release(g);
    double x = rt_rng_random_scalar(g);      /* still alive: count was 2 */
    ck_assert(x >= 0.0 && x < 1.0);
    rt_rng_release(g);                        /* freed (ASan checks) */
}
END_TEST

START_TEST(integers_errors)
{
    int64_t shape[1] = {2}, none[1] = {0};
    EXPECT_RAISE(rt_rng_integers_ep(rt_rng_new(1), 3, 2, true, 1, shape), "ValueError: low > high");
    EXPECT_RAISE(rt_rng_integers_ep_scalar(rt_rng_new(1), 2, 2, false), "ValueError: low >= high");
    rt_rng *g = rt_rng_new(1);
    rt_array *e = rt_rng_integers_ep(g, 3, 2, true, 1, none);   /* empty: no check */
    ck_assert_int_eq(rt_size(e), 0);
    rt_release(e);
    rt_rng_release(g);
}
END_TEST

START_TEST(load_checks_dtype_and_rank)
{
    int64_t shape[2] = {2, 3};
    rt_array *a = mk_range(2, shape);
    rt_npy_save("a.npy", a);
    rt_array *b = rt_npy_load_as("a.npy", RT_I64, 2, false);
    CK_SHAPE(b, 2, 3);
    CK_VALS_I(b, 0, 1, 2, 3, 4, 5);
    rt_release(b);
    rt_release(a);
    EXPECT_RAISE(rt_npy_load_as("a.npy", RT_F64, 1, true),
                 "ValueError: np.load('a.npy') gives int64 data with 2 dimensions, but the program was compiled "
                 "for float64 data with 1 dimension (the file did not exist when the program was compiled)");
    EXPECT_RAISE(rt_npy_load_as("a.npy", RT_I64, 1, false),
                 "ValueError: np.load('a.npy') gives int64 data with 2 dimensions, but the program was compiled "
                 "for int64 data with 1 dimension");
    EXPECT_RAISE(rt_npy_load_as("gone.npy", RT_F64, 1, true),
                 "FileNotFoundError: [Errno 2] No such file or directory: 'gone.npy'");
}
END_TEST

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(name, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

START_TEST(loadtxt_options_and_rank)
{
    write_file("t.csv", "h1,h2,h3\n1,2,3\n4,5,6\n");
    int64_t cols[2] = {2, 0};
    rt_array *a = rt_loadtxt_as("t.csv", ",", false, 1, RT_I64, 2, 2, cols);
    CK_SHAPE(a, 2, 2);
    CK_VALS_I(a, 3, 1, 6, 4);
    rt_release(a);
    rt_array *r = rt_loadtxt_as("t.csv", ",", false, 2, RT_F64, 1, 0, NULL);   /* one row: 1-D */
    CK_SHAPE(r, 3);
    CK_VALS_F(r, 4.0, 5.0, 6.0);
    rt_release(r);
    write_file("w.txt", "1.5  2\n-3 4e2\n");
    rt_array *w = rt_loadtxt_as("w.txt", "", true, 0, RT_F32, 2, 0, NULL);
    CK_SHAPE(w, 2, 2);
    CK_VALS_F(w, 1.5, 2.0, -3.0, 400.0);
    ck_assert_int_eq(w->dtype, RT_F32);
    rt_release(w);
    EXPECT_RAISE(rt_loadtxt_as("t.csv", ",", false, 2, RT_F64, 2, 0, NULL),
                 "ValueError: np.loadtxt('t.csv') gives float64 data with 1 dimension, but the program was "
                 "compiled for float64 data with 2 dimensions");
    EXPECT_RAISE(rt_loadtxt_as("none.csv", ",", false, 0, RT_F64, 2, 0, NULL),
                 "FileNotFoundError: none.csv not found.");
}
END_TEST

static Suite *rngio_suite(void)
{
    Suite *s = suite_create("rt_rngio");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, integers_closed_matches_numpy);
    tcase_add_test(tc, integers_open_matches_rt_rng_integers);
    tcase_add_test(tc, generator_refcount);
    tcase_add_test(tc, integers_errors);
    tcase_add_test(tc, load_checks_dtype_and_rank);
    tcase_add_test(tc, loadtxt_options_and_rank);
    suite_add_tcase(s, tc);
    return s;
}

/* Runs in a fresh folder (relative names keep the expected messages literal). */
int main(void)
{
    if (!mkdtemp(dir) || chdir(dir) != 0)
        return EXIT_FAILURE;
    SRunner *sr = srunner_create(rngio_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (chdir("/") != 0 || system(cmd) != 0)
        failed++;
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* test_rt_text.c: savetxt text and loadtxt parsing against NumPy 1.24.2.
 *
 * Expected file contents and messages were produced by /usr/bin/python3
 * (np.savetxt / np.loadtxt) when this test was written.  Both the raw layer
 * and the rt_array entry points are tested. */
#include "runtime/rt_text.c"
#include "tests/unit/test_rt_util.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static char dir[] = "/tmp/test_rt_text.XXXXXX";

static char *path(const char *name)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    return buf;
}

static void expect_file(const char *p, const char *want)
{
    char buf[1024];
    FILE *f = fopen(p, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    ck_assert_str_eq(buf, want);
}

static void save(rt_dtype dt, int rank, const int64_t *shape, const void *data, const char *fmt,
                 const char *delim, const char *want)
{
    char err[200];
    ck_assert_int_eq(rt_savetxt_raw(path("s.txt"), dt, rank, shape, data, fmt, delim, err, sizeof err),
                     RT_IO_OK);
    expect_file(path("s.txt"), want);
}

START_TEST(savetxt_like_numpy)
{
    static const double a[] = {1.0, 2.5, -3.0, 1e-300};
    static const double b[] = {1.0, NAN, -INFINITY, -0.0};
    static const int64_t i[] = {1, 2, 3, 4};
    static const double c[] = {1.005, 2.5, -0.0};
    static const double t[] = {1.5, -2.7};
    static const bool m[] = {true, false};
    int64_t s22[2] = {2, 2}, s4[1] = {4}, s3[1] = {3}, s2[1] = {2}, s03[2] = {0, 3}, s20[2] = {2, 0};
    save(RT_F64, 2, s22, a, "%.18e", " ",
         "1.000000000000000000e+00 2.500000000000000000e+00\n"
         "-3.000000000000000000e+00 1.000000000000000025e-300\n");
    save(RT_F64, 1, s4, b, "%.18e", " ",
         "1.000000000000000000e+00\nnan\n-inf\n-0.000000000000000000e+00\n");
    save(RT_I64, 2, s22, i, "%.18e", " ",
         "1.000000000000000000e+00 2.000000000000000000e+00\n"
         "3.000000000000000000e+00 4.000000000000000000e+00\n");
    save(RT_I64, 2, s22, i, "%d", ",", "1,2\n3,4\n");
    save(RT_F64, 1, s2, t, "%d", " ", "1\n-2\n");
    save(RT_F64, 1, s3, c, "%.2f", " ", "1.00\n2.50\n-0.00\n");
    save(RT_BOOL, 1, s2, m, "%.18e", " ", "1.000000000000000000e+00\n0.000000000000000000e+00\n");
    save(RT_BOOL, 1, s2, m, "%d", " ", "1\n0\n");
    save(RT_F64, 2, s03, a, "%.18e", " ", "");
    save(RT_F64, 2, s20, a, "%.18e", " ", "\n\n");
    save(RT_F64, 1, s2, t, "%10.3f|", " ", "     1.500|\n    -2.700|\n");
    save(RT_F64, 1, s2, t, "%g", " ", "1.5\n-2.7\n");
    save(RT_F64, 2, s22, a, "%.1f;%.3e", " ", "1.0;2.500e+00\n-3.0;1.000e-300\n");
}
END_TEST

START_TEST(savetxt_errors)
{
    char err[200];
    static const double a[8] = {0};
    int64_t s222[3] = {2, 2, 2}, s22[2] = {2, 2};
    ck_assert_int_eq(rt_savetxt_raw(path("e.txt"), RT_F64, 0, s22, a, "%.18e", " ", err, sizeof err),
                     RT_IO_VALUE_ERROR);
    ck_assert_str_eq(err, "Expected 1D or 2D array, got 0D array instead");
    ck_assert_int_eq(rt_savetxt_raw(path("e.txt"), RT_F64, 3, s222, a, "%.18e", " ", err, sizeof err),
                     RT_IO_VALUE_ERROR);
    ck_assert_str_eq(err, "Expected 1D or 2D array, got 3D array instead");
    ck_assert_int_eq(rt_savetxt_raw(path("e.txt"), RT_F64, 2, s22, a, "%d %d %d", " ", err, sizeof err),
                     RT_IO_VALUE_ERROR);
    ck_assert_str_eq(err, "fmt has wrong number of % formats:  %d %d %d");
    ck_assert_int_eq(rt_savetxt_raw(path("e.txt"), RT_F64, 2, s22, a, "abc", " ", err, sizeof err),
                     RT_IO_VALUE_ERROR);
    ck_assert_str_eq(err, "fmt has wrong number of % formats:  abc");
    ck_assert_int_eq(rt_savetxt_raw("/nonexistent-dir/a.txt", RT_F64, 2, s22, a, "%g", " ", err,
                                    sizeof err), RT_IO_FILE_NOT_FOUND);
    ck_assert_str_eq(err, "[Errno 2] No such file or directory: '/nonexistent-dir/a.txt'");
}
END_TEST

/* Load text with options; check rank, shape and values (as doubles). */
static void load(const char *text, const rt_loadtxt_opts *o, int rank, int64_t d0, int64_t d1,
                 const double *want)
{
    char err[300];
    FILE *f = fopen(path("l.txt"), "w");
    fputs(text, f);
    fclose(f);
    void *data;
    int r;
    int64_t shape[2];
    ck_assert_int_eq(rt_loadtxt_raw(path("l.txt"), o, &data, &r, shape, err, sizeof err), RT_IO_OK);
    ck_assert_int_eq(r, rank);
    if (rank > 0)
        ck_assert_int_eq(shape[0], d0);
    if (rank > 1)
        ck_assert_int_eq(shape[1], d1);
    int64_t n = rank == 0 ? 1 : rank == 1 ? d0 : d0 * d1;
    for (int64_t k = 0; k < n; k++) {
        double v = o->dtype == RT_I64 ? (double)((int64_t *)data)[k]
                 : o->dtype == RT_F32 ? ((float *)data)[k] : ((double *)data)[k];
        if (isnan(want[k]))
            ck_assert(isnan(v));
        else
            ck_assert_double_eq(v, want[k]);
    }
    free(data);
}

static void load_bad(const char *text, const rt_loadtxt_opts *o, const char *msg)
{
    char err[300];
    FILE *f = fopen(path("l.txt"), "w");
    fputs(text, f);
    fclose(f);
    void *data;
    int r;
    int64_t shape[2];
    ck_assert_int_eq(rt_loadtxt_raw(path("l.txt"), o, &data, &r, shape, err, sizeof err),
                     RT_IO_VALUE_ERROR);
    ck_assert_str_eq(err, msg);
}

START_TEST(loadtxt_like_numpy)
{
    rt_loadtxt_opts ws = {.dtype = RT_F64}, csv = {.delimiter = ",", .dtype = RT_F64};
    rt_loadtxt_opts ints = {.dtype = RT_I64}, f32 = {.dtype = RT_F32}, skip = {.skiprows = 1, .dtype = RT_F64};
    static const int64_t c02[] = {0, 2}, c1[] = {1}, cm1[] = {-1};
    rt_loadtxt_opts u02 = {.usecols = c02, .nusecols = 2, .dtype = RT_F64};
    rt_loadtxt_opts u1 = {.usecols = c1, .nusecols = 1, .dtype = RT_F64};
    rt_loadtxt_opts um1 = {.usecols = cm1, .nusecols = 1, .dtype = RT_F64};
    load("1 2 3\n", &ws, 1, 3, 0, (double[]){1, 2, 3});
    load("1\n2\n3\n", &ws, 1, 3, 0, (double[]){1, 2, 3});
    load("5\n", &ws, 0, 0, 0, (double[]){5});
    load("", &ws, 1, 0, 0, NULL);
    load("# only comment\n", &ws, 1, 0, 0, NULL);
    load("1,2\n3,4\n", &csv, 2, 2, 2, (double[]){1, 2, 3, 4});
    load(" 1e3 2  # c\n\n  3 4\n", &ws, 2, 2, 2, (double[]){1000, 2, 3, 4});
    load("a b\n1 2\n", &skip, 1, 2, 0, (double[]){1, 2});
    load("1 2 3\n4 5 6\n", &u02, 2, 2, 2, (double[]){1, 3, 4, 6});
    load("1 2 3\n4 5 6\n", &u1, 1, 2, 0, (double[]){2, 5});
    load("1 2 3\n4 5 6\n", &um1, 1, 2, 0, (double[]){3, 6});
    load("1, 2 ,3\n", &csv, 1, 3, 0, (double[]){1, 2, 3});
    load("nan inf -inf\n", &ws, 1, 3, 0, (double[]){NAN, INFINITY, -INFINITY});
    load("1 2\r\n3 4\r\n", &ws, 2, 2, 2, (double[]){1, 2, 3, 4});
    load("1.5 2\n", &ints, 1, 2, 0, (double[]){1, 2});
    load("+1 -2\n", &ints, 1, 2, 0, (double[]){1, -2});
    load("0.1 2\n", &f32, 1, 2, 0, (double[]){0.1f, 2});
    /* acceptance case 166's input */
    load("# x,y,weight\n0.0,1.0,1\n1.0,2.9,2\n", &csv, 2, 2, 3, (double[]){0, 1, 1, 1, 2.9, 2});
}
END_TEST

START_TEST(loadtxt_errors)
{
    rt_loadtxt_opts ws = {.dtype = RT_F64}, csv = {.delimiter = ",", .dtype = RT_F64};
    rt_loadtxt_opts ints = {.dtype = RT_I64};
    static const int64_t c5[] = {5};
    rt_loadtxt_opts u5 = {.usecols = c5, .nusecols = 1, .dtype = RT_F64};
    load_bad("1,2\n3\n", &csv, "the number of columns changed from 2 to 1 at row 2; "
             "use `usecols` to select a subset and avoid this error");
    load_bad("# c\n\n1 2\n3 x\n", &ws, "could not convert string 'x' to float64 at row 1, column 2.");
    load_bad("1,,3\n", &csv, "could not convert string '' to float64 at row 0, column 2.");
    load_bad("0x10 2\n", &ws, "could not convert string '0x10' to float64 at row 0, column 1.");
    load_bad("1 x\n", &ints, "could not convert string 'x' to int64 at row 0, column 2.");
    load_bad("1 2 3\n4 5 6\n", &u5, "invalid column index 5 at row 1 with 3 columns");
    char err[200];
    void *data;
    int r;
    int64_t shape[2];
    ck_assert_int_eq(rt_loadtxt_raw("nonexist.txt", &ws, &data, &r, shape, err, sizeof err),
                     RT_IO_FILE_NOT_FOUND);
    ck_assert_str_eq(err, "nonexist.txt not found.");
}
END_TEST

/* Acceptance case 164: savetxt of a 2x3 int array with "%d" and ",", then
 * loadtxt as float64 and as int64; 1-D default format round trip. */
START_TEST(savetxt_loadtxt_arrays)
{
    rt_array *i = mk_range(2, (int64_t[]){2, 3});
    rt_savetxt(path("i.csv"), i, "%d", ",");
    expect_file(path("i.csv"), "0,1,2\n3,4,5\n");
    rt_loadtxt_opts o = {.delimiter = ",", .dtype = RT_F64};
    rt_array *j = rt_loadtxt(path("i.csv"), &o);
    CK_SHAPE(j, 2, 3);
    ck_assert_int_eq(j->dtype, RT_F64);
    CK_VALS_F(j, 0, 1, 2, 3, 4, 5);
    o.dtype = RT_I64;
    rt_array *k = rt_loadtxt(path("i.csv"), &o);
    ck_assert_int_eq(k->dtype, RT_I64);
    CK_VALS_I(k, 0, 1, 2, 3, 4, 5);
    rt_array *v = rt_linspace(0.0, 1.0, 5, true);
    rt_savetxt(path("v.txt"), v, NULL, NULL);
    rt_loadtxt_opts ws = {.dtype = RT_F64};
    rt_array *w = rt_loadtxt(path("v.txt"), &ws);
    CK_SHAPE(w, 5);
    CK_VALS_F(w, 0, 0.25, 0.5, 0.75, 1);
    rt_release(i);
    rt_release(j);
    rt_release(k);
    rt_release(v);
    rt_release(w);
}
END_TEST

START_TEST(text_errors_raise)
{
    rt_loadtxt_opts ws = {.dtype = RT_F64};
    EXPECT_RAISE(rt_loadtxt("nonexist.txt", &ws), "FileNotFoundError: nonexist.txt not found.");
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("rt_text");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, savetxt_like_numpy);
    tcase_add_test(tc, savetxt_errors);
    tcase_add_test(tc, loadtxt_like_numpy);
    tcase_add_test(tc, loadtxt_errors);
    tcase_add_test(tc, savetxt_loadtxt_arrays);
    tcase_add_test(tc, text_errors_raise);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    if (!mkdtemp(dir))
        return EXIT_FAILURE;
    SRunner *sr = srunner_create(text_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        failed++;
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

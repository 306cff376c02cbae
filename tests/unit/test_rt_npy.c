/* test_rt_npy.c: .npy header codec and files against NumPy 1.24.2.
 *
 * The byte strings below were written by /usr/bin/python3 (np.save and
 * np.lib.format.write_array) when this test was written.  The raw layer and
 * the rt_array entry points (np.save / np.load) are both tested. */
#include "runtime/rt_npy.c"
#include "tests/unit/test_rt_util.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* np.save headers (NumPy 1.24.2), shapes as in hdr_cases */
static const char HDR_f8_3x4[] =
    "\223NUMPY\001\000v\000{'descr': '<f8', 'fortran_order': False, 'shape':"
    " (3, 4), }                                                          \012"
    "";
static const char HDR_i8_5[] =
    "\223NUMPY\001\000v\000{'descr': '<i8', 'fortran_order': False, 'shape':"
    " (5,), }                                                            \012"
    "";
static const char HDR_f4_1x2[] =
    "\223NUMPY\001\000v\000{'descr': '<f4', 'fortran_order': False, 'shape':"
    " (1, 2), }                                                          \012"
    "";
static const char HDR_b1_3[] =
    "\223NUMPY\001\000v\000{'descr': '|b1', 'fortran_order': False, 'shape':"
    " (3,), }                                                            \012"
    "";
static const char HDR_f8_0d[] =
    "\223NUMPY\001\000v\000{'descr': '<f8', 'fortran_order': False, 'shape':"
    " (), }                                                              \012"
    "";
static const char HDR_f8_empty[] =
    "\223NUMPY\001\000v\000{'descr': '<f8', 'fortran_order': False, 'shape':"
    " (0,), }                                                            \012"
    "";
static const char HDR_i8_2x0x3[] =
    "\223NUMPY\001\000v\000{'descr': '<i8', 'fortran_order': False, 'shape':"
    " (2, 0, 3), }                                                       \012"
    "";
static const char HDR_f8_rank8[] =
    "\223NUMPY\001\000v\000{'descr': '<f8', 'fortran_order': False, 'shape':"
    " (0, 1, 1, 1, 1, 1, 1, 7), }                                        \012"
    "";
/* whole files written by NumPy in other layouts */
static const char FILE_v2[] =
    "\223NUMPY\002\000t\000\000\000{'descr': '<f8', 'fortran_order': False, "
    "'shape': (2, 3), }                                                     "
    "   \012\000\000\000\000\000\000\370\077\000\000\000\000\000\000\000\300"
    "\000\000\000\000\000\000\012@\000\000\000\000\000\000\020@\000\000\000\000"
    "\000\000\026@\000\000\000\000\000\200\030\300";
static const char FILE_v3[] =
    "\223NUMPY\003\000t\000\000\000{'descr': '<f8', 'fortran_order': False, "
    "'shape': (2, 3), }                                                     "
    "   \012\000\000\000\000\000\000\370\077\000\000\000\000\000\000\000\300"
    "\000\000\000\000\000\000\012@\000\000\000\000\000\000\020@\000\000\000\000"
    "\000\000\026@\000\000\000\000\000\200\030\300";
static const char FILE_fort[] =
    "\223NUMPY\001\000v\000{'descr': '<f8', 'fortran_order': True, 'shape': "
    "(2, 3), }                                                           \012"
    "\000\000\000\000\000\000\370\077\000\000\000\000\000\000\020@\000\000\000"
    "\000\000\000\000\300\000\000\000\000\000\000\026@\000\000\000\000\000\000"
    "\012@\000\000\000\000\000\200\030\300";
static const char FILE_i4[] =
    "\223NUMPY\001\000v\000{'descr': '<i4', 'fortran_order': False, 'shape':"
    " (2, 2), }                                                          \012"
    "\007\000\000\000\370\377\377\377\011\000\000\000\377\377\377\177";
static const char FILE_be[] =
    "\223NUMPY\001\000v\000{'descr': '>f8', 'fortran_order': False, 'shape':"
    " (2, 3), }                                                          \012"
    "\077\370\000\000\000\000\000\000\300\000\000\000\000\000\000\000@\012\000"
    "\000\000\000\000\000@\020\000\000\000\000\000\000@\026\000\000\000\000\000"
    "\000\300\030\200\000\000\000\000\000";
static const char FILE_fort3[] =
    "\223NUMPY\001\000v\000{'descr': '<i8', 'fortran_order': True, 'shape': "
    "(2, 3, 4), }                                                        \012"
    "\000\000\000\000\000\000\000\000\014\000\000\000\000\000\000\000\004\000"
    "\000\000\000\000\000\000\020\000\000\000\000\000\000\000\010\000\000\000"
    "\000\000\000\000\024\000\000\000\000\000\000\000\001\000\000\000\000\000"
    "\000\000\015\000\000\000\000\000\000\000\005\000\000\000\000\000\000\000"
    "\021\000\000\000\000\000\000\000\011\000\000\000\000\000\000\000\025\000"
    "\000\000\000\000\000\000\002\000\000\000\000\000\000\000\016\000\000\000"
    "\000\000\000\000\006\000\000\000\000\000\000\000\022\000\000\000\000\000"
    "\000\000\012\000\000\000\000\000\000\000\026\000\000\000\000\000\000\000"
    "\003\000\000\000\000\000\000\000\017\000\000\000\000\000\000\000\007\000"
    "\000\000\000\000\000\000\023\000\000\000\000\000\000\000\013\000\000\000"
    "\000\000\000\000\027\000\000\000\000\000\000\000";

static char dir[] = "/tmp/test_rt_npy.XXXXXX";

static char *path(const char *name)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    return buf;
}

static void write_bytes(const char *p, const void *b, size_t n)
{
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b, 1, n, f), n);
    fclose(f);
}

static unsigned char *read_bytes(const char *p, size_t *n)
{
    FILE *f = fopen(p, "rb");
    ck_assert_ptr_nonnull(f);
    unsigned char *b = malloc(4096);
    *n = fread(b, 1, 4096, f);
    fclose(f);
    return b;
}

typedef struct hdr_case {
    const char *bytes;
    rt_dtype dt;
    int rank;
    int64_t shape[RT_MAX_RANK];
} hdr_case;

static const hdr_case hdr_cases[] = {
    {HDR_f8_3x4, RT_F64, 2, {3, 4}},
    {HDR_i8_5, RT_I64, 1, {5}},
    {HDR_f4_1x2, RT_F32, 2, {1, 2}},
    {HDR_b1_3, RT_BOOL, 1, {3}},
    {HDR_f8_0d, RT_F64, 0, {0}},
    {HDR_f8_empty, RT_F64, 1, {0}},
    {HDR_i8_2x0x3, RT_I64, 3, {2, 0, 3}},
    {HDR_f8_rank8, RT_F64, 8, {0, 1, 1, 1, 1, 1, 1, 7}},
};
enum { NHDR = sizeof hdr_cases / sizeof hdr_cases[0] };

START_TEST(header_written_like_numpy)
{
    const hdr_case *c = &hdr_cases[_i];
    char buf[256];
    size_t n = rt_npy_format_header(buf, sizeof buf, c->dt, c->rank, c->shape);
    ck_assert_uint_eq(n, 128);
    ck_assert_int_eq(memcmp(buf, c->bytes, 128), 0);
}
END_TEST

START_TEST(header_parsed)
{
    const hdr_case *c = &hdr_cases[_i];
    rt_npy_header h;
    char err[200];
    ck_assert_int_eq(rt_npy_parse_header((const unsigned char *)c->bytes, 128, &h, err, sizeof err), 0);
    ck_assert_int_eq(h.dtype, c->dt);
    ck_assert_int_eq(h.rank, c->rank);
    ck_assert(!h.fortran_order);
    ck_assert_uint_eq(h.data_offset, 128);
    for (int i = 0; i < c->rank; i++)
        ck_assert_int_eq(h.shape[i], c->shape[i]);
}
END_TEST

/* Save then load every dtype; the file must be NumPy's header + the data. */
START_TEST(round_trip)
{
    const hdr_case *c = &hdr_cases[_i];
    char err[200];
    int64_t count = 1;
    for (int i = 0; i < c->rank; i++)
        count *= c->shape[i];
    size_t es = rt_io_elem_size(c->dt), nb = (size_t)count * es;
    unsigned char *src = malloc(nb + 1);
    for (size_t i = 0; i < nb; i++)
        src[i] = c->dt == RT_BOOL ? (unsigned char)(i % 3 == 0) : (unsigned char)(i * 37 + 1);
    ck_assert_int_eq(rt_npy_save_raw(path("rt.npy"), c->dt, c->rank, c->shape, src, err, sizeof err),
                     RT_IO_OK);
    size_t n;
    unsigned char *file = read_bytes(path("rt.npy"), &n);
    ck_assert_uint_eq(n, 128 + nb);
    ck_assert_int_eq(memcmp(file, c->bytes, 128), 0);
    ck_assert_int_eq(memcmp(file + 128, src, nb), 0);
    rt_npy_header h;
    void *data;
    ck_assert_int_eq(rt_npy_load_raw(path("rt.npy"), &h, &data, err, sizeof err), RT_IO_OK);
    ck_assert_int_eq(h.count, count);
    ck_assert_int_eq(memcmp(data, src, nb), 0);
    free(data);
    free(file);
    free(src);
}
END_TEST

static void load_f64(const char *bytes, size_t n, const double *want, int64_t count)
{
    char err[200];
    rt_npy_header h;
    void *data;
    write_bytes(path("in.npy"), bytes, n);
    ck_assert_int_eq(rt_npy_load_raw(path("in.npy"), &h, &data, err, sizeof err), RT_IO_OK);
    ck_assert_int_eq(h.dtype, RT_F64);
    ck_assert_int_eq(h.count, count);
    for (int64_t i = 0; i < count; i++)
        ck_assert_double_eq(((double *)data)[i], want[i]);
    free(data);
}

static const double X23[] = {1.5, -2.0, 3.25, 4.0, 5.5, -6.125};

START_TEST(load_versions_orders_endianness)
{
    load_f64(FILE_v2, sizeof FILE_v2 - 1, X23, 6);
    load_f64(FILE_v3, sizeof FILE_v3 - 1, X23, 6);
    load_f64(FILE_fort, sizeof FILE_fort - 1, X23, 6);
    load_f64(FILE_be, sizeof FILE_be - 1, X23, 6);
}
END_TEST

START_TEST(load_int32_and_fortran_3d)
{
    char err[200];
    rt_npy_header h;
    void *data;
    write_bytes(path("i4.npy"), FILE_i4, sizeof FILE_i4 - 1);
    ck_assert_int_eq(rt_npy_load_raw(path("i4.npy"), &h, &data, err, sizeof err), RT_IO_OK);
    ck_assert_int_eq(h.dtype, RT_I64);
    const int64_t *v = data;
    ck_assert_int_eq(v[0], 7);
    ck_assert_int_eq(v[1], -8);
    ck_assert_int_eq(v[2], 9);
    ck_assert_int_eq(v[3], 2147483647);
    free(data);
    write_bytes(path("f3.npy"), FILE_fort3, sizeof FILE_fort3 - 1);
    ck_assert_int_eq(rt_npy_load_raw(path("f3.npy"), &h, &data, err, sizeof err), RT_IO_OK);
    ck_assert(h.fortran_order);
    ck_assert_int_eq(h.rank, 3);
    for (int64_t i = 0; i < 24; i++)     /* arange(24).reshape(2, 3, 4) in C order */
        ck_assert_int_eq(((int64_t *)data)[i], i);
    free(data);
}
END_TEST

static void expect_bad(const char *bytes, size_t n, const char *msg_start)
{
    rt_npy_header h;
    char err[300];
    unsigned char *copy = malloc(n ? n : 1);   /* exact size: ASan sees overreads */
    memcpy(copy, bytes, n);
    ck_assert_int_eq(rt_npy_parse_header(copy, n, &h, err, sizeof err), -1);
    ck_assert_msg(strncmp(err, msg_start, strlen(msg_start)) == 0, "want: %s, got: %s", msg_start, err);
    free(copy);
}

#define PRE "\223NUMPY\001\000v\000"      /* version 1.0, 118-byte header */
static void bad_dict(const char *dict, const char *msg)
{
    char buf[128];
    ck_assert_uint_lt(strlen(dict), 117);
    memset(buf, ' ', sizeof buf);
    memcpy(buf, PRE, 10);
    memcpy(buf + 10, dict, strlen(dict));
    buf[127] = '\n';
    expect_bad(buf, sizeof buf, msg);
}

START_TEST(malformed_headers_rejected)
{
    /* every truncation of a valid header */
    for (size_t n = 0; n < 128; n++)
        expect_bad(HDR_f8_3x4, n, n < 10 ? "the magic string" : "EOF: reading array header");
    expect_bad("\223NUMPX\001\000v\000", 10, "the magic string is not correct");
    expect_bad("\223NUMPY\004\000v\000", 10, "we only support format version (1,0), (2,0), and (3,0), not (4, 0)");
    expect_bad("\223NUMPY\001\001v\000", 10, "we only support format version");
    bad_dict("{'descr': '<f8', 'fortran_order': False}", "Header does not contain the correct keys");
    bad_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1}",
             "Header does not contain the correct keys");
    bad_dict("{'descr': '<f8', 'descr': '<f8', 'shape': (3,)}", "Header does not contain the correct keys");
    bad_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (3)}", "shape is not valid");
    bad_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}", "shape is not valid");
    bad_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (1,1,1,1,1,1,1,1,1)}", "shape is not valid");
    bad_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}",
             "shape is not valid");
    bad_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296)}",
             "shape is too large");
    bad_dict("{'descr': '<c16', 'fortran_order': False, 'shape': (3,)}", "unsupported dtype '<c16'");
    bad_dict("{'descr': '|f8', 'fortran_order': False, 'shape': (3,)}", "unsupported dtype '|f8'");
    bad_dict("{'descr': '<f8', 'fortran_order': 0, 'shape': (3,)}", "fortran_order is not a valid bool");
    bad_dict("{'descr': '<f8, 'fortran_order': False, 'shape': (3,)}", "unsupported dtype");
    bad_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (3,)", "Cannot parse header");
    bad_dict("{'descr': '<f8' 'fortran_order': False, 'shape': (3,)}", "Cannot parse header");
    bad_dict("['descr']", "Header is not a dictionary");
    bad_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (3,)} x", "Cannot parse header");
}
END_TEST

START_TEST(accepts_other_spellings)
{
    static const char d[] = "{\"shape\":(2,3,),\"fortran_order\":True,\"descr\":\"=f4\"}";
    char buf[128];
    rt_npy_header h;
    char err[200];
    memset(buf, ' ', sizeof buf);
    memcpy(buf, PRE, 10);
    memcpy(buf + 10, d, sizeof d - 1);
    buf[127] = '\n';
    ck_assert_int_eq(rt_npy_parse_header((unsigned char *)buf, sizeof buf, &h, err, sizeof err), 0);
    ck_assert_int_eq(h.dtype, RT_F32);
    ck_assert(h.fortran_order);
    ck_assert_int_eq(h.rank, 2);
    ck_assert_int_eq(h.count, 6);
}
END_TEST

START_TEST(file_errors)
{
    char err[300];
    rt_npy_header h;
    void *data;
    ck_assert_int_eq(rt_npy_load_raw("absent.npy", &h, &data, err, sizeof err), RT_IO_FILE_NOT_FOUND);
    ck_assert_str_eq(err, "[Errno 2] No such file or directory: 'absent.npy'");
    ck_assert_str_eq(rt_io_exc_name(RT_IO_FILE_NOT_FOUND), "FileNotFoundError");
    ck_assert_int_eq(rt_npy_load_raw(dir, &h, &data, err, sizeof err), RT_IO_IS_DIR);
    write_bytes(path("pickle.npy"), "hello world", 11);
    ck_assert_int_eq(rt_npy_load_raw(path("pickle.npy"), &h, &data, err, sizeof err), RT_IO_VALUE_ERROR);
    ck_assert_str_eq(err, "Cannot load file containing pickled data when allow_pickle=False");
    /* a (2, 3) float64 file cut 20 bytes short, as NumPy words it */
    char cut[128 + 28], hdr[256];
    int64_t shp[2] = {2, 3};
    ck_assert_uint_eq(rt_npy_format_header(hdr, sizeof hdr, RT_F64, 2, shp), 128);
    memcpy(cut, hdr, 128);
    memset(cut + 128, 0, 28);
    write_bytes(path("short.npy"), cut, sizeof cut);
    ck_assert_int_eq(rt_npy_load_raw(path("short.npy"), &h, &data, err, sizeof err), RT_IO_VALUE_ERROR);
    ck_assert_str_eq(err, "cannot reshape array of size 3 into shape (2,3)");
    ck_assert_int_eq(rt_npy_save_raw("/nonexistent-dir/x.npy", RT_F64, 1, shp, X23, err, sizeof err),
                     RT_IO_FILE_NOT_FOUND);
    ck_assert_str_eq(err, "[Errno 2] No such file or directory: '/nonexistent-dir/x.npy'");
}
END_TEST

/* np.save appends ".npy"; a transposed (non-contiguous) array is saved in
 * its logical C order; np.load gives an independent array. */
START_TEST(save_load_arrays)
{
    rt_array *a = mk_range(2, (int64_t[]){2, 3});
    rt_array *t = rt_transpose(a, NULL);
    char p[300];
    snprintf(p, sizeof p, "%s", path("m"));
    rt_npy_save(p, t);
    rt_array *b = rt_npy_load(path("m.npy"));
    CK_SHAPE(b, 3, 2);
    ck_assert_int_eq(b->dtype, RT_I64);
    CK_VALS_I(b, 0, 3, 1, 4, 2, 5);
    rt_npy_save(path("m.npy"), b);      /* already has the suffix */
    rt_array *c = rt_npy_load(path("m.npy"));
    CK_VALS_I(c, 0, 3, 1, 4, 2, 5);
    ck_assert_int_ne(access(path("m.npy.npy"), F_OK), 0);
    rt_release(a);
    rt_release(t);
    rt_release(b);
    rt_release(c);
}
END_TEST

START_TEST(load_errors_raise)
{
    EXPECT_RAISE(rt_npy_load("absent.npy"),
                 "FileNotFoundError: [Errno 2] No such file or directory: 'absent.npy'");
    write_bytes(path("pickle.npy"), "hello world", 11);
    EXPECT_RAISE(rt_npy_load(path("pickle.npy")),
                 "ValueError: Cannot load file containing pickled data when allow_pickle=False");
}
END_TEST

static Suite *npy_suite(void)
{
    Suite *s = suite_create("rt_npy");
    TCase *tc = tcase_create("npy");
    tcase_add_loop_test(tc, header_written_like_numpy, 0, NHDR);
    tcase_add_loop_test(tc, header_parsed, 0, NHDR);
    tcase_add_loop_test(tc, round_trip, 0, NHDR);
    tcase_add_test(tc, load_versions_orders_endianness);
    tcase_add_test(tc, load_int32_and_fortran_3d);
    tcase_add_test(tc, malformed_headers_rejected);
    tcase_add_test(tc, accepts_other_spellings);
    tcase_add_test(tc, file_errors);
    tcase_add_test(tc, save_load_arrays);
    tcase_add_test(tc, load_errors_raise);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    if (!mkdtemp(dir))
        return EXIT_FAILURE;
    SRunner *sr = srunner_create(npy_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        failed++;
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

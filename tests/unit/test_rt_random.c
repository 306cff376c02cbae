/* test_rt_random.c: default_rng streams against NumPy 1.24.2, bit for bit.
 *
 * Expected values were printed by /usr/bin/python3 with NumPy 1.24.2 (repr,
 * so they round-trip exactly).  rt_random.c is compiled in directly so the
 * test can read the ziggurat tables. */
#include "runtime/rt_random.c"
#include "tests/unit/test_rt_util.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Exact equality of doubles, bit for bit (distinguishes -0.0). */
#define ck_bits(a, b) do { double a_ = (a), b_ = (b); \
        ck_assert_msg(memcmp(&a_, &b_, sizeof a_) == 0, "%.17g != %.17g", a_, b_); } while (0)

typedef struct seed_case {
    uint64_t seed;
    uint32_t state32[8];        /* SeedSequence(seed).generate_state(8) */
    uint64_t raw[3];            /* PCG64(seed).random_raw(3) */
    double random[4];           /* default_rng(seed).random(4) */
    double normal[4];           /* default_rng(seed).standard_normal(4) */
    uint64_t nsum;              /* sum of the bit patterns of standard_normal(200000) */
    int64_t ints10[7];          /* integers(0, 10, 7), then on the same stream: */
    int64_t ints40[3];          /*   integers(-2**40, 2**40, 3) */
    int64_t ints32[3];          /*   integers(0, 2**32, 3) */
    int64_t ints63[2];          /*   integers(-2**63, 2**63 - 1, 2) */
    double after;               /*   integers(5, 6, 2) (all 5), then random() */
} seed_case;

static const seed_case cases[] = {
    {0, {0xb0f478be, 0xdb2cd7e7, 0x2c71ba49, 0xabf4641a, 0x9d7b8d41, 0x20c6ed6d, 0x223c39d4, 0x2c4099de},
     {0xa30febcfd9c2825f, 0x4510bdf882d9d721, 0xa7d3da94ecde8b8},
     {0.6369616873214543, 0.2697867137638703, 0.04097352393619469, 0.016527635528529094},
     {0.1257302210933933, -0.1321048632913019, 0.6404226504432821, 0.10490011715303971},
     0xc483d318f7121302, {8, 6, 5, 2, 3, 0, 0}, {688888541273, 907659113292, 234494550785},
     {70985654, 4169308741, 3133163871}, {804739052780421054, 8025669655141466092}, 0.8158535541215322},
    {1, {0x6d6791ff, 0x672d8ee5, 0x4eb1072c, 0x8ae19ca1, 0x1322fc4a, 0x4915796d, 0xaba049bd, 0xd0cc2bdc},
     {0x8306bdf37922e4ff, 0xf35196bbc152a866, 0x24e7a4f608ec18cd},
     {0.5118216247002567, 0.9504636963259353, 0.14415961271963373, 0.9486494471372439},
     {0.345584192064786, 0.8216181435011584, 0.33043707618338714, -1.303157231604361},
     0x73a1a05ced8ebec5, {4, 5, 7, 9, 0, 1, 8}, {-413787012993, -168606921796, 720625624715},
     {4074418350, 1103772362, 1757496908}, {914842064176413225, -8714996127961513375}, 0.7535131086748066},
    {42, {0xcd540ab7, 0x9f1e2e6d, 0x79fb94b6, 0xd57873dc, 0x64d420b7, 0x7d282a1b, 0x4692d5ff, 0x33657971},
     {0xc621fbcd16d92688, 0x705a5661a791ffc1, 0xdbcd12c26eda1624},
     {0.7739560485559633, 0.4388784397520523, 0.8585979199113825, 0.6973680290593639},
     {0.30471707975443135, -1.0399841062404955, 0.7504511958064572, 0.9405647163912139},
     0x1d44e85ceb448e66, {0, 7, 6, 4, 4, 8, 0}, {-892413449625, 1045904612109, 574252277624},
     {2995172878, 3081541440, 3376120483}, {-6860092642535747310, -915217906097603219}, 0.37079802423258124},
    {12345, {0xa03d837c, 0xb5ae6482, 0xfa1f7a2f, 0xbbe2996f, 0x37158f94, 0x64e39a9f, 0xa013fd73, 0x3ebb0f96},
     {0x3a32b18db2ffc19d, 0x51171315c9e4c4de, 0xcc2024823444efd9},
     {0.22733602246716966, 0.31675833970975287, 0.7973654573327341, 0.6762546707509746},
     {-1.4238250364546312, 1.2637284581291104, -0.8706617379590857, -0.2591732349343976},
     0x6efe516e9c72fa4a, {6, 2, 7, 3, 2, 7, 6}, {-239452630534, -367646060627, 216183235362},
     {2904491694, 915442271, 802017220}, {3186786531124223532, 8149824386666114046}, 0.248245714629571},
    {2024, {0xc76dba01, 0x4c87174b, 0xfb214748, 0xfdf50f1d, 0x7bb47d28, 0x633f2f63, 0x7ffdbbb4, 0xefa2059a},
     {0xad0348563dd4cae8, 0x36dde2a417a3d0d9, 0x4f383f90515160e1},
     {0.6758313379812818, 0.21432320123825765, 0.3094520308816917, 0.7994660967748332},
     {1.0288568739519013, 1.6419200406711503, 1.1467195295966137, -0.9731795154745656},
     0xf786783829fe2269, {2, 6, 0, 2, 3, 3, 9}, {1090280345556, -786740558296, -926392348228},
     {3433680739, 712912454, 776632366}, {-2589057868956179773, -6094449147534221113}, 0.5887593155397302},
    {7, {0x7c326e58, 0xead0f701, 0xf97e037a, 0x879c4f0, 0x6745675f, 0x623a8c4b, 0x60386cac, 0xb3443fad},
     {0xa00641a9f1e54a8b, 0xe5afcdbcaf266a95, 0xc693565f940af962},
     {0.625095466604667, 0.8972138009695755, 0.7756856902451935, 0.22520718999059186},
     {0.0012301533574825742, 0.2987455375084699, -0.2741378553622176, -0.8905918387572742},
     0x60c881881b0bf159, {9, 6, 6, 8, 5, 7, 8}, {-439438986724, 821452713617, -1087933100589},
     {967257515, 2146567901, 3527149199}, {5479963724312090973, -591495718603310816}, 0.3030324268193135},
};
enum { NCASES = sizeof cases / sizeof cases[0] };

START_TEST(seedseq_state)
{
    const seed_case *c = &cases[_i];
    uint32_t w[8];
    rt_seedseq_generate_u32(c->seed, w, 8);
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(w[i], c->state32[i]);
}
END_TEST

START_TEST(pcg64_raw)
{
    const seed_case *c = &cases[_i];
    rt_rng *g = rt_rng_new_raw(c->seed);
    for (int i = 0; i < 3; i++)
        ck_assert_uint_eq(rt_rng_next_u64(g), c->raw[i]);
    rt_rng_free(g);
}
END_TEST

START_TEST(random_doubles)
{
    const seed_case *c = &cases[_i];
    double out[4];
    rt_rng *g = rt_rng_new_raw(c->seed);
    rt_rng_random_fill(g, out, 4);
    for (int i = 0; i < 4; i++)
        ck_bits(out[i], c->random[i]);
    rt_rng_free(g);
}
END_TEST

START_TEST(standard_normal)
{
    const seed_case *c = &cases[_i];
    double out[4];
    rt_rng *g = rt_rng_new_raw(c->seed);
    rt_rng_standard_normal_fill(g, out, 4);
    for (int i = 0; i < 4; i++)
        ck_bits(out[i], c->normal[i]);
    rt_rng_free(g);
}
END_TEST

/* 200000 draws exercise every ziggurat layer, the wedges and the tail: one
 * wrong table entry changes the sum of the bit patterns. */
START_TEST(standard_normal_long)
{
    const seed_case *c = &cases[_i];
    enum { N = 200000 };
    double *out = malloc(N * sizeof *out);
    rt_rng *g = rt_rng_new_raw(c->seed);
    rt_rng_standard_normal_fill(g, out, N);
    uint64_t sum = 0, bits;
    for (int i = 0; i < N; i++) {
        memcpy(&bits, &out[i], sizeof bits);
        sum += bits;
    }
    ck_assert_uint_eq(sum, c->nsum);
    rt_rng_free(g);
    free(out);
}
END_TEST

/* The 32-bit path (with its buffered half), the 64-bit Lemire path, the
 * full 32-bit range and the empty range, then a double from the same stream. */
START_TEST(integers_paths)
{
    const seed_case *c = &cases[_i];
    int64_t out[7];
    rt_rng *g = rt_rng_new_raw(c->seed);
    rt_rng_integers_fill(g, 0, 10, out, 7);
    for (int i = 0; i < 7; i++)
        ck_assert_int_eq(out[i], c->ints10[i]);
    rt_rng_integers_fill(g, -(INT64_C(1) << 40), INT64_C(1) << 40, out, 3);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(out[i], c->ints40[i]);
    rt_rng_integers_fill(g, 0, INT64_C(1) << 32, out, 3);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(out[i], c->ints32[i]);
    rt_rng_integers_fill(g, INT64_MIN, INT64_MAX, out, 2);
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(out[i], c->ints63[i]);
    rt_rng_integers_fill(g, 5, 6, out, 2);
    ck_assert_int_eq(out[0], 5);
    ck_assert_int_eq(out[1], 5);
    ck_bits(rt_rng_random_scalar(g), c->after);
    rt_rng_free(g);
}
END_TEST

/* Acceptance case 132: an odd count of 32-bit draws leaves a half buffered
 * across random() calls; the next integers() starts with it. */
START_TEST(mixed_stream_seed0)
{
    static const double r3[] = {0.6369616873214543, 0.2697867137638703, 0.04097352393619469};
    static const double n4[] = {0.10490011715303971, -0.535669373161111, 0.36159505490948474,
                                1.3040000451301372};
    static const int64_t i5[] = {9, 7, 6, 5, 5};
    static const double r2[] = {0.8158535541215322, 0.002738500170148095};
    static const int64_t i6[] = {4, -2, 3, 0, -5, 2};
    static const int64_t i8[] = {5, 6, 2, 1, 6, 1, 4, 1};
    static const int64_t i3[] = {299711, 481061, 422687};
    static const double nm[] = {1.935732668527983, 2.683231735274843, 1.6674026632566932};
    static const double un[] = {0.2943790231485002, 0.2307702229625077, -0.23264489147623313};
    double d[8];
    int64_t k[8];
    rt_rng *g = rt_rng_new_raw(0);
    rt_rng_random_fill(g, d, 3);
    for (int i = 0; i < 3; i++) ck_bits(d[i], r3[i]);
    rt_rng_standard_normal_fill(g, d, 4);
    for (int i = 0; i < 4; i++) ck_bits(d[i], n4[i]);
    rt_rng_integers_fill(g, 0, 10, k, 5);
    for (int i = 0; i < 5; i++) ck_assert_int_eq(k[i], i5[i]);
    rt_rng_random_fill(g, d, 2);
    for (int i = 0; i < 2; i++) ck_bits(d[i], r2[i]);
    rt_rng_integers_fill(g, -5, 5, k, 6);
    for (int i = 0; i < 6; i++) ck_assert_int_eq(k[i], i6[i]);
    rt_rng_integers_fill(g, 1, 7, k, 8);
    for (int i = 0; i < 8; i++) ck_assert_int_eq(k[i], i8[i]);
    rt_rng_integers_fill(g, 0, 1000000, k, 3);
    for (int i = 0; i < 3; i++) ck_assert_int_eq(k[i], i3[i]);
    rt_rng_normal_fill(g, 2.0, 0.5, d, 3);
    for (int i = 0; i < 3; i++) ck_bits(d[i], nm[i]);
    rt_rng_uniform_fill(g, -1.0, 1.0, d, 3);
    for (int i = 0; i < 3; i++) ck_bits(d[i], un[i]);
    ck_bits(rt_rng_random_scalar(g), 0.997209935789211);
    rt_rng_integers_fill(g, 0, 100, k, 1);
    ck_assert_int_eq(k[0], 80);
    rt_rng_normal_fill(g, 1.0, 2.0, d, 1);
    ck_bits(d[0], 0.08454834866532168);
    rt_rng_uniform_fill(g, 3.0, 4.0, d, 1);
    ck_bits(d[0], 3.6504592762678163);
    ck_bits(rt_rng_standard_normal_scalar(g), -1.009618183538736);
    rt_rng_free(g);
}
END_TEST

/* Acceptance case 220: 200000 points of random((n, 2)), hits in the circle. */
START_TEST(monte_carlo_pi)
{
    enum { N = 200000 };
    double *p = malloc(2 * N * sizeof *p);
    rt_rng *g = rt_rng_new_raw(2024);
    rt_rng_random_fill(g, p, 2 * N);
    int hits = 0;
    for (int i = 0; i < N; i++)
        hits += p[2 * i] * p[2 * i] + p[2 * i + 1] * p[2 * i + 1] <= 1.0;
    ck_assert_int_eq(hits, 157202);
    rt_rng_free(g);
    free(p);
}
END_TEST

/* Entries of NumPy's ziggurat_constants.h (ki_double, wi_double, fi_double). */
START_TEST(ziggurat_table_entries)
{
    pthread_once(&zig_once, zig_build);
    ck_assert_uint_eq(ki[0], 0x000EF33D8025EF6AULL);
    ck_assert_uint_eq(ki[1], 0);
    ck_assert_uint_eq(ki[2], 0x000C08BE98FBC6A8ULL);
    ck_assert_uint_eq(ki[3], 0x000DA354FABD8142ULL);
    ck_assert_uint_eq(ki[255], 0x000F1A5A4B331C4AULL);
    ck_bits(wi[0], 8.68362706080130616677e-16);
    ck_bits(wi[1], 4.77933017572773682428e-17);
    ck_bits(wi[2], 6.35435241740526230246e-17);
    ck_bits(wi[128], 3.40914534700312603713e-16);
    ck_bits(wi[255], 8.11384933765648418565e-16);
    ck_bits(fi[0], 1.0);
    ck_bits(fi[1], 9.77101701267671596263e-01);
    ck_bits(fi[2], 9.59879091800106665211e-01);
    ck_bits(fi[254], 2.60907274610215926189e-03);
    ck_bits(fi[255], 1.26028593049859797236e-03);
}
END_TEST

/* Acceptance case 130: rng.random((3, 4)) then integers(0, 10, size=6). */
START_TEST(array_wrappers)
{
    rt_rng *g = rt_rng_new(42);
    rt_array *a = rt_rng_random(g, 2, (int64_t[]){3, 4});
    CK_SHAPE(a, 3, 4);
    ck_bits(((double *)a->data)[0], 0.7739560485559633);
    ck_bits(((double *)a->data)[11], 0.9267649888486018);
    rt_array *b = rt_rng_random(g, 1, (int64_t[]){5});
    rt_array *c = rt_rng_standard_normal(g, 2, (int64_t[]){2, 3});
    ck_bits(((double *)c->data)[0], -0.9588826008289989);
    ck_bits(((double *)c->data)[5], 1.2225413386740303);
    rt_array *d = rt_rng_integers(g, 0, 10, 1, (int64_t[]){6});
    ck_assert_int_eq(d->dtype, RT_I64);
    CK_VALS_I(d, 4, 8, 6, 7, 7, 1);
    rt_array *e = rt_rng_integers(g, 5, 5, 1, (int64_t[]){0});   /* empty: no check */
    CK_SHAPE(e, 0);
    rt_release(a);
    rt_release(b);
    rt_release(c);
    rt_release(d);
    rt_release(e);
    rt_rng_free(g);
}
END_TEST

START_TEST(parameter_errors_raise)
{
    rt_rng *g = rt_rng_new(0);
    EXPECT_RAISE(rt_rng_integers(g, 5, 5, 1, (int64_t[]){3}), "ValueError: low >= high");
    EXPECT_RAISE(rt_rng_integers_scalar(g, 5, 4), "ValueError: low >= high");
    EXPECT_RAISE(rt_rng_normal(g, 0.0, -1.0, 1, (int64_t[]){2}), "ValueError: scale < 0");
    EXPECT_RAISE(rt_rng_uniform(g, 1.0, 0.0, 1, (int64_t[]){2}), "ValueError: high - low < 0");
    EXPECT_RAISE(rt_rng_uniform_scalar(g, 0.0, INFINITY),
                 "OverflowError: high - low range exceeds valid bounds");
    EXPECT_RAISE(rt_rng_new(-1), "ValueError: expected non-negative integer");
    rt_rng_free(g);
}
END_TEST

static Suite *random_suite(void)
{
    Suite *s = suite_create("rt_random");
    TCase *tc = tcase_create("streams");
    tcase_add_loop_test(tc, seedseq_state, 0, NCASES);
    tcase_add_loop_test(tc, pcg64_raw, 0, NCASES);
    tcase_add_loop_test(tc, random_doubles, 0, NCASES);
    tcase_add_loop_test(tc, standard_normal, 0, NCASES);
    tcase_add_loop_test(tc, standard_normal_long, 0, NCASES);
    tcase_add_loop_test(tc, integers_paths, 0, NCASES);
    tcase_add_test(tc, mixed_stream_seed0);
    tcase_add_test(tc, monte_carlo_pi);
    tcase_add_test(tc, ziggurat_table_entries);
    tcase_add_test(tc, array_wrappers);
    tcase_add_test(tc, parameter_errors_raise);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(random_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

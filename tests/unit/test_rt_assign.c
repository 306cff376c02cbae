/* test_rt_assign.c: rt_assign with broadcasting, casting and overlapping
 * operands (the forms of acceptance case 058), rt_broadcast_* and their
 * error messages, rt_astype.  Expected values come from NumPy 1.24. */
#include "test_rt_util.h"

#include <math.h>

static rt_index SL(bool hl, int64_t lo, bool hh, int64_t hi)
{
    return (rt_index){.kind = RT_IDX_SLICE, .lo = lo, .hi = hi, .has_lo = hl, .has_hi = hh};
}
static rt_index REV(void) { return (rt_index){.kind = RT_IDX_SLICE, .step = -1, .has_step = true}; }
static rt_index ALL(void) { return (rt_index){.kind = RT_IDX_SLICE}; }

/* dst_idx / src_idx applied to the same array, then dst = src. */
static void self_assign(rt_array *a, int n, const rt_index *di, const rt_index *si)
{
    rt_array *d = rt_view(a, n, di), *s = rt_view(a, n, si);
    rt_assign(d, s);
    rt_release(d);
    rt_release(s);
}

START_TEST(overlap_1d)
{
    rt_array *A = rt_arange_f64(1, 7, 1);
    self_assign(A, 1, (rt_index[]){SL(1, 1, 0, 0)}, (rt_index[]){SL(0, 0, 1, -1)});   /* A[1:] = A[:-1] */
    CK_VALS_F(A, 1, 1, 2, 3, 4, 5);
    rt_release(A);
    rt_array *B = rt_arange_f64(1, 7, 1);
    self_assign(B, 1, (rt_index[]){SL(0, 0, 1, -1)}, (rt_index[]){SL(1, 1, 0, 0)});   /* B[:-1] = B[1:] */
    CK_VALS_F(B, 2, 3, 4, 5, 6, 6);
    rt_release(B);
    rt_array *C = rt_arange_i64(0, 6, 1);
    self_assign(C, 1, (rt_index[]){ALL()}, (rt_index[]){REV()});                      /* C[:] = C[::-1] */
    CK_VALS_I(C, 5, 4, 3, 2, 1, 0);
    rt_release(C);
}
END_TEST

START_TEST(overlap_2d)
{
    int64_t sh[2] = {3, 4};
    rt_array *M = mk_range(2, sh);
    self_assign(M, 2, (rt_index[]){SL(1, 1, 0, 0), ALL()}, (rt_index[]){SL(0, 0, 1, -1), ALL()});
    CK_VALS_I(M, 0, 1, 2, 3, 0, 1, 2, 3, 4, 5, 6, 7);
    rt_release(M);
    rt_array *N = mk_range(2, sh);
    self_assign(N, 2, (rt_index[]){ALL(), SL(1, 1, 0, 0)}, (rt_index[]){ALL(), SL(0, 0, 1, -1)});
    CK_VALS_I(N, 0, 0, 1, 2, 4, 4, 5, 6, 8, 8, 9, 10);
    rt_release(N);
    rt_array *P = mk_range(2, (int64_t[]){3, 3});
    rt_array *PT = rt_transpose(P, NULL);
    rt_array *dst = rt_view(P, 2, (rt_index[]){ALL(), ALL()});
    rt_assign(dst, PT);                                                   /* P[:, :] = P.T */
    CK_VALS_I(P, 0, 3, 6, 1, 4, 7, 2, 5, 8);
    rt_release(dst);
    rt_release(PT);
    rt_release(P);
}
END_TEST

START_TEST(broadcast_and_cast)
{
    rt_array *X = rt_zeros(RT_I64, 2, (int64_t[]){2, 3});
    rt_array *v = mk_f64(1, (int64_t[]){3}, (double[]){1.9, -2.7, NAN});
    rt_assign(X, v);
    CK_VALS_I(X, 1, -2, INT64_MIN, 1, -2, INT64_MIN);
    rt_release(v);
    rt_array *one = mk_f64(3, (int64_t[]){1, 1, 3}, (double[]){5, 6, 7});    /* leading 1s are fine */
    rt_assign(X, one);
    CK_VALS_I(X, 5, 6, 7, 5, 6, 7);
    rt_release(one);
    rt_array *col = mk_i64(2, (int64_t[]){2, 1}, (int64_t[]){-1, 9});
    rt_assign(X, col);
    CK_VALS_I(X, -1, -1, -1, 9, 9, 9);
    rt_release(col);
    rt_release(X);
    rt_array *Y = rt_zeros(RT_BOOL, 1, (int64_t[]){4});
    rt_array *y = mk_f64(1, (int64_t[]){4}, (double[]){0.0, NAN, -0.0, 3});
    rt_assign(Y, y);
    CK_VALS_I(Y, 0, 1, 0, 1);
    rt_release(y);
    rt_release(Y);
}
END_TEST

START_TEST(assign_errors)
{
    rt_array *b = rt_zeros(RT_F64, 1, (int64_t[]){4});
    rt_array *o3 = rt_full_f64(RT_F64, 1, (int64_t[]){3}, 1);
    EXPECT_RAISE(rt_assign(b, o3), "ValueError: could not broadcast input array from shape (3,) into shape (4,)");
    rt_array *m = rt_zeros(RT_F64, 2, (int64_t[]){2, 3});
    rt_array *big = rt_zeros(RT_F64, 3, (int64_t[]){2, 2, 3});
    EXPECT_RAISE(rt_assign(m, big),
                 "ValueError: could not broadcast input array from shape (2,2,3) into shape (2,3)");
    rt_release(big);
    rt_release(m);
    rt_release(o3);
    rt_release(b);
}
END_TEST

START_TEST(broadcast_shapes)
{
    rt_array *a = rt_zeros(RT_F64, 2, (int64_t[]){4, 1});
    rt_array *b = rt_zeros(RT_F64, 1, (int64_t[]){3});
    rt_array *ops[2] = {a, b};
    int64_t shape[2], st[2];
    rt_broadcast_shape(2, ops, 2, shape);
    ck_assert_int_eq(shape[0], 4);
    ck_assert_int_eq(shape[1], 3);
    rt_broadcast_strides(b, 2, shape, st);
    ck_assert_int_eq(st[0], 0);
    ck_assert_int_eq(st[1], 1);
    rt_broadcast_strides(a, 2, shape, st);
    ck_assert_int_eq(st[0], 1);
    ck_assert_int_eq(st[1], 0);
    rt_array *c = rt_zeros(RT_F64, 1, (int64_t[]){4});
    rt_array *bad[2] = {b, c};
    EXPECT_RAISE(rt_broadcast_shape(2, bad, 1, shape),
                 "ValueError: operands could not be broadcast together with shapes (3,) (4,) ");
    rt_array *d = rt_zeros(RT_F64, 2, (int64_t[]){2, 3});
    rt_array *e = rt_zeros(RT_F64, 3, (int64_t[]){4, 1, 2});
    rt_array *bad2[2] = {d, e};
    int64_t sh3[3];
    EXPECT_RAISE(rt_broadcast_shape(2, bad2, 3, sh3),
                 "ValueError: operands could not be broadcast together with shapes (2,3) (4,1,2) ");
    rt_release(a);
    rt_release(b);
    rt_release(c);
    rt_release(d);
    rt_release(e);
}
END_TEST

START_TEST(astype_and_copy)
{
    rt_array *f = mk_f64(1, (int64_t[]){6}, (double[]){NAN, 1.0, INFINITY, -INFINITY, 1e20, -2.7});
    rt_array *i = rt_astype(f, RT_I64);
    CK_VALS_I(i, INT64_MIN, 1, INT64_MIN, INT64_MIN, INT64_MIN, -2);
    rt_array *b = rt_astype(f, RT_BOOL);
    CK_VALS_I(b, 1, 1, 1, 1, 1, 1);
    rt_array *s = rt_astype(f, RT_F32);
    ck_assert(s->dtype == RT_F32);
    ck_assert_float_eq(((float *)s->data)[5], -2.7f);
    rt_array *r = rt_view(f, 1, (rt_index[]){REV()});
    rt_array *c = rt_copy(r);
    ck_assert(rt_is_contiguous(c) && !rt_is_contiguous(r));
    CK_VALS_F(c, -2.7, 1e20, -INFINITY, INFINITY, 1.0, NAN);
    rt_release(c);
    rt_release(r);
    rt_release(s);
    rt_release(b);
    rt_release(i);
    rt_release(f);
}
END_TEST

START_TEST(big_parallel_copy)
{
    int64_t sh[2] = {300, 500};
    rt_array *a = mk_range(2, sh);
    rt_array *t = rt_transpose(a, NULL);
    rt_array *c = rt_astype(t, RT_F64);     /* several blocks, strided source */
    ck_assert_double_eq(at_f(c, 0), 0);
    ck_assert_double_eq(at_f(c, 1), 500);
    ck_assert_double_eq(at_f(c, 300 * 499 + 299), 149999);
    ck_assert_double_eq(at_f(c, 300 * 7 + 5), 5 * 500 + 7);
    rt_release(c);
    rt_release(t);
    rt_release(a);
}
END_TEST

RT_TEST_MAIN("rt_assign", overlap_1d, overlap_2d, broadcast_and_cast, assign_errors, broadcast_shapes,
             astype_and_copy, big_parallel_copy)

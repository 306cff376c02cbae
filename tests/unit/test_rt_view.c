/* test_rt_view.c: indexing and slicing views, views of views, negative
 * strides, newaxis, reshape (view or copy), transpose, and their errors.
 * Expected values come from NumPy 1.24. */
#include "test_rt_util.h"

static rt_index I(int64_t i) { return (rt_index){.kind = RT_IDX_INT, .lo = i}; }
static rt_index ALL(void) { return (rt_index){.kind = RT_IDX_SLICE}; }
static rt_index NEW(void) { return (rt_index){.kind = RT_IDX_NEWAXIS}; }
static rt_index S(bool hl, int64_t lo, bool hh, int64_t hi, bool hs, int64_t st)
{
    return (rt_index){.kind = RT_IDX_SLICE, .lo = lo, .hi = hi, .step = st,
                      .has_lo = hl, .has_hi = hh, .has_step = hs};
}

static rt_array *range3(void)
{
    int64_t sh[3] = {2, 3, 4};
    return mk_range(3, sh);
}

START_TEST(index_and_slice)
{
    rt_array *A = range3();
    rt_index ix[3] = {I(1), S(0, 0, 0, 0, 1, -1), S(1, 1, 1, 3, 0, 0)};    /* A[1, ::-1, 1:3] */
    rt_array *v = rt_view(A, 3, ix);
    CK_SHAPE(v, 3, 2);
    CK_VALS_I(v, 21, 22, 17, 18, 13, 14);
    ck_assert_ptr_eq(v->buf, A->buf);
    rt_release(v);
    rt_index nx[4] = {I(0), NEW(), ALL(), I(-3)};                          /* A[0, None, :, -3] */
    v = rt_view(A, 4, nx);
    CK_SHAPE(v, 1, 3);
    CK_VALS_I(v, 1, 5, 9);
    rt_release(v);
    rt_release(A);
}
END_TEST

START_TEST(view_of_view)
{
    rt_array *A = range3();
    rt_index b[3] = {ALL(), S(1, 1, 0, 0, 0, 0), S(0, 0, 0, 0, 1, -2)};    /* A[:, 1:, ::-2] */
    rt_array *B = rt_view(A, 3, b);
    CK_SHAPE(B, 2, 2, 2);
    rt_index c[2] = {I(1), S(0, 0, 0, 0, 1, -1)};                          /* B[1, ::-1] */
    rt_array *C = rt_view(B, 2, c);
    rt_release(A);
    rt_release(B);
    CK_SHAPE(C, 2, 2);
    CK_VALS_I(C, 23, 21, 19, 17);
    rt_release(C);      /* the buffer lives until here */
}
END_TEST

START_TEST(slice_clamping)
{
    rt_array *a = rt_arange_i64(0, 10, 1), *v;
    v = rt_view(a, 1, (rt_index[]){S(1, -100, 1, 100, 1, 3)});
    CK_VALS_I(v, 0, 3, 6, 9);
    rt_release(v);
    v = rt_view(a, 1, (rt_index[]){S(1, 8, 1, 2, 1, -2)});
    CK_VALS_I(v, 8, 6, 4);
    rt_release(v);
    v = rt_view(a, 1, (rt_index[]){S(1, 5, 1, 2, 0, 0)});
    ck_assert_int_eq(rt_size(v), 0);
    rt_release(v);
    v = rt_view(a, 1, (rt_index[]){S(1, -3, 0, 0, 0, 0)});
    CK_VALS_I(v, 7, 8, 9);
    rt_release(v);
    v = rt_view(a, 1, (rt_index[]){S(0, 0, 1, -12, 1, -1)});
    CK_VALS_I(v, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    rt_release(v);
    v = rt_view(a, 1, (rt_index[]){S(1, 100, 0, 0, 1, -4)});
    CK_VALS_I(v, 9, 5, 1);
    rt_release(v);
    rt_array *r = rt_view(a, 1, (rt_index[]){S(0, 0, 0, 0, 1, -1)});     /* a[::-1][2:7:2] */
    v = rt_view(r, 1, (rt_index[]){S(1, 2, 1, 7, 1, 2)});
    CK_VALS_I(v, 7, 5, 3);
    ck_assert_int_eq(v->strides[0], -2);
    rt_release(v);
    rt_release(r);
    rt_release(a);
}
END_TEST

START_TEST(view_writes_through)
{
    rt_array *a = rt_arange_i64(0, 6, 1);
    rt_array *v = rt_view(a, 1, (rt_index[]){S(1, 1, 1, 3, 0, 0)});
    rt_fill_i64(v, 42);
    CK_VALS_I(a, 0, 42, 42, 3, 4, 5);
    rt_release(v);
    rt_release(a);
}
END_TEST

START_TEST(index_errors)
{
    rt_array *a = rt_arange_i64(0, 10, 1);
    EXPECT_RAISE(rt_view(a, 1, (rt_index[]){I(10)}),
                 "IndexError: index 10 is out of bounds for axis 0 with size 10");
    EXPECT_RAISE(rt_view(a, 1, (rt_index[]){I(-11)}),
                 "IndexError: index -11 is out of bounds for axis 0 with size 10");
    EXPECT_RAISE(rt_view(a, 2, (rt_index[]){I(1), I(2)}),
                 "IndexError: too many indices for array: array is 1-dimensional, but 2 were indexed");
    EXPECT_RAISE(rt_view(a, 1, (rt_index[]){S(0, 0, 0, 0, 1, 0)}),
                 "ValueError: slice step cannot be zero");
    EXPECT_RAISE(rt_check_index(5, 3, 1), "IndexError: index 5 is out of bounds for axis 1 with size 3");
    ck_assert_int_eq(rt_check_index(-1, 10, 0), 9);
    rt_release(a);
}
END_TEST

START_TEST(reshape_view_and_copy)
{
    rt_array *A = range3();
    int64_t s8[1] = {8}, s26[2] = {2, 6}, s46[2] = {4, 6}, neg[1] = {-1};
    rt_array *row = rt_view(A, 2, (rt_index[]){ALL(), I(1)});           /* A[:, 1] */
    rt_array *r = rt_reshape(row, 1, s8);
    CK_VALS_I(r, 4, 5, 6, 7, 16, 17, 18, 19);
    ck_assert_ptr_ne(r->buf, A->buf);       /* rows 12 apart: a copy */
    rt_release(r);
    rt_release(row);
    row = rt_view(A, 3, (rt_index[]){I(1), S(1, 1, 0, 0, 0, 0), ALL()});   /* A[1, 1:] */
    r = rt_reshape(row, 3, (int64_t[]){4, 1, 2});
    CK_VALS_I(r, 16, 17, 18, 19, 20, 21, 22, 23);
    ck_assert_ptr_eq(r->buf, A->buf);       /* contiguous: a view */
    ck_assert_int_eq(r->strides[0], 2);
    rt_release(r);
    rt_release(row);
    rt_array *mid = rt_view(A, 3, (rt_index[]){ALL(), ALL(), S(1, 1, 1, 3, 0, 0)});
    r = rt_reshape(mid, 2, s26);
    CK_VALS_I(r, 1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22);
    ck_assert_ptr_ne(r->buf, A->buf);       /* needs a copy */
    rt_release(r);
    rt_release(mid);
    int perm[3] = {2, 0, 1};
    rt_array *T = rt_transpose(A, perm);
    CK_SHAPE(T, 4, 2, 3);
    r = rt_reshape(T, 2, s46);
    CK_VALS_I(r, 0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23);
    rt_release(r);
    rt_release(T);
    T = rt_transpose(A, NULL);
    CK_SHAPE(T, 4, 3, 2);
    r = rt_reshape(T, 1, neg);
    CK_SHAPE(r, 24);
    ck_assert_int_eq(at_i(r, 1), 12);
    ck_assert_int_eq(at_i(r, 7), 13);
    rt_release(r);
    rt_release(T);
    rt_release(A);
}
END_TEST

START_TEST(reshape_errors)
{
    rt_array *a = rt_arange_i64(0, 12, 1);
    EXPECT_RAISE(rt_reshape(a, 2, (int64_t[]){5, -1}),
                 "ValueError: cannot reshape array of size 12 into shape (5,newaxis)");
    EXPECT_RAISE(rt_reshape(a, 1, (int64_t[]){5}), "ValueError: cannot reshape array of size 12 into shape (5,)");
    EXPECT_RAISE(rt_reshape(a, 2, (int64_t[]){2, 7}), "ValueError: cannot reshape array of size 12 into shape (2,7)");
    EXPECT_RAISE(rt_reshape(a, 2, (int64_t[]){-1, -1}), "ValueError: can only specify one unknown dimension");
    EXPECT_RAISE(rt_zeros(RT_F64, 2, (int64_t[]){2, -1}), "ValueError: negative dimensions are not allowed");
    EXPECT_RAISE(rt_transpose(a, (int[]){1}), "ValueError: axes don't match array");
    rt_array *r = rt_reshape(a, 2, (int64_t[]){-1, 6});
    CK_SHAPE(r, 2, 6);
    rt_release(r);
    rt_release(a);
}
END_TEST

START_TEST(alloc_basics)
{
    rt_array *z = rt_zeros(RT_F64, 2, (int64_t[]){0, 3});
    ck_assert_int_eq(rt_size(z), 0);
    ck_assert(rt_is_contiguous(z));
    rt_release(z);
    z = rt_full_f64(RT_I64, 1, (int64_t[]){3}, -2.7);
    CK_VALS_I(z, -2, -2, -2);
    ck_assert_int_eq((uintptr_t)z->data % 64, 0);
    rt_retain(z);
    rt_release(z);
    ck_assert_int_eq(z->refcount, 1);
    rt_release(z);
    rt_retain(NULL);
    rt_release(NULL);
    rt_array *s = rt_full_i64(RT_BOOL, 0, NULL, 5);
    ck_assert_int_eq(rt_size(s), 1);
    ck_assert(rt_item_bool(s));
    rt_release(s);
}
END_TEST

RT_TEST_MAIN("rt_view", index_and_slice, view_of_view, slice_clamping, view_writes_through,
             index_errors, reshape_view_and_copy, reshape_errors, alloc_basics)

/* test_rt_mask.c: boolean masks and integer index arrays, read and written,
 * on contiguous and strided arrays, and NumPy's errors.
 * Expected values come from NumPy 1.24. */
#include "test_rt_util.h"

static rt_array *A34(void)
{
    int64_t sh[2] = {3, 4};
    return mk_range(2, sh);
}

static rt_array *mk_bool(int rank, const int64_t *shape, const bool *v)
{
    rt_array *m = rt_alloc(RT_BOOL, rank, shape);
    for (int64_t i = 0; i < rt_size(m); i++)
        ((uint8_t *)m->data)[i] = v[i];
    return m;
}

static rt_array *mk_idx(int rank, const int64_t *shape, const int64_t *v)
{
    return mk_i64(rank, shape, v);
}

START_TEST(mask_read_full_rank)
{
    rt_array *A = A34();
    bool mv[12];
    for (int i = 0; i < 12; i++)
        mv[i] = i % 3 == 0;
    int64_t sh[2] = {3, 4};
    rt_array *m = mk_bool(2, sh, mv);
    rt_array *r = rt_mask_get(A, m, 0, 0);          /* A[A % 3 == 0] */
    CK_SHAPE(r, 4);
    CK_VALS_I(r, 0, 3, 6, 9);
    rt_release(r);
    rt_release(m);
    rt_array *T = rt_transpose(A, NULL);             /* A.T[A.T > 6] */
    bool tv[12];
    for (int i = 0; i < 12; i++)
        tv[i] = at_i(T, i) > 6;
    int64_t tsh[2] = {4, 3};
    m = mk_bool(2, tsh, tv);
    r = rt_mask_get(T, m, 0, 0);
    CK_VALS_I(r, 8, 9, 10, 7, 11);
    rt_release(r);
    rt_release(m);
    rt_release(T);
    rt_release(A);
}
END_TEST

START_TEST(mask_read_leading_and_inner_axis)
{
    rt_array *A = A34();
    int64_t n3 = 3, n4 = 4;
    rt_array *rows = mk_bool(1, &n3, (bool[]){true, false, true});
    rt_array *r = rt_mask_get(A, rows, 0, 0);        /* A[[T, F, T]] */
    CK_SHAPE(r, 2, 4);
    CK_VALS_I(r, 0, 1, 2, 3, 8, 9, 10, 11);
    rt_release(r);
    rt_array *cols = mk_bool(1, &n4, (bool[]){true, false, true, true});
    r = rt_mask_get(A, cols, 1, 1);                  /* A[:, [T, F, T, T]] */
    CK_SHAPE(r, 3, 3);
    CK_VALS_I(r, 0, 2, 3, 4, 6, 7, 8, 10, 11);
    rt_release(r);
    rt_array *none = mk_bool(1, &n3, (bool[]){false, false, false});
    r = rt_mask_get(A, none, 0, 0);
    CK_SHAPE(r, 0, 4);
    rt_release(r);
    rt_release(none);
    rt_release(cols);
    rt_release(rows);
    rt_release(A);
}
END_TEST

START_TEST(mask_write)
{
    rt_array *A = A34();
    bool mv[12];
    for (int i = 0; i < 12; i++)
        mv[i] = i > 6;
    int64_t sh[2] = {3, 4}, n5 = 5;
    rt_array *m = mk_bool(2, sh, mv);
    rt_array *v = mk_i64(1, &n5, (int64_t[]){70, 80, 90, 100, 110});
    rt_mask_set(A, m, 0, 0, v);                      /* B[B > 6] = [70, ...] */
    CK_VALS_I(A, 0, 1, 2, 3, 4, 5, 6, 70, 80, 90, 100, 110);
    rt_release(v);
    rt_release(m);
    rt_release(A);
    rt_array *I = A34();
    A = rt_astype(I, RT_F64);
    rt_release(I);
    for (int i = 0; i < 12; i++)
        mv[i] = i < 3;
    m = mk_bool(2, sh, mv);
    rt_mask_fill_f64(A, m, 0, 0, 0.5);               /* B[B < 3] = 0.5 */
    CK_VALS_F(A, 0.5, 0.5, 0.5, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    rt_mask_fill_i64(A, m, 0, 0, -2);
    CK_VALS_F(A, -2, -2, -2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    rt_release(m);
    rt_release(A);
}
END_TEST

START_TEST(take_read)
{
    rt_array *A = A34();
    int64_t n3 = 3, sh22[2] = {2, 2};
    rt_array *i = mk_idx(1, &n3, (int64_t[]){2, -1, 0});
    rt_array *r = rt_take(A, i, 0, 0);               /* A[[2, -1, 0]] */
    CK_SHAPE(r, 3, 4);
    CK_VALS_I(r, 8, 9, 10, 11, 8, 9, 10, 11, 0, 1, 2, 3);
    rt_release(r);
    rt_array *j = mk_idx(2, sh22, (int64_t[]){3, 0, 1, 1});
    r = rt_take(A, j, 1, 1);                         /* A[:, [[3, 0], [1, 1]]] */
    CK_SHAPE(r, 3, 2, 2);
    CK_VALS_I(r, 3, 0, 1, 1, 7, 4, 5, 5, 11, 8, 9, 9);
    rt_release(r);
    rt_release(j);
    rt_release(i);
    rt_release(A);
}
END_TEST

START_TEST(take_write)
{
    rt_array *A = A34();
    int64_t n3 = 3, n2 = 2, sh31[2] = {3, 1};
    rt_array *i = mk_idx(1, &n3, (int64_t[]){0, 2, 0});
    rt_array *v = mk_i64(2, sh31, (int64_t[]){1, 2, 3});
    rt_put(A, i, 0, 0, v);                           /* last write wins */
    CK_VALS_I(A, 3, 3, 3, 3, 4, 5, 6, 7, 2, 2, 2, 2);
    rt_release(v);
    rt_release(i);
    rt_release(A);
    A = A34();
    i = mk_idx(1, &n2, (int64_t[]){1, 3});
    v = mk_f64(1, &n2, (double[]){-1.9, 7.2});
    rt_put(A, i, 1, 1, v);                           /* A[:, [1, 3]] = [-1.9, 7.2] */
    CK_VALS_I(A, 0, -1, 2, 7, 4, -1, 6, 7, 8, -1, 10, 7);
    rt_put_fill_i64(A, i, 1, 1, 5);
    CK_VALS_I(A, 0, 5, 2, 5, 4, 5, 6, 5, 8, 5, 10, 5);
    rt_release(v);
    rt_release(i);
    rt_release(A);
}
END_TEST

START_TEST(write_overlapping_values)
{
    int64_t n2 = 2;
    rt_array *B = rt_arange_i64(0, 5, 1);
    rt_array *i = mk_idx(1, &n2, (int64_t[]){1, 2});
    rt_array *j = mk_idx(1, &n2, (int64_t[]){2, 1});
    rt_array *v = rt_take(B, j, 0, 0);
    rt_put(B, i, 0, 0, v);                           /* B[[1, 2]] = B[[2, 1]] */
    CK_VALS_I(B, 0, 2, 1, 3, 4);
    rt_release(v);
    rt_array *C = rt_arange_i64(0, 6, 1);
    rt_index tail = {.kind = RT_IDX_SLICE, .lo = 3, .has_lo = true};
    rt_array *t = rt_view(C, 1, &tail);
    int64_t n3 = 3;
    rt_array *k = mk_idx(1, &n3, (int64_t[]){0, 1, 2});
    rt_put(C, k, 0, 0, t);                           /* C[[0, 1, 2]] = C[3:] */
    CK_VALS_I(C, 3, 4, 5, 3, 4, 5);
    rt_release(k);
    rt_release(t);
    rt_release(C);
    rt_release(j);
    rt_release(i);
    rt_release(B);
}
END_TEST

START_TEST(nonzero)
{
    rt_array *A = A34();
    bool mv[12];
    for (int i = 0; i < 12; i++)
        mv[i] = i % 5 == 0;
    int64_t sh[2] = {3, 4};
    rt_array *m = mk_bool(2, sh, mv);
    rt_array *r0 = rt_nonzero(m, 0), *r1 = rt_nonzero(m, 1);
    CK_SHAPE(r0, 3);
    CK_VALS_I(r0, 0, 1, 2);
    CK_VALS_I(r1, 0, 1, 2);
    rt_release(r0);
    rt_release(r1);
    rt_array *T = rt_transpose(m, NULL);
    rt_array *f = rt_flatnonzero(T);                 /* np.flatnonzero(m.T) */
    CK_VALS_I(f, 0, 4, 8);
    rt_release(f);
    rt_release(T);
    rt_array *z = rt_zeros(RT_F64, 2, sh);
    r0 = rt_nonzero(z, 1);
    CK_SHAPE(r0, 0);
    rt_release(r0);
    rt_release(z);
    rt_release(m);
    rt_release(A);
}
END_TEST

START_TEST(errors)
{
    rt_array *A = A34();
    int64_t n3 = 3, n4 = 4, n2 = 2, sh24[2] = {2, 4}, sh33[2] = {3, 3};
    rt_array *m4 = mk_bool(1, &n4, (bool[]){true, false, true, true});
    rt_array *m3 = mk_bool(1, &n3, (bool[]){true, false, true});
    bool ones[12] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    rt_array *m24 = mk_bool(2, sh24, ones), *m33 = mk_bool(2, sh33, ones);
    EXPECT_RAISE(rt_mask_get(A, m4, 0, 0), "IndexError: boolean index did not match indexed array along "
                 "dimension 0; dimension is 3 but corresponding boolean dimension is 4");
    EXPECT_RAISE(rt_mask_get(A, m3, 1, 1), "IndexError: boolean index did not match indexed array along "
                 "dimension 1; dimension is 4 but corresponding boolean dimension is 3");
    EXPECT_RAISE(rt_mask_get(A, m24, 0, 0), "IndexError: boolean index did not match indexed array along "
                 "dimension 0; dimension is 3 but corresponding boolean dimension is 2");
    EXPECT_RAISE(rt_mask_get(A, m33, 0, 0), "IndexError: boolean index did not match indexed array along "
                 "dimension 1; dimension is 4 but corresponding boolean dimension is 3");
    rt_array *i7 = mk_idx(1, &n2, (int64_t[]){0, 7}), *im4 = mk_idx(1, &n2, (int64_t[]){0, -4});
    EXPECT_RAISE(rt_take(A, i7, 0, 0), "IndexError: index 7 is out of bounds for axis 0 with size 3");
    EXPECT_RAISE(rt_take(A, im4, 0, 0), "IndexError: index -4 is out of bounds for axis 0 with size 3");
    EXPECT_RAISE(rt_take(A, i7, 0, 1), "IndexError: index 7 is out of bounds for axis 1 with size 3");
    rt_array *v3 = rt_arange_i64(0, 3, 1);
    bool gt5[12] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    int64_t sh34[2] = {3, 4};
    rt_array *mgt5 = mk_bool(2, sh34, gt5);
    EXPECT_RAISE(rt_mask_set(A, mgt5, 0, 0, v3), "ValueError: NumPy boolean array indexing assignment "
                 "cannot assign 3 input values to the 6 output values where the mask is true");
    EXPECT_RAISE(rt_mask_set(A, m3, 0, 0, v3), "ValueError: shape mismatch: value array of shape (3,) "
                 "could not be broadcast to indexing result of shape (2,4)");
    rt_array *v12 = rt_zeros(RT_I64, 2, (int64_t[]){1, 2});
    EXPECT_RAISE(rt_mask_set(A, mgt5, 0, 0, v12), "TypeError: NumPy boolean array indexing assignment "
                 "requires a 0 or 1-dimensional input, input has 2 dimensions");
    EXPECT_RAISE(rt_put(A, i7, 0, 0, v3), "IndexError: index 7 is out of bounds for axis 0 with size 3");
    rt_array *i01 = mk_idx(1, &n2, (int64_t[]){0, 1});
    EXPECT_RAISE(rt_put(A, i01, 0, 0, v3), "ValueError: shape mismatch: value array of shape (3,) "
                 "could not be broadcast to indexing result of shape (2,4)");
    rt_release(i01);
    rt_release(v12);
    rt_release(mgt5);
    rt_release(v3);
    rt_release(i7);
    rt_release(im4);
    rt_release(m24);
    rt_release(m33);
    rt_release(m3);
    rt_release(m4);
    rt_release(A);
}
END_TEST

START_TEST(take_multi)
{
    int64_t sh[3] = {2, 3, 4}, n2 = 2, sh21[2] = {2, 1};
    rt_array *A = mk_range(3, sh);
    rt_array *i = mk_idx(1, &n2, (int64_t[]){0, 1}), *j = mk_idx(1, &n2, (int64_t[]){1, -1});
    rt_array *ij[2] = {i, j};
    rt_array *r = rt_take_multi(A, 0, 0, 2, ij);     /* A[[0, 1], [1, -1]] */
    CK_SHAPE(r, 2, 4);
    CK_VALS_I(r, 4, 5, 6, 7, 20, 21, 22, 23);
    rt_release(r);
    rt_array *col = mk_idx(2, sh21, (int64_t[]){0, 1});
    rt_array *cj[2] = {col, j};
    r = rt_take_multi(A, 1, 1, 2, cj);               /* A[:, [[0], [1]], [1, -1]] */
    CK_SHAPE(r, 2, 2, 2);
    CK_VALS_I(r, 1, 3, 5, 7, 13, 15, 17, 19);
    rt_release(r);
    rt_put_multi_fill_i64(A, 1, 1, -1, 2, cj);
    CK_VALS_I(A, 0, -1, 2, -1, 4, -1, 6, -1, 8, 9, 10, 11, 12, -1, 14, -1, 16, -1, 18, -1, 20, 21, 22, 23);
    int64_t n3 = 3;
    rt_array *k = mk_idx(1, &n3, (int64_t[]){0, 1, 2});
    rt_array *ik[2] = {i, k};
    EXPECT_RAISE(rt_take_multi(A, 0, 0, 2, ik), "IndexError: shape mismatch: indexing arrays could not "
                 "be broadcast together with shapes (2,) (3,) ");
    rt_array *big = mk_idx(1, &n2, (int64_t[]){0, 3});
    rt_array *ib[2] = {i, big};
    EXPECT_RAISE(rt_take_multi(A, 0, 0, 2, ib), "IndexError: index 3 is out of bounds for axis 1 with size 3");
    rt_release(big);
    rt_release(k);
    rt_release(col);
    rt_release(j);
    rt_release(i);
    rt_release(A);
}
END_TEST

RT_TEST_MAIN("rt_mask", mask_read_full_rank, mask_read_leading_and_inner_axis, mask_write, take_read,
             take_write, take_multi, write_overlapping_values, nonzero, errors)

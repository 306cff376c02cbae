/* test_sema_types.c: NumPy 1.24 promotion and the joins of flow-sensitive
 * typing (frontend/types.c), and end-to-end typing of small programs through
 * nps_compile_to_ir. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/frontend.h"
#include "frontend/types.h"

static arena A;

static sema_type *py(ir_dtype dt) { return ty_scalar(&A, dt, false); }
static sema_type *np(ir_dtype dt) { return ty_scalar(&A, dt, true); }
static sema_type *arr(ir_dtype dt, int rank) { return ty_array(&A, dt, rank, NULL); }

static ir_dtype bin(const sema_type *x, const sema_type *y, bool *numpy)
{
    return ty_binary_dtype(x, y, numpy);
}

START_TEST(array_with_python_scalar_is_value_based)
{
    bool n;
    /* np.array([True]) + 1 -> int64; float32 array * 2.5 -> float32 */
    ck_assert_int_eq(bin(arr(IR_BOOL, 1), py(IR_I64), &n), IR_I64);
    ck_assert_int_eq(bin(arr(IR_F32, 1), py(IR_F64), &n), IR_F32);
    ck_assert_int_eq(bin(arr(IR_F32, 1), py(IR_I64), &n), IR_F32);
    /* int array * 2.5 -> float64; int array * np.float32(2) -> float64 */
    ck_assert_int_eq(bin(arr(IR_I64, 1), py(IR_F64), &n), IR_F64);
    ck_assert_int_eq(bin(arr(IR_I64, 1), np(IR_F32), &n), IR_F64);
    /* f32 array with np.float64 scalar stays f32 (same kind) */
    ck_assert_int_eq(bin(arr(IR_F32, 2), np(IR_F64), &n), IR_F32);
    ck_assert(n);
}
END_TEST

START_TEST(arrays_and_scalars_promote_normally)
{
    bool n;
    ck_assert_int_eq(bin(arr(IR_I64, 1), arr(IR_F32, 1), &n), IR_F64);
    ck_assert_int_eq(bin(arr(IR_F32, 1), arr(IR_F32, 1), &n), IR_F32);
    ck_assert_int_eq(bin(arr(IR_BOOL, 1), arr(IR_I64, 1), &n), IR_I64);
    /* scalars alone: np.float32(3) * 2 is np.float64 (2 is int64) */
    ck_assert_int_eq(bin(np(IR_F32), py(IR_I64), &n), IR_F64);
    ck_assert(n);
    ck_assert_int_eq(bin(py(IR_I64), py(IR_I64), &n), IR_I64);
    ck_assert(!n);
}
END_TEST

START_TEST(joins)
{
    sema_type *j = ty_join(&A, py(IR_I64), py(IR_F64));
    ck_assert_ptr_nonnull(j);
    ck_assert_int_eq(j->dtype, IR_F64);
    int64_t d3[] = {3}, d4[] = {4};
    j = ty_join(&A, ty_array(&A, IR_F64, 1, d3), ty_array(&A, IR_F64, 1, d4));
    ck_assert_ptr_nonnull(j);
    ck_assert_int_eq(j->dims[0], -1);
    ck_assert_ptr_null(ty_join(&A, arr(IR_F64, 1), arr(IR_F64, 2)));
    ck_assert_ptr_null(ty_join(&A, arr(IR_F64, 1), py(IR_F64)));
}
END_TEST

/* Compile a program; return its IR text (NULL on errors). */
static char *compile(const char *src)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&buf, &len);
    diag_set_stream(err);
    diag_reset();
    ir_module *m = nps_compile_to_ir("t.nps", src);
    diag_set_stream(NULL);
    fclose(err);
    free(buf);
    if (!m)
        return NULL;
    char *out = NULL;
    FILE *f = open_memstream(&out, &len);
    ir_print_module(f, m);
    fclose(f);
    ck_assert_int_eq(ir_verify(m), 0);
    ir_module_free(m);
    return out;
}

START_TEST(rebinding_makes_a_new_version)
{
    char *ir = compile("import numpy as np\nx = 3\nx = np.arange(x) * 1.5\nprint(x)\n");
    ck_assert_ptr_nonnull(ir);
    ck_assert_ptr_nonnull(strstr(ir, "%x:i64 = const 3"));
    ck_assert_ptr_nonnull(strstr(ir, "%x.1:f64[?] = mul"));
    free(ir);
}
END_TEST

START_TEST(loop_widens_int_to_float)
{
    char *ir = compile("import numpy as np\ns = 0\nfor i in range(3):\n    s += 0.5\nprint(s)\n");
    ck_assert_ptr_nonnull(ir);
    ck_assert_ptr_nonnull(strstr(ir, "%s:f64 ="));
    ck_assert_ptr_null(strstr(ir, "%s:i64"));
    free(ir);
}
END_TEST

START_TEST(specialised_per_signature)
{
    char *ir = compile("import numpy as np\ndef d(x):\n    return x * 2\nprint(d(1), d(2.5), d(np.ones(2)))\n");
    ck_assert_ptr_nonnull(ir);
    ck_assert_ptr_nonnull(strstr(ir, "func @d(%x:i64) -> (i64)"));
    ck_assert_ptr_nonnull(strstr(ir, "func @d$2(%x:f64) -> (f64)"));
    ck_assert_ptr_nonnull(strstr(ir, "func @d$3(%x:f64[?]) -> (f64[?])"));
    free(ir);
}
END_TEST

START_TEST(rejections)
{
    ck_assert_ptr_null(compile("import numpy as np\nA = np.zeros(2)\nA = 'x'\n"));
    ck_assert_ptr_null(compile("import numpy as np\nprint(totl)\n"));
    ck_assert_ptr_null(compile("import pandas as pd\n"));
    ck_assert_ptr_null(compile("import numpy as np\nif 1 > 0:\n    x = 1\nelse:\n    x = np.ones(2)\nprint(x)\n"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sema_types");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, array_with_python_scalar_is_value_based);
    tcase_add_test(tc, arrays_and_scalars_promote_normally);
    tcase_add_test(tc, joins);
    tcase_add_test(tc, rebinding_makes_a_new_version);
    tcase_add_test(tc, loop_widens_int_to_float);
    tcase_add_test(tc, specialised_per_signature);
    tcase_add_test(tc, rejections);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    arena_free(&A);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* test_emit_c.c: the C emitter on small parsed modules; checks key lines. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/emit_c.h"

/* Emit text's module as C; *errors gets the emitter's return value. */
static char *emit(const char *text, int *errors)
{
    ir_module *m = ir_parse("t.nir", text);
    ck_assert_ptr_nonnull(m);
    if (!errors)
        ck_assert_int_eq(ir_verify(m), 0);
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    FILE *diag = fopen("/dev/null", "w");
    diag_set_stream(diag);
    int n = emit_c_module(f, m);
    diag_set_stream(NULL);
    fclose(diag);
    fclose(f);
    ir_module_free(m);
    if (errors)
        *errors = n;
    else
        ck_assert_int_eq(n, 0);
    return buf;
}

#define HAS(text, s) ck_assert_msg(strstr(text, s) != NULL, "missing: %s", s)
#define LACKS(text, s) ck_assert_msg(strstr(text, s) == NULL, "unexpected: %s", s)

START_TEST(scalar_ops)
{
    char *c = emit("source \"p.nps\"\n"
                   "func @main() {\n"
                   "  %a:i64 = const 7\n"
                   "  %b:i64 = const -2\n"
                   "  %t1:i64 = add %a, %b\n"
                   "  %t2:i64 = floordiv %a, %b {py = true} loc(5:3)\n"
                   "  %t3:i64 = floordiv %a, %b\n"
                   "  %x:f64 = cast %a\n"
                   "  %y:f64 = div %x, %x {py = true}\n"
                   "  %k:i64 = cast %y\n"
                   "  %m:f64 = max %x, %y\n"
                   "  %h:f64 = const 0.1\n"
                   "  %s:bool = lt %x, %h\n"
                   "  return\n"
                   "}\n",
                   NULL);
    HAS(c, "int64_t v_a = 0;");
    HAS(c, "v_a = INT64_C(7);");
    HAS(c, "t1 = nc_add_i64(v_a, v_b);");
    HAS(c, "rt_line = 5;\n    t2 = rt_floordiv_i64(v_a, v_b);");
    HAS(c, "t3 = rt_np_floordiv_i64(v_a, v_b);");
    HAS(c, "v_x = (double)v_a;");
    HAS(c, "v_y = rt_div_f64(v_x, v_x);");
    HAS(c, "v_k = nc_f64_to_i64(v_y);");
    HAS(c, "v_m = nc_max_f64(v_x, v_y);");
    HAS(c, "v_h = 0.1;");
    HAS(c, "v_s = (v_x < v_h);");
    HAS(c, "rt_init(\"p.nps\", argc, argv);");
    HAS(c, "f_main();");
    free(c);
}
END_TEST

/* Array values: a fresh temporary, release of the old value, assignment;
 * mov retains; release NULLs; the function releases its arrays. */
START_TEST(array_ownership)
{
    char *c = emit("func @main() {\n"
                   "  %n:i64 = const 3\n"
                   "  %A:f64[?] = alloc %n {fill = ones}\n"
                   "  %B:f64[?] = mov %A\n"
                   "  release %A\n"
                   "  write %B\n"
                   "  return\n"
                   "}\n",
                   NULL);
    HAS(c, "rt_array *v_A = NULL;");
    HAS(c, "rt_check_shape(1, e0_shape);");
    HAS(c, "rt_full_i64(RT_F64, 1, e0_shape, 1);");
    HAS(c, "rt_release(v_A);\n            v_A = e1;");
    HAS(c, "rt_retain(e2);\n        rt_release(v_B);\n        v_B = e2;");
    HAS(c, "rt_release(v_A);\n    v_A = NULL;");
    HAS(c, "rt_write_array(v_B);");
    HAS(c, "rt_release(v_A);\n    rt_release(v_B);\n    return;");
    free(c);
}
END_TEST

/* Elementwise on arrays (unlowered) and an explicit map: broadcast loops. */
START_TEST(map_loops)
{
    char *c = emit("func @main(%a:f64[?,?], %b:f64[?], %s:f64) {\n"
                   "  %c:f64[?,?] = add %a, %b\n"
                   "  %d:f64[?,?] = map %c, %s (%x:f64, %y:f64) {\n"
                   "    %t:f64 = mul %x, %y\n"
                   "    yield %t\n"
                   "  }\n"
                   "  return\n"
                   "}\n",
                   NULL);
    HAS(c, "static void f_main(rt_array *v_a, rt_array *v_b, double v_s)");
    HAS(c, "rt_retain(v_a);");
    HAS(c, "rt_array *e0_ops[2] = {v_a, v_b};");
    HAS(c, "rt_broadcast_shape(2, e0_ops, 2, e0_shape);");
    HAS(c, "rt_array *e0_res = rt_alloc(RT_F64, 2, e0_shape);");
    HAS(c, "rt_broadcast_strides(e0_ops[1], 2, e0_shape, e0_st1);");
    HAS(c, "#pragma omp parallel for if (e0_n > 32768)");
    HAS(c, "e0_out[e0_o1] = (e0_in0[e0_p0_1] + e0_in1[e0_p1_1]);");
    HAS(c, "double v_x = e1_in0[e1_p0_1];");
    HAS(c, "double v_y = v_s;");
    HAS(c, "double v_t;\n                v_t = (v_x * v_y);");   /* declared in the loop */
    HAS(c, "e1_out[e1_o1] = v_t;");
    free(c);
}
END_TEST

START_TEST(control_flow)
{
    char *c = emit("func @main() {\n"
                   "  %z:i64 = const 0\n"
                   "  %n:i64 = const 5\n"
                   "  %one:i64 = const 1\n"
                   "  for %i = %z, %n, %one loc(3:1) {\n"
                   "    continue\n"
                   "  }\n"
                   "  loop {\n"
                   "    break\n"
                   "  }\n"
                   "  %c:bool = const false\n"
                   "  if %c {\n"
                   "    write %i\n"
                   "  } else {\n"
                   "    write %n\n"
                   "  }\n"
                   "  return\n"
                   "}\n",
                   NULL);
    HAS(c, "int64_t e0_lo = v_z, e0_hi = v_n, e0_step = v_one;");
    HAS(c, "rt_raise(\"ValueError\", \"range() arg 3 must not be zero\");");
    HAS(c, "e0_step > 0 ? e0_k < e0_hi : e0_k > e0_hi;");
    HAS(c, "v_i = e0_k;\n            continue;");
    HAS(c, "for (;;) {\n        break;\n    }");
    HAS(c, "if (v_c) {\n        rt_write_i64(v_i);\n    } else {\n        rt_write_i64(v_n);\n    }");
    free(c);
}
END_TEST

/* Names: temporaries keep theirs; odd characters are mangled; several
 * results come back in a struct; globals are static. */
START_TEST(functions_and_names)
{
    char *c = emit("global $G : f64[?]\n"
                   "func @main() {\n"
                   "  %n:i64 = const 2\n"
                   "  %t5:f64[?] = alloc %n\n"
                   "  %p:f64[?], %q:i64 = call @stats$1(%t5) loc(9:2)\n"
                   "  $G:f64[?] = mov %p\n"
                   "  return\n"
                   "}\n"
                   "func @stats$1(%v:f64[?]) -> (f64[?], i64) {\n"
                   "  %s:i64 = size %v\n"
                   "  return %v, %s\n"
                   "}\n",
                   NULL);
    HAS(c, "static rt_array *g_G __attribute__((unused));");
    HAS(c, "typedef struct r_stats_241 {\n    rt_array *r0;\n    int64_t r1;\n} r_stats_241;");
    HAS(c, "static r_stats_241 f_stats_241(rt_array *v_v)");
    HAS(c, "rt_line = 9;\n    {\n        r_stats_241 e2 = f_stats_241(t5);");
    HAS(c, "rt_release(v_p);\n        v_p = e2.r0;\n        v_q = e2.r1;\n    }\n    rt_line = 9;");
    HAS(c, "rt_release(g_G);\n        g_G = e3;");
    HAS(c, "rt_retain(e0_0);");
    HAS(c, "return (r_stats_241){e0_0, e0_1};");
    HAS(c, "f_main();\n    rt_release(g_G);\n    return rt_fini();");
    free(c);
}
END_TEST

START_TEST(array_ops)
{
    char *c = emit("func @main(%A:f64[?,?]) {\n"
                   "  %i:i64 = const -1\n"
                   "  %V:f64[?] = slice %A[%i, ::%i]\n"
                   "  %W:f64[1,?,?] = slice %A[new, :, %i:]\n"
                   "  %x:f64 = load %A[%i, %i] loc(4:1)\n"
                   "  store %A[%i, %i], %x\n"
                   "  %s:f64 = reduce %A {kind = mean}\n"
                   "  %r:i64[?] = reduce %A {kind = argmax, axes = [1]}\n"
                   "  assign %A, %x\n"
                   "  %T:f64[?,?] = transpose %A {perm = [1, 0]}\n"
                   "  %d:i64 = dim %A {axis = 1}\n"
                   "  return\n"
                   "}\n",
                   NULL);
    HAS(c, "{RT_IDX_INT, v_i, 0, 1, false, false, false},");
    HAS(c, "{RT_IDX_SLICE, 0, 0, v_i, false, false, true},");
    HAS(c, "{RT_IDX_NEWAXIS, 0, 0, 1, false, false, false},");
    HAS(c, "{RT_IDX_SLICE, v_i, 0, 1, true, false, false},");
    HAS(c, "rt_view(v_A, 2, e0_idx)");
    HAS(c, "rt_line = 4;");
    HAS(c, "e4_off += rt_check_index(v_i, v_A->shape[1], 1) * v_A->strides[1];");
    HAS(c, "v_x = ((double *)v_A->data)[e4_off];");
    HAS(c, "((double *)v_A->data)[e5_off] = v_x;");
    HAS(c, "rt_reduce(RT_MEAN, v_A, 2, e6_axes, false, RT_F64)");
    HAS(c, "v_s = rt_item_f64(e7);\n            rt_release(e7);");
    HAS(c, "static const int e8_axes[1] = {1};");
    HAS(c, "rt_fill_f64(v_A, v_x);");
    HAS(c, "static const int e10_perm[2] = {1, 0};");
    HAS(c, "v_d = v_A->shape[1];");
    free(c);
}
END_TEST

START_TEST(unsupported_is_reported)
{
    int errors = 0;
    char *c = emit("func @main(%s:str) {\n"
                   "  %k:i64 = cast %s\n"
                   "  return\n"
                   "}\n",
                   &errors);
    ck_assert_int_eq(errors, 1);
    HAS(c, "#error");
    free(c);
}
END_TEST

START_TEST(repr_and_literals)
{
    char *c = emit("func @main() {\n"
                   "  %s:str = const \"a\\\"b\\n\"\n"
                   "  write %s {repr = true}\n"
                   "  %x:f64 = const -inf\n"
                   "  %y:f32 = const 1e+20\n"
                   "  %z:f64 = const -0.0\n"
                   "  return\n"
                   "}\n",
                   NULL);
    HAS(c, "v_s = \"a\\\"b\\n\";");
    HAS(c, "nc_write_repr(v_s);");
    HAS(c, "v_x = -INFINITY;");
    HAS(c, "v_y = (float)1e+20;");
    HAS(c, "v_z = -0.0;");
    LACKS(c, "f_main(void) {");
    free(c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("emit_c");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, scalar_ops);
    tcase_add_test(tc, array_ownership);
    tcase_add_test(tc, map_loops);
    tcase_add_test(tc, control_flow);
    tcase_add_test(tc, functions_and_names);
    tcase_add_test(tc, array_ops);
    tcase_add_test(tc, unsupported_is_reported);
    tcase_add_test(tc, repr_and_literals);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

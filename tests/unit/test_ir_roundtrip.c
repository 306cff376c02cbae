/* test_ir_roundtrip.c: the text form round-trips byte for byte, every
 * module here verifies, and the builder prints what the parser reads. */
#include <check.h>
#include <string.h>

#include "test_ir_util.h"

/* Canonical texts: print(parse(text)) == text.  Together they use every
 * opcode, attribute kind and index form. */
static const char *const modules[] = {
    /* 0: constants of every dtype, floats in shortest form */
    "func @consts() {\n"
    "  %a:i64 = const 17\n"
    "  %b:i64 = const -3\n"
    "  %c:f64 = const 0.1\n"
    "  %d:f64 = const 1e+20\n"
    "  %e:f64 = const inf\n"
    "  %f:f64 = const -inf\n"
    "  %g:f64 = const nan\n"
    "  %h:f64 = const -0.0\n"
    "  %i:f64 = const 5e-324\n"
    "  %j:f64 = const 123456789.0\n"
    "  %j:f64 = const 1000.0\n"
    "  %j:f64 = const 0.0001\n"
    "  %j:f64 = const 1e-05\n"
    "  %j:f64 = const 1.5e-07\n"
    "  %j:f64 = const 1234567890123456.8\n"
    "  %j:f64 = const 1e+16\n"
    "  %j:f64 = const 0.30000000000000004\n"
    "  %j:f64 = const 1.7976931348623157e+308\n"
    "  %k:f32 = const 2.5\n"
    "  %l:bool = const true\n"
    "  %m:bool = const false\n"
    "  %n:str = const \"loss\\n\\\"q\\\"\\\\\\x01\\t\\r\\xff\"\n"
    "  %o:str = const \"\"\n"
    "  return\n"
    "}\n",
    /* 1: globals, source, mov, release, write, assert */
    "source \"prog.nps\"\n"
    "global $N : i64\n"
    "global $A : f64[3,?]\n"
    "\n"
    "func @main() {\n"
    "  $N:i64 = const 4\n"
    "  %n:i64 = mov $N\n"
    "  %B:f64[3,?] = mov $A\n"
    "  release %B\n"
    "  write %n {repr = true}\n"
    "  %c:bool = const true\n"
    "  %msg:str = const \"boom\"\n"
    "  assert %c\n"
    "  assert %c, %msg\n"
    "  return\n"
    "}\n",
    /* 2: unary elementwise */
    "func @unary(%x:f64[?], %b:bool[?,?], %i:i64) {\n"
    "  %a:f64[?] = neg %x\n"
    "  %c:bool[?,?] = not %b\n"
    "  %d:i64 = bitnot %i\n"
    "  %e:f64[?] = abs %x\n"
    "  %e:f64[?] = sqrt %x\n"
    "  %e:f64[?] = exp %x\n"
    "  %e:f64[?] = log %x\n"
    "  %e:f64[?] = log2 %x\n"
    "  %e:f64[?] = log10 %x\n"
    "  %e:f64[?] = sin %x\n"
    "  %e:f64[?] = cos %x\n"
    "  %e:f64[?] = tan %x\n"
    "  %e:f64[?] = arcsin %x\n"
    "  %e:f64[?] = arccos %x\n"
    "  %e:f64[?] = arctan %x\n"
    "  %e:f64[?] = sinh %x\n"
    "  %e:f64[?] = cosh %x\n"
    "  %e:f64[?] = tanh %x\n"
    "  %e:f64[?] = floor %x\n"
    "  %e:f64[?] = ceil %x\n"
    "  %e:f64[?] = trunc %x\n"
    "  %e:f64[?] = rint %x\n"
    "  %e:f64[?] = sign %x\n"
    "  %f:bool[?] = isnan %x\n"
    "  %f:bool[?] = isinf %x\n"
    "  %f:bool[?] = isfinite %x\n"
    "  return\n"
    "}\n",
    /* 3: binary elementwise, round, select, cast, py attribute */
    "func @binary(%x:f64[?,?], %y:f64, %i:i64, %j:i64, %c:bool[?]) {\n"
    "  %a:f64[?,?] = add %x, %y\n"
    "  %a:f64[?,?] = sub %x, %x\n"
    "  %a:f64[?,?] = mul %y, %x\n"
    "  %a:f64[?,?] = div %x, %y\n"
    "  %k:i64 = floordiv %i, %j {py = true}\n"
    "  %k:i64 = mod %i, %j {py = true}\n"
    "  %s:f64 = pow %y, %y\n"
    "  %a:f64[?,?] = min %x, %y\n"
    "  %a:f64[?,?] = max %x, %y\n"
    "  %k:i64 = and %i, %j\n"
    "  %k:i64 = or %i, %j\n"
    "  %k:i64 = xor %i, %j\n"
    "  %k:i64 = shl %i, %j\n"
    "  %k:i64 = shr %i, %j\n"
    "  %b:bool[?,?] = eq %x, %y\n"
    "  %b:bool[?,?] = ne %x, %y\n"
    "  %b:bool[?,?] = lt %x, %y\n"
    "  %b:bool[?,?] = le %x, %y\n"
    "  %b:bool[?,?] = gt %x, %y\n"
    "  %b:bool[?,?] = ge %x, %y\n"
    "  %a:f64[?,?] = arctan2 %x, %x\n"
    "  %a:f64[?,?] = hypot %x, %y\n"
    "  %r:f64 = round %y, %i {py = true}\n"
    "  %v:f64[?,?] = select %c, %x, %y\n"
    "  %w:i64[?,?] = cast %x\n"
    "  %z:i64 = cast %y {py = true}\n"
    "  return\n"
    "}\n",
    /* 4: nested control flow; if without else; for with attributes */
    "func @control(%n:i64, %c:bool) {\n"
    "  %zero:i64 = const 0\n"
    "  %one:i64 = const 1\n"
    "  for %i = %zero, %n, %one {\n"
    "    if %c {\n"
    "      break\n"
    "    } else {\n"
    "      loop {\n"
    "        if %c {\n"
    "          continue\n"
    "        }\n"
    "        break\n"
    "      }\n"
    "    }\n"
    "    write %i\n"
    "  }\n"
    "  for %j = %zero, %n, %one attributes {parallel = true, tile = [64, 256]} {\n"
    "  }\n"
    "  if %c {\n"
    "  } else {\n"
    "    return\n"
    "  }\n"
    "  return\n"
    "}\n",
    /* 5: map kernels */
    "func @kernels(%A:f64[?,?], %x:f64, %v:i64[?]) -> (f64[?,?]) {\n"
    "  %z:f64[?,?] = map %A, %x (%e:f64, %k:f64) {\n"
    "    %t:f64 = mul %e, %k\n"
    "    %u:f64 = const 1.5\n"
    "    %t:f64 = add %t, %u\n"
    "    yield %t\n"
    "  }\n"
    "  %w:bool[?] = map %v (%q:i64) attributes {fused = true} {\n"
    "    %zz:i64 = const 0\n"
    "    %b:bool = gt %q, %zz\n"
    "    yield %b\n"
    "  }\n"
    "  return %z\n"
    "}\n",
    /* 6: array creation and shape queries */
    "func @create(%n:i64, %m:i64, %v:f64, %s:f64) {\n"
    "  %A:f64[?,?] = alloc %n, %m {fill = zeros}\n"
    "  %B:i64[?] = alloc %n {fill = empty}\n"
    "  %S:f64[] = alloc\n"
    "  %C:f64[?,?] = full %v, %n, %m\n"
    "  %D:f64[?] = arange %v, %s, %v\n"
    "  %E:f64[?] = linspace %v, %s, %n {endpoint = false}\n"
    "  %F:f64[?,?] = eye %n, %m {k = -1}\n"
    "  %G:f64[2,2] = literal %v, %s, %v, %s\n"
    "  %d:i64 = dim %A {axis = 1}\n"
    "  %e:i64 = size %A\n"
    "  %H:f64[?,?] = copy %A\n"
    "  %I:f64[?] = reshape %A, %e\n"
    "  %T:f64[?,?] = transpose %A {perm = [1, 0]}\n"
    "  return\n"
    "}\n",
    /* 7: every index form */
    "func @index(%A:f64[?,?,?], %i:i64, %lo:i64, %hi:i64, %st:i64) {\n"
    "  %v:f64[?,1,?] = slice %A[%i, %lo:%hi:%st, new, :]\n"
    "  %w:f64[?,?,?] = slice %A[::%st, %lo:, :%hi]\n"
    "  %u:f64[?,?,?] = slice %A[%lo::%st, :%hi:%st]\n"
    "  %n:f64[?,?,?] = slice %A[]\n"
    "  %x:f64 = load %A[%i, %lo, %hi]\n"
    "  store %A[%i, %i, %i], %x\n"
    "  return\n"
    "}\n",
    /* 8: whole-array ops */
    "func @whole(%A:f64[?,?], %v:f64[?], %s:f64) {\n"
    "  assign %A, %v\n"
    "  assign %A, %s\n"
    "  %r:f64[?] = reduce %A {kind = sum, axes = [0], keepdims = false}\n"
    "  %k:f64[?,?] = reduce %A {kind = max, axes = [1], keepdims = true}\n"
    "  %t:f64 = reduce %A {kind = mean}\n"
    "  %i:i64 = reduce %v {kind = argmax, axes = [0]}\n"
    "  %M:f64[?,?] = matmul %A, %A\n"
    "  %mv:f64[?] = matmul %A, %v\n"
    "  %dot:f64 = matmul %v, %v\n"
    "  %O:f64[?,?] = outer %v, %v\n"
    "  return\n"
    "}\n",
    /* 9: calls with several results, forward references to functions */
    "func @main() {\n"
    "  %a:i64 = const 2\n"
    "  %A:f64[?] = alloc %a\n"
    "  %q:i64, %w:f64 = call @stats$1(%A, %a)\n"
    "  %w:f64 = call @one.v2()\n"
    "  call @nothing() {inline = false}\n"
    "  return\n"
    "}\n"
    "\n"
    "func @stats$1(%v:f64[?], %n:i64) -> (i64, f64) {\n"
    "  %m:f64 = reduce %v {kind = mean}\n"
    "  return %n, %m\n"
    "}\n"
    "\n"
    "func @one.v2() -> (f64) {\n"
    "  %x:f64 = const 1.0\n"
    "  return %x\n"
    "}\n"
    "\n"
    "func @nothing() {\n"
    "}\n",
    /* 10: every attribute kind */
    "func @attrs(%x:f64) {\n"
    "  write %x {i = 42, neg = -7, f = 0.25, big = 1e+300, ninf = -inf, b = true, "
    "s = \"a\\\"b\", w = sum, l = [0, -1, 2], e = [], sym = @attrs, nan = nan}\n"
    "  return\n"
    "}\n",
    /* 11: locations on functions and ops (regions: before the region) */
    "func @locs(%c:bool) -> (i64) loc(1:1) {\n"
    "  %a:i64 = const 1 loc(2:5)\n"
    "  if %c loc(3:3) {\n"
    "    write %a loc(4:7)\n"
    "  }\n"
    "  %z:f64[?] = alloc %a loc(5:1)\n"
    "  %y:f64[?] = map %z (%e:f64) attributes {fused = true} loc(6:2) {\n"
    "    yield %e loc(6:3)\n"
    "  }\n"
    "  %b:i64 = call @locs(%c) {py = true} loc(7:9)\n"
    "  return %a loc(8:1)\n"
    "}\n",
};

enum { NMODULES = sizeof modules / sizeof *modules };

START_TEST(test_roundtrip)
{
    const char *text = modules[_i];
    ir_module *m = ir_parse("rt.nir", text);
    ck_assert_ptr_nonnull(m);
    char *once = print_to_string(m);
    ck_assert_str_eq(once, text);
    ir_module *m2 = ir_parse("rt2.nir", once);
    ck_assert_ptr_nonnull(m2);
    char *twice = print_to_string(m2);
    ck_assert_str_eq(twice, once);
    diag_reset();
    ck_assert_int_eq(ir_verify(m), 0);
    free(once);
    free(twice);
    ir_module_free(m);
    ir_module_free(m2);
}
END_TEST

/* Comments, blank lines and non-canonical spellings normalize. */
START_TEST(test_normalize)
{
    const char *in = "// leading comment\n\n"
                     "global $G : f64   // trailing comment\n"
                     "func @f(%x:f64) {\n"
                     "\n"
                     "  %y:f64 = const 1   // an int literal for an f64\n"
                     "  %s:f64[?] = alloc %n\n"
                     "  %n:i64 = const 3\n"
                     "  %t:f64[?] = slice %s[%n::]\n"
                     "  write %x {v = 1E3}\n"
                     "  return\n"
                     "}\n";
    const char *want = "global $G : f64\n"
                       "\n"
                       "func @f(%x:f64) {\n"
                       "  %y:f64 = const 1.0\n"
                       "  %s:f64[?] = alloc %n\n"
                       "  %n:i64 = const 3\n"
                       "  %t:f64[?] = slice %s[%n:]\n"
                       "  write %x {v = 1000.0}\n"
                       "  return\n"
                       "}\n";
    ir_module *m = ir_parse("n.nir", in);
    ck_assert_ptr_nonnull(m);
    char *s = print_to_string(m);
    ck_assert_str_eq(s, want);
    free(s);
    ir_module_free(m);
}
END_TEST

/* The builder API prints the expected text. */
START_TEST(test_builder)
{
    ir_module *m = ir_module_new("prog.nps");
    ir_func *f = ir_func_new(m, "main");
    ir_var *a = ir_func_add_param(m, f, "A", ir_array_type(IR_F64, 2, NULL));
    ir_type rt = ir_scalar_type(IR_F64);
    ir_func_set_results(m, f, &rt, 1);
    ir_var *t0 = ir_var_new(m, f, NULL, ir_scalar_type(IR_I64));
    ir_var *x = ir_var_new(m, f, "x", ir_scalar_type(IR_F64));
    ir_var *x1 = ir_var_new(m, f, "x", ir_scalar_type(IR_F64));
    ck_assert_str_eq(t0->name, "t1");
    ck_assert_str_eq(x1->name, "x.1");
    ck_assert_ptr_eq(ir_func_find_var(f, "x"), x);

    ir_op *c = ir_op_new(m, IR_CONST, src_loc_make(3, 7, 3, 8));
    ir_op_set_results(m, c, &t0, 1);
    ir_attr_set_int(m, c, "value", 0);
    ir_attr_set_int(m, c, "value", 5);  /* replaces */
    ck_assert_int_eq(c->nattrs, 1);
    ir_block_append(&f->body, c);

    ir_op *ld = ir_op_new(m, IR_LOAD, src_loc_make(0, 0, 0, 0));
    ir_op_set_results(m, ld, &x, 1);
    ir_op_add_arg(m, ld, a);
    ir_op_add_arg(m, ld, t0);
    ir_op_add_arg(m, ld, t0);
    ir_index idx[2] = {{IR_IDX_INT, 1, -1, -1}, {IR_IDX_INT, 2, -1, -1}};
    ir_op_set_index(m, ld, idx, 2);
    ir_block_append(&f->body, ld);

    ir_op *ret = ir_op_new(m, IR_RETURN, src_loc_make(0, 0, 0, 0));
    ir_op_add_arg(m, ret, x);
    ir_block_append(&f->body, ret);

    ir_op *mv = ir_op_new(m, IR_MOV, src_loc_make(0, 0, 0, 0));
    ir_op_set_results(m, mv, &x1, 1);
    ir_op_add_arg(m, mv, x);
    ir_block_insert(&f->body, 2, mv);
    ir_block_insert(&f->body, 0, ir_op_clone(m, mv));
    ir_block_remove(&f->body, 0);

    ck_assert_int_eq(ir_attr_int(c, "value", -1), 5);
    ck_assert_int_eq(ir_attr_int(c, "nope", -1), -1);
    ir_attr_set_word(m, ret, "kind", "sum");
    ck_assert_str_eq(ir_attr_word(ret, "kind"), "sum");
    ir_attr_set_symbol(m, ret, "callee", "g");
    ir_attr_set_float(m, ret, "f", 0.5);
    ir_attr_set_bool(m, ret, "b", false);
    ir_attr_set_str(m, ret, "s", "a\0b", 3);
    int64_t l[2] = {3, 4};
    ir_attr_set_intlist(m, ret, "l", l, 2);

    char *s = print_to_string(m);
    ck_assert_str_eq(s, "source \"prog.nps\"\n"
                        "\n"
                        "func @main(%A:f64[?,?]) -> (f64) {\n"
                        "  %t1:i64 = const 5 loc(3:7)\n"
                        "  %x:f64 = load %A[%t1, %t1]\n"
                        "  %x.1:f64 = mov %x\n"
                        "  return %x {kind = sum, callee = @g, f = 0.5, b = false, "
                        "s = \"a\\x00b\", l = [3, 4]}\n"
                        "}\n");
    ir_module *m2 = ir_parse("b.nir", s);
    ck_assert_ptr_nonnull(m2);
    char *s2 = print_to_string(m2);
    ck_assert_str_eq(s2, s);
    ck_assert_int_eq(ir_attr_get(m2->funcs[0]->body.ops[3], "s")->slen, 3);
    free(s);
    free(s2);
    ir_module_free(m);
    ir_module_free(m2);
}
END_TEST

/* ir_op_clone copies regions deeply; removed ops with regions do not leak. */
START_TEST(test_clone)
{
    ir_module *m = ir_parse("c.nir", modules[4]);
    ck_assert_ptr_nonnull(m);
    ir_func *f = m->funcs[0];
    ir_op *loop = f->body.ops[2];
    ck_assert_int_eq(loop->code, IR_FOR);
    ir_op *copy = ir_op_clone(m, loop);
    ck_assert_ptr_ne(copy->regions[0].ops[0], loop->regions[0].ops[0]);
    ir_block_remove(&f->body, 2);
    ir_block_insert(&f->body, 2, copy);
    char *s = print_to_string(m);
    ck_assert_str_eq(s, modules[4]);
    free(s);
    ir_module_free(m);
}
END_TEST

START_TEST(test_opcode_table)
{
    for (int i = 0; i < IR_OPCODE_COUNT; i++) {
        ir_opcode k;
        ck_assert(ir_opcode_lookup(ir_opcode_name((ir_opcode)i), &k));
        ck_assert_int_eq(k, i);
    }
    ck_assert_str_eq(ir_opcode_name(IR_ROUND), "round");
    ck_assert_str_eq(ir_opcode_name(IR_OUTER), "outer");
    ck_assert_int_eq(ir_opinfos[IR_IF].nregions, 2);
    ck_assert(ir_opinfos[IR_SELECT].elementwise && ir_opinfos[IR_CAST].elementwise);
    ck_assert(!ir_opinfos[IR_MAP].elementwise);
    ck_assert(ir_opinfos[IR_STORE].has_index && ir_opinfos[IR_YIELD].terminator);
    ir_opcode k;
    ck_assert(!ir_opcode_lookup("frobnicate", &k));
    int64_t d[2] = {-1, 3};
    ir_type t = ir_array_type(IR_I64, 2, d);
    ck_assert(ir_type_equal(t, ir_array_type(IR_I64, 2, d)));
    ck_assert(!ir_type_equal(t, ir_array_type(IR_I64, 2, NULL)));
    ck_assert(!ir_type_equal(ir_scalar_type(IR_F64), ir_array_type(IR_F64, 0, NULL)));
    ck_assert_str_eq(ir_dtype_name(IR_F32), "f32");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("ir_roundtrip");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_roundtrip, 0, NMODULES);
    tcase_add_test(tc, test_normalize);
    tcase_add_test(tc, test_builder);
    tcase_add_test(tc, test_clone);
    tcase_add_test(tc, test_opcode_table);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}

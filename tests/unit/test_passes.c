/* test_passes.c: the pass manager and lower-elementwise, on parsed IR. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "passes/passes.h"

static ir_module *parse(const char *text)
{
    ir_module *m = ir_parse("t.nir", text);
    ck_assert_ptr_nonnull(m);
    ck_assert_int_eq(ir_verify(m), 0);
    return m;
}

/* The module printed to a string (caller frees). */
static char *print(const ir_module *m)
{
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    ir_print_module(f, m);
    fclose(f);
    return buf;
}

static const char array_add[] =
    "func @main(%a:f64[?], %s:f64) {\n"
    "  %c:f64[?] = add %a, %s\n"
    "  %d:f64 = mul %s, %s\n"
    "  return\n"
    "}\n";

/* should_lower_array_add: an array add becomes a map over both operands
 * (the scalar too) whose body is the same add on the block params. */
START_TEST(should_lower_array_add)
{
    ir_module *m = parse(array_add);
    ck_assert(pass_lower_elementwise(m));
    ck_assert_int_eq(ir_verify(m), 0);
    const ir_block *b = &m->funcs[0]->body;
    ck_assert_int_eq(b->nops, 3);
    const ir_op *map = b->ops[0];
    ck_assert_int_eq(map->code, IR_MAP);
    ck_assert_int_eq(map->nargs, 2);
    ck_assert_str_eq(map->args[0]->name, "a");
    ck_assert_str_eq(map->args[1]->name, "s");
    ck_assert_str_eq(map->results[0]->name, "c");
    const ir_block *body = &map->regions[0];
    ck_assert_int_eq(body->nparams, 2);
    ck_assert_int_eq(body->nops, 2);
    ck_assert_int_eq(body->ops[0]->code, IR_ADD);
    ck_assert_ptr_eq(body->ops[0]->args[0], body->params[0]);
    ck_assert_ptr_eq(body->ops[0]->args[1], body->params[1]);
    ck_assert(!body->ops[0]->results[0]->type.is_array);
    ck_assert_int_eq(body->ops[1]->code, IR_YIELD);
    ck_assert_ptr_eq(body->ops[1]->args[0], body->ops[0]->results[0]);
    /* should_not_lower_scalar_ops: the scalar mul stays as it was */
    ck_assert_int_eq(b->ops[1]->code, IR_MUL);
    char *text = print(m);
    ck_assert_ptr_nonnull(strstr(text, "%c:f64[?] = map %a, %s ("));
    ck_assert_ptr_nonnull(strstr(text, "yield"));
    free(text);
    ir_module_free(m);
}
END_TEST

/* should_lower_in_regions, keeping attributes: ops inside if/for bodies are
 * rewritten too; a cast keeps its result dtype; a select keeps 3 operands. */
START_TEST(should_lower_in_regions)
{
    ir_module *m = parse("func @main(%a:f64[?], %c:bool[?], %n:i64) {\n"
                         "  %z:i64 = const 0\n"
                         "  %one:i64 = const 1\n"
                         "  for %i = %z, %n, %one {\n"
                         "    %k:i64[?] = cast %a\n"
                         "    %w:f64[?] = select %c, %a, %a\n"
                         "  }\n"
                         "  return\n"
                         "}\n");
    ck_assert(pass_lower_elementwise(m));
    ck_assert_int_eq(ir_verify(m), 0);
    const ir_block *loop = &m->funcs[0]->body.ops[2]->regions[0];
    ck_assert_int_eq(loop->ops[0]->code, IR_MAP);
    ck_assert_int_eq(loop->ops[1]->code, IR_MAP);
    const ir_op *cast = loop->ops[0]->regions[0].ops[0];
    ck_assert_int_eq(cast->code, IR_CAST);
    ck_assert_int_eq(cast->results[0]->type.dtype, IR_I64);
    ck_assert_int_eq(cast->args[0]->type.dtype, IR_F64);
    const ir_op *sel = loop->ops[1]->regions[0].ops[0];
    ck_assert_int_eq(sel->nargs, 3);
    ck_assert_int_eq(sel->args[0]->type.dtype, IR_BOOL);
    ck_assert(!pass_lower_elementwise(m));  /* idempotent: nothing left */
    ir_module_free(m);
}
END_TEST

/* should_not_lower_scalar_only: nothing to do reports no change and leaves
 * the text identical. */
START_TEST(should_not_lower_scalar_only)
{
    ir_module *m = parse("func @main(%x:f64) {\n"
                         "  %y:f64 = sqrt %x\n"
                         "  return\n"
                         "}\n");
    char *before = print(m);
    ck_assert(!pass_lower_elementwise(m));
    char *after = print(m);
    ck_assert_str_eq(before, after);
    free(before);
    free(after);
    ir_module_free(m);
}
END_TEST

START_TEST(registry_and_pipelines)
{
    const pass *p = passes_lookup("lower-elementwise");
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_eq(p->run, pass_lower_elementwise);
    ck_assert_ptr_null(passes_lookup("no-such-pass"));
    ck_assert_ptr_null(passes_default_pipeline(0)[0]);
    /* -O2: lower-elementwise runs before fuse-maps */
    const pass *const *pl = passes_default_pipeline(2);
    int at_lower = -1, at_fuse = -1;
    for (int i = 0; pl[i]; i++) {
        if (pl[i] == p && at_lower < 0)
            at_lower = i;
        if (pl[i] == passes_lookup("fuse-maps"))
            at_fuse = i;
    }
    ck_assert_int_ge(at_lower, 0);
    ck_assert_int_gt(at_fuse, at_lower);
    int n;
    ck_assert_ptr_nonnull(passes_all(&n));
    ck_assert_int_ge(n, 1);
}
END_TEST

/* --print-after-all dumps only after passes that changed the IR. */
START_TEST(print_after_all_only_when_changed)
{
    ir_module *m = parse(array_add);
    const pass *p = passes_lookup("lower-elementwise");
    const pass *pl[] = {p, p, NULL};
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    pass_run_options o = {.print_after_all = true, .dump = f};
    ck_assert_int_eq(passes_run(m, pl, &o), 0);
    fclose(f);
    const char *hdr = "// -----// IR Dump After lower-elementwise //----- //\n";
    ck_assert(strncmp(buf, hdr, strlen(hdr)) == 0);
    ck_assert_ptr_null(strstr(buf + 1, hdr));   /* the second run changed nothing */
    ck_assert_ptr_nonnull(strstr(buf, "= map %a, %s"));
    free(buf);
    ir_module_free(m);
}
END_TEST

/* --print-after=NAME dumps after that pass even when unchanged. */
START_TEST(print_after_named)
{
    ir_module *m = parse("func @main() {\n  return\n}\n");
    const pass *pl[] = {passes_lookup("lower-elementwise"), NULL};
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    pass_run_options o = {.print_after = "lower-elementwise", .dump = f};
    ck_assert_int_eq(passes_run(m, pl, &o), 0);
    fclose(f);
    ck_assert_ptr_nonnull(strstr(buf, "IR Dump After lower-elementwise"));
    ck_assert_ptr_nonnull(strstr(buf, "func @main()"));
    free(buf);
    ir_module_free(m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("passes");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, should_lower_array_add);
    tcase_add_test(tc, should_lower_in_regions);
    tcase_add_test(tc, should_not_lower_scalar_only);
    tcase_add_test(tc, registry_and_pipelines);
    tcase_add_test(tc, print_after_all_only_when_changed);
    tcase_add_test(tc, print_after_named);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

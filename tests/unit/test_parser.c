/* test_parser.c: the parser, through ast_parse and ast_dump.
 *
 * Precedence expectations follow CPython (-3 ** 2 == -9, 2 ** 3 ** 2 == 512);
 * error positions and most messages match what CPython's compile() says.
 */
#include <check.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/ast.h"

static char *captured;                  /* diagnostics of the last parse */

/* Dump of src's AST, or NULL (diagnostics left in `captured`). */
static char *parse(const char *src)
{
    size_t len = 0, elen = 0;
    char *buf = NULL;
    free(captured);
    captured = NULL;
    FILE *err = open_memstream(&captured, &elen);
    diag_set_stream(err);
    diag_reset();
    ast_module *m = ast_parse("prog.nps", src);
    diag_set_stream(NULL);
    fclose(err);
    if (!m)
        return NULL;
    FILE *out = open_memstream(&buf, &len);
    ast_dump(out, m);
    fclose(out);
    ast_free(m);
    return buf;
}

static void teardown(void)
{
    free(captured);
    captured = NULL;
}

#define PARSE_EQ(src, want)                                 \
    do {                                                    \
        char *got_ = parse(src);                            \
        ck_assert_msg(got_, "parse failed: %s", captured);  \
        ck_assert_str_eq(got_, want);                       \
        free(got_);                                         \
    } while (0)

#define ERROR_EQ(src, want)                                 \
    do {                                                    \
        char *got_ = parse(src);                            \
        ck_assert_ptr_null(got_);                           \
        ck_assert_str_eq(captured, want);                   \
    } while (0)

START_TEST(precedence)
{
    PARSE_EQ("-3 ** 2\n", "(expr (neg (** 3 2)))\n");
    PARSE_EQ("2 ** 3 ** 2\n", "(expr (** 2 (** 3 2)))\n");
    PARSE_EQ("2 ** -1\n", "(expr (** 2 (neg 1)))\n");
    PARSE_EQ("a < b <= c\n", "(expr (cmp a < b <= c))\n");
    PARSE_EQ("(a < b) < c\n", "(expr (cmp (cmp a < b) < c))\n");
    PARSE_EQ("not a == b\n", "(expr (not (cmp a == b)))\n");
    PARSE_EQ("a if c else b\n", "(expr (ifexp c a b))\n");
    PARSE_EQ("a or b and not c or d\n", "(expr (or a (and b (not c)) d))\n");
    PARSE_EQ("a | b ^ c & d << 1 + 2 * -e @ f // g % h\n",
             "(expr (| a (^ b (& c (<< d (+ 1 (% (// (@ (* 2 (neg e)) f) g) h)))))))\n");
    PARSE_EQ("a - b - c\n", "(expr (- (- a b) c))\n");
    PARSE_EQ("x is not None and y not in z\n", "(expr (and (cmp x is not None) (cmp y not in z)))\n");
    PARSE_EQ("~x.T[0](1)\n", "(expr (~ (call (sub (. x T) 0) 1)))\n");
    PARSE_EQ("lambda i, j: i + j\n", "(expr (lambda (i j) (+ i j)))\n");
}
END_TEST

START_TEST(subscripts_and_calls)
{
    PARSE_EQ("A[1:, ::2]\n", "(expr (sub A (slice 1 _ _) (slice _ _ 2)))\n");
    PARSE_EQ("A[..., None]\n", "(expr (sub A ... None))\n");
    PARSE_EQ("A[i][j]\n", "(expr (sub (sub A i) j))\n");
    PARSE_EQ("A[:-1, a:b:c, :]\n",
             "(expr (sub A (slice _ (neg 1) _) (slice a b c) (slice _ _ _)))\n");
    PARSE_EQ("A[(i, j)]\n", "(expr (sub A (tuple i j)))\n");
    PARSE_EQ("np.zeros((2, 3), dtype=np.int64)\n",
             "(expr (call (. np zeros) (tuple 2 3) (kw dtype (. np int64))))\n");
    PARSE_EQ("f(*args, x, k=1,)\n", "(expr (call f (* args) x (kw k 1)))\n");
    PARSE_EQ("f()\n", "(expr (call f))\n");
    PARSE_EQ("x = [1, [2.5, True], (), (1,), 'a' \"b\"]\n",
             "(= x (list 1 (list 2.5 True) (tuple) (tuple 1) \"ab\"))\n");
}
END_TEST

START_TEST(fstrings)
{
    PARSE_EQ("f\"{x:.3f} and {y!r:>{w}} {{lit}}\"\n",
             "(expr (fstr (fmt x _ (fstr \".3f\")) \" and \" (fmt y r (fstr \">\" (fmt w _ _))) "
             "\" {lit}\"))\n");
    PARSE_EQ("'a' f'{i * 2 + 1:5d}\\n' 'c'\n",
             "(expr (fstr \"a\" (fmt (+ (* i 2) 1) _ (fstr \"5d\")) \"\\nc\"))\n");
    PARSE_EQ("f\"{x=}\"\n", "(expr (fstr \"x=\" (fmt x r _)))\n");
    PARSE_EQ("f'{a[1:2], b}'\n", "(expr (fstr (fmt (tuple (sub a (slice 1 2 _)) b) _ _)))\n");
}
END_TEST

START_TEST(statements)
{
    PARSE_EQ("a = b = 1\na, b = b, a\nx[i, j] = 2\na.b = 3\n",
             "(= a b 1)\n(= (tuple a b) (tuple b a))\n(= (sub x i j) 2)\n(= (. a b) 3)\n");
    PARSE_EQ("x += 1; y @= z; w **= 2; v //= 3;\n",
             "(+= x 1)\n(@= y z)\n(**= w 2)\n(//= v 3)\n");
    PARSE_EQ("if a:\n    pass\nelif b:\n    break\nelse:\n    continue\n",
             "(if a\n  (pass)\n else\n  (if b\n    (break)\n   else\n    (continue)))\n");
    PARSE_EQ("while x > 0:\n    x -= 1\n", "(while (cmp x > 0)\n  (-= x 1))\n");
    PARSE_EQ("for i, (a, b) in enumerate(z): print(i)\n",
             "(for (tuple i (tuple a b)) (call enumerate z)\n  (expr (call print i)))\n");
    PARSE_EQ("def f(a, b=2.0):\n    return a, b\n\ndef g(): return\n",
             "(def f (a b=2.0)\n  (return (tuple a b)))\n(def g ()\n  (return))\n");
    PARSE_EQ("def h(x: int) -> float:\n    assert x >= 0, 'neg'\n",
             "(def h (x)\n  (assert (cmp x >= 0) \"neg\"))\n");
    PARSE_EQ("import numpy as np\nimport numpy.linalg, sys\nfrom math import sqrt as s, pi\n",
             "(import numpy as np)\n(import numpy.linalg)\n(import sys)\n(from math sqrt as s pi)\n");
    PARSE_EQ("class P:\n    def m(self): pass\n", "(class P\n  (def m (self)\n    (pass)))\n");
    PARSE_EQ("global a, b\ndel a[0], b\n", "(global a b)\n(del (sub a 0) b)\n");
    PARSE_EQ("raise ValueError()\nnonlocal q\nyield 3\n",
             "(unsupported \"raise\")\n(unsupported \"nonlocal\")\n(unsupported \"yield\")\n");
}
END_TEST

START_TEST(spans)
{
    ast_module *m = ast_parse("prog.nps", "x = 1\nif a:\n    y = f(b,\n          c)\n");
    ck_assert_ptr_nonnull(m);
    ast_stmt *s = m->body.stmts[1]->ifs.then.stmts[0];
    ck_assert_int_eq(m->body.stmts[1]->loc.line, 2);
    ck_assert_int_eq(m->body.stmts[1]->loc.col, 1);
    ast_expr *call = s->assign.value;
    ck_assert_int_eq(s->loc.line, 3);
    ck_assert_int_eq(s->loc.col, 5);
    ck_assert_int_eq(call->loc.line, 3);
    ck_assert_int_eq(call->loc.col, 9);
    ck_assert_int_eq(call->loc.end_line, 4);
    ck_assert_int_eq(call->loc.end_col, 13);
    ast_free(m);
    /* f-string fields are parsed at their place in the file. */
    m = ast_parse("prog.nps", "s = 1\nt = f'ab{x + yy:4}'\n");
    ck_assert_ptr_nonnull(m);
    ast_expr *fmt = m->body.stmts[1]->assign.value->fstr.parts[1];
    ck_assert_int_eq(fmt->loc.col, 9);
    ast_expr *yy = fmt->fmt.value->bin.rhs;
    ck_assert_int_eq(yy->loc.line, 2);
    ck_assert_int_eq(yy->loc.col, 14);
    ck_assert_int_eq(yy->loc.end_col, 16);
    ast_free(m);
}
END_TEST

START_TEST(clone_is_deep)
{
    ast_module *m = ast_parse("prog.nps", "def f(a=1):\n    return A[a:, 0] + g(k=a)\n");
    ck_assert_ptr_nonnull(m);
    ast_block b = ast_clone_block(m, m->body);
    ast_stmt *orig = m->body.stmts[0], *copy = b.stmts[0];
    ck_assert_ptr_ne(orig, copy);
    ck_assert_ptr_ne(orig->def.body.stmts[0]->ret.value, copy->def.body.stmts[0]->ret.value);
    ast_expr *add = copy->def.body.stmts[0]->ret.value;
    ck_assert_ptr_ne(add->bin.lhs, orig->def.body.stmts[0]->ret.value->bin.lhs);
    ast_module tmp = *m;
    tmp.body = b;
    char *a = NULL, *c = NULL;
    size_t n;
    FILE *f = open_memstream(&a, &n);
    ast_dump(f, m);
    fclose(f);
    f = open_memstream(&c, &n);
    ast_dump(f, &tmp);
    fclose(f);
    ck_assert_str_eq(a, c);
    free(a);
    free(c);
    ast_free(m);
}
END_TEST

START_TEST(syntax_errors)
{
    ERROR_EQ("import numpy as np\nfor i in range(5)\n    pass\n",
             "prog.nps:2:18: error: expected ':'\n"
             "    for i in range(5)\n"
             "                     ^\n");
    ERROR_EQ("if x:\npass\n", "prog.nps:2:1: error: expected an indented block\n"
                              "    pass\n    ^~~~\n");
    ERROR_EQ("  x = 1\n", "prog.nps:1:3: error: unexpected indent\n      x = 1\n      ^\n");
    ERROR_EQ("x = = 2\n", "prog.nps:1:5: error: invalid syntax: unexpected '='\n"
                          "    x = = 2\n        ^\n");
    ERROR_EQ("x = 1 if y\n", "prog.nps:1:11: error: expected 'else'\n    x = 1 if y\n"
                             "              ^\n");
    ERROR_EQ("x = (1,\ny = 2\n", "prog.nps:1:5: error: '(' was never closed\n"
                                 "    x = (1,\n        ^\n");
    ERROR_EQ("f(x) = 3\n", "prog.nps:1:1: error: cannot assign to function call\n"
                           "    f(x) = 3\n    ^~~~\n");
    ERROR_EQ("def f(a=1, b): pass\n", "prog.nps:1:12: error: non-default argument follows "
                                      "default argument\n    def f(a=1, b): pass\n"
                                      "               ^\n");
    ERROR_EQ("f(a=1, 2)\n", "prog.nps:1:8: error: positional argument follows keyword argument\n"
                            "    f(a=1, 2)\n           ^\n");
    ERROR_EQ("x = f\"{a b}\"\n", "prog.nps:1:10: error: f-string: invalid syntax\n"
                                 "    x = f\"{a b}\"\n             ^\n");
}
END_TEST

static const char *first_line(void)
{
    static char line[200];
    snprintf(line, sizeof line, "%s", captured ? captured : "");
    char *nl = strchr(line, '\n');
    if (nl)
        *nl = 0;
    return line;
}

#define FIRST_ERROR(src, want)                              \
    do {                                                    \
        char *got_ = parse(src);                            \
        ck_assert_ptr_null(got_);                           \
        ck_assert_str_eq(first_line(), want);               \
    } while (0)

START_TEST(rejected_constructs)
{
    FIRST_ERROR("x = {1: 2}\n", "prog.nps:1:5: error: dict/set literals are not supported");
    FIRST_ERROR("x = [i for i in y]\n", "prog.nps:1:8: error: list comprehensions are not supported");
    FIRST_ERROR("s = sum(i for i in y)\n",
                "prog.nps:1:11: error: generator expressions are not supported");
    FIRST_ERROR("@dec\ndef f(): pass\n", "prog.nps:1:1: error: decorators are not supported");
    FIRST_ERROR("with x: pass\n", "prog.nps:1:1: error: 'with' statements are not supported");
    FIRST_ERROR("try:\n    pass\n", "prog.nps:1:1: error: 'try' statements are not supported");
    FIRST_ERROR("def f(*args): pass\n", "prog.nps:1:7: error: '*' parameters are not supported");
    FIRST_ERROR("def f(**kw): pass\n", "prog.nps:1:7: error: '**' parameters are not supported");
    FIRST_ERROR("while x:\n    pass\nelse:\n    pass\n",
                "prog.nps:3:1: error: 'else' after a while loop is not supported");
    FIRST_ERROR("x = await y\n", "prog.nps:1:5: error: 'await' is not supported");
    FIRST_ERROR("x = f'{}'\n", "prog.nps:1:8: error: f-string: empty expression not allowed");
    FIRST_ERROR("x = f'{a'\n", "prog.nps:1:7: error: f-string: expecting '}'");
    FIRST_ERROR("x = f'a}'\n", "prog.nps:1:8: error: f-string: single '}' is not allowed");
}
END_TEST

/* Every acceptance case that is not bad_* must parse; each syntax-level
 * bad_* case must fail at its `# expect-error: line N`. */
static int check_case(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len;
    char *text = read_file(path, &len);
    ck_assert_msg(text, "cannot read %s", path);
    char *got = parse(text);
    bool bad = strncmp(name, "bad_", 4) == 0;
    if (!bad)
        ck_assert_msg(got, "%s does not parse: %s", name, captured);
    if (bad && !got) {
        int line = 0;
        sscanf(text, "# expect-error: line %d", &line);
        char want[300];
        snprintf(want, sizeof want, "prog.nps:%d:", line);
        ck_assert_msg(strncmp(captured, want, strlen(want)) == 0, "%s: %s", name, captured);
    }
    free(got);
    free(text);
    return 1;
}

START_TEST(acceptance_cases_parse_or_skip_if_absent)
{
    const char *dir = NUMSC_ACCEPTANCE_DIR;
    DIR *d = opendir(dir);
    if (!d)
        return;                         /* no ../shared here: nothing to check */
    int n = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        size_t l = strlen(ent->d_name);
        if (l > 4 && strcmp(ent->d_name + l - 4, ".nps") == 0)
            n += check_case(dir, ent->d_name);
    }
    closedir(d);
    ck_assert_int_gt(n, 10);
}
END_TEST

static Suite *parser_suite(void)
{
    Suite *s = suite_create("parser");
    TCase *tc = tcase_create("parse");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, precedence);
    tcase_add_test(tc, subscripts_and_calls);
    tcase_add_test(tc, fstrings);
    tcase_add_test(tc, statements);
    tcase_add_test(tc, spans);
    tcase_add_test(tc, clone_is_deep);
    tcase_add_test(tc, syntax_errors);
    tcase_add_test(tc, rejected_constructs);
    tcase_add_test(tc, acceptance_cases_parse_or_skip_if_absent);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(parser_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* fuzz_parse.c: libFuzzer target for the .nps lexer and parser (ast_parse).
 *
 * Invariants: no crash, leak or sanitizer report; a NULL module comes with at
 * least one diagnostic and a module with none; the AST of an accepted input
 * can be dumped (walks every node).
 */
#include "frontend/ast.h"
#include "support/diag.h"
#include "tests/fuzz/fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    FILE *null = fuzz_null_stream();
    diag_set_stream(null);
    diag_reset();
    ast_module *m = ast_parse("fuzz.nps", text);
    if (m) {
        FUZZ_CHECK(diag_error_count() == 0);
        ast_dump(null, m);
        ast_free(m);
    } else {
        FUZZ_CHECK(diag_error_count() > 0);
    }
    diag_set_source("fuzz.nps", NULL);
    diag_set_stream(NULL);
    free(text);
    return 0;
}

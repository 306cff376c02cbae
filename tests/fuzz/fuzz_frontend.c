/* fuzz_frontend.c: libFuzzer target for the whole front end and beyond:
 * nps_compile_to_ir (parse, sema, lowering) -> ir_verify -> the -O2 pass
 * pipeline (verified after each pass) -> the C emitter, into memory.
 *
 * Invariants: no crash, leak or sanitizer report; NULL iff diagnostics were
 * reported; the IR of an accepted program verifies before and after the
 * passes; the emitter translates it.
 */
#include "codegen/emit_c.h"
#include "frontend/frontend.h"
#include "passes/passes.h"
#include "support/diag.h"
#include "tests/fuzz/fuzz_util.h"

static void fuzz_backend(ir_module *m, FILE *null)
{
    pass_run_options ro = {false, NULL, null};
    FUZZ_CHECK(passes_run(m, passes_default_pipeline(2), &ro) == 0);
    FUZZ_CHECK(diag_error_count() == 0);
    FUZZ_CHECK(emit_c_module(null, m) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    FILE *null = fuzz_null_stream();
    diag_set_stream(null);
    diag_reset();
    diag_set_source("fuzz.nps", text);
    ir_module *m = nps_compile_to_ir("fuzz.nps", text);
    if (m) {
        FUZZ_CHECK(diag_error_count() == 0);
        FUZZ_CHECK(ir_verify(m) == 0);
        fuzz_backend(m, null);
        ir_module_free(m);
    } else {
        FUZZ_CHECK(diag_error_count() > 0);
    }
    diag_set_source("fuzz.nps", NULL);
    diag_set_stream(NULL);
    free(text);
    return 0;
}

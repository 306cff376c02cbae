/* numsc.c: the compiler driver.
 *
 *   read FILE -> .nps: front end / .nir: ir_parse -> ir_verify
 *   -> pass pipeline (-O level or --passes; verified after each pass)
 *   -> --emit=ir: the IR | --emit=c: the C | exe: C -> cc -> executable
 *   -> --emit=llvm|obj, or exe with --backend=llvm: build_llvm.c
 *
 * Errors in the input exit 1 after their diagnostics; a verifier failure
 * or an op the emitter cannot translate is an internal error (exit 3).
 * Outputs are written atomically and never when anything failed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/emit_c.h"
#include "driver/driver.h"
#ifdef NUMSC_HAVE_FRONTEND
#include "frontend/frontend.h"
#endif

void numsc_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("numsc: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static bool has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcmp(s + n - k, suf) == 0;
}

static ir_module *load(const char *path, const char *text)
{
    if (has_suffix(path, ".nir")) {
        ir_module *m = ir_parse(path, text);
        if (m && (!m->source_path || !*m->source_path))   /* no 'source' line */
            m->source_path = arena_strdup(&m->arena, path);
        return m;
    }
#ifdef NUMSC_HAVE_FRONTEND
    if (has_suffix(path, ".nps"))
        return nps_compile_to_ir(path, text);
#else
    if (has_suffix(path, ".nps")) {
        numsc_error("this numsc was built without the front end: only .nir input");
        return NULL;
    }
#endif
    numsc_error("%s: unknown file type (expected .nps or .nir)", path);
    return NULL;
}

/* The pipeline named by --passes (malloc'd, NULL-terminated), or NULL. */
static const pass **parse_pipeline(const char *list)
{
    char *copy = xstrdup(list), *save = NULL;
    const pass **pl = xcalloc(strlen(list) + 2, sizeof *pl);
    int n = 0;
    for (char *name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
        pl[n] = passes_lookup(name);
        if (!pl[n]) {
            numsc_error("unknown pass '%s' in --passes", name);
            free(copy);
            free(pl);
            return NULL;
        }
        n++;
    }
    free(copy);
    return pl;
}

static int run_passes(ir_module *m, const numsc_options *o)
{
    pass_run_options ro = {o->print_after_all, o->print_after, stderr};
    if (!o->passes)
        return passes_run(m, passes_default_pipeline(o->opt_level), &ro) ? NUMSC_EXIT_INTERNAL
                                                                           : NUMSC_EXIT_OK;
    const pass **pl = parse_pipeline(o->passes);
    if (!pl)
        return NUMSC_EXIT_ERROR;
    int problems = passes_run(m, pl, &ro);
    free(pl);
    return problems ? NUMSC_EXIT_INTERNAL : NUMSC_EXIT_OK;
}

/* Write text to o->output atomically, or to stdout. */
static int write_output(const numsc_options *o, const char *text, size_t len)
{
    if (!o->output) {
        fwrite(text, 1, len, stdout);
        return fflush(stdout) == 0 ? NUMSC_EXIT_OK : NUMSC_EXIT_ERROR;
    }
    if (write_file_atomic(o->output, text, len) != 0) {
        numsc_error("cannot write %s: %s", o->output, strerror(errno));
        return NUMSC_EXIT_ERROR;
    }
    return NUMSC_EXIT_OK;
}

static bool use_llvm(const numsc_options *o)
{
    return o->emit == NUMSC_EMIT_LLVM || o->emit == NUMSC_EMIT_OBJ ||
           (o->emit == NUMSC_EMIT_EXE && o->backend == NUMSC_BACKEND_LLVM);
}

static int emit(ir_module *m, const numsc_options *o)
{
    if (use_llvm(o)) {
#ifdef NUMSC_HAVE_LLVM
        return numsc_build_llvm(m, o);
#else
        numsc_error("this numsc was built without the LLVM backend");
        return NUMSC_EXIT_ERROR;
#endif
    }
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    int status = NUMSC_EXIT_OK;
    if (o->emit == NUMSC_EMIT_IR) {
        ir_print_module(mem, m);
    } else if (emit_c_module(mem, m) != 0) {
        numsc_error("internal error: the C emitter failed");
        status = NUMSC_EXIT_INTERNAL;
    }
    fclose(mem);
    if (status == NUMSC_EXIT_OK)
        status = o->emit == NUMSC_EMIT_EXE ? numsc_build_exe(text, len, o)
                                           : write_output(o, text, len);
    free(text);
    return status;
}

static int compile_file(const numsc_options *o, const char *text)
{
    ir_module *m = load(o->input, text);
    if (!m)
        return NUMSC_EXIT_ERROR;
    int status = NUMSC_EXIT_INTERNAL;
    if (ir_verify(m) != 0)
        numsc_error("internal error: the IR of %s does not verify", o->input);
    else if ((status = run_passes(m, o)) == NUMSC_EXIT_OK)
        status = emit(m, o);
    ir_module_free(m);
    return status;
}

int main(int argc, char **argv)
{
    numsc_options o;
    int status = numsc_parse_options(argc, argv, &o);
    if (status >= 0)
        return status;
    char *text = read_file(o.input, NULL);
    if (!text) {
        numsc_error("cannot read %s: %s", o.input, strerror(errno));
        return NUMSC_EXIT_ERROR;
    }
    diag_set_source(o.input, text);
    status = compile_file(&o, text);
    diag_set_source(o.input, NULL);
    free(text);
    return status;
}

/* driver.h: the numsc command line, shared by the driver's files. */
#ifndef NUMSC_DRIVER_H
#define NUMSC_DRIVER_H

#include <stdbool.h>

#include "passes/passes.h"

/* Exit statuses.  Usage errors and errors in the program compiled both
 * exit 1; failures inside numsc itself (IR verifier, C emitter, C compiler)
 * exit 3. */
enum { NUMSC_EXIT_OK = 0, NUMSC_EXIT_ERROR = 1, NUMSC_EXIT_INTERNAL = 3 };

typedef enum numsc_emit {
    NUMSC_EMIT_EXE, NUMSC_EMIT_C, NUMSC_EMIT_IR,
    NUMSC_EMIT_LLVM,            /* textual LLVM IR (.ll) */
    NUMSC_EMIT_OBJ              /* an object file (LLVM backend) */
} numsc_emit;

typedef enum numsc_backend { NUMSC_BACKEND_C, NUMSC_BACKEND_LLVM } numsc_backend;

typedef struct numsc_options {
    const char *input;
    const char *output;         /* NULL: a.out for exe, stdout otherwise */
    numsc_emit emit;
    int opt_level;              /* 0..3, default 2 */
    bool print_after_all;
    const char *print_after;
    const char *passes;         /* --passes=a,b: explicit pipeline, or NULL */
    const char *cc;             /* C compiler, default "cc" */
    bool keep_c;
    numsc_backend backend;      /* for exe (default llvm, or $NUMSC_BACKEND); --emit=llvm|obj imply llvm */
    bool debug;                 /* -g: DWARF line tables (LLVM backend) */
    const char *target_cpu;     /* --target-cpu=NAME, or NULL for the host */
} numsc_options;

/* options.c: parse argv.  Returns -1 to continue, else the exit status
 * (0 after --help/--version, 1 after an error already printed). */
int numsc_parse_options(int argc, char **argv, numsc_options *o);

/* build_exe.c: compile C text to an executable at o->output (or a.out)
 * with the runtime; on failure prints why and removes every temporary.
 * Returns an exit status. */
int numsc_build_exe(const char *c_text, size_t len, const numsc_options *o);

/* build_exe.c, shared with build_llvm.c: run argv capturing its output
 * (exit status; 127 when it could not start); a fresh temporary OUT.tmpXXXXXX
 * beside out (malloc'd); make tmp executable and rename it to out, or
 * remove it when status is not OK (returns the final status). */
int numsc_run_captured(char *const *argv, strbuf *log);
/* Append the runtime, LAPACKE and OpenBLAS libraries to a link command; returns the new count. */
int numsc_link_libs(const char **argv, int n);
char *numsc_temp_output(const char *out);
int numsc_install_exe(char *tmp, const char *out, int status);

/* build_llvm.c: the module through the LLVM backend to o->emit (llvm, obj
 * or exe, linking the object with the runtime).  Returns an exit status. */
int numsc_build_llvm(const ir_module *m, const numsc_options *o);

/* numsc.c */
void numsc_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

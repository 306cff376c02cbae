/* driver.h: the numsc command line, shared by the driver's files. */
#ifndef NUMSC_DRIVER_H
#define NUMSC_DRIVER_H

#include <stdbool.h>

#include "passes/passes.h"

/* Exit statuses.  Usage errors and errors in the program compiled both
 * exit 1; failures inside numsc itself (IR verifier, C emitter, C compiler)
 * exit 3. */
enum { NUMSC_EXIT_OK = 0, NUMSC_EXIT_ERROR = 1, NUMSC_EXIT_INTERNAL = 3 };

typedef enum numsc_emit { NUMSC_EMIT_EXE, NUMSC_EMIT_C, NUMSC_EMIT_IR } numsc_emit;

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
} numsc_options;

/* options.c: parse argv.  Returns -1 to continue, else the exit status
 * (0 after --help/--version, 1 after an error already printed). */
int numsc_parse_options(int argc, char **argv, numsc_options *o);

/* build_exe.c: compile C text to an executable at o->output (or a.out)
 * with the runtime; on failure prints why and removes every temporary.
 * Returns an exit status. */
int numsc_build_exe(const char *c_text, size_t len, const numsc_options *o);

/* numsc.c */
void numsc_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

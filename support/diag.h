/* diag.h: source locations and the one diagnostics path for every stage.
 *
 * Every token, AST node, IR op and runtime check carries a src_loc.  Errors
 * print GCC style:
 *
 *     prog.nps:7:12: error: name 'totl' is not defined
 *         mean = totl / 3.0
 *                ^~~~
 *
 * diag_error() counts errors; after DIAG_MAX_ERRORS it stops printing and the
 * driver gives up.  Nothing here exits the process: callers check
 * diag_error_count() and unwind.
 */
#ifndef NUMSC_DIAG_H
#define NUMSC_DIAG_H

#include <stdarg.h>

typedef struct src_loc {
    int line;      /* 1-based; 0 = unknown */
    int col;       /* 1-based column of the first character */
    int end_line;  /* last line of the span (== line for one-line spans) */
    int end_col;   /* column just past the last character (on end_line) */
} src_loc;

typedef struct diag_source {
    const char *path;   /* as given on the command line: "prog.nps" */
    const char *text;   /* whole file, NUL-terminated (may be NULL) */
} diag_source;

enum { DIAG_MAX_ERRORS = 20 };

typedef enum diag_kind { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE, DIAG_REMARK } diag_kind;

/* Set the file that locations refer to.  text may be NULL (no caret lines). */
void diag_set_source(const char *path, const char *text);
const diag_source *diag_get_source(void);

void diag_report(diag_kind kind, src_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_vreport(diag_kind kind, src_loc loc, const char *fmt, va_list ap);

/* Shorthands. */
void diag_error(src_loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_note(src_loc loc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int diag_error_count(void);
void diag_reset(void);

/* Redirect output (tests capture diagnostics in a memory stream). NULL = stderr. */
#include <stdio.h>
void diag_set_stream(FILE *out);

static inline src_loc src_loc_make(int line, int col, int end_line, int end_col)
{
    src_loc l = {line, col, end_line, end_col};
    return l;
}

/* The span from the start of a to the end of b. */
static inline src_loc src_loc_join(src_loc a, src_loc b)
{
    src_loc l = {a.line, a.col, b.end_line, b.end_col};
    return l;
}

#endif

/* diag.c: GCC-style diagnostics with the source line and a caret. */
#include "diag.h"

#include <string.h>

static diag_source source;
static FILE *stream;
static int error_count;

void diag_set_source(const char *path, const char *text)
{
    source.path = path;
    source.text = text;
}

const diag_source *diag_get_source(void) { return &source; }
void diag_set_stream(FILE *out) { stream = out; }
int diag_error_count(void) { return error_count; }
void diag_reset(void) { error_count = 0; }

/* Print source line `line` and a caret under [col, end) of it. */
static void print_caret(FILE *out, src_loc loc)
{
    if (!source.text || loc.line <= 0)
        return;
    const char *p = source.text;
    for (int l = 1; l < loc.line && *p; l++) {
        p = strchr(p, '\n');
        if (!p)
            return;
        p++;
    }
    const char *end = strchr(p, '\n');
    int len = end ? (int)(end - p) : (int)strlen(p);
    if (len > 0 && p[len - 1] == '\r')
        len--;
    fprintf(out, "    %.*s\n    ", len, p);
    int col = loc.col > 0 ? loc.col : 1;
    for (int i = 1; i < col && i <= len; i++)
        fputc(p[i - 1] == '\t' ? '\t' : ' ', out);
    fputc('^', out);
    int stop = loc.end_line == loc.line ? loc.end_col : len + 1;
    for (int i = col + 1; i < stop && i <= len; i++)
        fputc('~', out);
    fputc('\n', out);
}

void diag_vreport(diag_kind kind, src_loc loc, const char *fmt, va_list ap)
{
    static const char *names[] = {"error", "warning", "note", "remark"};
    FILE *out = stream ? stream : stderr;
    if (kind == DIAG_ERROR && ++error_count > DIAG_MAX_ERRORS) {
        if (error_count == DIAG_MAX_ERRORS + 1)
            fprintf(out, "%s: too many errors, giving up\n", source.path ? source.path : "numsc");
        return;
    }
    const char *path = source.path ? source.path : "<input>";
    if (loc.line > 0)
        fprintf(out, "%s:%d:%d: %s: ", path, loc.line, loc.col > 0 ? loc.col : 1, names[kind]);
    else
        fprintf(out, "%s: %s: ", path, names[kind]);
    vfprintf(out, fmt, ap);
    fputc('\n', out);
    if (kind != DIAG_REMARK)
        print_caret(out, loc);
}

void diag_report(diag_kind kind, src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(kind, loc, fmt, ap);
    va_end(ap);
}

void diag_error(src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(DIAG_ERROR, loc, fmt, ap);
    va_end(ap);
}

void diag_note(src_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(DIAG_NOTE, loc, fmt, ap);
    va_end(ap);
}

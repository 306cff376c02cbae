/* pass_util.c: see pass_util.h. */
#include "passes/pass_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void count_block(const ir_block *b, int *uses)
{
    for (int i = 0; i < b->nops; i++) {
        const ir_op *op = b->ops[i];
        for (int k = 0; k < op->nargs; k++)
            if (op->args[k] && !op->args[k]->is_global)
                uses[op->args[k]->id]++;
        for (int r = 0; r < op->nregions; r++)
            count_block(&op->regions[r], uses);
    }
}

int *pu_use_counts(const ir_func *f)
{
    int *uses = xcalloc((size_t)(f->nvars ? f->nvars : 1), sizeof *uses);
    count_block(&f->body, uses);
    return uses;
}

bool pu_is_temp(const ir_var *v)
{
    const char *n = v->name;
    if (v->is_global || n[0] != 't' || !n[1])
        return false;
    for (n++; *n; n++)
        if (*n < '0' || *n > '9')
            return false;
    return true;
}

bool pu_is_barrier(const ir_op *op)
{
    switch (op->code) {
    case IR_CALL: case IR_RTCALL: case IR_ASSIGN: case IR_STORE: case IR_RELEASE:
    case IR_WRITE: case IR_ASSERT: case IR_RETURN: case IR_BREAK: case IR_CONTINUE:
    case IR_IF: case IR_FOR: case IR_LOOP:
        return true;
    default:
        return false;
    }
}

bool pu_writes_var(const ir_op *op, const ir_var *v)
{
    for (int i = 0; i < op->nresults; i++)
        if (op->results[i] == v)
            return true;
    for (int r = 0; r < op->nregions; r++)
        for (int i = 0; i < op->regions[r].nops; i++)
            if (pu_writes_var(op->regions[r].ops[i], v))
                return true;
    return false;
}

void pu_replace_uses(ir_block *b, const ir_var *from, ir_var *to)
{
    for (int i = 0; i < b->nops; i++) {
        ir_op *op = b->ops[i];
        for (int k = 0; k < op->nargs; k++)
            if (op->args[k] == from)
                op->args[k] = to;
        for (int r = 0; r < op->nregions; r++)
            pu_replace_uses(&op->regions[r], from, to);
    }
}

static pu_remark_format remark_format;

void pu_set_remarks(pu_remark_format f)
{
    remark_format = f;
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(out, "\\%c", *s);
        else if ((unsigned char)*s < 32)
            fprintf(out, "\\u%04x", *s);
        else
            fputc(*s, out);
    }
    fputc('"', out);
}

void pu_remark(const char *pass, src_loc loc, const char *fmt, ...)
{
    if (remark_format == PU_REMARKS_OFF)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *path = diag_get_source()->path ? diag_get_source()->path : "<input>";
    if (remark_format == PU_REMARKS_TEXT) {
        fprintf(stderr, "%s:%d:%d: remark: %s [%s]\n", path, loc.line, loc.col, msg, pass);
        return;
    }
    fputs("{\"file\": ", stderr);
    json_string(stderr, path);
    fprintf(stderr, ", \"line\": %d, \"col\": %d, \"pass\": ", loc.line, loc.col);
    json_string(stderr, pass);
    fputs(", \"message\": ", stderr);
    json_string(stderr, msg);
    fputs("}\n", stderr);
}

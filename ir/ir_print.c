/* ir_print.c: the text form of the IR (grammar in docs/ir.md).
 *
 * Prints exactly what ir_parse reads back: print(parse(print(m))) is
 * byte-identical to print(m). */
#include "ir/ir.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void print_var(FILE *out, const ir_var *v)
{
    fprintf(out, "%c%s", v->is_global ? '$' : '%', v->name);
}

static void print_vars(FILE *out, ir_var *const *vs, int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            fputs(", ", out);
        print_var(out, vs[i]);
    }
}

static void put_zeros(FILE *out, int n)
{
    for (int i = 0; i < n; i++)
        fputc('0', out);
}

/* Fixed notation of the n digits `dig` with decimal exponent e >= -4. */
static void print_fixed(FILE *out, const char *dig, int n, int e)
{
    if (e < 0) {
        fputs("0.", out);
        put_zeros(out, -e - 1);
        fputs(dig, out);
    } else if (e >= n - 1) {
        fputs(dig, out);
        put_zeros(out, e - (n - 1));
        fputs(".0", out);
    } else {
        fprintf(out, "%.*s.%s", e + 1, dig, dig + e + 1);
    }
}

/* Like Python's repr(float): the shortest digits that read back exactly,
 * fixed notation for exponents in [-4, 16), else 1.5e-07; inf, nan. */
static void print_float(FILE *out, double d)
{
    if (isnan(d) || isinf(d)) {
        fputs(isnan(d) ? "nan" : d < 0 ? "-inf" : "inf", out);
        return;
    }
    if (signbit(d))
        fputc('-', out);
    d = fabs(d);
    if (d == 0) {
        fputs("0.0", out);
        return;
    }
    char buf[40];
    for (int prec = 0; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    char *epos = strchr(buf, 'e');
    int e = atoi(epos + 1);
    if (e < -4 || e >= 16) {
        fputs(buf, out);
        return;
    }
    char dig[24];
    int n = 0;
    for (const char *q = buf; q < epos; q++)
        if (*q != '.')
            dig[n++] = *q;
    while (n > 1 && dig[n - 1] == '0')
        n--;
    dig[n] = '\0';
    print_fixed(out, dig, n, e);
}

static void print_string(FILE *out, const char *s, int len)
{
    fputc('"', out);
    for (int i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        case '\r': fputs("\\r", out); break;
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        default:
            if (c < 0x20 || c >= 0x7f)
                fprintf(out, "\\x%02x", c);
            else
                fputc(c, out);
        }
    }
    fputc('"', out);
}

static void print_attr_value(FILE *out, const ir_attr *a)
{
    switch (a->kind) {
    case IR_ATTR_INT: fprintf(out, "%lld", (long long)a->i); break;
    case IR_ATTR_FLOAT: print_float(out, a->f); break;
    case IR_ATTR_BOOL: fputs(a->i ? "true" : "false", out); break;
    case IR_ATTR_STR: print_string(out, a->s, a->slen); break;
    case IR_ATTR_WORD: fputs(a->s, out); break;
    case IR_ATTR_SYMBOL: fprintf(out, "@%s", a->s); break;
    case IR_ATTR_INTLIST:
        fputc('[', out);
        for (int i = 0; i < a->nlist; i++)
            fprintf(out, "%s%lld", i ? ", " : "", (long long)a->list[i]);
        fputc(']', out);
        break;
    }
}

/* " {a = 1, b = sum}" for the attributes not written inline (`skip`). */
static void print_attrs(FILE *out, const ir_op *op, const char *skip, const char *prefix)
{
    int n = 0;
    for (int i = 0; i < op->nattrs; i++) {
        const ir_attr *a = &op->attrs[i];
        if (skip && strcmp(a->name, skip) == 0)
            continue;
        fputs(n++ ? ", " : prefix, out);
        fprintf(out, "%s = ", a->name);
        print_attr_value(out, a);
    }
    if (n)
        fputc('}', out);
}

static void print_loc(FILE *out, src_loc loc)
{
    if (loc.line > 0)
        fprintf(out, " loc(%d:%d)", loc.line, loc.col);
}

static void print_arg_at(FILE *out, const ir_op *op, int pos)
{
    if (pos >= 0 && pos < op->nargs)
        print_var(out, op->args[pos]);
}

/* "%A[%i, %lo:%hi, ::%s, new]" */
static void print_index(FILE *out, const ir_op *op)
{
    print_arg_at(out, op, 0);
    fputc('[', out);
    for (int i = 0; i < op->nindex; i++) {
        const ir_index *x = &op->index[i];
        if (i)
            fputs(", ", out);
        if (x->kind == IR_IDX_NEWAXIS) {
            fputs("new", out);
        } else if (x->kind == IR_IDX_INT) {
            print_arg_at(out, op, x->lo);
        } else {
            print_arg_at(out, op, x->lo);
            fputc(':', out);
            print_arg_at(out, op, x->hi);
            if (x->step >= 0) {
                fputc(':', out);
                print_arg_at(out, op, x->step);
            }
        }
    }
    fputc(']', out);
}

static void print_block(FILE *out, const ir_block *b, int indent);

static void print_region(FILE *out, const ir_block *b, int indent)
{
    fputs(" {\n", out);
    print_block(out, b, indent + 1);
    fprintf(out, "%*s}", 2 * indent, "");
}

static void print_results(FILE *out, const ir_op *op)
{
    for (int i = 0; i < op->nresults; i++) {
        fputs(i ? ", " : "", out);
        print_var(out, op->results[i]);
        fputc(':', out);
        ir_type_print(out, op->results[i]->type);
    }
    if (op->nresults)
        fputs(" = ", out);
}

/* The operands between the opcode and the attributes. */
static void print_operands(FILE *out, const ir_op *op)
{
    const ir_attr *a;
    switch (op->code) {
    case IR_CONST:
        a = ir_attr_get(op, "value");
        if (a) {
            fputc(' ', out);
            print_attr_value(out, a);
        }
        return;
    case IR_CALL:
        a = ir_attr_get(op, "callee");
        fprintf(out, " @%s(", a && a->s ? a->s : "?");
        print_vars(out, op->args, op->nargs);
        fputc(')', out);
        return;
    case IR_SLICE:
    case IR_LOAD:
        fputc(' ', out);
        print_index(out, op);
        return;
    case IR_STORE:
        fputc(' ', out);
        print_index(out, op);
        fputs(", ", out);
        print_arg_at(out, op, op->nargs - 1);
        return;
    default:
        if (op->nargs)
            fputc(' ', out);
        print_vars(out, op->args, op->nargs);
    }
}

static void print_region_op(FILE *out, const ir_op *op, int indent)
{
    if (op->code == IR_FOR) {
        fputs("for ", out);
        if (op->nresults)
            print_var(out, op->results[0]);
        fputs(" = ", out);
        print_vars(out, op->args, op->nargs);
    } else {
        print_results(out, op);
        fputs(ir_opcode_name(op->code), out);
        print_operands(out, op);
    }
    if (op->code == IR_MAP && op->nregions) {
        const ir_block *b = &op->regions[0];
        fputs(" (", out);
        for (int i = 0; i < b->nparams; i++) {
            fputs(i ? ", " : "", out);
            print_var(out, b->params[i]);
            fputc(':', out);
            ir_type_print(out, b->params[i]->type);
        }
        fputc(')', out);
    }
    print_attrs(out, op, NULL, " attributes {");
    print_loc(out, op->loc);
    for (int r = 0; r < op->nregions; r++) {
        if (r == 1) {
            if (op->code == IR_IF && op->regions[1].nops == 0)
                break;
            fputs(" else", out);
        }
        print_region(out, &op->regions[r], indent);
    }
}

static void print_op(FILE *out, const ir_op *op, int indent)
{
    fprintf(out, "%*s", 2 * indent, "");
    if (ir_opinfos[op->code].nregions) {
        print_region_op(out, op, indent);
    } else {
        print_results(out, op);
        fputs(ir_opcode_name(op->code), out);
        print_operands(out, op);
        const char *inl = op->code == IR_CONST ? "value" : op->code == IR_CALL ? "callee" : NULL;
        print_attrs(out, op, inl, " {");
        print_loc(out, op->loc);
    }
    fputc('\n', out);
}

static void print_block(FILE *out, const ir_block *b, int indent)
{
    for (int i = 0; i < b->nops; i++)
        print_op(out, b->ops[i], indent);
}

void ir_print_func(FILE *out, const ir_func *f)
{
    fprintf(out, "func @%s(", f->name);
    for (int i = 0; i < f->nparams; i++) {
        fputs(i ? ", " : "", out);
        print_var(out, f->params[i]);
        fputc(':', out);
        ir_type_print(out, f->params[i]->type);
    }
    fputc(')', out);
    if (f->nret) {
        fputs(" -> (", out);
        for (int i = 0; i < f->nret; i++) {
            fputs(i ? ", " : "", out);
            ir_type_print(out, f->ret_types[i]);
        }
        fputc(')', out);
    }
    print_loc(out, f->loc);
    print_region(out, &f->body, 0);
    fputc('\n', out);
}

void ir_print_module(FILE *out, const ir_module *m)
{
    if (m->source_path) {
        fputs("source ", out);
        print_string(out, m->source_path, (int)strlen(m->source_path));
        fputc('\n', out);
    }
    for (int i = 0; i < m->nglobals; i++) {
        fprintf(out, "global $%s : ", m->globals[i]->name);
        ir_type_print(out, m->globals[i]->type);
        fputc('\n', out);
    }
    for (int i = 0; i < m->nfuncs; i++) {
        if (i || m->nglobals || m->source_path)
            fputc('\n', out);
        ir_print_func(out, m->funcs[i]);
    }
}

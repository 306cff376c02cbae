/* emit_c_types.c: C types, C names for IR names, literals and line output.
 *
 * Names: temporaries %tN keep their name (tN); other locals become v_<name>,
 * globals g_<name>, functions f_<name>, result structs r_<name>.  Names
 * that are not plain identifiers are mangled: '_' -> "__", any other
 * byte -> "_XX" (hex), so the mapping is injective and never meets a C
 * keyword.  Emitter temporaries are e_N.
 */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "codegen/emit_c_internal.h"

/* ORDER IR_DTYPE */
static const char *const dtype_c[] = {"bool", "int64_t", "float", "double", "const char *"};
static const char *const dtype_rt[] = {"RT_BOOL", "RT_I64", "RT_F32", "RT_F64", "RT_BOOL"};

const char *ec_dtype_c(ir_dtype dt) { return dtype_c[dt]; }
const char *ec_rt_dtype(ir_dtype dt) { return dtype_rt[dt]; }

/* As a declaration prefix: "double ", "rt_array *", "const char *". */
const char *ec_ctype(ir_type t)
{
    static const char *const decl[] = {"bool ", "int64_t ", "float ", "double ", "const char *", "rt_rng *"};
    return t.is_array ? "rt_array *" : decl[t.dtype];     /* ORDER IR_DTYPE */
}

bool ec_is_handle(ir_type t)
{
    return t.is_array || t.dtype == IR_RNG;
}

const char *ec_release_fn(ir_type t)
{
    return t.is_array ? "rt_release" : "rt_rng_release";
}

const char *ec_retain_fn(ir_type t)
{
    return t.is_array ? "rt_retain" : "rt_rng_retain";
}

static bool plain_ident(const char *s)
{
    if (!*s || isdigit((unsigned char)*s))
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return false;
    return true;
}

void ec_mangle(strbuf *sb, const char *name)
{
    if (plain_ident(name) && !strstr(name, "__")) {
        sb_puts(sb, name);
        return;
    }
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (isalnum(*p))
            sb_putc(sb, (char)*p);
        else if (*p == '_')
            sb_puts(sb, "__");
        else
            sb_printf(sb, "_%02X", *p);
    }
}

static bool is_temp_name(const char *s)
{
    if (s[0] != 't' || !s[1])
        return false;
    for (s++; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

static char *take(strbuf *sb)
{
    char *s = sb_take(sb);
    sb_free(sb);
    return s;
}

char *ec_local_name(const ir_var *v)
{
    if (is_temp_name(v->name))
        return xstrdup(v->name);
    strbuf sb;
    sb_init(&sb);
    sb_puts(&sb, "v_");
    ec_mangle(&sb, v->name);
    return take(&sb);
}

char *ec_global_name(const ir_var *v)
{
    strbuf sb;
    sb_init(&sb);
    sb_puts(&sb, "g_");
    ec_mangle(&sb, v->name);
    return take(&sb);
}

const char *ec_var(ec *e, const ir_var *v)
{
    return v->is_global ? e->gname[v->id] : e->lname[v->id];
}

/* A C string literal for len raw bytes (octal escapes for the unusual). */
void ec_str_literal(FILE *out, const char *s, int len)
{
    fputc('"', out);
    for (int i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 32 || c == 127 || c == '?')
            fprintf(out, "\\%03o", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

void ec_str_literal_sb(strbuf *sb, const char *s, int len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    ec_str_literal(f, s, len);
    fclose(f);
    sb_putn(sb, buf, n);
    free(buf);
}

static void put_indent(ec *e)
{
    for (int i = 0; i < e->indent; i++)
        fputs("    ", e->out);
}

void ec_line(ec *e, const char *fmt, ...)
{
    va_list ap;
    put_indent(e);
    va_start(ap, fmt);
    vfprintf(e->out, fmt, ap);
    va_end(ap);
    fputc('\n', e->out);
}

void ec_open(ec *e, const char *fmt, ...)
{
    va_list ap;
    put_indent(e);
    va_start(ap, fmt);
    vfprintf(e->out, fmt, ap);
    va_end(ap);
    fputs(" {\n", e->out);
    e->indent++;
}

void ec_block(ec *e)
{
    ec_line(e, "{");
    e->indent++;
}

void ec_close(ec *e)
{
    e->indent--;
    ec_line(e, "}");
}

int ec_tmp(ec *e)
{
    return e->ntmp++;
}

void ec_set_line(ec *e, const ir_op *op)
{
    if (op->loc.line > 0)
        ec_line(e, "rt_line = %d;", op->loc.line);
}

void ec_unsupported(ec *e, const ir_op *op, const char *why)
{
    diag_error(op->loc, "C emitter: cannot translate '%s': %s", ir_opcode_name(op->code), why);
    ec_line(e, "#error \"unsupported op %s\"", ir_opcode_name(op->code));
    e->errors++;
}

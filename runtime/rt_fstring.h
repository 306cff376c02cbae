/* rt_fstring.h: f-string fields (format(value, spec)), program arguments
 * (sys.argv), and clocks (time.perf_counter) for generated code.
 *
 * The format-spec parser is shared with the compiler, which rejects a bad
 * constant spec at compile time with Python's own message: it is defined
 * below, and compiled only where RT_FSPEC_IMPLEMENTATION is defined
 * (runtime/rt_fstring.c and frontend/sema_fstring.c), as static functions.
 *
 * Include after numsrt.h (numsrt.h includes this file at its end).
 */
#ifndef RT_FSTRING_H
#define RT_FSTRING_H

#include "numsrt.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- f-string fields: print(f"{x:spec}") ---- */
/* Python's format(v, spec) for a non-empty spec, written to stdout.  A bad
 * spec raises ValueError with Python's wording.  float32 formats as the
 * Python float it converts to; bool with a spec formats as int. */
void rt_write_format_bool(bool v, const char *spec);
void rt_write_format_i64(int64_t v, const char *spec);
void rt_write_format_f32(float v, const char *spec);
void rt_write_format_f64(double v, const char *spec);
void rt_write_format_str(const char *s, const char *spec);
/* "" writes str(a); any other spec raises NumPy's TypeError. */
void rt_write_format_array(rt_array *a, const char *spec);

/* The same as malloc'd strings (tests; the caller frees). */
char *rt_fstr_i64(int64_t v, const char *spec);
char *rt_fstr_f64(double v, const char *spec);
char *rt_fstr_str(const char *s, const char *spec);

/* ---- sys and time ---- */
const char *rt_argv_get(int64_t i);     /* sys.argv[i]; IndexError "list index out of range" */
int64_t rt_argc(void);                  /* len(sys.argv) */
int64_t rt_str_to_i64(const char *s);   /* int(s): ValueError "invalid literal for int() with base 10: 'x'" */
double rt_str_to_f64(const char *s);    /* float(s): ValueError "could not convert string to float: 'x'" */
double rt_perf_counter(void);           /* time.perf_counter(): CLOCK_MONOTONIC seconds */
double rt_time(void);                   /* time.time(): seconds since the epoch */
double rt_math_sqrt(double x);          /* math.sqrt: ValueError "math domain error" for x < 0 */
double rt_math_log(double x);           /* math.log: ValueError "math domain error" for x <= 0 */
double rt_math_log2(double x);          /* the same for math.log2 */
double rt_math_log10(double x);         /* the same for math.log10 */
double rt_math_exp(double x);           /* math.exp: OverflowError "math range error" */

/* ---- the format-spec mini-language ----
 * [[fill]align][sign][z][#][0][width][grouping][.precision][type] */
typedef struct rt_fspec {
    char fill[5];           /* one code point, UTF-8, NUL-terminated */
    char align;             /* '<' '>' '^' '=' */
    char sign;              /* '+' '-' ' ', or 0 */
    bool no_neg_0;          /* z */
    bool alt;               /* # */
    int width;              /* -1: none */
    char grouping;          /* ',' '_', or 0; '_' in b/o/x/X groups by 4 */
    int precision;          /* -1: none */
    char type;              /* 0: none */
} rt_fspec;

/* Value kinds, as Python names their types in messages. */
typedef enum rt_fkind { RT_FK_INT, RT_FK_BOOL, RT_FK_FLOAT, RT_FK_STR } rt_fkind;

#ifdef RT_FSPEC_IMPLEMENTATION
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const rt_fkind_name[] = {"int", "bool", "float", "str"};

static bool rt_fspec_is_align(char c)
{
    return c == '<' || c == '>' || c == '^' || c == '=';
}

/* Bytes in the UTF-8 sequence that starts with c. */
static int rt_fspec_u8len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* Digits at s[*pos]: -1 on overflow, else how many (value in *out). */
static int rt_fspec_int(const char *s, size_t len, size_t *pos, int *out)
{
    int n = 0;
    long long v = 0;
    while (*pos < len && s[*pos] >= '0' && s[*pos] <= '9') {
        v = v * 10 + (s[(*pos)++] - '0');
        if (v > 0x7fffffff)
            return -1;
        n++;
    }
    *out = (int)v;
    return n;
}

static bool rt_fspec_fail(char *err, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool rt_fspec_fail(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
    return false;
}

/* The syntax, as CPython's parse_internal_render_format_spec reads it. */
static bool rt_fspec_syntax(const char *s, size_t len, rt_fkind k, rt_fspec *f, char *err, size_t esz)
{
    size_t pos = 0;
    bool fill_given = false, align_given = false;
    memset(f, 0, sizeof *f);
    f->fill[0] = ' ';
    f->width = f->precision = -1;
    f->align = k == RT_FK_STR ? '<' : '>';
    int n1 = len ? rt_fspec_u8len((unsigned char)s[0]) : 0;
    if (len > (size_t)n1 && rt_fspec_is_align(s[n1])) {
        memcpy(f->fill, s, (size_t)n1);
        f->fill[n1] = 0;
        f->align = s[n1];
        pos = (size_t)n1 + 1;
        fill_given = align_given = true;
    } else if (len && rt_fspec_is_align(s[0])) {
        f->align = s[0];
        pos = 1;
        align_given = true;
    }
    if (pos < len && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' '))
        f->sign = s[pos++];
    if (pos < len && s[pos] == 'z') {
        f->no_neg_0 = true;
        pos++;
    }
    if (pos < len && s[pos] == '#') {
        f->alt = true;
        pos++;
    }
    if (!fill_given && pos < len && s[pos] == '0') {
        f->fill[0] = '0';
        if (!align_given && k != RT_FK_STR)
            f->align = '=';
        pos++;
    }
    int got = rt_fspec_int(s, len, &pos, &f->width);
    if (got < 0)
        return rt_fspec_fail(err, esz, "Too many decimal digits in format string");
    if (got == 0)
        f->width = -1;
    if (pos < len && s[pos] == ',') {
        f->grouping = ',';
        pos++;
    }
    if (pos < len && s[pos] == '_') {
        if (f->grouping)
            return rt_fspec_fail(err, esz, "Cannot specify both ',' and '_'.");
        f->grouping = '_';
        pos++;
    }
    if (pos < len && s[pos] == ',' && f->grouping == '_')
        return rt_fspec_fail(err, esz, "Cannot specify both ',' and '_'.");
    if (pos < len && s[pos] == '.') {
        pos++;
        got = rt_fspec_int(s, len, &pos, &f->precision);
        if (got < 0)
            return rt_fspec_fail(err, esz, "Too many decimal digits in format string");
        if (got == 0)
            return rt_fspec_fail(err, esz, "Format specifier missing precision");
    }
    if (len - pos > 1)
        return rt_fspec_fail(err, esz, "Invalid format specifier '%.*s' for object of type '%s'", (int)len, s,
                             rt_fkind_name[k]);
    if (len - pos == 1)
        f->type = s[pos];
    return true;
}

static bool rt_fspec_code_error(char c, rt_fkind k, char *err, size_t esz)
{
    if (c > 32 && c < 127)
        return rt_fspec_fail(err, esz, "Unknown format code '%c' for object of type '%s'", c, rt_fkind_name[k]);
    return rt_fspec_fail(err, esz, "Unknown format code '\\x%x' for object of type '%s'", (unsigned char)c,
                         rt_fkind_name[k]);
}

/* Grouping only with the types PEP 378 / PEP 515 allow. */
static bool rt_fspec_grouping_ok(rt_fspec *f, char *err, size_t esz)
{
    if (!f->grouping || strchr("defgEGF%", f->type) || !f->type)
        return true;
    if (f->grouping == '_' && strchr("boxX", f->type))
        return true;
    if (f->type > 32 && f->type < 127)
        return rt_fspec_fail(err, esz, "Cannot specify '%c' with '%c'.", f->grouping, f->type);
    return rt_fspec_fail(err, esz, "Cannot specify '%c' with '\\x%x'.", f->grouping, (unsigned char)f->type);
}

/* Checks of format_string_internal / format_long_internal. */
static bool rt_fspec_kind_ok(const rt_fspec *f, rt_fkind k, char *err, size_t esz)
{
    if (k == RT_FK_STR) {
        if (f->sign == ' ')
            return rt_fspec_fail(err, esz, "Space not allowed in string format specifier");
        if (f->sign)
            return rt_fspec_fail(err, esz, "Sign not allowed in string format specifier");
        if (f->no_neg_0)
            return rt_fspec_fail(err, esz, "Negative zero coercion (z) not allowed in string format specifier");
        if (f->alt)
            return rt_fspec_fail(err, esz, "Alternate form (#) not allowed in string format specifier");
        if (f->align == '=')
            return rt_fspec_fail(err, esz, "'=' alignment not allowed in string format specifier");
        return true;
    }
    if ((k == RT_FK_INT || k == RT_FK_BOOL) && (!f->type || strchr("bcdoxXn", f->type))) {
        if (f->precision >= 0)
            return rt_fspec_fail(err, esz, "Precision not allowed in integer format specifier");
        if (f->no_neg_0)
            return rt_fspec_fail(err, esz, "Negative zero coercion (z) not allowed in integer format specifier");
        if (f->type == 'c' && f->sign)
            return rt_fspec_fail(err, esz, "Sign not allowed with integer format specifier 'c'");
        if (f->type == 'c' && f->alt)
            return rt_fspec_fail(err, esz, "Alternate form (#) not allowed with integer format specifier 'c'");
    }
    return true;
}

/* Parse text[0..len) for a value of kind k; false: Python's ValueError
 * message is in err. */
static bool rt_fspec_parse(const char *text, size_t len, rt_fkind k, rt_fspec *f, char *err, size_t esz)
{
    if (!rt_fspec_syntax(text, len, k, f, err, esz))
        return false;
    if (k == RT_FK_STR && !f->type)
        f->type = 's';
    if (!rt_fspec_grouping_ok(f, err, esz))
        return false;
    const char *types = k == RT_FK_STR ? "s" : k == RT_FK_FLOAT ? "eEfFgGn%" : "bcdoxXneEfFgG%";
    if (f->type && !strchr(types, f->type))
        return rt_fspec_code_error(f->type, k, err, esz);
    return rt_fspec_kind_ok(f, k, err, esz);
}
#endif /* RT_FSPEC_IMPLEMENTATION */

#ifdef __cplusplus
}
#endif
#endif

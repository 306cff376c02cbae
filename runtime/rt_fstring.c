/* rt_fstring.c: f-string fields, Python's format(value, spec) for int,
 * float and str (bool and float32 go through them), laid out as CPython's
 * formatter does: sign, prefix, grouped digits, remainder, then padding. */
#define RT_FSPEC_IMPLEMENTATION
#include "rt_fstring.h"
#include "rt_format.h"
#include "rt_internal.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void parse_or_raise(const char *spec, rt_fkind k, rt_fspec *f)
{
    char err[256];
    if (!rt_fspec_parse(spec, strlen(spec), k, f, err, sizeof err))
        rt_raise("ValueError", "%s", err);
}

static void sbuf_printf(rt_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sbuf_printf(rt_sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *tmp = rt_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(tmp, (size_t)n + 1, fmt, ap);
    va_end(ap);
    rt_sbuf_add(b, tmp, (size_t)n);
    free(tmp);
}

/* Code points in s[0..n) (UTF-8). */
static long u8_count(const char *s, size_t n)
{
    long c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xc0) != 0x80;
    return c;
}

static void add_fill(rt_sbuf *b, const rt_fspec *f, long n)
{
    for (long i = 0; i < n; i++)
        rt_sbuf_adds(b, f->fill);
}

static long max_l(long a, long b) { return a > b ? a : b; }
static long min_l(long a, long b) { return a < b ? a : b; }

/* d[0..nd) with a separator every `size` digits from the right, zero-padded
 * (separators included) to at least min_width chars: CPython's
 * _PyUnicode_InsertThousandsGrouping. */
static void group_digits(rt_sbuf *out, const char *d, long nd, char sep, long size, long min_width)
{
    rt_sbuf rev = {0};
    long remaining = nd;
    const char *p = d + nd;
    for (bool use_sep = false;; use_sep = true) {
        long l = min_l(size, max_l(max_l(remaining, min_width), 1));
        long zeros = max_l(0, l - remaining), chars = max_l(0, min_l(remaining, l));
        if (use_sep)
            rt_sbuf_addc(&rev, sep);
        for (long i = 0; i < chars; i++)
            rt_sbuf_addc(&rev, *--p);
        for (long i = 0; i < zeros; i++)
            rt_sbuf_addc(&rev, '0');
        remaining -= chars;
        min_width -= l;
        if (remaining <= 0 && min_width <= 0)
            break;
        min_width -= 1;
    }
    for (size_t i = rev.len; i-- > 0;)
        rt_sbuf_addc(out, rev.p[i]);
    free(rev.p);
}

/* sign, prefix, body[0..nd) grouped, body[nd..], padded to the width. */
static void put_number(rt_sbuf *out, const rt_fspec *f, bool neg, const char *prefix, const char *body, long nd)
{
    char sign = neg ? '-' : f->sign == '+' ? '+' : f->sign == ' ' ? ' ' : 0;
    long lead = (sign != 0) + (long)strlen(prefix);
    const char *rest = body + nd;
    long nrest = u8_count(rest, strlen(rest));
    bool zero_pad = !strcmp(f->fill, "0") && f->align == '=';
    long min_width = zero_pad ? f->width - lead - nrest : 0;
    long size = !f->grouping ? LONG_MAX : f->grouping == '_' && f->type && strchr("boxX", f->type) ? 4 : 3;
    rt_sbuf g = {0};
    if (nd > 0)
        group_digits(&g, body, nd, f->grouping, size, min_width);
    long pad = max_l(0, f->width - (lead + u8_count(g.p ? g.p : "", g.len) + nrest));
    long left = f->align == '>' ? pad : f->align == '^' ? pad / 2 : 0;
    long right = f->align == '<' || f->align == '^' ? pad - left : 0;
    add_fill(out, f, left);
    if (sign)
        rt_sbuf_addc(out, sign);
    rt_sbuf_adds(out, prefix);
    if (f->align == '=')
        add_fill(out, f, pad);
    if (g.p)
        rt_sbuf_add(out, g.p, g.len);
    rt_sbuf_adds(out, rest);
    add_fill(out, f, right);
    free(g.p);
}

/* ---- floats ---- */

/* Digits d[0..nd) with the decimal point after decpt digits, as CPython's
 * format_float_short lays them out ('g' and 'r' modes). */
static void layout(rt_sbuf *b, const char *d, int nd, int decpt, bool use_exp, bool alt, bool dot0, int vend)
{
    int exp = 0;
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    if (vend < nd)
        vend = nd;
    if (!use_exp && dot0 && vend < decpt + 1)
        vend = decpt + 1;
    else if (vend < decpt)
        vend = decpt;
    if (decpt <= 0) {
        rt_sbuf_adds(b, "0.");
        for (int i = decpt; i < vend; i++)
            rt_sbuf_addc(b, i < 0 ? '0' : i < nd ? d[i] : '0');
    } else {
        for (int i = 0; i < decpt; i++)
            rt_sbuf_addc(b, i < nd ? d[i] : '0');
        if (decpt < vend || alt)
            rt_sbuf_addc(b, '.');
        for (int i = decpt; i < vend; i++)
            rt_sbuf_addc(b, i < nd ? d[i] : '0');
    }
    if (use_exp)
        sbuf_printf(b, "e%c%02d", exp < 0 ? '-' : '+', abs(exp));
}

/* repr(a) for finite a >= 0 ('r' mode, with '#'). */
static void repr_body(rt_sbuf *b, double a, bool alt)
{
    rt_decimal dec;
    rt_decimal_shortest_f64(a, &dec);
    int decpt = dec.exp10 + 1;
    layout(b, dec.digits, dec.ndigits, decpt, decpt <= -4 || decpt > 16, alt, true, 0);
}

/* No type with a precision: 'g', but with ".0" on integers and scientific
 * notation from exponent p - 1 on. */
static void gdot0_body(rt_sbuf *b, double a, int p, bool alt)
{
    if (p == 0)
        p = 1;
    rt_sbuf e = {0};
    sbuf_printf(&e, "%.*e", p - 1, a);
    char *ep = strchr(e.p, 'e');
    int decpt = atoi(ep + 1) + 1;
    char *d = rt_xmalloc((size_t)p + 1);
    int nd = 0;
    for (char *s = e.p; s < ep; s++)
        if (*s != '.')
            d[nd++] = *s;
    while (!alt && nd > 1 && d[nd - 1] == '0')
        nd--;
    layout(b, d, nd, decpt, decpt <= -4 || decpt > p - 1, alt, true, alt ? p : 0);
    free(d);
    free(e.p);
}

/* |v| formatted for type f->type, without the sign. */
static void float_body(rt_sbuf *b, double a, const rt_fspec *f)
{
    char t = f->type == 'n' ? 'g' : f->type;
    bool upper = t == 'E' || t == 'F' || t == 'G';
    int p = f->precision < 0 ? 6 : f->precision;
    if (!isfinite(a)) {
        rt_sbuf_adds(b, isnan(a) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        if (t == '%')
            rt_sbuf_addc(b, '%');
    } else if (!t && f->precision < 0) {
        repr_body(b, a, f->alt);
    } else if (!t) {
        gdot0_body(b, a, f->precision, f->alt);
    } else if (t == '%') {
        sbuf_printf(b, f->alt ? "%#.*f%%" : "%.*f%%", p, a * 100);
    } else {
        char fmt[8] = "%.*";
        if (f->alt)
            strcpy(fmt, "%#.*");
        size_t n = strlen(fmt);
        fmt[n] = t;
        fmt[n + 1] = 0;
        sbuf_printf(b, fmt, p, a);
    }
}

/* Every mantissa digit zero: -0.0 after rounding (for z). */
static bool all_zero(const char *s)
{
    for (; *s && *s != 'e' && *s != 'E' && *s != '%'; s++)
        if (*s != '0' && *s != '.')
            return false;
    return true;
}

static void format_f64(rt_sbuf *out, double v, const rt_fspec *f)
{
    rt_sbuf body = {0};
    float_body(&body, fabs(v), f);
    bool neg = signbit(v) && !isnan(v);
    if (neg && f->no_neg_0 && isfinite(v) && all_zero(body.p))
        neg = false;
    put_number(out, f, neg, "", body.p, (long)strspn(body.p, "0123456789"));
    free(body.p);
}

/* ---- ints ---- */

static void put_unsigned(rt_sbuf *b, uint64_t u, int base, bool upper)
{
    const char *digs = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[72];
    int n = 0;
    do {
        tmp[n++] = digs[u % (uint64_t)base];
        u /= (uint64_t)base;
    } while (u);
    while (n > 0)
        rt_sbuf_addc(b, tmp[--n]);
}

/* Code point c as UTF-8. */
static void put_utf8(rt_sbuf *b, uint32_t c)
{
    if (c < 0x80) {
        rt_sbuf_addc(b, (char)c);
    } else if (c < 0x800) {
        rt_sbuf_addc(b, (char)(0xc0 | c >> 6));
        rt_sbuf_addc(b, (char)(0x80 | (c & 0x3f)));
    } else if (c < 0x10000) {
        rt_sbuf_addc(b, (char)(0xe0 | c >> 12));
        rt_sbuf_addc(b, (char)(0x80 | ((c >> 6) & 0x3f)));
        rt_sbuf_addc(b, (char)(0x80 | (c & 0x3f)));
    } else {
        rt_sbuf_addc(b, (char)(0xf0 | c >> 18));
        rt_sbuf_addc(b, (char)(0x80 | ((c >> 12) & 0x3f)));
        rt_sbuf_addc(b, (char)(0x80 | ((c >> 6) & 0x3f)));
        rt_sbuf_addc(b, (char)(0x80 | (c & 0x3f)));
    }
}

static void format_i64(rt_sbuf *out, int64_t v, const rt_fspec *f)
{
    char t = f->type;
    if (t && strchr("eEfFgG%", t)) {      /* an int with a float type formats as float */
        format_f64(out, (double)v, f);
        return;
    }
    rt_sbuf body = {0};
    const char *prefix = "";
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (t == 'c') {
        if (v < 0 || v > 0x10ffff)
            rt_raise("OverflowError", "%%c arg not in range(0x110000)");
        put_utf8(&body, (uint32_t)v);
        put_number(out, f, false, "", body.p, 0);
        free(body.p);
        return;
    }
    int base = t == 'b' ? 2 : t == 'o' ? 8 : t == 'x' || t == 'X' ? 16 : 10;
    if (f->alt && base != 10)
        prefix = t == 'b' ? "0b" : t == 'o' ? "0o" : t == 'x' ? "0x" : "0X";
    put_unsigned(&body, u, base, t == 'X');
    put_number(out, f, v < 0, prefix, body.p, (long)body.len);
    free(body.p);
}

/* ---- str ---- */

static void format_str(rt_sbuf *out, const char *s, const rt_fspec *f)
{
    size_t len = strlen(s);
    if (f->precision >= 0) {        /* keep the first `precision` code points */
        long cp = 0;
        size_t i = 0;
        for (; i < len; i++) {
            if (((unsigned char)s[i] & 0xc0) != 0x80 && cp++ == f->precision)
                break;
        }
        len = i;
    }
    long pad = max_l(0, f->width - u8_count(s, len));
    long left = f->align == '>' ? pad : f->align == '^' ? pad / 2 : 0;
    add_fill(out, f, left);
    rt_sbuf_add(out, s, len);
    add_fill(out, f, pad - left);
}

/* ---- entry points ---- */

char *rt_fstr_i64(int64_t v, const char *spec)
{
    rt_fspec f;
    rt_sbuf b = {0};
    parse_or_raise(spec, RT_FK_INT, &f);
    format_i64(&b, v, &f);
    rt_sbuf_add(&b, "", 0);
    return b.p;
}

char *rt_fstr_f64(double v, const char *spec)
{
    rt_fspec f;
    rt_sbuf b = {0};
    parse_or_raise(spec, RT_FK_FLOAT, &f);
    format_f64(&b, v, &f);
    rt_sbuf_add(&b, "", 0);
    return b.p;
}

char *rt_fstr_str(const char *s, const char *spec)
{
    rt_fspec f;
    rt_sbuf b = {0};
    parse_or_raise(spec, RT_FK_STR, &f);
    format_str(&b, s, &f);
    rt_sbuf_add(&b, "", 0);
    return b.p;
}

static void write_owned(char *s)
{
    rt_write_cstr(s);
    free(s);
}

void rt_write_format_i64(int64_t v, const char *spec) { write_owned(rt_fstr_i64(v, spec)); }
void rt_write_format_f64(double v, const char *spec) { write_owned(rt_fstr_f64(v, spec)); }
void rt_write_format_f32(float v, const char *spec) { write_owned(rt_fstr_f64(v, spec)); }
void rt_write_format_str(const char *s, const char *spec) { write_owned(rt_fstr_str(s, spec)); }

void rt_write_format_bool(bool v, const char *spec)
{
    if (!*spec) {
        rt_write_bool(v);
        return;
    }
    rt_fspec f;
    rt_sbuf b = {0};
    parse_or_raise(spec, RT_FK_BOOL, &f);
    format_i64(&b, v, &f);
    rt_sbuf_add(&b, "", 0);
    write_owned(b.p);
}

void rt_write_format_array(rt_array *a, const char *spec)
{
    if (*spec)
        rt_raise("TypeError", "unsupported format string passed to numpy.ndarray.__format__");
    rt_write_array(a);
}

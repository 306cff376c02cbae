/* rt_format_elem.c: the element formatters of str(ndarray), after NumPy's
 * arrayprint.py with the default options (precision 8, floatmode 'maxprec',
 * suppress False, sign '-').
 *
 * Floats (FloatingFormat): scientific when the largest finite nonzero |x| is
 * >= 1e8, the smallest < 1e-4, or their ratio > 1e3.  Positional: each value
 * has its shortest digits, cut to 8 after the point (exact value rounded),
 * trailing zeros dropped; padded to common widths left and right of the
 * point.  Scientific: shortest digits cut to 8 after the point; all values
 * then get the largest count, extra digits from the exact value; exponents
 * zero-padded to a common width.  nan/inf right-aligned in the full width.
 * Integers: right-aligned to the widest of max and min.  Bools: " True",
 * "False".
 */
#include "rt_format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void visit(const rt_array *a, int axis, int64_t off, bool summary,
                  rt_elem_visit_fn fn, void *ctx)
{
    if (axis == a->rank) {
        fn(ctx, off);
        return;
    }
    int64_t n = a->shape[axis], st = a->strides[axis];
    bool cut = summary && n > 2 * RT_PRINT_EDGEITEMS;
    for (int64_t i = 0; i < n; i++) {
        if (cut && i == RT_PRINT_EDGEITEMS)
            i = n - RT_PRINT_EDGEITEMS;
        visit(a, axis + 1, off + i * st, summary, fn, ctx);
    }
}

void rt_visit_shown(const rt_array *a, bool summary, rt_elem_visit_fn fn, void *ctx)
{
    visit(a, 0, 0, summary, fn, ctx);
}

static double load_float(const rt_array *a, int64_t off)
{
    if (a->dtype == RT_F32)
        return ((const float *)a->data)[off];
    return ((const double *)a->data)[off];
}

/* ---- the text of one finite float, in pieces ---- */

typedef struct parts {
    char ip[48];        /* sign and digits left of the point */
    char fp[48];        /* digits right of the point */
    int exp;            /* scientific: decimal exponent */
} parts;

static void shortest(double x, bool f32, rt_decimal *d)
{
    if (f32)
        rt_decimal_shortest_f32((float)x, d);
    else
        rt_decimal_shortest_f64(x, d);
}

static void trim_zeros(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '0')
        s[--n] = '\0';
}

/* Positional, at most RT_PRINT_PRECISION digits after the point (the exact
 * value rounded beyond that), trailing zeros trimmed. */
static void pos_parts(double x, bool f32, parts *p)
{
    rt_decimal d;
    shortest(x, f32, &d);
    const char *sign = d.neg ? "-" : "";
    /* NumPy prints with min_digits=0: the units digit always comes from the
     * exact value (float32 48150928. though its shortest is 4815093e1). */
    if (d.ndigits - d.exp10 - 1 > RT_PRINT_PRECISION || d.exp10 >= d.ndigits) {
        char buf[80];
        snprintf(buf, sizeof buf, "%.*f", RT_PRINT_PRECISION, fabs(x));
        char *dot = strchr(buf, '.');
        *dot = '\0';
        snprintf(p->ip, sizeof p->ip, "%s%.40s", sign, buf);
        snprintf(p->fp, sizeof p->fp, "%s", dot + 1);
        trim_zeros(p->fp);
        return;
    }
    if (d.exp10 < 0) {
        snprintf(p->ip, sizeof p->ip, "%s0", sign);
        int z = -d.exp10 - 1;
        memset(p->fp, '0', (size_t)z);
        snprintf(p->fp + z, sizeof p->fp - (size_t)z, "%s", d.digits);
        return;
    }
    int k = snprintf(p->ip, sizeof p->ip, "%s", sign);
    for (int i = 0; i <= d.exp10; i++)
        p->ip[k++] = i < d.ndigits ? d.digits[i] : '0';
    p->ip[k] = '\0';
    snprintf(p->fp, sizeof p->fp, "%s", d.ndigits > d.exp10 + 1 ? d.digits + d.exp10 + 1 : "");
}

/* Scientific.  prec < 0: shortest, cut to RT_PRINT_PRECISION digits after
 * the point and trimmed; else exactly prec digits after the point. */
static void sci_parts(double x, bool f32, int prec, parts *p)
{
    rt_decimal d;
    shortest(x, f32, &d);
    int nfrac = d.ndigits - 1;
    if (prec < 0 && nfrac > RT_PRINT_PRECISION) {
        rt_decimal_exact(x, RT_PRINT_PRECISION + 1, &d);
        trim_zeros(d.digits + 1);
    } else if (prec >= 0 && nfrac != prec) {
        rt_decimal_exact(x, prec + 1, &d);
    }
    snprintf(p->ip, sizeof p->ip, "%s%c", d.neg ? "-" : "", d.digits[0]);
    snprintf(p->fp, sizeof p->fp, "%s", d.digits + 1);
    p->exp = d.exp10;
}

static int exp_digits(int e)
{
    char buf[16];
    return snprintf(buf, sizeof buf, "%02d", e < 0 ? -e : e);
}

static int imax(int a, int b)
{
    return a > b ? a : b;
}

/* ---- FloatingFormat.fillFormat ---- */

typedef struct float_scan {
    const rt_array *a;
    rt_elemfmt *f;
    bool any_nonzero, any_nonfinite, any_neginf;
    double max_abs, min_abs;
    int nfinite;
} float_scan;

static void scan_range(void *ctx, int64_t off)
{
    float_scan *s = ctx;
    double x = load_float(s->a, off);
    if (!isfinite(x)) {
        s->any_nonfinite = true;
        s->any_neginf |= isinf(x) && x < 0;
        return;
    }
    s->nfinite++;
    if (x == 0)
        return;
    double ax = fabs(x);
    if (!s->any_nonzero || ax > s->max_abs)
        s->max_abs = ax;
    if (!s->any_nonzero || ax < s->min_abs)
        s->min_abs = ax;
    s->any_nonzero = true;
}

static void scan_widths(void *ctx, int64_t off)
{
    float_scan *s = ctx;
    double x = load_float(s->a, off);
    if (!isfinite(x))
        return;
    bool f32 = s->a->dtype == RT_F32;
    parts p;
    rt_elemfmt *f = s->f;
    if (f->exp_mode) {
        sci_parts(x, f32, -1, &p);
        f->precision = imax(f->precision, (int)strlen(p.fp));
        f->exp_size = imax(f->exp_size, exp_digits(p.exp));
    } else {
        pos_parts(x, f32, &p);
        f->pad_right = imax(f->pad_right, (int)strlen(p.fp));
    }
    f->pad_left = imax(f->pad_left, (int)strlen(p.ip));
}

static bool wants_exp(const float_scan *s)
{
    if (!s->any_nonzero)
        return false;
    double ratio = s->a->dtype == RT_F32 ? (double)((float)s->max_abs / (float)s->min_abs)
                                         : s->max_abs / s->min_abs;
    return s->max_abs >= 1e8 || s->min_abs < 1e-4 || ratio > 1000.0;
}

static void float_init(rt_elemfmt *f, const rt_array *a, bool summary)
{
    float_scan s = { .a = a, .f = f };
    rt_visit_shown(a, summary, scan_range, &s);
    f->exp_mode = wants_exp(&s);
    f->exp_size = -1;
    rt_visit_shown(a, summary, scan_widths, &s);
    if (f->exp_mode)
        f->pad_right = f->exp_size + 2 + f->precision;
    if (s.any_nonfinite) {
        int offset = f->pad_right + 1;
        f->pad_left = imax(f->pad_left, imax(3 - offset, 3 + s.any_neginf - offset));
    }
}

/* ---- IntegerFormat ---- */

typedef struct int_scan {
    const rt_array *a;
    int64_t lo, hi;
    bool any;
} int_scan;

static void scan_int(void *ctx, int64_t off)
{
    int_scan *s = ctx;
    int64_t v = ((const int64_t *)s->a->data)[off];
    if (!s->any || v < s->lo)
        s->lo = v;
    if (!s->any || v > s->hi)
        s->hi = v;
    s->any = true;
}

static void int_init(rt_elemfmt *f, const rt_array *a, bool summary)
{
    int_scan s = { .a = a };
    rt_visit_shown(a, summary, scan_int, &s);
    char buf[32];
    if (s.any)
        f->width = imax(snprintf(buf, sizeof buf, "%lld", (long long)s.lo),
                        snprintf(buf, sizeof buf, "%lld", (long long)s.hi));
}

void rt_elemfmt_init(rt_elemfmt *f, const rt_array *a, bool summary)
{
    memset(f, 0, sizeof *f);
    f->dtype = a->dtype;
    if (a->dtype == RT_F32 || a->dtype == RT_F64)
        float_init(f, a, summary);
    else if (a->dtype == RT_I64)
        int_init(f, a, summary);
}

/* ---- formatting one element ---- */

static int format_float(const rt_elemfmt *f, double x, bool f32, char *buf)
{
    if (!isfinite(x)) {
        const char *s = isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
        return snprintf(buf, RT_ELEM_MAX, "%*s", f->pad_left + f->pad_right + 1, s);
    }
    parts p;
    if (!f->exp_mode) {
        pos_parts(x, f32, &p);
        return snprintf(buf, RT_ELEM_MAX, "%*s.%-*s", f->pad_left, p.ip, f->pad_right, p.fp);
    }
    sci_parts(x, f32, f->precision, &p);
    int e = p.exp < 0 ? -p.exp : p.exp;
    return snprintf(buf, RT_ELEM_MAX, "%*s.%se%c%0*d", f->pad_left, p.ip, p.fp,
                    p.exp < 0 ? '-' : '+', f->exp_size, e);
}

int rt_elemfmt_format(const rt_elemfmt *f, const rt_array *a, int64_t off,
                      char buf[RT_ELEM_MAX])
{
    switch (f->dtype) {
    case RT_BOOL:
        return snprintf(buf, RT_ELEM_MAX, "%s", ((const uint8_t *)a->data)[off] ? " True" : "False");
    case RT_I64:
        return snprintf(buf, RT_ELEM_MAX, "%*lld", f->width,
                        (long long)((const int64_t *)a->data)[off]);
    case RT_F32:
    case RT_F64:
        return format_float(f, load_float(a, off), f->dtype == RT_F32, buf);
    }
    return snprintf(buf, RT_ELEM_MAX, "?");
}

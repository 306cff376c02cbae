/* rt_format_float.c: decimal digits of doubles and floats, and the scalar
 * reprs built from them.
 *
 * Shortest digits: the fewest significant digits p whose correctly rounded
 * decimal reads back as the same value (Python's repr, NumPy's Dragon4 in
 * unique mode).  Rounding to more digits never moves further from v, so
 * "reads back" is monotone in p and a binary search finds p.  At a power of
 * two the gap below v is half the gap above, and a shorter decimal just
 * above v may read back where the nearest one (below v) does not: those
 * values also search the ceiling decimals.
 *
 * rt_format_f64 is Python's repr(float): positional when the decimal
 * exponent is in [-4, 16), else scientific; integral values end in ".0".
 * rt_format_f32 is NumPy's str(np.float32): the same digits rule for float32,
 * positional when 1e-4 <= |v| < 1e16 (a test on the value, as NumPy does).
 */
#include "rt_format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse printf's "%e" output ("1.25e-05", "5e-324") of a non-negative value. */
static void parse_e(const char *s, bool neg, rt_decimal *out)
{
    int n = 0;
    for (; *s && *s != 'e'; s++)
        if (*s != '.' && n < (int)sizeof out->digits - 1)
            out->digits[n++] = *s;
    out->digits[n] = '\0';
    out->ndigits = n;
    out->exp10 = *s == 'e' ? atoi(s + 1) : 0;
    out->neg = neg;
}

void rt_decimal_exact(double v, int nsig, rt_decimal *out)
{
    char buf[64];
    if (nsig < 1)
        nsig = 1;
    if (nsig > 36)
        nsig = 36;
    snprintf(buf, sizeof buf, "%.*e", nsig - 1, fabs(v));
    parse_e(buf, signbit(v) != 0, out);
}

static void decimal_to_e(const rt_decimal *d, char *buf, size_t size)
{
    snprintf(buf, size, "%c.%se%d", d->digits[0], d->digits + 1, d->exp10);
}

static bool reads_back(const rt_decimal *d, double v, bool f32)
{
    char buf[80];
    decimal_to_e(d, buf, sizeof buf);
    if (f32)
        return strtof(buf, NULL) == fabsf((float)v);
    return strtod(buf, NULL) == fabs(v);
}

/* The smallest q-digit decimal above |v|, for q too short to read back:
 * the rounded decimal then reads back as another value, whose side of v
 * says which way the rounding went. */
static void ceil_decimal(double v, int q, bool f32, rt_decimal *out)
{
    char buf[80];
    rt_decimal_exact(v, q, out);
    decimal_to_e(out, buf, sizeof buf);
    double back = f32 ? strtof(buf, NULL) : strtod(buf, NULL);
    if (back >= fabs(v))
        return;                                 /* rounded up already */
    int i = q - 1;
    while (i >= 0 && out->digits[i] == '9')
        out->digits[i--] = '0';
    if (i >= 0) {
        out->digits[i]++;
    } else {                                    /* 99..9 -> 100..0 */
        out->digits[0] = '1';
        out->exp10++;
    }
}

/* Binary search for the fewest digits in [1, maxp] that read back. */
static int search(double v, bool f32, int maxp, bool use_ceil, rt_decimal *out)
{
    int lo = 1, hi = maxp;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        rt_decimal d;
        if (use_ceil)
            ceil_decimal(v, mid, f32, &d);
        else
            rt_decimal_exact(v, mid, &d);
        if (reads_back(&d, v, f32))
            hi = mid;
        else
            lo = mid + 1;
    }
    if (use_ceil)
        ceil_decimal(v, lo, f32, out);
    else
        rt_decimal_exact(v, lo, out);
    return lo;
}

static void strip_zeros(rt_decimal *d)
{
    while (d->ndigits > 1 && d->digits[d->ndigits - 1] == '0')
        d->digits[--d->ndigits] = '\0';
}

static void shortest(double v, bool f32, rt_decimal *out)
{
    if (v == 0) {
        strcpy(out->digits, "0");
        out->ndigits = 1;
        out->exp10 = 0;
        out->neg = signbit(v) != 0;
        return;
    }
    int maxp = f32 ? 9 : 17;
    int p = search(v, f32, maxp, false, out);
    int e2;
    double m = frexp(fabs(v), &e2);
    if (m == 0.5 && p > 1) {                    /* power of two */
        rt_decimal up;
        if (search(v, f32, p, true, &up) < p && reads_back(&up, v, f32))
            *out = up;
    }
    strip_zeros(out);
}

void rt_decimal_shortest_f64(double v, rt_decimal *out)
{
    shortest(v, false, out);
}

void rt_decimal_shortest_f32(float v, rt_decimal *out)
{
    shortest((double)v, true, out);
}

/* Positional text of d: "123.45", "0.001"; integral values get ".0". */
static int positional(const rt_decimal *d, char *out)
{
    char *o = out;
    if (d->neg)
        *o++ = '-';
    if (d->exp10 < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -d->exp10 - 1; i++)
            *o++ = '0';
        o += sprintf(o, "%s", d->digits);
        return (int)(o - out);
    }
    for (int i = 0; i <= d->exp10; i++)
        *o++ = i < d->ndigits ? d->digits[i] : '0';
    *o++ = '.';
    if (d->ndigits > d->exp10 + 1)
        o += sprintf(o, "%s", d->digits + d->exp10 + 1);
    else
        *o++ = '0';
    *o = '\0';
    return (int)(o - out);
}

/* Scientific text of d: "1e-05", "-1.5e+16", "1e+300". */
static int scientific(const rt_decimal *d, char *out)
{
    char *o = out;
    if (d->neg)
        *o++ = '-';
    *o++ = d->digits[0];
    if (d->ndigits > 1)
        o += sprintf(o, ".%s", d->digits + 1);
    int e = d->exp10;
    o += sprintf(o, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    return (int)(o - out);
}

/* nan, inf, -inf; 0 when v is finite. */
static int nonfinite(double v, char *out)
{
    if (isnan(v))
        return sprintf(out, "nan");
    if (isinf(v))
        return sprintf(out, v < 0 ? "-inf" : "inf");
    return 0;
}

/* Copy s (length n) into buf like snprintf; return n. */
static int deliver(char *buf, size_t size, const char *s, int n)
{
    if (size > 0) {
        size_t k = (size_t)n < size - 1 ? (size_t)n : size - 1;
        memcpy(buf, s, k);
        buf[k] = '\0';
    }
    return n;
}

int rt_format_f64(char *buf, size_t size, double v)
{
    char tmp[64];
    int n = nonfinite(v, tmp);
    if (n == 0) {
        rt_decimal d;
        rt_decimal_shortest_f64(v, &d);
        bool pos = v == 0 || (d.exp10 >= -4 && d.exp10 < 16);
        n = pos ? positional(&d, tmp) : scientific(&d, tmp);
    }
    return deliver(buf, size, tmp, n);
}

int rt_format_f32(char *buf, size_t size, float v)
{
    char tmp[64];
    int n = nonfinite(v, tmp);
    if (n == 0) {
        rt_decimal d;
        rt_decimal_shortest_f32(v, &d);
        double a = fabs((double)v);
        bool pos = a == 0 || (a >= 1e-4 && a < 1e16);
        n = pos ? positional(&d, tmp) : scientific(&d, tmp);
    }
    return deliver(buf, size, tmp, n);
}

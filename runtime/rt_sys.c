/* rt_sys.c: sys.argv, int()/float() of a str with Python's grammar and
 * messages, time.perf_counter / time.time, and the math functions whose
 * domain errors Python raises where NumPy would give nan. */
#include "rt_fstring.h"
#include "rt_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

int64_t rt_argc(void)
{
    int n;
    rt_args(&n);
    return n;
}

const char *rt_argv_get(int64_t i)
{
    int n;
    char **argv = rt_args(&n);
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        rt_raise("IndexError", "list index out of range");
    return argv[i];
}

/* Python's repr(s) (ASCII escapes only) into buf. */
static const char *py_repr(const char *s, char *buf, size_t size)
{
    char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
    size_t n = 0;
    buf[n++] = q;
    for (; *s && n + 6 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == (unsigned char)q)
            n += (size_t)snprintf(buf + n, size - n, "\\%c", c);
        else if (c == '\n' || c == '\r' || c == '\t')
            n += (size_t)snprintf(buf + n, size - n, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
        else if (c < 0x20 || c == 0x7f)
            n += (size_t)snprintf(buf + n, size - n, "\\x%02x", c);
        else
            buf[n++] = (char)c;
    }
    buf[n++] = q;
    buf[n] = 0;
    return buf;
}

static bool py_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* s without leading/trailing whitespace, copied to a malloc'd string. */
static char *strip(const char *s)
{
    while (py_space(*s))
        s++;
    size_t n = strlen(s);
    while (n && py_space(s[n - 1]))
        n--;
    char *r = rt_xmalloc(n + 1);
    memcpy(r, s, n);
    r[n] = 0;
    return r;
}

/* digit ('_'? digit)*: copies the digits to *out, advances *p; false if malformed or empty. */
static bool digitpart(const char **p, char **out)
{
    const char *s = *p;
    if (!isdigit((unsigned char)*s))
        return false;
    while (isdigit((unsigned char)*s) || (*s == '_' && isdigit((unsigned char)s[1]))) {
        if (*s != '_')
            *(*out)++ = *s;
        s++;
    }
    *p = s;
    return true;
}

int64_t rt_str_to_i64(const char *s)
{
    char *t = strip(s), *clean = rt_xmalloc(strlen(s) + 2), *o = clean;
    const char *p = t;
    if (*p == '+' || *p == '-')
        *o++ = *p++;
    bool ok = digitpart(&p, &o) && !*p;
    *o = 0;
    errno = 0;
    long long v = ok ? strtoll(clean, NULL, 10) : 0;
    int err = errno;
    free(t);
    free(clean);
    char buf[512];
    if (!ok)
        rt_raise("ValueError", "invalid literal for int() with base 10: %s", py_repr(s, buf, sizeof buf));
    if (err == ERANGE)
        rt_raise("OverflowError", "Python int too large to convert to C long");
    return v;
}

/* Python's float grammar: [sign] (inf | infinity | nan | digits [. digits] [e [sign] digits]). */
static bool float_syntax(const char *p, char *o)
{
    if (*p == '+' || *p == '-')
        *o++ = *p++;
    if (!strcasecmp(p, "inf") || !strcasecmp(p, "infinity") || !strcasecmp(p, "nan")) {
        strcpy(o, p);
        return true;
    }
    bool ip = digitpart(&p, &o), fp = false;
    if (*p == '.') {
        *o++ = *p++;
        fp = digitpart(&p, &o);
    }
    if (!ip && !fp)
        return false;
    if (*p == 'e' || *p == 'E') {
        *o++ = *p++;
        if (*p == '+' || *p == '-')
            *o++ = *p++;
        if (!digitpart(&p, &o))
            return false;
    }
    *o = 0;
    return !*p;
}

double rt_str_to_f64(const char *s)
{
    char *t = strip(s), *clean = rt_xmalloc(strlen(s) + 2);
    bool ok = float_syntax(t, clean);
    double v = ok ? strtod(clean, NULL) : 0;
    free(t);
    free(clean);
    char buf[512];
    if (!ok)
        rt_raise("ValueError", "could not convert string to float: %s", py_repr(s, buf, sizeof buf));
    return v;
}

double rt_perf_counter(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double rt_time(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static _Noreturn void domain_error(void)
{
    rt_raise("ValueError", "math domain error");
}

double rt_math_sqrt(double x)
{
    if (x < 0)
        domain_error();
    return sqrt(x);
}

double rt_math_log(double x)
{
    if (x <= 0)
        domain_error();
    return log(x);
}

double rt_math_log2(double x)
{
    if (x <= 0)
        domain_error();
    return log2(x);
}

double rt_math_log10(double x)
{
    if (x <= 0)
        domain_error();
    return log10(x);
}

double rt_math_exp(double x)
{
    double r = exp(x);
    if (isinf(r) && isfinite(x))
        rt_raise("OverflowError", "math range error");
    return r;
}

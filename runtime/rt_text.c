/* rt_text.c: np.savetxt and np.loadtxt (NumPy 1.24 semantics) on raw
 * buffers, plus their rt_array entry points.
 *
 * savetxt formats each value with Python's %-operator rules: %e/%f/%g take
 * any number as a float, %d/%i/%u truncate floats toward zero, nan prints
 * "nan" whatever its sign bit.  loadtxt splits on a delimiter (or runs of
 * whitespace), drops '#' comments and blank lines, and squeezes the result.
 */
#include "rt_io.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static rt_io_status txt_fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static rt_io_status txt_fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return RT_IO_VALUE_ERROR;
}

/* ---- savetxt ---- */

static double as_f64(rt_dtype dt, const void *data, int64_t i)
{
    switch (dt) {
    case RT_BOOL: return ((const bool *)data)[i];
    case RT_I64: return (double)((const int64_t *)data)[i];
    case RT_F32: return ((const float *)data)[i];
    default: return ((const double *)data)[i];
    }
}

/* One conversion spec: "%[flags][width][.prec]conv" copied into spec. */
static const char *scan_spec(const char *p, char *spec, size_t cap, char *conv)
{
    size_t n = 0;
    spec[n++] = *p++;
    while (*p && strchr("-+ #0123456789.", *p) && n + 2 < cap)
        spec[n++] = *p++;
    *conv = *p;
    if (*p)
        p++;
    spec[n] = '\0';
    return p;
}

static int count_specs(const char *fmt)
{
    int n = 0;
    for (const char *p = fmt; *p; p++)
        n += *p == '%';
    return n;
}

/* Format one value with spec+conv, appending to f.  -1: unsupported. */
static int put_value(FILE *f, const char *spec, char conv, rt_dtype dt, const void *data,
                     int64_t i, char *err, size_t errlen)
{
    char full[64];
    if (strchr("diu", conv)) {
        int64_t v;
        if (dt == RT_I64) {
            v = ((const int64_t *)data)[i];
        } else {
            double d = as_f64(dt, data, i);
            if (isnan(d))
                return txt_fail(err, errlen, "cannot convert float NaN to integer"), -1;
            if (isinf(d) || fabs(d) >= 9.2233720368547758e18)
                return txt_fail(err, errlen, "cannot convert float infinity to integer"), -1;
            v = (int64_t)d;
        }
        snprintf(full, sizeof full, "%sll%c", spec, 'd');
        fprintf(f, full, (long long)v);
        return 0;
    }
    if (strchr("eEfFgG", conv)) {
        double d = as_f64(dt, data, i);
        snprintf(full, sizeof full, "%s%c", spec, conv);
        fprintf(f, full, isnan(d) ? fabs(d) : d);
        return 0;
    }
    return txt_fail(err, errlen, "unsupported format character '%c' in savetxt fmt", conv), -1;
}

/* One row of ncol values starting at element i0: fmt repeated with the
 * delimiter when it has one conversion, else consumed left to right. */
static int put_row(FILE *f, const char *fmt, const char *delim, bool repeat, rt_dtype dt,
                   const void *data, int64_t i0, int64_t ncol, char *err, size_t errlen)
{
    int64_t col = 0;
    for (int64_t rep = 0; rep < (repeat ? ncol : 1); rep++) {
        if (rep > 0)
            fputs(delim, f);
        for (const char *p = fmt; *p;) {
            char spec[48], conv;
            if (*p != '%') {
                fputc(*p++, f);
                continue;
            }
            p = scan_spec(p, spec, sizeof spec, &conv);
            if (put_value(f, spec, conv, dt, data, i0 + col++, err, errlen) != 0)
                return -1;
        }
    }
    fputc('\n', f);
    return 0;
}

rt_io_status rt_savetxt_raw(const char *path, rt_dtype dt, int rank, const int64_t *shape,
                            const void *data, const char *fmt, const char *delimiter,
                            char *err, size_t errlen)
{
    if (rank != 1 && rank != 2)
        return txt_fail(err, errlen, "Expected 1D or 2D array, got %dD array instead", rank);
    int64_t nrow = shape[0], ncol = rank == 2 ? shape[1] : 1;
    int nspec = count_specs(fmt);
    if (nspec != 1 && nspec != ncol)
        return txt_fail(err, errlen, "fmt has wrong number of %% formats:  %s", fmt);
    FILE *f = fopen(path, "w");
    if (!f)
        return rt_io_errno(errno, path, err, errlen);
    for (int64_t r = 0; r < nrow; r++) {
        if (put_row(f, fmt, delimiter, nspec == 1, dt, data, r * ncol, ncol, err, errlen) != 0) {
            fclose(f);
            return RT_IO_VALUE_ERROR;
        }
    }
    if (fclose(f) != 0)
        return rt_io_errno(errno, path, err, errlen);
    return RT_IO_OK;
}

/* ---- loadtxt ---- */

typedef struct table {
    double *f;                  /* values as double (F64/F32 requests) */
    int64_t *i;                 /* or as int64 (I64 requests) */
    int64_t n, cap;             /* values stored */
    int64_t nrow, ncol;         /* ncol: columns kept per row */
} table;

static bool push(table *t, double fv, int64_t iv, bool is_int)
{
    if (t->n == t->cap) {
        int64_t cap = t->cap ? 2 * t->cap : 64;
        void *p = realloc(is_int ? (void *)t->i : (void *)t->f, (size_t)cap * 8);
        if (!p)
            return false;
        if (is_int)
            t->i = p;
        else
            t->f = p;
        t->cap = cap;
    }
    if (is_int)
        t->i[t->n++] = iv;
    else
        t->f[t->n++] = fv;
    return true;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* Split line in place into fields; returns the count (fields grows). */
static int64_t split(char *line, const char *delim, char ***fields, int64_t *cap)
{
    int64_t n = 0;
    char *p = line;
    size_t dl = delim ? strlen(delim) : 0;
    for (;;) {
        if (!delim) {
            while (*p && strchr(" \t\r\n\v\f", *p))
                p++;
            if (!*p)
                break;
        }
        if (n == *cap) {
            *cap = *cap ? 2 * *cap : 16;
            *fields = realloc(*fields, (size_t)*cap * sizeof **fields);
        }
        (*fields)[n++] = p;
        char *end = delim ? strstr(p, delim) : p + strcspn(p, " \t\r\n\v\f");
        if (!end || !*end)
            break;
        *end = '\0';
        p = end + (delim ? dl : 1);
    }
    return n;
}

static bool parse_f64(const char *s, double *v)
{
    char *end;
    if (!*s || strpbrk(s, "xX_"))
        return false;
    errno = 0;
    *v = strtod(s, &end);
    return *end == '\0';
}

/* An int64 field; "2.5" is accepted and truncated as NumPy 1.24 does
 * (with a DeprecationWarning there). */
static bool parse_i64(const char *s, int64_t *v)
{
    char *end;
    double d;
    if (!*s)
        return false;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (*end == '\0' && errno == 0) {
        *v = x;
        return true;
    }
    if (!parse_f64(s, &d) || !isfinite(d) || fabs(d) >= 9.2233720368547758e18)
        return false;
    *v = (int64_t)d;
    return true;
}

static const char *dtype_name(rt_dtype dt)
{
    return dt == RT_I64 ? "int64" : dt == RT_F32 ? "float32" : "float64";
}

/* Keep the fields of one data row (row is its 0-based index). */
static rt_io_status take_row(table *t, char **fields, int64_t nf, const rt_loadtxt_opts *o,
                             char *err, size_t errlen)
{
    int64_t nkeep = o->usecols ? o->nusecols : nf;
    if (t->nrow > 0 && !o->usecols && nf != t->ncol)
        return txt_fail(err, errlen, "the number of columns changed from %lld to %lld at row %lld; "
                    "use `usecols` to select a subset and avoid this error",
                    (long long)t->ncol, (long long)nf, (long long)t->nrow + 1);
    t->ncol = nkeep;
    bool is_int = o->dtype == RT_I64;
    for (int64_t k = 0; k < nkeep; k++) {
        int64_t c = o->usecols ? o->usecols[k] : k;
        if (c < -nf || c >= nf)
            return txt_fail(err, errlen, "invalid column index %lld at row %lld with %lld columns",
                        (long long)o->usecols[k], (long long)t->nrow + 1, (long long)nf);
        if (c < 0)
            c += nf;
        char *s = trim(fields[c]);
        double fv = 0;
        int64_t iv = 0;
        if (!(is_int ? parse_i64(s, &iv) : parse_f64(s, &fv)))
            return txt_fail(err, errlen, "could not convert string '%.200s' to %s at row %lld, column %lld.",
                        s, dtype_name(o->dtype), (long long)t->nrow, (long long)c + 1);
        if (!push(t, fv, iv, is_int))
            return txt_fail(err, errlen, "out of memory");
    }
    t->nrow++;
    return RT_IO_OK;
}

static rt_io_status read_rows(FILE *f, const rt_loadtxt_opts *o, table *t, char *err, size_t errlen)
{
    char *line = NULL, **fields = NULL;
    size_t lcap = 0;
    int64_t fcap = 0, lineno = 0;
    rt_io_status st = RT_IO_OK;
    while (st == RT_IO_OK && getline(&line, &lcap, f) >= 0) {
        if (lineno++ < o->skiprows)
            continue;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *body = trim(line);
        if (!*body)
            continue;
        int64_t nf = split(body, o->delimiter, &fields, &fcap);
        st = take_row(t, fields, nf, o, err, errlen);
    }
    free(line);
    free(fields);
    return st;
}

/* NumPy squeezes the (nrow, ncol) table: every length-1 axis goes. */
static void squeeze(const table *t, int *rank, int64_t *shape)
{
    *rank = 0;
    if (t->nrow == 0) {
        *rank = 1;
        shape[0] = 0;
        return;
    }
    if (t->nrow != 1)
        shape[(*rank)++] = t->nrow;
    if (t->ncol != 1)
        shape[(*rank)++] = t->ncol;
}

rt_io_status rt_loadtxt_raw(const char *path, const rt_loadtxt_opts *o, void **data,
                            int *rank, int64_t *shape, char *err, size_t errlen)
{
    if (o->dtype != RT_F64 && o->dtype != RT_F32 && o->dtype != RT_I64)
        return txt_fail(err, errlen, "loadtxt: unsupported dtype");
    if (o->delimiter && !*o->delimiter)
        return txt_fail(err, errlen, "loadtxt: the delimiter must not be empty");
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT)
            return txt_fail(err, errlen, "%s not found.", path), RT_IO_FILE_NOT_FOUND;
        return rt_io_errno(errno, path, err, errlen);
    }
    table t = {0};
    rt_io_status st = read_rows(f, o, &t, err, errlen);
    fclose(f);
    if (st != RT_IO_OK) {
        free(t.f);
        free(t.i);
        return st;
    }
    squeeze(&t, rank, shape);
    if (o->dtype == RT_F32) {
        float *out = malloc(t.n ? (size_t)t.n * sizeof *out : 1);
        for (int64_t k = 0; out && k < t.n; k++)
            out[k] = (float)t.f[k];
        free(t.f);
        *data = out;
    } else {
        *data = o->dtype == RT_I64 ? (void *)t.i : (void *)t.f;
        if (!*data)
            *data = malloc(1);
    }
    return *data ? RT_IO_OK : (txt_fail(err, errlen, "out of memory"), RT_IO_OS_ERROR);
}

/* ---- rt_array entry points ---- */
#ifndef RT_RAW_ONLY

void rt_savetxt(const char *path, rt_array *a, const char *fmt, const char *delimiter)
{
    char err[512];
    rt_array *c = rt_is_contiguous(a) ? (rt_retain(a), a) : rt_copy(a);
    rt_io_status st = rt_savetxt_raw(path, c->dtype, c->rank, c->shape, c->data,
                                     fmt ? fmt : "%.18e", delimiter ? delimiter : " ",
                                     err, sizeof err);
    rt_release(c);
    if (st != RT_IO_OK)
        rt_raise(rt_io_exc_name(st), "%s", err);
}

rt_array *rt_loadtxt(const char *path, const rt_loadtxt_opts *o)
{
    char err[512];
    void *data;
    int rank;
    int64_t shape[2];
    rt_io_status st = rt_loadtxt_raw(path, o, &data, &rank, shape, err, sizeof err);
    if (st != RT_IO_OK)
        rt_raise(rt_io_exc_name(st), "%s", err);
    rt_array *a = rt_alloc(o->dtype, rank, shape);
    memcpy(a->data, data, (size_t)rt_size(a) * rt_io_elem_size(o->dtype));
    free(data);
    return a;
}
#endif /* RT_RAW_ONLY */

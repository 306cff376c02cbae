/* rt_format.h: internal interface of the runtime's printing code
 * (rt_format_*.c, rt_print*.c).  Not part of numsrt.h's public API.
 *
 * rt_decimal  a finite double or float as decimal digits and an exponent
 *             (shortest round-trip, or the exact value correctly rounded).
 * rt_sbuf     a growable char buffer (the runtime does not link support/).
 * rt_elemfmt  NumPy's per-array element formatter (FloatingFormat,
 *             IntegerFormat, BoolFormat of numpy/core/arrayprint.py).
 */
#ifndef RT_FORMAT_H
#define RT_FORMAT_H

#include "numsrt.h"

/* |v| = d1.d2d3...dn * 10^exp10; digits has no leading zero unless v == 0. */
typedef struct rt_decimal {
    char digits[40];
    int ndigits;
    int exp10;
    bool neg;
} rt_decimal;

/* Shortest digits that read back (strtod / strtof) as v; finite v only.
 * Zero gives digits "0", exp10 0. */
void rt_decimal_shortest_f64(double v, rt_decimal *out);
void rt_decimal_shortest_f32(float v, rt_decimal *out);
/* The exact value of finite v correctly rounded (half even) to nsig digits. */
void rt_decimal_exact(double v, int nsig, rt_decimal *out);

/* Growable string; p is always NUL-terminated once anything was added. */
typedef struct rt_sbuf {
    char *p;
    size_t len, cap;
} rt_sbuf;

void rt_sbuf_add(rt_sbuf *b, const char *s, size_t n);
void rt_sbuf_addc(rt_sbuf *b, char c);
void rt_sbuf_adds(rt_sbuf *b, const char *s);
void rt_sbuf_spaces(rt_sbuf *b, int n);
void rt_sbuf_rstrip(rt_sbuf *b);            /* drop trailing spaces */

/* Longest element string rt_elemfmt_format writes, NUL included. */
enum { RT_ELEM_MAX = 64 };

/* How every element of one array is printed: NumPy fixes widths, precision
 * and scientific-or-not from all printed elements before printing any. */
typedef struct rt_elemfmt {
    rt_dtype dtype;
    int width;          /* RT_I64: digits of the widest value */
    bool exp_mode;      /* float: scientific notation */
    int pad_left;       /* float: chars left of the point */
    int pad_right;      /* float positional: chars right of the point */
    int precision;      /* float scientific: mantissa digits after the point */
    int exp_size;       /* float scientific: exponent digits */
} rt_elemfmt;

/* Scan the elements of a that str(a) shows (the 3 edge items of each axis
 * when `summary`) and fix the format. */
void rt_elemfmt_init(rt_elemfmt *f, const rt_array *a, bool summary);
/* Format the element at element offset `off` from a->data; returns length. */
int rt_elemfmt_format(const rt_elemfmt *f, const rt_array *a, int64_t off,
                      char buf[RT_ELEM_MAX]);

/* Call fn(ctx, off) for each element str(a) shows, in C order. */
typedef void (*rt_elem_visit_fn)(void *ctx, int64_t off);
void rt_visit_shown(const rt_array *a, bool summary, rt_elem_visit_fn fn, void *ctx);

/* NumPy's print options that numsc uses (always the defaults). */
enum { RT_PRINT_PRECISION = 8, RT_PRINT_LINEWIDTH = 75, RT_PRINT_THRESHOLD = 1000,
       RT_PRINT_EDGEITEMS = 3 };

#endif

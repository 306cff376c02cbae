/* rt_scalar.c: Python's and NumPy's scalar arithmetic where C differs:
 * floor division and modulo (sign of the divisor), integer powers,
 * round() and int() of floats, with Python 3.11's exception messages. */
#include "rt_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- integers ---- */

int64_t rt_np_floordiv_i64(int64_t a, int64_t b)
{
    if (b == 0)
        return 0;
    if (b == -1)
        return (int64_t)(0 - (uint64_t)a);      /* INT64_MIN // -1 wraps */
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0)))
        q--;
    return q;
}

int64_t rt_np_mod_i64(int64_t a, int64_t b)
{
    if (b == 0 || b == -1)
        return 0;
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
    return r;
}

int64_t rt_floordiv_i64(int64_t a, int64_t b)
{
    if (b == 0)
        rt_raise("ZeroDivisionError", "integer division or modulo by zero");
    return rt_np_floordiv_i64(a, b);
}

int64_t rt_mod_i64(int64_t a, int64_t b)
{
    if (b == 0)
        rt_raise("ZeroDivisionError", "integer modulo by zero");
    return rt_np_mod_i64(a, b);
}

/* a ** b for b >= 0, wrapping on overflow like NumPy's int64. */
int64_t rt_pow_i64(int64_t a, int64_t b)
{
    if (b < 0)      /* not reached from Python semantics; C-like answer */
        return a == 1 ? 1 : a == -1 ? ((b & 1) ? -1 : 1) : 0;
    uint64_t r = 1, x = (uint64_t)a;
    for (uint64_t e = (uint64_t)b; e; e >>= 1) {
        if (e & 1)
            r *= x;
        x *= x;
    }
    return (int64_t)r;
}

int64_t rt_np_pow_i64(int64_t a, int64_t b)
{
    if (b < 0)
        rt_raise("ValueError", "Integers to negative integer powers are not allowed.");
    return rt_pow_i64(a, b);
}

/* ---- floats ---- */

/* Python's float divmod (Objects/floatobject.c); b != 0. */
static double py_divmod(double a, double b, double *mod_out)
{
    double mod = fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, b);
    }
    double fdiv;
    if (div != 0) {
        fdiv = floor(div);
        if (div - fdiv > 0.5)
            fdiv += 1.0;
    } else {
        fdiv = copysign(0.0, a / b);
    }
    *mod_out = mod;
    return fdiv;
}

double rt_floordiv_f64(double a, double b)
{
    if (b == 0)
        rt_raise("ZeroDivisionError", "float floor division by zero");
    double m;
    return py_divmod(a, b, &m);
}

double rt_mod_f64(double a, double b)
{
    if (b == 0)
        rt_raise("ZeroDivisionError", "float modulo");
    double m = fmod(a, b);
    if (m != 0) {
        if ((b < 0) != (m < 0))
            m += b;
    } else {
        m = copysign(0.0, b);
    }
    return m;
}

double rt_div_f64(double a, double b)
{
    if (b == 0)
        rt_raise("ZeroDivisionError", "float division by zero");
    return a / b;
}

double rt_np_floordiv_f64(double a, double b)
{
    if (b == 0)
        return a / b;
    double m;
    return py_divmod(a, b, &m);
}

double rt_np_mod_f64(double a, double b)
{
    if (b == 0)
        return fmod(a, b);
    double m;
    py_divmod(a, b, &m);
    return m;
}

/* ---- float to int ---- */

static void check_finite(double x)
{
    if (isnan(x))
        rt_raise("ValueError", "cannot convert float NaN to integer");
    if (isinf(x))
        rt_raise("OverflowError", "cannot convert float infinity to integer");
}

static int64_t to_i64(double t)
{
    if (!(t >= -9223372036854775808.0 && t < 9223372036854775808.0))
        rt_raise("OverflowError", "int too large to convert to int64");
    return (int64_t)t;
}

int64_t rt_f64_to_i64(double x)
{
    check_finite(x);
    return to_i64(trunc(x));
}

int64_t rt_round_i64(double x)
{
    check_finite(x);
    double r = round(x);
    if (fabs(x - trunc(x)) == 0.5)      /* tie: to even */
        r = 2.0 * round(x / 2.0);
    return to_i64(r);
}

/* ---- round(x, n) ---- */

/* Round the integral value ip (as decimal digits) at 10**k, k >= 1, half
 * to even, a tie broken upward when `sticky` (a nonzero fraction). */
static double round_integral(double ip, int k, bool sticky)
{
    char dig[400];
    int n = snprintf(dig, sizeof dig, "%.0f", fabs(ip));
    if (k > n)
        return copysign(0.0, ip);
    int keep = n - k;       /* digits left of the rounding point */
    char first = dig[keep];
    bool rest = sticky;
    for (int i = keep + 1; i < n; i++)
        rest = rest || dig[i] != '0';
    bool odd = keep > 0 && (dig[keep - 1] - '0') % 2;
    bool up = first > '5' || (first == '5' && (rest || odd));
    for (int i = keep; i < n; i++)
        dig[i] = '0';
    if (up) {       /* add one unit at 10**k, in decimal */
        int i = keep - 1;
        while (i >= 0 && dig[i] == '9')
            dig[i--] = '0';
        if (i >= 0) {
            dig[i]++;
        } else {
            memmove(dig + 1, dig, (size_t)n + 1);
            dig[0] = '1';
        }
    }
    double r = strtod(dig, NULL);
    return copysign(r, ip);
}

double rt_round_f64(double x, int64_t ndigits)
{
    if (!isfinite(x) || ndigits > 323)
        return x;
    if (ndigits < -308)
        return 0.0 * x;
    double r;
    if (ndigits >= 0) {
        char buf[700];
        snprintf(buf, sizeof buf, "%.*f", (int)ndigits, x);   /* exact, half to even */
        r = strtod(buf, NULL);
    } else {
        double ip;
        double frac = modf(x, &ip);
        r = round_integral(ip, (int)-ndigits, frac != 0);
    }
    if (isinf(r))
        rt_raise("OverflowError", "rounded value too large to represent");
    return r;
}

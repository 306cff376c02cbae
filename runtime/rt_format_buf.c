/* rt_format_buf.c: rt_sbuf, the growable string the array printer builds
 * its text in. */
#include "rt_format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reserve(rt_sbuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fputs("numsrt: out of memory while printing\n", stderr);
        abort();
    }
    b->p = p;
    b->cap = cap;
}

void rt_sbuf_add(rt_sbuf *b, const char *s, size_t n)
{
    reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void rt_sbuf_addc(rt_sbuf *b, char c)
{
    rt_sbuf_add(b, &c, 1);
}

void rt_sbuf_adds(rt_sbuf *b, const char *s)
{
    rt_sbuf_add(b, s, strlen(s));
}

void rt_sbuf_spaces(rt_sbuf *b, int n)
{
    if (n <= 0)
        return;
    reserve(b, (size_t)n);
    memset(b->p + b->len, ' ', (size_t)n);
    b->len += (size_t)n;
    b->p[b->len] = '\0';
}

void rt_sbuf_rstrip(rt_sbuf *b)
{
    while (b->len > 0 && b->p[b->len - 1] == ' ')
        b->len--;
    if (b->p)
        b->p[b->len] = '\0';
}

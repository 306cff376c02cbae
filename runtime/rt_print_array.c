/* rt_print_array.c: str(ndarray) as NumPy 1.24 lays it out (_formatArray in
 * numpy/core/arrayprint.py, default options, legacy off).
 *
 * Each axis opens a '['; rows (the last axis) are wrapped at 75 columns
 * minus one per enclosing axis, continuation lines indented to sit under
 * the first element; rows of an N-d block are separated by a newline and
 * N-2 blank lines.  Arrays of more than 1000 elements show 3 items at each
 * end of every axis longer than 6, with "..." between.  0-d arrays print as
 * their scalar, empty arrays as "[]".
 */
#include "rt_format.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct layout {
    const rt_array *a;
    rt_elemfmt fmt;
    bool summary;
    rt_sbuf *out;
    int line_len;       /* length of the current line, as NumPy counts it */
} layout;

/* _extendLine: start a new line when the word would pass `width`, unless
 * the line holds nothing but its indent. */
static void put_word(layout *L, const char *w, int n, int width, int hang)
{
    if (L->line_len + n > width && L->line_len > hang) {
        rt_sbuf_rstrip(L->out);
        rt_sbuf_addc(L->out, '\n');
        rt_sbuf_spaces(L->out, hang);
        L->line_len = hang;
    }
    rt_sbuf_add(L->out, w, (size_t)n);
    L->line_len += n;
}

static void put_elem(layout *L, int64_t off, int width, int hang)
{
    char buf[RT_ELEM_MAX];
    int n = rt_elemfmt_format(&L->fmt, L->a, off, buf);
    put_word(L, buf, n, width, hang);
}

static void put_sep(layout *L)
{
    rt_sbuf_addc(L->out, ' ');
    L->line_len++;
}

/* The last axis: elements wrapped at width - len("]"). */
static void put_row(layout *L, int64_t off, int hang, int width)
{
    int axis = L->a->rank - 1;
    int64_t n = L->a->shape[axis], st = L->a->strides[axis];
    bool cut = L->summary && n > 2 * RT_PRINT_EDGEITEMS;
    int64_t lead = cut ? RT_PRINT_EDGEITEMS : 0, trail = cut ? RT_PRINT_EDGEITEMS : n;
    int elem_width = width - 1;
    rt_sbuf_addc(L->out, '[');
    L->line_len = hang;
    for (int64_t i = 0; i < lead; i++) {
        put_elem(L, off + i * st, elem_width, hang);
        put_sep(L);
    }
    if (cut) {
        put_word(L, "...", 3, elem_width, hang);
        put_sep(L);
    }
    for (int64_t i = trail; i > 1; i--) {
        put_elem(L, off + (n - i) * st, elem_width, hang);
        put_sep(L);
    }
    put_elem(L, off + (n - 1) * st, elem_width, hang);
    rt_sbuf_addc(L->out, ']');
}

static void put_block(layout *L, int axis, int64_t off, int hang, int width);

/* One sub-block of an outer axis, preceded by the indent unless first. */
static void put_child(layout *L, int axis, int64_t off, int hang, int width, bool first)
{
    if (!first)
        rt_sbuf_spaces(L->out, hang);
    put_block(L, axis + 1, off, hang + 1, width - 1);
}

static void put_newlines(layout *L, int n)
{
    for (int i = 0; i < n; i++)
        rt_sbuf_addc(L->out, '\n');
}

/* recurser: axis `axis` at element offset off; hang is the indent width
 * of this level's continuation lines. */
static void put_block(layout *L, int axis, int64_t off, int hang, int width)
{
    if (axis == L->a->rank - 1) {
        put_row(L, off, hang, width);
        return;
    }
    int64_t n = L->a->shape[axis], st = L->a->strides[axis];
    bool cut = L->summary && n > 2 * RT_PRINT_EDGEITEMS;
    int64_t lead = cut ? RT_PRINT_EDGEITEMS : 0, trail = cut ? RT_PRINT_EDGEITEMS : n;
    int gap = L->a->rank - axis - 1;
    bool first = true;
    rt_sbuf_addc(L->out, '[');
    for (int64_t i = 0; i < lead; i++, first = false) {
        put_child(L, axis, off + i * st, hang, width, first);
        put_newlines(L, gap);
    }
    if (cut) {
        rt_sbuf_spaces(L->out, hang);
        rt_sbuf_adds(L->out, "...");
        put_newlines(L, gap);
    }
    for (int64_t i = trail; i > 1; i--, first = false) {
        put_child(L, axis, off + (n - i) * st, hang, width, first);
        put_newlines(L, gap);
    }
    put_child(L, axis, off + (n - 1) * st, hang, width, first);
    rt_sbuf_addc(L->out, ']');
}

/* str() of the one element of a 0-d array: the scalar's own str. */
static void put_scalar(rt_sbuf *out, const rt_array *a)
{
    char buf[64];
    switch (a->dtype) {
    case RT_BOOL:
        rt_sbuf_adds(out, *(const uint8_t *)a->data ? "True" : "False");
        return;
    case RT_I64:
        snprintf(buf, sizeof buf, "%" PRId64, *(const int64_t *)a->data);
        break;
    case RT_F32:
        rt_format_f32(buf, sizeof buf, *(const float *)a->data);
        break;
    case RT_F64:
        rt_format_f64(buf, sizeof buf, *(const double *)a->data);
        break;
    }
    rt_sbuf_adds(out, buf);
}

static int64_t elem_count(const rt_array *a)
{
    int64_t n = 1;
    for (int i = 0; i < a->rank; i++)
        n *= a->shape[i];
    return n;
}

char *rt_array_to_string(rt_array *a)
{
    rt_sbuf out = { 0 };
    int64_t size = elem_count(a);
    if (a->rank == 0) {
        put_scalar(&out, a);
    } else if (size == 0) {
        rt_sbuf_adds(&out, "[]");
    } else {
        layout L = { .a = a, .summary = size > RT_PRINT_THRESHOLD, .out = &out };
        rt_elemfmt_init(&L.fmt, a, L.summary);
        put_block(&L, 0, 0, 1, RT_PRINT_LINEWIDTH);
    }
    return out.p;
}

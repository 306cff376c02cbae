/* rt_print.c: the rt_write_* calls generated code makes for print().
 * Everything goes to stdout through stdio's buffer; rt_fini and rt_raise
 * flush it. */
#include "rt_format.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rt_write_str(const char *s, size_t len)
{
    fwrite(s, 1, len, stdout);
}

void rt_write_cstr(const char *s)
{
    fputs(s, stdout);
}

void rt_write_i64(int64_t v)
{
    printf("%" PRId64, v);
}

void rt_write_bool(bool v)
{
    fputs(v ? "True" : "False", stdout);
}

void rt_write_f64(double v)
{
    char buf[64];
    int n = rt_format_f64(buf, sizeof buf, v);
    fwrite(buf, 1, (size_t)n, stdout);
}

void rt_write_f32(float v)
{
    char buf[64];
    int n = rt_format_f32(buf, sizeof buf, v);
    fwrite(buf, 1, (size_t)n, stdout);
}

void rt_write_array(rt_array *a)
{
    char *s = rt_array_to_string(a);
    fputs(s, stdout);
    free(s);
}

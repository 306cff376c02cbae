/* rt_repr.c: Python's repr of a str, for generated code that prints one
 * inside a tuple or list: single quotes unless the text holds ' and no ". */
#include <stdio.h>
#include <string.h>

#include "numsrt.h"

void rt_write_repr_cstr(const char *s)
{
    char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
    char buf[8];
    rt_write_str(&q, 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == (unsigned char)q)
            snprintf(buf, sizeof buf, "\\%c", c);
        else if (c == '\n' || c == '\t' || c == '\r')
            snprintf(buf, sizeof buf, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
        else if (c < 32 || c == 127)
            snprintf(buf, sizeof buf, "\\x%02x", c);
        else
            snprintf(buf, sizeof buf, "%c", c);
        rt_write_cstr(buf);
    }
    rt_write_str(&q, 1);
}

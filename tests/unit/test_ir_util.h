/* test_ir_util.h: helpers shared by the IR unit tests (header-only). */
#ifndef TEST_IR_UTIL_H
#define TEST_IR_UTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "ir/ir.h"

/* The printed module as a malloc'd string. */
static inline char *print_to_string(const ir_module *m)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ir_print_module(f, m);
    fclose(f);
    return buf;
}

/* Diagnostics go to a memory stream between capture_begin and capture_end. */
typedef struct capture {
    char *buf;
    size_t len;
    FILE *f;
} capture;

static inline void capture_begin(capture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    diag_reset();
    diag_set_stream(c->f);
}

/* Returns the captured text (malloc'd). */
static inline char *capture_end(capture *c)
{
    diag_set_stream(NULL);
    fclose(c->f);
    return c->buf;
}

#endif

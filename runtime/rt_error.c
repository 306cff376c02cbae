/* rt_error.c: program lifetime (rt_init, rt_fini) and run-time errors
 * (rt_raise), which name the .nps source line held in rt_line. */
#include "numsrt.h"
#include "rt_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

_Thread_local int rt_line;

static const char *source_path = "<unknown>";
static int saved_argc;
static char **saved_argv;
static char stdout_buf[1 << 18];

void rt_init(const char *path, int argc, char **argv)
{
    if (path)
        source_path = path;
    saved_argc = argc;
    saved_argv = argv;
    setvbuf(stdout, stdout_buf, _IOFBF, sizeof stdout_buf);
}

char **rt_args(int *argc)
{
    if (argc)
        *argc = saved_argc;
    return saved_argv;
}

int rt_fini(void)
{
    rt_pool_drain();
    int bad = fflush(stdout) != 0 || ferror(stdout);
    return bad ? 1 : 0;
}

void rt_raise(const char *exc_class, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fflush(stdout);
    fprintf(stderr, "%s:%d: error: %s: %s\n", source_path, rt_line, exc_class, msg);
    fflush(stderr);
    exit(1);
}

/* fuzz_util.h: helpers shared by the libFuzzer targets and their replayer.
 *
 * Every target defines LLVMFuzzerTestOneInput; the same source links either
 * with libFuzzer (-fsanitize=fuzzer, NUMSC_FUZZ builds) or with replay_main.c
 * (every build: ctest replays the regression corpus through it).
 * FUZZ_CHECK aborts on a broken invariant so that both drivers report it.
 */
#ifndef NUMSC_FUZZ_UTIL_H
#define NUMSC_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                          \
    do {                                                                          \
        if (!(cond)) {                                                            \
            fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__,      \
                    __LINE__, #cond);                                             \
            abort();                                                              \
        }                                                                         \
    } while (0)

/* The input as a NUL-terminated string (malloc'd; the caller frees it).
 * An embedded NUL simply ends the text, as it would for read_file(). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    FUZZ_CHECK(s != NULL);
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* A stream that swallows diagnostics (opened once, never closed). */
static inline FILE *fuzz_null_stream(void)
{
    static FILE *null;
    if (!null)
        null = fopen("/dev/null", "w");
    FUZZ_CHECK(null != NULL);
    return null;
}

#endif

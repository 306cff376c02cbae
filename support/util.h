/* util.h: allocation that never returns NULL, growable arrays, string buffers.
 *
 * The compiler allocates from an arena (arena_*) for everything that lives
 * as long as a compilation (AST, types, IR); short-lived buffers use xmalloc.
 */
#ifndef NUMSC_UTIL_H
#define NUMSC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Arena: bump allocation, freed all at once. */
typedef struct arena_chunk arena_chunk;
typedef struct arena {
    arena_chunk *head;
} arena;

void *arena_alloc(arena *a, size_t n);          /* zeroed, 16-byte aligned */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(arena *a);

/* Growable array of T: struct { T *data; int len, cap; }.
 *   VEC(int) v = {0}; vec_push(&v, 3); ... free(v.data);            */
#define VEC(T) struct { T *data; int len, cap; }
#define vec_push(v, x)                                                       \
    do {                                                                     \
        if ((v)->len == (v)->cap) {                                          \
            (v)->cap = (v)->cap ? 2 * (v)->cap : 8;                          \
            (v)->data = xrealloc((v)->data, (size_t)(v)->cap * sizeof *(v)->data); \
        }                                                                    \
        (v)->data[(v)->len++] = (x);                                         \
    } while (0)
#define vec_free(v) (free((v)->data), (v)->data = NULL, (v)->len = (v)->cap = 0)

/* String buffer: always NUL-terminated. */
typedef struct strbuf {
    char *buf;
    size_t len, cap;
} strbuf;

void sb_init(strbuf *sb);
void sb_free(strbuf *sb);
void sb_putc(strbuf *sb, char c);
void sb_puts(strbuf *sb, const char *s);
void sb_putn(strbuf *sb, const char *s, size_t n);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *sb, const char *fmt, va_list ap);
char *sb_take(strbuf *sb);   /* returns the malloc'd string; sb is reset */

/* Read a whole file (NUL-terminated); NULL on failure with errno set. */
char *read_file(const char *path, size_t *len_out);

/* Write data to path atomically: a temporary file beside it, then rename.
 * Returns 0 on success, -1 (errno set) on failure; never leaves a partial file. */
int write_file_atomic(const char *path, const char *data, size_t len);

#endif

/* rt_npy.c: the .npy format (NumPy's format.py): header codec, load and
 * save of raw buffers, and np.save / np.load on rt_arrays.
 *
 * The header is a Python dict literal such as
 *     {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
 * parsed here by a small recursive-descent reader of that literal subset:
 * strings, True/False, tuples of non-negative ints.
 */
#include "rt_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const unsigned char MAGIC[6] = {0x93, 'N', 'U', 'M', 'P', 'Y'};

size_t rt_io_elem_size(rt_dtype dt)
{
    return dt == RT_BOOL ? 1 : dt == RT_F32 ? 4 : 8;
}

const char *rt_io_exc_name(rt_io_status st)
{
    switch (st) {
    case RT_IO_OK: return "OK";
    case RT_IO_VALUE_ERROR: return "ValueError";
    case RT_IO_FILE_NOT_FOUND: return "FileNotFoundError";
    case RT_IO_PERMISSION: return "PermissionError";
    case RT_IO_IS_DIR: return "IsADirectoryError";
    case RT_IO_OS_ERROR: return "OSError";
    }
    return "OSError";
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* ---- the dict literal ---- */

typedef struct lit {
    const char *p, *end;
} lit;

static void skip_ws(lit *l)
{
    while (l->p < l->end && (*l->p == ' ' || *l->p == '\t' || *l->p == '\n' || *l->p == '\r'))
        l->p++;
}

static bool eat(lit *l, char c)
{
    skip_ws(l);
    if (l->p < l->end && *l->p == c) {
        l->p++;
        return true;
    }
    return false;
}

/* 'text' or "text" without escapes, copied into out (cap bytes). */
static bool read_str(lit *l, char *out, size_t cap)
{
    skip_ws(l);
    if (l->p >= l->end || (*l->p != '\'' && *l->p != '"'))
        return false;
    char q = *l->p++;
    size_t n = 0;
    while (l->p < l->end && *l->p != q) {
        if (*l->p == '\\' || n + 1 >= cap)
            return false;
        out[n++] = *l->p++;
    }
    if (l->p >= l->end)
        return false;
    l->p++;
    out[n] = '\0';
    return true;
}

static bool read_word(lit *l, const char *w)
{
    size_t n = strlen(w);
    skip_ws(l);
    if ((size_t)(l->end - l->p) < n || memcmp(l->p, w, n) != 0)
        return false;
    l->p += n;
    return true;
}

static bool read_bool(lit *l, bool *b)
{
    if (read_word(l, "True"))
        return *b = true, true;
    if (read_word(l, "False"))
        return *b = false, true;
    return false;
}

static bool read_int(lit *l, int64_t *v)
{
    skip_ws(l);
    int64_t x = 0;
    const char *start = l->p;
    while (l->p < l->end && *l->p >= '0' && *l->p <= '9') {
        if (x > (INT64_MAX - 9) / 10)
            return false;
        x = x * 10 + (*l->p++ - '0');
    }
    *v = x;
    return l->p > start;
}

/* shape -> '(' [int (',' int)* [',']] ')' ; a 1-tuple needs its comma. */
static bool read_shape(lit *l, rt_npy_header *h)
{
    if (!eat(l, '('))
        return false;
    h->rank = 0;
    bool comma = false;
    while (!eat(l, ')')) {
        if (h->rank == RT_MAX_RANK || !read_int(l, &h->shape[h->rank]))
            return false;
        h->rank++;
        comma = eat(l, ',');
        if (!comma && !eat(l, ')'))
            return false;
        if (!comma)
            return h->rank != 1;
    }
    return h->rank != 1 || comma;
}

/* descr: '<f8' '<f4' '<i8' '<i4' '|b1' with byte order '<', '>', '=', '|'. */
static bool set_descr(rt_npy_header *h, const char *d)
{
    static const struct { char kind; int size; rt_dtype dt; } ok[] = {
        {'f', 8, RT_F64}, {'f', 4, RT_F32}, {'i', 8, RT_I64}, {'i', 4, RT_I64}, {'b', 1, RT_BOOL},
    };
    if (strlen(d) != 3 || !strchr("<>=|", d[0]) || d[2] < '1' || d[2] > '9')
        return false;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        if (ok[i].kind == d[1] && ok[i].size == d[2] - '0') {
            h->kind = d[1];
            h->itemsize = ok[i].size;
            h->dtype = ok[i].dt;
            h->big_endian = d[0] == '>' && ok[i].size > 1;
            return d[0] != '|' || ok[i].size == 1;
        }
    }
    return false;
}

/* dict -> '{' (key ':' value ',')* [key ':' value] '}' with exactly the keys
 * descr, fortran_order and shape. */
static int parse_dict(lit *l, rt_npy_header *h, char *err, size_t errlen)
{
    char key[32], descr[64] = "";
    unsigned seen = 0;
    if (!eat(l, '{'))
        return fail(err, errlen, "Header is not a dictionary");
    while (!eat(l, '}')) {
        if (!read_str(l, key, sizeof key) || !eat(l, ':'))
            return fail(err, errlen, "Cannot parse header");
        if (!strcmp(key, "descr") && !(seen & 1)) {
            if (!read_str(l, descr, sizeof descr) || !set_descr(h, descr))
                return fail(err, errlen, "unsupported dtype '%.40s' in .npy header "
                            "(numsc reads <f8 <f4 <i8 <i4 |b1)", descr);
            seen |= 1;
        } else if (!strcmp(key, "fortran_order") && !(seen & 2)) {
            if (!read_bool(l, &h->fortran_order))
                return fail(err, errlen, "fortran_order is not a valid bool");
            seen |= 2;
        } else if (!strcmp(key, "shape") && !(seen & 4)) {
            if (!read_shape(l, h))
                return fail(err, errlen, "shape is not valid");
            seen |= 4;
        } else {
            return fail(err, errlen, "Header does not contain the correct keys");
        }
        if (!eat(l, ',')) {
            if (!eat(l, '}'))
                return fail(err, errlen, "Cannot parse header");
            break;
        }
    }
    skip_ws(l);
    if (l->p != l->end)
        return fail(err, errlen, "Cannot parse header");
    if (seen != 7)
        return fail(err, errlen, "Header does not contain the correct keys");
    return 0;
}

static int check_count(rt_npy_header *h, char *err, size_t errlen)
{
    int64_t n = 1;          /* product of the non-zero extents (NumPy checks it too) */
    bool empty = false;
    for (int i = 0; i < h->rank; i++) {
        if (h->shape[i] == 0) {
            empty = true;
            continue;
        }
        if (n > INT64_MAX / 8 / h->shape[i])
            return fail(err, errlen, "shape is too large");
        n *= h->shape[i];
    }
    h->count = empty ? 0 : n;
    return 0;
}

int rt_npy_parse_header(const unsigned char *buf, size_t len, rt_npy_header *out,
                        char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (len < 10 || memcmp(buf, MAGIC, 6) != 0)
        return fail(err, errlen, "the magic string is not correct; expected b'\\x93NUMPY'");
    out->major = buf[6];
    out->minor = buf[7];
    if (out->minor != 0 || out->major < 1 || out->major > 3)
        return fail(err, errlen, "we only support format version (1,0), (2,0), and (3,0), not (%d, %d)",
                    out->major, out->minor);
    size_t pre = out->major == 1 ? 10 : 12;
    if (len < pre)
        return fail(err, errlen, "EOF: reading array header length, expected %zu bytes", pre - 8);
    size_t hlen = buf[8] | (size_t)buf[9] << 8;
    if (out->major > 1)
        hlen |= (size_t)buf[10] << 16 | (size_t)buf[11] << 24;
    if (hlen > len - pre)
        return fail(err, errlen, "EOF: reading array header, expected %zu bytes got %zu",
                    hlen, len - pre);
    out->data_offset = pre + hlen;
    lit l = {(const char *)buf + pre, (const char *)buf + pre + hlen};
    if (parse_dict(&l, out, err, errlen) != 0)
        return -1;
    return check_count(out, err, errlen);
}

/* ---- writing the header ---- */

static const char *descr_of(rt_dtype dt)
{
    switch (dt) {
    case RT_BOOL: return "|b1";
    case RT_I64: return "<i8";
    case RT_F32: return "<f4";
    case RT_F64: return "<f8";
    }
    return "<f8";
}

/* NumPy 1.24: the dict repr, then room for the first axis to grow to 21
 * digits, then spaces so that magic + length + header + '\n' is a multiple
 * of 64. */
size_t rt_npy_format_header(char *buf, size_t cap, rt_dtype dt, int rank, const int64_t *shape)
{
    char dict[256], shp[200];
    int n = 0;
    shp[0] = '\0';
    for (int i = 0; i < rank; i++)
        n += snprintf(shp + n, sizeof shp - (size_t)n, i ? ", %lld" : "%lld", (long long)shape[i]);
    int dl = snprintf(dict, sizeof dict, "{'descr': '%s', 'fortran_order': False, 'shape': (%s%s), }",
                      descr_of(dt), shp, rank == 1 ? "," : "");
    if (rank > 0)
        dl += snprintf(dict + dl, sizeof dict - (size_t)dl, "%*s",
                       21 - snprintf(NULL, 0, "%lld", (long long)shape[0]), "");
    size_t hlen = (size_t)dl + 1;
    size_t pad = 64 - (10 + hlen) % 64;
    size_t total = 10 + hlen + pad;
    if (total > cap)
        return 0;
    memcpy(buf, MAGIC, 6);
    buf[6] = 1;
    buf[7] = 0;
    buf[8] = (char)((hlen + pad) & 0xff);
    buf[9] = (char)((hlen + pad) >> 8);
    memcpy(buf + 10, dict, (size_t)dl);
    memset(buf + 10 + dl, ' ', pad);
    buf[total - 1] = '\n';
    return total;
}

/* ---- data ---- */

static void load_elem(const rt_npy_header *h, const unsigned char *src, unsigned char *dst)
{
    unsigned char b[8];
    int n = h->itemsize;
    for (int i = 0; i < n; i++)
        b[i] = h->big_endian ? src[n - 1 - i] : src[i];
    if (h->kind == 'b') {
        *dst = b[0] != 0;
    } else if (h->kind == 'i' && n == 4) {
        int32_t v;
        memcpy(&v, b, 4);
        int64_t w = v;
        memcpy(dst, &w, 8);
    } else {
        memcpy(dst, b, (size_t)n);
    }
}

/* Fortran order: the k-th stored element has its first index fastest. */
void rt_npy_decode(const rt_npy_header *h, const unsigned char *src, void *dst)
{
    size_t osz = rt_io_elem_size(h->dtype);
    int64_t idx[RT_MAX_RANK] = {0}, cstride[RT_MAX_RANK];
    int64_t s = 1;
    for (int i = h->rank - 1; i >= 0; i--) {
        cstride[i] = s;
        s *= h->shape[i];
    }
    for (int64_t k = 0; k < h->count; k++) {
        int64_t off = k;
        if (h->fortran_order) {
            off = 0;
            for (int i = 0; i < h->rank; i++)
                off += idx[i] * cstride[i];
            for (int i = 0; i < h->rank && ++idx[i] == h->shape[i]; i++)
                idx[i] = 0;
        }
        load_elem(h, src + k * h->itemsize, (unsigned char *)dst + off * (int64_t)osz);
    }
}

/* ---- files ---- */

rt_io_status rt_io_errno(int e, const char *path, char *err, size_t errlen)
{
    snprintf(err, errlen, "[Errno %d] %s: '%s'", e, strerror(e), path);
    switch (e) {
    case ENOENT: return RT_IO_FILE_NOT_FOUND;
    case EACCES: case EPERM: return RT_IO_PERMISSION;
    case EISDIR: return RT_IO_IS_DIR;
    default: return RT_IO_OS_ERROR;
    }
}

static rt_io_status read_file(const char *path, unsigned char **buf, size_t *len,
                              char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return rt_io_errno(errno, path, err, errlen);
    size_t cap = 4096, n = 0, got;
    unsigned char *b = malloc(cap);
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *nb = realloc(b, cap *= 2);
            if (!nb)
                free(b);
            b = nb;
        }
    }
    int e = ferror(f) ? errno : 0;
    fclose(f);
    if (!b)
        return fail(err, errlen, "out of memory reading '%s'", path), RT_IO_OS_ERROR;
    if (e) {
        free(b);
        return rt_io_errno(e, path, err, errlen);
    }
    *buf = b;
    *len = n;
    return RT_IO_OK;
}

static void shape_str(char *out, size_t cap, int rank, const int64_t *shape)
{
    int n = snprintf(out, cap, "(");
    for (int i = 0; i < rank && (size_t)n < cap; i++)
        n += snprintf(out + n, cap - (size_t)n, i ? ",%lld" : "%lld", (long long)shape[i]);
    snprintf(out + n, cap > (size_t)n ? cap - (size_t)n : 0, rank == 1 ? ",)" : ")");
}

rt_io_status rt_npy_load_raw(const char *path, rt_npy_header *h, void **data,
                             char *err, size_t errlen)
{
    unsigned char *buf = NULL;
    size_t len = 0;
    rt_io_status st = read_file(path, &buf, &len, err, errlen);
    if (st != RT_IO_OK)
        return st;
    if (len < 6 || memcmp(buf, MAGIC, 6) != 0) {
        free(buf);
        fail(err, errlen, "Cannot load file containing pickled data when allow_pickle=False");
        return RT_IO_VALUE_ERROR;
    }
    if (rt_npy_parse_header(buf, len, h, err, errlen) != 0) {
        free(buf);
        return RT_IO_VALUE_ERROR;
    }
    size_t have = (len - h->data_offset) / (size_t)h->itemsize;
    if ((uint64_t)h->count > have) {
        char shp[256];
        shape_str(shp, sizeof shp, h->rank, h->shape);
        fail(err, errlen, "cannot reshape array of size %zu into shape %s", have, shp);
        free(buf);
        return RT_IO_VALUE_ERROR;
    }
    size_t bytes = (size_t)h->count * rt_io_elem_size(h->dtype);
    *data = malloc(bytes ? bytes : 1);
    if (*data)
        rt_npy_decode(h, buf + h->data_offset, *data);
    free(buf);
    return *data ? RT_IO_OK : (fail(err, errlen, "out of memory"), RT_IO_OS_ERROR);
}

static bool write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        c += w;
        n -= (size_t)w;
    }
    return true;
}

rt_io_status rt_npy_save_raw(const char *path, rt_dtype dt, int rank, const int64_t *shape,
                             const void *data, char *err, size_t errlen)
{
    char hdr[256];
    size_t hl = rt_npy_format_header(hdr, sizeof hdr, dt, rank, shape);
    int64_t count = 1;
    for (int i = 0; i < rank; i++)
        count *= shape[i];
    size_t tlen = strlen(path) + 32;
    char *tmp = malloc(tlen);
    if (!tmp)
        return fail(err, errlen, "out of memory"), RT_IO_OS_ERROR;
    snprintf(tmp, tlen, "%s.tmp%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return rt_io_errno(e, path, err, errlen);
    }
    bool ok = write_all(fd, hdr, hl) &&
              write_all(fd, data, (size_t)count * rt_io_elem_size(dt));
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        e = errno;
    }
    if (!ok)
        unlink(tmp);
    free(tmp);
    return ok ? RT_IO_OK : rt_io_errno(e, path, err, errlen);
}

/* ---- rt_array entry points ---- */
#ifndef RT_RAW_ONLY

void rt_npy_save(const char *path, rt_array *a)
{
    char err[512];
    size_t n = strlen(path);
    char *full = malloc(n + 5);
    if (!full)
        rt_raise("MemoryError", "out of memory");
    memcpy(full, path, n + 1);
    if (n < 4 || strcmp(path + n - 4, ".npy") != 0)
        memcpy(full + n, ".npy", 5);
    rt_array *c = rt_is_contiguous(a) ? (rt_retain(a), a) : rt_copy(a);
    rt_io_status st = rt_npy_save_raw(full, c->dtype, c->rank, c->shape, c->data, err, sizeof err);
    rt_release(c);
    free(full);
    if (st != RT_IO_OK)
        rt_raise(rt_io_exc_name(st), "%s", err);
}

rt_array *rt_npy_load(const char *path)
{
    char err[512];
    rt_npy_header h;
    void *data;
    rt_io_status st = rt_npy_load_raw(path, &h, &data, err, sizeof err);
    if (st != RT_IO_OK)
        rt_raise(rt_io_exc_name(st), "%s", err);
    rt_array *a = rt_alloc(h.dtype, h.rank, h.shape);
    memcpy(a->data, data, (size_t)h.count * rt_io_elem_size(h.dtype));
    free(data);
    return a;
}
#endif /* RT_RAW_ONLY */

/* fuzz_npy.c: libFuzzer target for the .npy header reader
 * (rt_npy_parse_header) and, when the data fits, the element decoder.
 *
 * Invariants on success: a known version, kind and item size; rank within
 * RT_MAX_RANK; non-negative extents whose product is count; the header lies
 * inside the input; the header np.save would write for that shape parses
 * back to the same shape.  On failure: a non-empty message that fits err.
 */
#include "runtime/numsrt.h"
#include "runtime/rt_io.h"
#include "tests/fuzz/fuzz_util.h"

enum { FUZZ_NPY_MAX_DECODE = 1 << 16 };   /* elements decoded at most */

static void check_header(const rt_npy_header *h, size_t size)
{
    FUZZ_CHECK(h->major >= 1 && h->major <= 3 && h->minor == 0);
    FUZZ_CHECK(h->kind == 'f' || h->kind == 'i' || h->kind == 'b');
    FUZZ_CHECK(h->itemsize == 1 || h->itemsize == 2 || h->itemsize == 4 || h->itemsize == 8);
    FUZZ_CHECK(h->rank >= 0 && h->rank <= RT_MAX_RANK);
    FUZZ_CHECK(h->data_offset <= size);
    int64_t n = 1;
    for (int i = 0; i < h->rank; i++) {
        FUZZ_CHECK(h->shape[i] >= 0);
        n *= h->shape[i];
    }
    FUZZ_CHECK(n == h->count);
}

/* np.save's header for the same shape must read back as that shape. */
static void check_roundtrip(const rt_npy_header *h)
{
    char buf[512], err[256];
    size_t n = rt_npy_format_header(buf, sizeof buf, h->dtype, h->rank, h->shape);
    FUZZ_CHECK(n > 0 && n % 64 == 0);
    rt_npy_header back;
    FUZZ_CHECK(rt_npy_parse_header((const unsigned char *)buf, n, &back, err, sizeof err) == 0);
    FUZZ_CHECK(back.rank == h->rank && back.count == h->count && back.data_offset == n);
    FUZZ_CHECK(back.dtype == h->dtype && !back.fortran_order && !back.big_endian);
    for (int i = 0; i < h->rank; i++)
        FUZZ_CHECK(back.shape[i] == h->shape[i]);
}

static void decode_if_present(const rt_npy_header *h, const uint8_t *data, size_t size)
{
    size_t avail = size - h->data_offset;
    if (h->count > FUZZ_NPY_MAX_DECODE || (uint64_t)h->count * (uint64_t)h->itemsize > avail)
        return;
    void *dst = malloc((size_t)h->count * 8 + 1);
    FUZZ_CHECK(dst != NULL);
    rt_npy_decode(h, data + h->data_offset, dst);
    free(dst);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rt_npy_header h;
    char err[128];
    memset(err, 'x', sizeof err);
    if (rt_npy_parse_header(data, size, &h, err, sizeof err) != 0) {
        FUZZ_CHECK(memchr(err, '\0', sizeof err) != NULL && err[0] != '\0');
        return 0;
    }
    check_header(&h, size);
    check_roundtrip(&h);
    decode_if_present(&h, data, size);
    return 0;
}

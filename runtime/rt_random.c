/* rt_random.c: SeedSequence, PCG64 and the Generator distributions that
 * numsc supports, reproducing NumPy 1.24's streams bit for bit.
 *
 * Sources of truth (NumPy): bit_generator.pyx (SeedSequence), pcg64.h
 * (PCG64 XSL-RR, the buffered uint32), distributions.c (ziggurat normal,
 * uniform), and random_bounded_uint64_fill (Lemire's bounded integers).
 *
 * The raw layer (everything above the RT_RAW_ONLY guard at the bottom) needs
 * only libc and libm.  Unit tests compile this file with RT_RAW_ONLY defined
 * to test it without the runtime core.
 */
#pragma GCC optimize("fp-contract=off")   /* NumPy's a + b*c is not an FMA */

#include "rt_random.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>

typedef unsigned __int128 u128;

struct rt_rng {
    u128 state, inc;
    int has_uint32;             /* a buffered upper half is waiting */
    uint32_t uinteger;          /* the buffered half */
    int64_t refcount;           /* generated code shares generators like arrays */
};

/* ---- SeedSequence (pool size 4, no spawn key) ---- */

enum { POOL = 4 };
#define INIT_A 0x43b0d7e5u
#define MULT_A 0x931e8875u
#define INIT_B 0x8b51f9ddu
#define MULT_B 0x58f38dedu
#define MIX_L 0xca01f9ddu
#define MIX_R 0x4973f715u

static uint32_t hashmix(uint32_t v, uint32_t *hc)
{
    v ^= *hc;
    *hc *= MULT_A;
    v *= *hc;
    return v ^ (v >> 16);
}

static uint32_t mix(uint32_t x, uint32_t y)
{
    uint32_t r = MIX_L * x - MIX_R * y;
    return r ^ (r >> 16);
}

/* The int seed as little-endian 32-bit words (0 is one word, [0]). */
static int seed_words(uint64_t seed, uint32_t w[2])
{
    w[0] = (uint32_t)seed;
    w[1] = (uint32_t)(seed >> 32);
    return w[1] ? 2 : 1;
}

static void seedseq_pool(uint64_t seed, uint32_t pool[POOL])
{
    uint32_t ent[2];
    int n = seed_words(seed, ent);
    uint32_t hc = INIT_A;
    for (int i = 0; i < POOL; i++)
        pool[i] = hashmix(i < n ? ent[i] : 0, &hc);
    for (int src = 0; src < POOL; src++)
        for (int dst = 0; dst < POOL; dst++)
            if (src != dst)
                pool[dst] = mix(pool[dst], hashmix(pool[src], &hc));
    /* entropy longer than the pool would be mixed in here; 2 words never is */
}

void rt_seedseq_generate_u32(uint64_t seed, uint32_t *out, int n_words)
{
    uint32_t pool[POOL];
    seedseq_pool(seed, pool);
    uint32_t hc = INIT_B;
    for (int i = 0; i < n_words; i++) {
        uint32_t v = pool[i % POOL] ^ hc;
        hc *= MULT_B;
        v *= hc;
        out[i] = v ^ (v >> 16);
    }
}

/* ---- PCG64 ---- */

#define PCG_MULT (((u128)0x2360ed051fc65da4ULL << 64) | 0x4385df649fccf645ULL)

static void pcg_step(rt_rng *g)
{
    g->state = g->state * PCG_MULT + g->inc;
}

/* pcg64_set_seed: generate_state(4, uint64) = 8 uint32 words; the first
 * two uint64 are the state (high, low), the next two the stream. */
rt_rng *rt_rng_new_raw(uint64_t seed)
{
    uint32_t w[8];
    uint64_t v[4];
    rt_seedseq_generate_u32(seed, w, 8);
    for (int i = 0; i < 4; i++)
        v[i] = (uint64_t)w[2 * i] | ((uint64_t)w[2 * i + 1] << 32);
    rt_rng *g = calloc(1, sizeof *g);
    if (!g)
        abort();
    u128 initstate = ((u128)v[0] << 64) | v[1];
    u128 initseq = ((u128)v[2] << 64) | v[3];
    g->refcount = 1;
    g->inc = (initseq << 1) | 1u;
    pcg_step(g);
    g->state += initstate;
    pcg_step(g);
    return g;
}

void rt_rng_free(rt_rng *g)
{
    free(g);
}

void rt_rng_retain(rt_rng *g)
{
    if (g)
        g->refcount++;
}

void rt_rng_release(rt_rng *g)
{
    if (g && --g->refcount <= 0)
        free(g);
}

uint64_t rt_rng_next_u64(rt_rng *g)
{
    pcg_step(g);
    uint64_t hi = (uint64_t)(g->state >> 64), lo = (uint64_t)g->state;
    unsigned rot = (unsigned)(hi >> 58);
    uint64_t x = hi ^ lo;
    return (x >> rot) | (x << ((64 - rot) & 63));
}

uint32_t rt_rng_next_u32(rt_rng *g)
{
    if (g->has_uint32) {
        g->has_uint32 = 0;
        return g->uinteger;
    }
    uint64_t next = rt_rng_next_u64(g);
    g->has_uint32 = 1;
    g->uinteger = (uint32_t)(next >> 32);
    return (uint32_t)next;
}

double rt_rng_next_double(rt_rng *g)
{
    return (double)(rt_rng_next_u64(g) >> 11) * (1.0 / 9007199254740992.0);
}

/* ---- ziggurat tables (256 layers, 52-bit magnitudes) ----
 * Marsaglia & Tsang's construction as NumPy generated its tables: r starts
 * the tail, v is the area of every layer.  With f(x) = exp(-x^2/2), the layer
 * edges are x[255] = r, x[i-1] = f^-1(f(x[i]) + v / x[i]) down to x[1], and
 * x[0] = 0.  Then wi[i] = x[i] / 2^52 (wi[0] = v / f(r) / 2^52, the base
 * layer's width including the tail), ki[i] = round(x[i-1] / x[i] * 2^52) the
 * accept threshold (ki[0] = round(r f(r) / v * 2^52)), fi[i] = f(x[i]).
 *
 * The recursion loses accuracy as it climbs (f^-1 is ill-conditioned near
 * the mode), so its top edges depend on the libm that ran it.  With glibc it
 * reproduces NumPy's x[38..255] exactly; x[1..37] below are NumPy's edges,
 * recovered from NumPy's own standard_normal output (each edge is the unique
 * double w with fl(rabs * w / 2^52) equal to every fast-path draw of its
 * layer in 12 million draws).  ki and fi follow from the edges; the unit
 * test checks streams and table entries against NumPy. */

#define ZIG_R 3.6541528853610087963519472518
#define ZIG_INV_R 0.27366123732975827203338247596
#define ZIG_V 0.0049286732339746519
#define TWO52 4503599627370496.0
enum { ZIG_NFIX = 37 };

static const double zig_xfix[ZIG_NFIX] = {   /* x[1..37] */
    0x1.b8d0be3fdf6c6p-3, 0x1.250af3c2c5bb4p-2, 0x1.57cb938443b61p-2,
    0x1.801fce82fa70cp-2, 0x1.a230c2e4cd0bcp-2, 0x1.c004d2f3861f7p-2,
    0x1.dac2f5a747274p-2, 0x1.f32482d4cd5c3p-2, 0x1.04d32278ebbadp-1,
    0x1.0f5053b025d43p-1, 0x1.192a697413677p-1, 0x1.227a28f7a1af5p-1,
    0x1.2b52e3863d88p-1, 0x1.33c3fc05791f5p-1, 0x1.3bd9ec1a2b12fp-1,
    0x1.439ef8dff9b55p-1, 0x1.4b1bb363dfea7p-1, 0x1.52575621ad374p-1,
    0x1.59580a707ce96p-1, 0x1.60231cfd97eeap-1, 0x1.66bd261a37c3dp-1,
    0x1.6d2a29200057p-1, 0x1.736dad346f8a6p-1, 0x1.798ad10b32a77p-1,
    0x1.7f845ad46f543p-1, 0x1.855cc53430a77p-1, 0x1.8b1649e7b769ap-1,
    0x1.90b2ea94ecf98p-1, 0x1.96347822c1eeap-1, 0x1.9b9c98e38c546p-1,
    0x1.a0eccdca4a72cp-1, 0x1.a62676d77cd59p-1, 0x1.ab4ad6e10163p-1,
    0x1.b05b16d136c9cp-1, 0x1.b558487427a29p-1, 0x1.ba4368e529f3ap-1,
    0x1.bf1d62abf8232p-1,
};

static uint64_t ki[256];
static double wi[256], fi[256];
static pthread_once_t zig_once = PTHREAD_ONCE_INIT;

static double zig_f(double x)
{
    return exp(-0.5 * x * x);
}

static void zig_build(void)
{
    double x[256];
    x[255] = ZIG_R;
    for (int i = 255; i > 1; i--)
        x[i - 1] = sqrt(-2.0 * log(zig_f(x[i]) + ZIG_V / x[i]));
    x[0] = 0.0;
    for (int i = 0; i < ZIG_NFIX; i++)
        x[i + 1] = zig_xfix[i];
    for (int i = 0; i < 256; i++) {
        wi[i] = x[i] / TWO52;
        fi[i] = zig_f(x[i]);
        if (i > 0)
            ki[i] = (uint64_t)nearbyint(x[i - 1] / x[i] * TWO52);
    }
    wi[0] = ZIG_V / zig_f(ZIG_R) / TWO52;
    ki[0] = (uint64_t)nearbyint(ZIG_R * zig_f(ZIG_R) / ZIG_V * TWO52);
}

static double zig_tail(rt_rng *g, uint64_t rabs)
{
    for (;;) {
        double xx = -ZIG_INV_R * log1p(-rt_rng_next_double(g));
        double yy = -log1p(-rt_rng_next_double(g));
        if (yy + yy > xx * xx)
            return ((rabs >> 8) & 1) ? -(ZIG_R + xx) : ZIG_R + xx;
    }
}

double rt_rng_standard_normal_scalar(rt_rng *g)
{
    pthread_once(&zig_once, zig_build);
    for (;;) {
        uint64_t r = rt_rng_next_u64(g);
        int idx = (int)(r & 0xff);
        r >>= 8;
        uint64_t rabs = (r >> 1) & 0x000fffffffffffffULL;
        double x = (double)rabs * wi[idx];
        if (r & 1)
            x = -x;
        if (rabs < ki[idx])
            return x;
        if (idx == 0)
            return zig_tail(g, rabs);
        if ((fi[idx - 1] - fi[idx]) * rt_rng_next_double(g) + fi[idx] < exp(-0.5 * x * x))
            return x;
    }
}

/* ---- bounded integers (Lemire, NumPy's random_bounded_uint64_fill) ---- */

static uint32_t lemire32(rt_rng *g, uint32_t rng)
{
    uint32_t excl = rng + 1;
    uint64_t m = (uint64_t)rt_rng_next_u32(g) * excl;
    uint32_t left = (uint32_t)m;
    if (left < excl) {
        uint32_t threshold = (UINT32_MAX - rng) % excl;
        while (left < threshold) {
            m = (uint64_t)rt_rng_next_u32(g) * excl;
            left = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

static uint64_t lemire64(rt_rng *g, uint64_t rng)
{
    uint64_t excl = rng + 1;
    u128 m = (u128)rt_rng_next_u64(g) * excl;
    uint64_t left = (uint64_t)m;
    if (left < excl) {
        uint64_t threshold = (UINT64_MAX - rng) % excl;
        while (left < threshold) {
            m = (u128)rt_rng_next_u64(g) * excl;
            left = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}

/* One draw in [off, off + rng] (closed): the 32-bit path when rng fits. */
static uint64_t bounded(rt_rng *g, uint64_t off, uint64_t rng)
{
    if (rng == 0)
        return off;
    if (rng == 0xFFFFFFFFULL)
        return off + rt_rng_next_u32(g);
    if (rng < 0xFFFFFFFFULL)
        return off + lemire32(g, (uint32_t)rng);
    if (rng == UINT64_MAX)
        return off + rt_rng_next_u64(g);
    return off + lemire64(g, rng);
}

void rt_rng_integers_closed_fill(rt_rng *g, int64_t low, int64_t high, int64_t *out, int64_t n)
{
    uint64_t off = (uint64_t)low;
    uint64_t rng = (uint64_t)high - off;
    for (int64_t i = 0; i < n; i++)
        out[i] = (int64_t)bounded(g, off, rng);
}

void rt_rng_integers_fill(rt_rng *g, int64_t low, int64_t high, int64_t *out, int64_t n)
{
    rt_rng_integers_closed_fill(g, low, high - 1, out, n);
}

/* ---- continuous fills ---- */

void rt_rng_random_fill(rt_rng *g, double *out, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        out[i] = rt_rng_next_double(g);
}

void rt_rng_standard_normal_fill(rt_rng *g, double *out, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        out[i] = rt_rng_standard_normal_scalar(g);
}

void rt_rng_normal_fill(rt_rng *g, double loc, double scale, double *out, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        out[i] = loc + scale * rt_rng_standard_normal_scalar(g);
}

void rt_rng_uniform_fill(rt_rng *g, double low, double high, double *out, int64_t n)
{
    double range = high - low;
    for (int64_t i = 0; i < n; i++)
        out[i] = low + range * rt_rng_next_double(g);
}

double rt_rng_random_scalar(rt_rng *g)
{
    return rt_rng_next_double(g);
}

/* ---- checked layer: rt_array results, NumPy's errors ---- */
#ifndef RT_RAW_ONLY
#include "numsrt.h"

rt_rng *rt_rng_new(int64_t seed)
{
    if (seed < 0)
        rt_raise("ValueError", "expected non-negative integer");
    return rt_rng_new_raw((uint64_t)seed);
}

static void check_normal(double scale)
{
    if (scale < 0)
        rt_raise("ValueError", "scale < 0");
}

static void check_uniform(double low, double high)
{
    double range = high - low;
    if (!isfinite(range))
        rt_raise("OverflowError", "high - low range exceeds valid bounds");
    if (range < 0)
        rt_raise("ValueError", "high - low < 0");
}

static void check_integers(int64_t low, int64_t high)
{
    if (low >= high)
        rt_raise("ValueError", "low >= high");
}

double rt_rng_normal_scalar(rt_rng *g, double loc, double scale)
{
    check_normal(scale);
    return loc + scale * rt_rng_standard_normal_scalar(g);
}

double rt_rng_uniform_scalar(rt_rng *g, double low, double high)
{
    check_uniform(low, high);
    return low + (high - low) * rt_rng_next_double(g);
}

int64_t rt_rng_integers_scalar(rt_rng *g, int64_t low, int64_t high)
{
    int64_t v;
    check_integers(low, high);
    rt_rng_integers_fill(g, low, high, &v, 1);
    return v;
}

static rt_array *alloc_f64(int rank, const int64_t *shape)
{
    rt_check_shape(rank, shape);
    return rt_alloc(RT_F64, rank, shape);
}

rt_array *rt_rng_random(rt_rng *g, int rank, const int64_t *shape)
{
    rt_array *a = alloc_f64(rank, shape);
    rt_rng_random_fill(g, a->data, rt_size(a));
    return a;
}

rt_array *rt_rng_standard_normal(rt_rng *g, int rank, const int64_t *shape)
{
    rt_array *a = alloc_f64(rank, shape);
    rt_rng_standard_normal_fill(g, a->data, rt_size(a));
    return a;
}

rt_array *rt_rng_normal(rt_rng *g, double loc, double scale, int rank, const int64_t *shape)
{
    check_normal(scale);
    rt_array *a = alloc_f64(rank, shape);
    rt_rng_normal_fill(g, loc, scale, a->data, rt_size(a));
    return a;
}

rt_array *rt_rng_uniform(rt_rng *g, double low, double high, int rank, const int64_t *shape)
{
    check_uniform(low, high);
    rt_array *a = alloc_f64(rank, shape);
    rt_rng_uniform_fill(g, low, high, a->data, rt_size(a));
    return a;
}

/* NumPy returns an empty array for a 0-size request before checking bounds. */
rt_array *rt_rng_integers(rt_rng *g, int64_t low, int64_t high, int rank, const int64_t *shape)
{
    rt_check_shape(rank, shape);
    rt_array *a = rt_alloc(RT_I64, rank, shape);
    int64_t n = rt_size(a);
    if (n > 0) {
        check_integers(low, high);
        rt_rng_integers_fill(g, low, high, a->data, n);
    }
    return a;
}
#endif /* RT_RAW_ONLY */

/* rt_random.h: NumPy's default_rng streams (SeedSequence + PCG64), bit for bit.
 *
 * np.random.default_rng(seed) with an int seed >= 0 is rt_rng_new(seed).
 * Every draw consumes the generator exactly as NumPy 1.24's Generator does,
 * including the buffered upper half that next_uint32 keeps, so a program
 * mixing integers() and random() sees NumPy's numbers.
 *
 * Two layers.  The *_fill functions and the parameterless scalars work on
 * raw buffers and never raise: they assume checked parameters.  The rt_array wrappers
 * (rt_rng_random ...) check parameters with NumPy's messages (rt_raise),
 * allocate with rt_alloc and call the fills.
 *
 * Include after numsrt.h (numsrt.h includes this file at its end).
 */
#ifndef RT_RANDOM_H
#define RT_RANDOM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rt_rng rt_rng;

/* SeedSequence(seed).generate_state(n_words, uint32) for a non-negative
 * int seed (NumPy rejects negative seeds). */
void rt_seedseq_generate_u32(uint64_t seed, uint32_t *out, int n_words);

rt_rng *rt_rng_new(int64_t seed);       /* seed < 0: ValueError (wrapper layer) */
rt_rng *rt_rng_new_raw(uint64_t seed);  /* no checks, never raises */
void rt_rng_free(rt_rng *g);            /* NULL is ignored */
/* Generated code holds generators like arrays: a new one has count 1. */
void rt_rng_retain(rt_rng *g);
void rt_rng_release(rt_rng *g);          /* frees at zero; NULL is ignored */

/* The bit generator itself: PCG64's next_uint64 / next_uint32 / next_double. */
uint64_t rt_rng_next_u64(rt_rng *g);
uint32_t rt_rng_next_u32(rt_rng *g);
double rt_rng_next_double(rt_rng *g);

/* ---- raw-buffer layer: parameters already checked ---- */
void rt_rng_random_fill(rt_rng *g, double *out, int64_t n);
void rt_rng_standard_normal_fill(rt_rng *g, double *out, int64_t n);
void rt_rng_normal_fill(rt_rng *g, double loc, double scale, double *out, int64_t n);
void rt_rng_uniform_fill(rt_rng *g, double low, double high, double *out, int64_t n);
/* Integers in [low, high) (NumPy's endpoint=False); requires low < high. */
void rt_rng_integers_fill(rt_rng *g, int64_t low, int64_t high, int64_t *out, int64_t n);
/* Integers in [low, high] (endpoint=True); requires low <= high. */
void rt_rng_integers_closed_fill(rt_rng *g, int64_t low, int64_t high, int64_t *out, int64_t n);

double rt_rng_random_scalar(rt_rng *g);
double rt_rng_standard_normal_scalar(rt_rng *g);

/* ---- scalar draws with parameters (size omitted), checked as below ---- */
double rt_rng_normal_scalar(rt_rng *g, double loc, double scale);
double rt_rng_uniform_scalar(rt_rng *g, double low, double high);
int64_t rt_rng_integers_scalar(rt_rng *g, int64_t low, int64_t high);

/* ---- rt_array wrappers: a new f64 / i64 array of the given shape ----
 * Errors, as NumPy words them: normal "scale < 0" (ValueError); uniform
 * "high - low < 0" (ValueError), "high - low range exceeds valid bounds"
 * (OverflowError); integers "low >= high" (ValueError); negative dims. */
struct rt_array;
struct rt_array *rt_rng_random(rt_rng *g, int rank, const int64_t *shape);
struct rt_array *rt_rng_standard_normal(rt_rng *g, int rank, const int64_t *shape);
struct rt_array *rt_rng_normal(rt_rng *g, double loc, double scale, int rank, const int64_t *shape);
struct rt_array *rt_rng_uniform(rt_rng *g, double low, double high, int rank, const int64_t *shape);
struct rt_array *rt_rng_integers(rt_rng *g, int64_t low, int64_t high, int rank, const int64_t *shape);

#ifdef __cplusplus
}
#endif
#endif

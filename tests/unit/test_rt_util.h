/* test_rt_util.h: helpers for the runtime's Check tests: building small
 * arrays, reading elements back in C order, and EXPECT_RAISE, which runs a
 * statement in a child process and checks that it exits with status 1 and
 * prints exactly the expected rt_raise line on stderr. */
#ifndef TEST_RT_UTIL_H
#define TEST_RT_UTIL_H

#include "numsrt.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern void __lsan_disable(void) __attribute__((weak));

static inline rt_array *mk_f64(int rank, const int64_t *shape, const double *v)
{
    rt_array *a = rt_alloc(RT_F64, rank, shape);
    memcpy(a->data, v, sizeof(double) * (size_t)rt_size(a));
    return a;
}

static inline rt_array *mk_i64(int rank, const int64_t *shape, const int64_t *v)
{
    rt_array *a = rt_alloc(RT_I64, rank, shape);
    memcpy(a->data, v, sizeof(int64_t) * (size_t)rt_size(a));
    return a;
}

/* arange(n) reshaped to `shape` (int64). */
static inline rt_array *mk_range(int rank, const int64_t *shape)
{
    rt_array *r = rt_arange_i64(0, 1, 1);
    int64_t n = 1;
    for (int i = 0; i < rank; i++)
        n *= shape[i];
    rt_release(r);
    r = rt_arange_i64(0, n, 1);
    rt_array *a = rt_reshape(r, rank, shape);
    rt_release(r);
    return a;
}

/* Element k (C order) of a, as double / int64. */
static inline int64_t flat_off(const rt_array *a, int64_t k)
{
    int64_t off = 0;
    for (int i = a->rank - 1; i >= 0; i--) {
        off += (k % a->shape[i]) * a->strides[i];
        k /= a->shape[i];
    }
    return off;
}

static inline double at_f(const rt_array *a, int64_t k)
{
    int64_t o = flat_off(a, k);
    switch (a->dtype) {
    case RT_BOOL: return ((const uint8_t *)a->data)[o];
    case RT_I64: return (double)((const int64_t *)a->data)[o];
    case RT_F32: return ((const float *)a->data)[o];
    default: return ((const double *)a->data)[o];
    }
}

static inline int64_t at_i(const rt_array *a, int64_t k)
{
    int64_t o = flat_off(a, k);
    switch (a->dtype) {
    case RT_BOOL: return ((const uint8_t *)a->data)[o];
    case RT_I64: return ((const int64_t *)a->data)[o];
    case RT_F32: return (int64_t)((const float *)a->data)[o];
    default: return (int64_t)((const double *)a->data)[o];
    }
}

#define CK_SHAPE(a, ...)                                                      \
    do {                                                                      \
        int64_t want_[] = {__VA_ARGS__};                                      \
        int n_ = (int)(sizeof want_ / sizeof want_[0]);                       \
        ck_assert_int_eq((a)->rank, n_);                                      \
        for (int i_ = 0; i_ < n_; i_++)                                       \
            ck_assert_int_eq((a)->shape[i_], want_[i_]);                      \
    } while (0)

#define CK_VALS_I(a, ...)                                                     \
    do {                                                                      \
        int64_t want_[] = {__VA_ARGS__};                                      \
        int64_t n_ = (int64_t)(sizeof want_ / sizeof want_[0]);               \
        ck_assert_int_eq(rt_size(a), n_);                                     \
        for (int64_t i_ = 0; i_ < n_; i_++)                                   \
            ck_assert_msg(at_i(a, i_) == want_[i_], "element %lld: %lld != %lld", \
                          (long long)i_, (long long)at_i(a, i_), (long long)want_[i_]); \
    } while (0)

/* Exact float comparison (NaN equals NaN). */
#define CK_VALS_F(a, ...)                                                     \
    do {                                                                      \
        double want_[] = {__VA_ARGS__};                                       \
        int64_t n_ = (int64_t)(sizeof want_ / sizeof want_[0]);               \
        ck_assert_int_eq(rt_size(a), n_);                                     \
        for (int64_t i_ = 0; i_ < n_; i_++) {                                 \
            double g_ = at_f(a, i_);                                          \
            ck_assert_msg(g_ == want_[i_] || (g_ != g_ && want_[i_] != want_[i_]), \
                          "element %lld: %.17g != %.17g", (long long)i_, g_, want_[i_]); \
        }                                                                     \
    } while (0)

/* Run STMT in a child; it must exit 1 printing "t.nps:7: error: " EXPECTED. */
#define EXPECT_RAISE(STMT, EXPECTED)                                          \
    do {                                                                      \
        int fd_[2];                                                           \
        ck_assert_int_eq(pipe(fd_), 0);                                       \
        fflush(NULL);                                                         \
        pid_t pid_ = fork();                                                  \
        if (pid_ == 0) {                                                      \
            if (__lsan_disable)                                               \
                __lsan_disable();                                             \
            dup2(fd_[1], 2);                                                  \
            close(fd_[0]);                                                    \
            rt_init("t.nps", 0, NULL);                                        \
            rt_line = 7;                                                      \
            STMT;                                                             \
            _exit(99);                                                        \
        }                                                                     \
        close(fd_[1]);                                                        \
        char buf_[2048];                                                      \
        size_t len_ = 0;                                                      \
        ssize_t got_;                                                         \
        while ((got_ = read(fd_[0], buf_ + len_, sizeof buf_ - 1 - len_)) > 0) \
            len_ += (size_t)got_;                                             \
        buf_[len_] = 0;                                                       \
        close(fd_[0]);                                                        \
        int st_;                                                              \
        waitpid(pid_, &st_, 0);                                               \
        ck_assert(WIFEXITED(st_));                                            \
        ck_assert_int_eq(WEXITSTATUS(st_), 1);                                \
        ck_assert_str_eq(buf_, "t.nps:7: error: " EXPECTED "\n");             \
    } while (0)

/* Boilerplate: a suite of one case and a main running it. */
#define RT_TEST_MAIN(NAME, ...)                                               \
    int main(void)                                                            \
    {                                                                         \
        Suite *s_ = suite_create(NAME);                                       \
        TCase *tc_ = tcase_create("core");                                    \
        const TTest *fns_[] = {__VA_ARGS__};                                  \
        for (size_t i_ = 0; i_ < sizeof fns_ / sizeof fns_[0]; i_++)          \
            tcase_add_test(tc_, fns_[i_]);                                    \
        suite_add_tcase(s_, tc_);                                             \
        SRunner *sr_ = srunner_create(s_);                                    \
        srunner_run_all(sr_, CK_NORMAL);                                      \
        int nf_ = srunner_ntests_failed(sr_);                                 \
        srunner_free(sr_);                                                    \
        return nf_ ? EXIT_FAILURE : EXIT_SUCCESS;                             \
    }

#endif

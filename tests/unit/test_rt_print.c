/* test_rt_print.c: str(ndarray) from rt_array_to_string against the exact
 * text NumPy 1.24.2 prints (each `want` was produced by /usr/bin/python3
 * evaluating the case's `what`).  Arrays are built by hand: a buffer of
 * nbase elements and a descriptor with shape, strides and offset. */
#include "numsrt.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct acase {
    const char *what;           /* the NumPy expression */
    rt_dtype dt;
    int rank;
    int64_t shape[4];
    const double *vals;         /* element values in C order, or NULL: */
    int nvals;
    double start, step;         /* base[i] = start + i * step, then */
    int every;                  /*   (i % every == 0) when every > 0 */
    double times;               /*   * times when nonzero */
    double divide_by;           /*   / divide_by in the element type */
    int64_t patch_at;           /*   base[patch_at] = patch when patch_at > 0 */
    double patch;
    bool imin_imax;             /* base = {INT64_MIN, INT64_MAX} */
    int64_t strides[4];         /* all 0: C order */
    int64_t offset;             /* of element [0, ...] in base */
    int64_t nbase;              /* 0: the size of shape */
    const char *want;
} acase;

#define V(...) .vals = (const double[]){ __VA_ARGS__ }, \
               .nvals = sizeof((const double[]){ __VA_ARGS__ }) / sizeof(double)
#define RANGE(a, b) .start = (a), .step = (b)

static const acase cases[] = {
    { "np.array([1.0, 2.0, 3.0])",
      RT_F64, 1, {3}, V(1.0, 2.0, 3.0),
      .want = "[1. 2. 3.]" },
    { "np.array([1.0, 2.5, 3.25])",
      RT_F64, 1, {3}, V(1.0, 2.5, 3.25),
      .want = "[1.   2.5  3.25]" },
    { "np.array([-1.0, 0.5, 10.0])",
      RT_F64, 1, {3}, V(-1.0, 0.5, 10.0),
      .want = "[-1.   0.5 10. ]" },
    { "np.array([0.1, 0.2, 0.3]) * 3",
      RT_F64, 1, {3}, V(0.1 * 3, 0.2 * 3, 0.3 * 3),
      .want = "[0.3 0.6 0.9]" },
    { "np.array([1 / 3, 2 / 3, 1.0])",
      RT_F64, 1, {3}, V(1.0 / 3, 2.0 / 3, 1.0),
      .want = "[0.33333333 0.66666667 1.        ]" },
    { "np.array([1, -2, 300])",
      RT_I64, 1, {3}, V(1, -2, 300),
      .want = "[  1  -2 300]" },
    { "np.array([True, False, True])",
      RT_BOOL, 1, {3}, V(1, 0, 1),
      .want = "[ True False  True]" },
    { "np.arange(6.0).reshape(2, 3)",
      RT_F64, 2, {2, 3}, RANGE(0, 1),
      .want = "[[0. 1. 2.]\n"
              " [3. 4. 5.]]" },
    { "np.arange(6).reshape(2, 3) - 2",
      RT_I64, 2, {2, 3}, RANGE(-2, 1),
      .want = "[[-2 -1  0]\n"
              " [ 1  2  3]]" },
    { "np.array([[True, False], [False, True]])",
      RT_BOOL, 2, {2, 2}, V(1, 0, 0, 1),
      .want = "[[ True False]\n"
              " [False  True]]" },
    { "np.arange(12).reshape(2, 3, 2)",
      RT_I64, 3, {2, 3, 2}, RANGE(0, 1),
      .want = "[[[ 0  1]\n"
              "  [ 2  3]\n"
              "  [ 4  5]]\n"
              "\n"
              " [[ 6  7]\n"
              "  [ 8  9]\n"
              "  [10 11]]]" },
    { "np.arange(8.0).reshape(2, 2, 2) / 4",
      RT_F64, 3, {2, 2, 2}, RANGE(0, 0.25),
      .want = "[[[0.   0.25]\n"
              "  [0.5  0.75]]\n"
              "\n"
              " [[1.   1.25]\n"
              "  [1.5  1.75]]]" },
    { "np.arange(16).reshape(2, 2, 2, 2)",
      RT_I64, 4, {2, 2, 2, 2}, RANGE(0, 1),
      .want = "[[[[ 0  1]\n"
              "   [ 2  3]]\n"
              "\n"
              "  [[ 4  5]\n"
              "   [ 6  7]]]\n"
              "\n"
              "\n"
              " [[[ 8  9]\n"
              "   [10 11]]\n"
              "\n"
              "  [[12 13]\n"
              "   [14 15]]]]" },
    { "np.zeros(0)",
      RT_F64, 1, {0}, RANGE(0, 0),
      .want = "[]" },
    { "np.zeros((2, 0))",
      RT_F64, 2, {2, 0}, RANGE(0, 0),
      .want = "[]" },
    { "np.array([1e-5, 1.0, 1e5])",
      RT_F64, 1, {3}, V(1e-5, 1.0, 1e5),
      .want = "[1.e-05 1.e+00 1.e+05]" },
    { "np.array([0.001, 0.01, 0.1])",
      RT_F64, 1, {3}, V(0.001, 0.01, 0.1),
      .want = "[0.001 0.01  0.1  ]" },
    { "np.array([1e-4, 1.0])",
      RT_F64, 1, {2}, V(1e-4, 1.0),
      .want = "[1.e-04 1.e+00]" },
    { "np.array([1e8, 1.0])",
      RT_F64, 1, {2}, V(1e8, 1.0),
      .want = "[1.e+08 1.e+00]" },
    { "np.array([1e7, 1.0])",
      RT_F64, 1, {2}, V(1e7, 1.0),
      .want = "[1.e+07 1.e+00]" },
    { "np.array([123456789.0])",
      RT_F64, 1, {1}, V(123456789.0),
      .want = "[1.23456789e+08]" },
    { "np.array([1.0, np.nan, np.inf, -np.inf])",
      RT_F64, 1, {4}, V(1.0, NAN, INFINITY, -INFINITY),
      .want = "[  1.  nan  inf -inf]" },
    { "np.array([0.123456789, 1.23456789])",
      RT_F64, 1, {2}, V(0.123456789, 1.23456789),
      .want = "[0.12345679 1.23456789]" },
    { "np.array([1.5, -2.25e-3])",
      RT_F64, 1, {2}, V(1.5, -2.25e-3),
      .want = "[ 1.5     -0.00225]" },
    { "np.array([[1e-10, 1.0], [2.0, 3.0]])",
      RT_F64, 2, {2, 2}, V(1e-10, 1.0, 2.0, 3.0),
      .want = "[[1.e-10 1.e+00]\n"
              " [2.e+00 3.e+00]]" },
    { "np.array([100.0, 250.5])",
      RT_F64, 1, {2}, V(100.0, 250.5),
      .want = "[100.  250.5]" },
    { "np.arange(30) * 1.5",
      RT_F64, 1, {30}, RANGE(0, 1.5),
      .want = "[ 0.   1.5  3.   4.5  6.   7.5  9.  10.5 12.  13.5 15.  16.5 18.  19.5\n"
              " 21.  22.5 24.  25.5 27.  28.5 30.  31.5 33.  34.5 36.  37.5 39.  40.5\n"
              " 42.  43.5]" },
    { "np.arange(25)",
      RT_I64, 1, {25}, RANGE(0, 1),
      .want = "[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n"
              " 24]" },
    { "np.array([0.0, 0.0])",
      RT_F64, 1, {2}, V(0.0, 0.0),
      .want = "[0. 0.]" },
    { "np.array([0, 0])",
      RT_I64, 1, {2}, V(0, 0),
      .want = "[0 0]" },
    { "np.array([1e16, 1.0])",
      RT_F64, 1, {2}, V(1e16, 1.0),
      .want = "[1.e+16 1.e+00]" },
    { "np.array([-1e-3, 5.0])",
      RT_F64, 1, {2}, V(-1e-3, 5.0),
      .want = "[-1.e-03  5.e+00]" },
    { "np.array([-0.0, 0.0, 1.0])",
      RT_F64, 1, {3}, V(-0.0, 0.0, 1.0),
      .want = "[-0.  0.  1.]" },
    { "np.array([0.0, 1.5]) * -1.0",
      RT_F64, 1, {2}, V(-0.0, -1.5),
      .want = "[-0.  -1.5]" },
    { "np.round(np.array([-0.4, 0.4, -1.6]))",
      RT_F64, 1, {3}, V(-0.0, 0.0, -2.0),
      .want = "[-0.  0. -2.]" },
    { "np.ceil(np.array([-0.9, -0.1, 0.1]))",
      RT_F64, 1, {3}, V(-0.0, -0.0, 1.0),
      .want = "[-0. -0.  1.]" },
    { "np.signbit(np.ceil(np.array([-0.9, 0.9])))",
      RT_BOOL, 1, {2}, V(1, 0),
      .want = "[ True False]" },
    { "np.array([-0.0])",
      RT_F64, 1, {1}, V(-0.0),
      .want = "[-0.]" },
    { "np.array([[-0.0, -0.0]])",
      RT_F64, 2, {1, 2}, V(-0.0, -0.0),
      .want = "[[-0. -0.]]" },
    { "-np.zeros(3)",
      RT_F64, 1, {3}, V(-0.0, -0.0, -0.0),
      .want = "[-0. -0. -0.]" },
    { "np.abs(np.array([-0.0, -2.0]))",
      RT_F64, 1, {2}, V(0.0, 2.0),
      .want = "[0. 2.]" },
    { "np.array([np.nan, -np.inf])",
      RT_F64, 1, {2}, V(NAN, -INFINITY),
      .want = "[ nan -inf]" },
    { "np.array([np.nan, np.inf])",
      RT_F64, 1, {2}, V(-NAN, INFINITY),
      .want = "[nan inf]" },
    { "np.array([1e-5, np.nan, -np.inf])",
      RT_F64, 1, {3}, V(1e-5, NAN, -INFINITY),
      .want = "[1.e-05    nan   -inf]" },
    { "np.array([-0.0, 1.25e-5, np.nan])",
      RT_F64, 1, {3}, V(-0.0, 1.25e-5, NAN),
      .want = "[-0.00e+00  1.25e-05       nan]" },
    { "np.array([1.5, np.nan, 1e10])",
      RT_F64, 1, {3}, V(1.5, NAN, 1e10),
      .want = "[1.5e+00     nan 1.0e+10]" },
    { "np.array([1.5e300, 1.0])",
      RT_F64, 1, {2}, V(1.5e300, 1.0),
      .want = "[1.5e+300 1.0e+000]" },
    { "np.array([1.5e-300, -1.0])",
      RT_F64, 1, {2}, V(1.5e-300, -1.0),
      .want = "[ 1.5e-300 -1.0e+000]" },
    { "np.array([1 / 512, 3 / 512, 1.0])",
      RT_F64, 1, {3}, V(1.0 / 512, 3.0 / 512, 1.0),
      .want = "[0.00195312 0.00585938 1.        ]" },
    { "np.array([1.000000001, 2.0])",
      RT_F64, 1, {2}, V(1.000000001, 2.0),
      .want = "[1. 2.]" },
    { "np.array([np.pi * 1e5, -np.e])",
      RT_F64, 1, {2}, V(M_PI * 1e5, -M_E),
      .want = "[ 3.14159265e+05 -2.71828183e+00]" },
    { "np.array([np.pi * 1e-7, 1.0])",
      RT_F64, 1, {2}, V(M_PI * 1e-7, 1.0),
      .want = "[3.14159265e-07 1.00000000e+00]" },
    { "np.array([-9223372036854775807 - 1, 9223372036854775807])",
      RT_I64, 1, {2}, V(0, 0), .imin_imax = true,
      .want = "[-9223372036854775808  9223372036854775807]" },
    { "np.arange(12).reshape(3, 4).T",
      RT_I64, 2, {4, 3}, RANGE(0, 1), .strides = {1, 4}, .nbase = 12,
      .want = "[[ 0  4  8]\n"
              " [ 1  5  9]\n"
              " [ 2  6 10]\n"
              " [ 3  7 11]]" },
    { "np.arange(12.0).reshape(3, 4)[:, ::-1] / 8",
      RT_F64, 2, {3, 4}, RANGE(0, 0.125), .strides = {4, -1}, .offset = 3, .nbase = 12,
      .want = "[[0.375 0.25  0.125 0.   ]\n"
              " [0.875 0.75  0.625 0.5  ]\n"
              " [1.375 1.25  1.125 1.   ]]" },
    { "np.arange(10)[::-3]",
      RT_I64, 1, {4}, RANGE(0, 1), .strides = {-3}, .offset = 9, .nbase = 10,
      .want = "[9 6 3 0]" },
    { "np.arange(24).reshape(2, 3, 4)[:, 1:, ::2]",
      RT_I64, 3, {2, 2, 2}, RANGE(0, 1), .strides = {12, 4, 2}, .offset = 4, .nbase = 24,
      .want = "[[[ 4  6]\n"
              "  [ 8 10]]\n"
              "\n"
              " [[16 18]\n"
              "  [20 22]]]" },
    { "np.broadcast_to(np.arange(3.0), (2, 3))",
      RT_F64, 2, {2, 3}, RANGE(0, 1), .strides = {0, 1}, .nbase = 3,
      .want = "[[0. 1. 2.]\n"
              " [0. 1. 2.]]" },
    { "np.arange(40) * 123456789",
      RT_I64, 1, {40}, RANGE(0, 123456789),
      .want = "[         0  123456789  246913578  370370367  493827156  617283945\n"
              "  740740734  864197523  987654312 1111111101 1234567890 1358024679\n"
              " 1481481468 1604938257 1728395046 1851851835 1975308624 2098765413\n"
              " 2222222202 2345678991 2469135780 2592592569 2716049358 2839506147\n"
              " 2962962936 3086419725 3209876514 3333333303 3456790092 3580246881\n"
              " 3703703670 3827160459 3950617248 4074074037 4197530826 4320987615\n"
              " 4444444404 4567901193 4691357982 4814814771]" },
    { "np.arange(20) / 7",
      RT_F64, 1, {20}, RANGE(0, 1), .divide_by = 7,
      .want = "[0.         0.14285714 0.28571429 0.42857143 0.57142857 0.71428571\n"
              " 0.85714286 1.         1.14285714 1.28571429 1.42857143 1.57142857\n"
              " 1.71428571 1.85714286 2.         2.14285714 2.28571429 2.42857143\n"
              " 2.57142857 2.71428571]" },
    { "np.arange(60).reshape(2, 2, 15) * 1000",
      RT_I64, 3, {2, 2, 15}, RANGE(0, 1000),
      .want = "[[[    0  1000  2000  3000  4000  5000  6000  7000  8000  9000 10000\n"
              "   11000 12000 13000 14000]\n"
              "  [15000 16000 17000 18000 19000 20000 21000 22000 23000 24000 25000\n"
              "   26000 27000 28000 29000]]\n"
              "\n"
              " [[30000 31000 32000 33000 34000 35000 36000 37000 38000 39000 40000\n"
              "   41000 42000 43000 44000]\n"
              "  [45000 46000 47000 48000 49000 50000 51000 52000 53000 54000 55000\n"
              "   56000 57000 58000 59000]]]" },
    { "np.arange(30) % 3 == 0",
      RT_BOOL, 1, {30}, RANGE(0, 1), .every = 3,
      .want = "[ True False False  True False False  True False False  True False False\n"
              "  True False False  True False False  True False False  True False False\n"
              "  True False False  True False False]" },
    { "-np.arange(23.0) * 1e-5",
      RT_F64, 1, {23}, RANGE(-0.0, -1), .times = 1e-5,
      .want = "[-0.0e+00 -1.0e-05 -2.0e-05 -3.0e-05 -4.0e-05 -5.0e-05 -6.0e-05 -7.0e-05\n"
              " -8.0e-05 -9.0e-05 -1.0e-04 -1.1e-04 -1.2e-04 -1.3e-04 -1.4e-04 -1.5e-04\n"
              " -1.6e-04 -1.7e-04 -1.8e-04 -1.9e-04 -2.0e-04 -2.1e-04 -2.2e-04]" },
    { "np.arange(1001)",
      RT_I64, 1, {1001}, RANGE(0, 1),
      .want = "[   0    1    2 ...  998  999 1000]" },
    { "np.arange(2000) * 0.5",
      RT_F64, 1, {2000}, RANGE(0, 0.5),
      .want = "[0.000e+00 5.000e-01 1.000e+00 ... 9.985e+02 9.990e+02 9.995e+02]" },
    { "np.linspace(0.0, 1.0, 1500)",
      RT_F64, 1, {1500}, RANGE(0, 1.0 / 1499), .patch_at = 1499, .patch = 1.0,
      .want = "[0.00000000e+00 6.67111408e-04 1.33422282e-03 ... 9.98665777e-01\n"
              " 9.99332889e-01 1.00000000e+00]" },
    { "np.arange(1500).reshape(30, 50)",
      RT_I64, 2, {30, 50}, RANGE(0, 1),
      .want = "[[   0    1    2 ...   47   48   49]\n"
              " [  50   51   52 ...   97   98   99]\n"
              " [ 100  101  102 ...  147  148  149]\n"
              " ...\n"
              " [1350 1351 1352 ... 1397 1398 1399]\n"
              " [1400 1401 1402 ... 1447 1448 1449]\n"
              " [1450 1451 1452 ... 1497 1498 1499]]" },
    { "np.zeros((40, 40))",
      RT_F64, 2, {40, 40}, RANGE(0, 0),
      .want = "[[0. 0. 0. ... 0. 0. 0.]\n"
              " [0. 0. 0. ... 0. 0. 0.]\n"
              " [0. 0. 0. ... 0. 0. 0.]\n"
              " ...\n"
              " [0. 0. 0. ... 0. 0. 0.]\n"
              " [0. 0. 0. ... 0. 0. 0.]\n"
              " [0. 0. 0. ... 0. 0. 0.]]" },
    { "np.arange(2000).reshape(10, 10, 20)",
      RT_I64, 3, {10, 10, 20}, RANGE(0, 1),
      .want = "[[[   0    1    2 ...   17   18   19]\n"
              "  [  20   21   22 ...   37   38   39]\n"
              "  [  40   41   42 ...   57   58   59]\n"
              "  ...\n"
              "  [ 140  141  142 ...  157  158  159]\n"
              "  [ 160  161  162 ...  177  178  179]\n"
              "  [ 180  181  182 ...  197  198  199]]\n"
              "\n"
              " [[ 200  201  202 ...  217  218  219]\n"
              "  [ 220  221  222 ...  237  238  239]\n"
              "  [ 240  241  242 ...  257  258  259]\n"
              "  ...\n"
              "  [ 340  341  342 ...  357  358  359]\n"
              "  [ 360  361  362 ...  377  378  379]\n"
              "  [ 380  381  382 ...  397  398  399]]\n"
              "\n"
              " [[ 400  401  402 ...  417  418  419]\n"
              "  [ 420  421  422 ...  437  438  439]\n"
              "  [ 440  441  442 ...  457  458  459]\n"
              "  ...\n"
              "  [ 540  541  542 ...  557  558  559]\n"
              "  [ 560  561  562 ...  577  578  579]\n"
              "  [ 580  581  582 ...  597  598  599]]\n"
              "\n"
              " ...\n"
              "\n"
              " [[1400 1401 1402 ... 1417 1418 1419]\n"
              "  [1420 1421 1422 ... 1437 1438 1439]\n"
              "  [1440 1441 1442 ... 1457 1458 1459]\n"
              "  ...\n"
              "  [1540 1541 1542 ... 1557 1558 1559]\n"
              "  [1560 1561 1562 ... 1577 1578 1579]\n"
              "  [1580 1581 1582 ... 1597 1598 1599]]\n"
              "\n"
              " [[1600 1601 1602 ... 1617 1618 1619]\n"
              "  [1620 1621 1622 ... 1637 1638 1639]\n"
              "  [1640 1641 1642 ... 1657 1658 1659]\n"
              "  ...\n"
              "  [1740 1741 1742 ... 1757 1758 1759]\n"
              "  [1760 1761 1762 ... 1777 1778 1779]\n"
              "  [1780 1781 1782 ... 1797 1798 1799]]\n"
              "\n"
              " [[1800 1801 1802 ... 1817 1818 1819]\n"
              "  [1820 1821 1822 ... 1837 1838 1839]\n"
              "  [1840 1841 1842 ... 1857 1858 1859]\n"
              "  ...\n"
              "  [1940 1941 1942 ... 1957 1958 1959]\n"
              "  [1960 1961 1962 ... 1977 1978 1979]\n"
              "  [1980 1981 1982 ... 1997 1998 1999]]]" },
    { "np.ones(1001, dtype=bool)",
      RT_BOOL, 1, {1001}, RANGE(1, 0),
      .want = "[ True  True  True ...  True  True  True]" },
    { "np.arange(2000)[::2][-3:]",
      RT_I64, 1, {3}, RANGE(0, 1), .strides = {2}, .offset = 1994, .nbase = 2000,
      .want = "[1994 1996 1998]" },
    { "np.where(np.arange(2000) == 1000, 1e-10, 1.0)",
      RT_F64, 1, {2000}, RANGE(1, 0), .patch_at = 1000, .patch = 1e-10,
      .want = "[1. 1. 1. ... 1. 1. 1.]" },
    { "np.where(np.arange(3000) == 2999, 1e9, np.arange(3000.0))",
      RT_F64, 1, {3000}, RANGE(0, 1), .patch_at = 2999, .patch = 1e9,
      .want = "[0.000e+00 1.000e+00 2.000e+00 ... 2.997e+03 2.998e+03 1.000e+09]" },
    { "np.arange(2000).reshape(40, 50)",
      RT_I64, 2, {40, 50}, RANGE(0, 1),
      .want = "[[   0    1    2 ...   47   48   49]\n"
              " [  50   51   52 ...   97   98   99]\n"
              " [ 100  101  102 ...  147  148  149]\n"
              " ...\n"
              " [1850 1851 1852 ... 1897 1898 1899]\n"
              " [1900 1901 1902 ... 1947 1948 1949]\n"
              " [1950 1951 1952 ... 1997 1998 1999]]" },
    { "np.arange(2000.0).reshape(40, 50).T[::-1]",
      RT_F64, 2, {50, 40}, RANGE(0, 1), .strides = {-1, 50}, .offset = 49, .nbase = 2000,
      .want = "[[4.900e+01 9.900e+01 1.490e+02 ... 1.899e+03 1.949e+03 1.999e+03]\n"
              " [4.800e+01 9.800e+01 1.480e+02 ... 1.898e+03 1.948e+03 1.998e+03]\n"
              " [4.700e+01 9.700e+01 1.470e+02 ... 1.897e+03 1.947e+03 1.997e+03]\n"
              " ...\n"
              " [2.000e+00 5.200e+01 1.020e+02 ... 1.852e+03 1.902e+03 1.952e+03]\n"
              " [1.000e+00 5.100e+01 1.010e+02 ... 1.851e+03 1.901e+03 1.951e+03]\n"
              " [0.000e+00 5.000e+01 1.000e+02 ... 1.850e+03 1.900e+03 1.950e+03]]" },
    { "np.arange(3000).reshape(3, 1000)",
      RT_I64, 2, {3, 1000}, RANGE(0, 1),
      .want = "[[   0    1    2 ...  997  998  999]\n"
              " [1000 1001 1002 ... 1997 1998 1999]\n"
              " [2000 2001 2002 ... 2997 2998 2999]]" },
    { "np.arange(1200).reshape(1200, 1)",
      RT_I64, 2, {1200, 1}, RANGE(0, 1),
      .want = "[[   0]\n"
              " [   1]\n"
              " [   2]\n"
              " ...\n"
              " [1197]\n"
              " [1198]\n"
              " [1199]]" },
    { "np.array([0.1, 0.25], dtype=np.float32)",
      RT_F32, 1, {2}, V(0.1, 0.25),
      .want = "[0.1  0.25]" },
    { "np.array([1 / 3, 2 / 3, 1.0], dtype=np.float32)",
      RT_F32, 1, {3}, V(1.0 / 3, 2.0 / 3, 1.0),
      .want = "[0.33333334 0.6666667  1.        ]" },
    { "np.array([0.3, 1.2345678e-5], dtype=np.float32)",
      RT_F32, 1, {2}, V(0.3, 1.2345678e-5),
      .want = "[3.0000001e-01 1.2345678e-05]" },
    { "np.array([48150928.0, 0.5], dtype=np.float32)",
      RT_F32, 1, {2}, V(48150928.0, 0.5),
      .want = "[4.815093e+07 5.000000e-01]" },
    { "np.array([1e-4, 1e-2], dtype=np.float32)",
      RT_F32, 1, {2}, V(1e-4, 1e-2),
      .want = "[1.e-04 1.e-02]" },
    { "np.array([16777217.0, 1.5], dtype=np.float32)",
      RT_F32, 1, {2}, V(16777217.0, 1.5),
      .want = "[1.6777216e+07 1.5000000e+00]" },
    { "np.array([np.nan, -np.inf, 2.5], dtype=np.float32)",
      RT_F32, 1, {3}, V(NAN, -INFINITY, 2.5),
      .want = "[ nan -inf  2.5]" },
    { "np.arange(6, dtype=np.float32).reshape(2, 3) / np.float32(3)",
      RT_F32, 2, {2, 3}, RANGE(0, 1), .divide_by = 3,
      .want = "[[0.         0.33333334 0.6666667 ]\n"
              " [1.         1.3333334  1.6666666 ]]" },
    { "np.arange(1001, dtype=np.float32) / np.float32(10)",
      RT_F32, 1, {1001}, RANGE(0, 1), .divide_by = 10,
      .want = "[  0.    0.1   0.2 ...  99.8  99.9 100. ]" },
    { "np.array(3.5)",
      RT_F64, 0, {0}, V(3.5),
      .want = "3.5" },
    { "np.array(1e20)",
      RT_F64, 0, {0}, V(1e20),
      .want = "1e+20" },
    { "np.array(0.1, dtype=np.float32)",
      RT_F32, 0, {0}, V(0.1),
      .want = "0.1" },
    { "np.array(123456789.0, dtype=np.float32)",
      RT_F32, 0, {0}, V(123456789.0),
      .want = "123456790.0" },
    { "np.array(True)",
      RT_BOOL, 0, {0}, V(1),
      .want = "True" },
    { "np.array(-4)",
      RT_I64, 0, {0}, V(-4),
      .want = "-4" },
};

enum { NCASES = sizeof cases / sizeof cases[0] };

static double value_at(const acase *c, int64_t i)
{
    if (c->vals)
        return c->vals[i];
    double x = c->start + (double)i * c->step;
    if (c->every)
        x = i % c->every == 0;
    if (c->times != 0)
        x *= c->times;
    if (c->divide_by != 0)
        x = c->dt == RT_F32 ? (double)((float)x / (float)c->divide_by) : x / c->divide_by;
    if (c->patch_at > 0 && i == c->patch_at)
        x = c->patch;
    return x;
}

static void fill(const acase *c, void *base, int64_t n)
{
    for (int64_t i = 0; i < n; i++) {
        double x = value_at(c, i);
        switch (c->dt) {
        case RT_BOOL: ((uint8_t *)base)[i] = x != 0; break;
        case RT_I64: ((int64_t *)base)[i] = (int64_t)x; break;
        case RT_F32: ((float *)base)[i] = (float)x; break;
        case RT_F64: ((double *)base)[i] = x; break;
        }
    }
    if (c->imin_imax) {
        ((int64_t *)base)[0] = INT64_MIN;
        ((int64_t *)base)[1] = INT64_MAX;
    }
}

/* The descriptor of case c over a fresh buffer; *base must be freed. */
static rt_array make(const acase *c, void **base)
{
    rt_array a = { .refcount = 1, .dtype = c->dt, .rank = c->rank };
    int64_t size = 1;
    for (int i = 0; i < c->rank; i++)
        size *= a.shape[i] = c->shape[i];
    bool given = false;
    for (int i = 0; i < c->rank; i++)
        given |= c->strides[i] != 0;
    for (int i = c->rank - 1, st = 1; i >= 0; i--) {
        a.strides[i] = given ? c->strides[i] : st;
        st *= (int)c->shape[i];
    }
    int64_t n = c->nbase ? c->nbase : c->nvals ? c->nvals : size;
    size_t esz = c->dt == RT_BOOL ? 1 : c->dt == RT_F32 ? 4 : 8;
    *base = calloc((size_t)(n > 0 ? n : 1), esz);
    fill(c, *base, n);
    a.data = (char *)*base + c->offset * (int64_t)esz;
    return a;
}

START_TEST(test_numpy_str)
{
    const acase *c = &cases[_i];
    void *base;
    rt_array a = make(c, &base);
    char *got = rt_array_to_string(&a);
    ck_assert_msg(strcmp(got, c->want) == 0, "%s\nwant:\n%s\ngot:\n%s", c->what, c->want, got);
    free(got);
    free(base);
}
END_TEST

/* np.arange(1000): exactly the threshold, printed in full (56 lines). */
START_TEST(test_threshold_not_summarised)
{
    static int64_t v[1000];
    for (int i = 0; i < 1000; i++)
        v[i] = i;
    rt_array a = { .data = v, .dtype = RT_I64, .rank = 1, .shape = { 1000 }, .strides = { 1 } };
    char *got = rt_array_to_string(&a);
    ck_assert_ptr_null(strstr(got, "..."));
    const char *head = "[  0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17\n"
                       "  18  19  20 ";
    ck_assert_uint_eq(strlen(got), 4056);
    ck_assert_int_eq(strncmp(got, head, strlen(head)), 0);
    ck_assert_str_eq(got + strlen(got) - 42, "\n 990 991 992 993 994 995 996 997 998 999]");
    free(got);
}
END_TEST

/* rt_write_array writes str(a) to stdout, nothing else. */
START_TEST(test_write_array)
{
    double v[] = { 1.0, 2.5, 3.25 };
    rt_array a = { .data = v, .dtype = RT_F64, .rank = 1, .shape = { 3 }, .strides = { 1 } };
    char buf[64] = { 0 };
    fflush(stdout);
    FILE *saved = stdout;
    stdout = fmemopen(buf, sizeof buf - 1, "w");
    rt_write_array(&a);
    fclose(stdout);
    stdout = saved;
    ck_assert_str_eq(buf, "[1.   2.5  3.25]");
}
END_TEST

static Suite *print_suite(void)
{
    Suite *s = suite_create("rt_print");
    TCase *tc = tcase_create("numpy");
    tcase_add_loop_test(tc, test_numpy_str, 0, NCASES);
    tcase_add_test(tc, test_threshold_not_summarised);
    tcase_add_test(tc, test_write_array);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(print_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* simplify.h: internals shared by simplify.c (rules) and simplify_fold.c
 * (constant folding). */
#ifndef NUMSC_SIMPLIFY_H
#define NUMSC_SIMPLIFY_H

#include <stdbool.h>

#include "ir/ir.h"

/* A scalar constant: i for bool/i64, f for f32/f64 (an f32 held exactly). */
typedef struct sf_value {
    ir_dtype dt;
    int64_t i;
    double f;
} sf_value;

/* The value of a const op; false for str constants. */
bool sf_const_value(const ir_op *c, sf_value *out);
/* Set a const op's "value" attribute from v. */
void sf_set_const(ir_module *m, ir_op *c, sf_value v);
/* Fold scalar op over the constant operand values; false when it must stay. */
bool sf_fold(const ir_op *op, const sf_value *vals, int n, sf_value *out);

#endif

/* ir_impl.h: private to ir/: the module's hidden bookkeeping.
 *
 * ir_module_new allocates this larger struct; ir_module * points at `pub`.
 * all_ops lists every op made by ir_op_new so ir_module_free can release the
 * malloc'd op arrays of their regions, even for ops no longer in a block. */
#ifndef NUMSC_IR_IMPL_H
#define NUMSC_IR_IMPL_H

#include "ir/ir.h"

typedef struct ir_module_impl {
    ir_module pub;      /* first: (ir_module_impl *)m is valid */
    VEC(ir_op *) all_ops;
} ir_module_impl;

#endif

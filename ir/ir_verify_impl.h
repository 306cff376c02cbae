/* ir_verify_impl.h: private to ir/: shared by the verifier's two files
 * (ir_verify.c walks modules and blocks; ir_verify_ops.c checks each opcode). */
#ifndef NUMSC_IR_VERIFY_IMPL_H
#define NUMSC_IR_VERIFY_IMPL_H

#include "ir/ir.h"

typedef struct irv_ctx {
    const ir_module *m;
    const ir_func *f;
    bool *defined;          /* by local id */
    int loop_depth;         /* enclosing for/loop, reset inside a map body */
    int errors;
} irv_ctx;

void irv_fail(irv_ctx *c, const ir_op *op, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Operand counts, types and attributes of one op (not its regions). */
void irv_check_opcode(irv_ctx *c, const ir_op *op);

#endif

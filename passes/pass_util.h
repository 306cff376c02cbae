/* pass_util.h: small helpers shared by the passes: use counts, temporaries,
 * purity, and optimisation remarks. */
#ifndef NUMSC_PASS_UTIL_H
#define NUMSC_PASS_UTIL_H

#include <stdbool.h>

#include "ir/ir.h"

/* Reads of each variable of f (operands of every op, nested regions
 * included), indexed by var id; caller frees. */
int *pu_use_counts(const ir_func *f);
/* A temporary made by lowering ("t" followed by digits): assigned once. */
bool pu_is_temp(const ir_var *v);
/* The op may raise, write memory, or call out: nothing may move across it. */
bool pu_is_barrier(const ir_op *op);
/* The op writes variable v (as a result, or inside one of its regions). */
bool pu_writes_var(const ir_op *op, const ir_var *v);
/* Replace every read of `from` by `to` in the ops of b (nested regions too). */
void pu_replace_uses(ir_block *b, const ir_var *from, ir_var *to);

/* Remarks (--remarks): what an optimisation did or why it did not, tied to
 * a source location.  Printed only when enabled. */
typedef enum pu_remark_format { PU_REMARKS_OFF, PU_REMARKS_TEXT, PU_REMARKS_JSON } pu_remark_format;
void pu_set_remarks(pu_remark_format f);
void pu_remark(const char *pass, src_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif

/* emit_c.h: loop-level (and array-level) IR -> one self-contained C file.
 *
 * The file includes numsrt.h and calls only the runtime; compile it with
 * `cc -O2 -fopenmp -fno-math-errno -I<runtime>` and link libnumsrt.
 * The top comments of codegen/emit_c_*.c give the mapping from each op to
 * C: types and names (types), scalar ops (scalar, prelude), maps (map),
 * array ops (array), control flow (stmt), functions and the module (func).
 */
#ifndef NUMSC_EMIT_C_H
#define NUMSC_EMIT_C_H

#include <stdio.h>

#include "ir/ir.h"

/* Write m as C to out.  Returns 0, or the number of ops the emitter cannot
 * translate (each reported with diag_error; the output is then unusable). */
int emit_c_module(FILE *out, const ir_module *m);

#endif

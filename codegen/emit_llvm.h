/* emit_llvm.h: loop-level (and array-level) IR -> native code through LLVM.
 *
 * The same IR the C emitter consumes is lowered with the LLVM-C API
 * (codegen/emit_llvm_*.c), optimised with the new pass manager
 * (default<O0..O3>) for the host CPU or a named one, and written as
 * textual .ll or as an object file that the driver links with libnumsrt.
 */
#ifndef NUMSC_EMIT_LLVM_H
#define NUMSC_EMIT_LLVM_H

#include <stdbool.h>

#include "ir/ir.h"

typedef enum emit_llvm_kind { EMIT_LLVM_IR, EMIT_LLVM_OBJ } emit_llvm_kind;

typedef struct emit_llvm_options {
    int opt_level;          /* 0..3: default<O0..O3> */
    const char *cpu;        /* NULL: the host CPU and its features */
    bool debug;             /* DWARF line tables mapping code to .nps lines */
} emit_llvm_options;

/* Lower m, optimise it and write `kind` to path.  Returns 0, or the number
 * of problems (ops it cannot translate, LLVM failures), each reported with
 * diag_error or on stderr; path is then not written. */
int emit_llvm_module(const ir_module *m, const emit_llvm_options *o, emit_llvm_kind kind,
                     const char *path);

#endif

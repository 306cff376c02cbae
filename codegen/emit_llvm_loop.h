/* emit_llvm_loop.h: counted loops for the map kernels (emit_llvm_loop.c). */
#ifndef NUMSC_EMIT_LLVM_LOOP_H
#define NUMSC_EMIT_LLVM_LOOP_H

#include "codegen/emit_llvm_internal.h"

typedef struct nl_loop {
    LLVMBasicBlockRef head, body, exit;
    LLVMValueRef iv;        /* the induction variable, lo .. hi-1 */
} nl_loop;

/* Open `for (i = lo; i < hi; i++)`; the builder is left in the body. */
void nl_loop_open(nl *e, nl_loop *L, LLVMValueRef lo, LLVMValueRef hi, const char *name);
/* Close the loop; the builder is left after it.  vectorise = false asks
 * LLVM not to vectorise or unroll it. */
void nl_loop_close(nl *e, nl_loop *L, bool vectorise);

#endif

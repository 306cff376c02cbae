/* emit_llvm_loop.c: a counted loop skeleton with an induction phi.
 *
 *     pre:  br head
 *     head: i = phi [lo, pre], [i + 1, latch]; br i < hi ? body : exit
 *     body: ... (the caller's code; its last block is the latch)
 *
 * Canonical enough for LLVM's loop passes to vectorise the map kernels.
 */
#include "codegen/emit_llvm_loop.h"

void nl_loop_open(nl *e, nl_loop *L, LLVMValueRef lo, LLVMValueRef hi, const char *name)
{
    LLVMBasicBlockRef pre = LLVMGetInsertBlock(e->b);
    L->head = nl_block(e, name);
    L->body = nl_block(e, "body");
    L->exit = nl_block(e, "exit");
    LLVMBuildBr(e->b, L->head);
    LLVMPositionBuilderAtEnd(e->b, L->head);
    L->iv = LLVMBuildPhi(e->b, e->i64, "i");
    LLVMAddIncoming(L->iv, &lo, &pre, 1);
    LLVMValueRef c = LLVMBuildICmp(e->b, LLVMIntSLT, L->iv, hi, "");
    LLVMBuildCondBr(e->b, c, L->body, L->exit);
    LLVMPositionBuilderAtEnd(e->b, L->body);
}

void nl_loop_close(nl *e, nl_loop *L)
{
    LLVMBasicBlockRef latch = LLVMGetInsertBlock(e->b);
    LLVMValueRef next = LLVMBuildNSWAdd(e->b, L->iv, nl_i64(e, 1), "");
    LLVMBuildBr(e->b, L->head);
    LLVMAddIncoming(L->iv, &next, &latch, 1);
    LLVMPositionBuilderAtEnd(e->b, L->exit);
}

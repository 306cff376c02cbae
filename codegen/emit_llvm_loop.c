/* emit_llvm_loop.c: a counted loop skeleton with an induction phi.
 *
 *     pre:  br head
 *     head: i = phi [lo, pre], [i + 1, latch]; br i < hi ? body : exit
 *     body: ... (the caller's code; its last block is the latch)
 *
 * Canonical enough for LLVM's loop passes to vectorise the map kernels.
 * A loop closed with vectorise = false carries !llvm.loop metadata that
 * turns the vectoriser and the unroller off (cold paths: less code, faster
 * compiles).
 */
#include <string.h>

#include "codegen/emit_llvm_loop.h"

enum { NL_INTERLEAVE = 1 };     /* vector bodies per iteration: see docs/performance.md */

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

static LLVMMetadataRef hint(nl *e, const char *name, LLVMTypeRef t, int value)
{
    LLVMMetadataRef ops[2] = {LLVMMDStringInContext2(e->cx, name, strlen(name)),
                              t ? LLVMValueAsMetadata(LLVMConstInt(t, (unsigned)value, 0)) : NULL};
    return LLVMMDNodeInContext2(e->cx, ops, t ? 2 : 1);
}

/* !llvm.loop !{self, vectorize.enable = false | interleave.count = N, unroll.disable} */
static void loop_hints(nl *e, LLVMValueRef backedge, bool vectorise)
{
    LLVMMetadataRef tmp = LLVMTemporaryMDNode(e->cx, NULL, 0);
    LLVMMetadataRef ops[] = {
        tmp,
        vectorise ? hint(e, "llvm.loop.interleave.count", e->i32, NL_INTERLEAVE)
                  : hint(e, "llvm.loop.vectorize.enable", e->i1, 0),
        hint(e, "llvm.loop.unroll.disable", NULL, 0)};
    LLVMMetadataRef id = LLVMMDNodeInContext2(e->cx, ops, 3);
    LLVMMetadataReplaceAllUsesWith(tmp, id);
    unsigned kind = LLVMGetMDKindIDInContext(e->cx, "llvm.loop", 9);
    LLVMSetMetadata(backedge, kind, LLVMMetadataAsValue(e->cx, id));
}

void nl_loop_close(nl *e, nl_loop *L, bool vectorise)
{
    LLVMBasicBlockRef latch = LLVMGetInsertBlock(e->b);
    LLVMValueRef next = LLVMBuildNSWAdd(e->b, L->iv, nl_i64(e, 1), "");
    LLVMValueRef br = LLVMBuildBr(e->b, L->head);
    loop_hints(e, br, vectorise);
    LLVMAddIncoming(L->iv, &next, &latch, 1);
    LLVMPositionBuilderAtEnd(e->b, L->exit);
}

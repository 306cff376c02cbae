/* emit_llvm.c: the LLVM backend's entry point: build, verify, optimise, write. */
#include <stdio.h>

#include "codegen/emit_llvm_internal.h"

int emit_llvm_module(const ir_module *m, const emit_llvm_options *o, emit_llvm_kind kind,
                     const char *path)
{
    nl e = {.m = m};
    e.cx = LLVMContextCreate();
    e.mod = LLVMModuleCreateWithNameInContext(m->source_path ? m->source_path : "nps", e.cx);
    e.b = LLVMCreateBuilderInContext(e.cx);
    nl_init_types(&e);
    if (o->debug)
        nl_debug_init(&e);
    int problems = nl_build_module(&e);
    nl_debug_finish(&e);
    char *msg = NULL;
    if (!problems && LLVMVerifyModule(e.mod, LLVMReturnStatusAction, &msg)) {
        fprintf(stderr, "numsc: internal error: LLVM module does not verify:\n%s\n", msg);
        problems++;
    }
    LLVMDisposeMessage(msg);
    if (!problems)
        problems += nl_optimise_and_write(&e, o, kind, path);
    LLVMDisposeBuilder(e.b);
    LLVMDisposeModule(e.mod);
    LLVMContextDispose(e.cx);
    return problems;
}

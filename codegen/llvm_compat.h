/* llvm_compat.h: the LLVM-C headers numsc uses, and every LLVM version #if.
 *
 * numsc targets LLVM 19 (the newest Debian 12 packages): opaque pointers
 * and the LLVMBuild*2 calls.  Anything that differs between versions is
 * wrapped here so the emitter files stay version-free.
 */
#ifndef NUMSC_LLVM_COMPAT_H
#define NUMSC_LLVM_COMPAT_H

#include <string.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>

#if LLVM_VERSION_MAJOR < 17
#error "numsc's LLVM backend needs LLVM 17 or newer (opaque pointers, LLVMRunPasses)"
#endif

/* LLVMDIBuilderCreateCompileUnit gained SysRoot/SDK arguments in LLVM 11;
 * every version accepted above takes the same argument list. */
#define nl_di_compile_unit(B, file, prod, opt)                                             \
    LLVMDIBuilderCreateCompileUnit((B), LLVMDWARFSourceLanguageC, (file), (prod),          \
                                   strlen(prod), (opt), "", 0, 0, "", 0,                   \
                                   LLVMDWARFEmissionLineTablesOnly, 0, 0, 0, "", 0, "", 0)

#endif

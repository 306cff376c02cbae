/* emit_llvm_debug.c: -g, DWARF line tables through the DIBuilder C API.
 *
 * One compile unit for the .nps file; one subprogram per LLVM function
 * (outlined kernels included, at the map's line); each op sets the
 * builder's location to its line:col, so gdb's `break prog.nps:LINE` and
 * perf annotate map machine code back to .nps lines.  Without -g (e->di
 * NULL) every function here does nothing.
 */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "codegen/emit_llvm_internal.h"

void nl_debug_init(nl *e)
{
    const char *path = e->m->source_path && *e->m->source_path ? e->m->source_path : "prog.nps";
    char dir[PATH_MAX];
    if (path[0] == '/' || !getcwd(dir, sizeof dir))
        strcpy(dir, "");
    e->di = LLVMCreateDIBuilder(e->mod);
    e->di_file = LLVMDIBuilderCreateFile(e->di, path, strlen(path), dir, strlen(dir));
    e->di_cu = nl_di_compile_unit(e->di, e->di_file, "numsc", 0);
    LLVMValueRef ver = LLVMConstInt(e->i32, LLVMDebugMetadataVersion(), 0);
    LLVMAddModuleFlag(e->mod, LLVMModuleFlagBehaviorWarning, "Debug Info Version", 18,
                      LLVMValueAsMetadata(ver));
    LLVMAddModuleFlag(e->mod, LLVMModuleFlagBehaviorWarning, "Dwarf Version", 13,
                      LLVMValueAsMetadata(LLVMConstInt(e->i32, 5, 0)));
}

void nl_debug_func(nl *e, LLVMValueRef fn, const char *name, int line)
{
    if (!e->di)
        return;
    unsigned ln = line > 0 ? (unsigned)line : 0;
    LLVMMetadataRef ty = LLVMDIBuilderCreateSubroutineType(e->di, e->di_file, NULL, 0, LLVMDIFlagZero);
    e->di_sp = LLVMDIBuilderCreateFunction(e->di, e->di_file, name, strlen(name), "", 0,
                                           e->di_file, ln, ty, 1, 1, ln, LLVMDIFlagZero, 0);
    LLVMSetSubprogram(fn, e->di_sp);
    nl_debug_loc(e, line, 1);
}

void nl_debug_loc(nl *e, int line, int col)
{
    if (!e->di || !e->di_sp)
        return;
    LLVMMetadataRef loc = LLVMDIBuilderCreateDebugLocation(
        e->cx, line > 0 ? (unsigned)line : 0, col > 0 ? (unsigned)col : 0, e->di_sp, NULL);
    LLVMSetCurrentDebugLocation2(e->b, loc);
}

void nl_debug_finish(nl *e)
{
    if (!e->di)
        return;
    LLVMDIBuilderFinalize(e->di);
    LLVMDisposeDIBuilder(e->di);
    e->di = NULL;
}

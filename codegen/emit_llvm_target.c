/* emit_llvm_target.c: target machine, optimisation and output files.
 *
 * The native target (x86-64) for the host CPU and its features, or
 * --target-cpu=NAME with that CPU's default features; PIC so that cc can
 * link a PIE.  LLVM's options are set once per process:
 * -vector-library=LIBMVEC-X86 lets the loop vectoriser call glibc's vector
 * math (the link adds -lmvec).  The module is optimised with
 * LLVMRunPasses("default<ON>") and written as .ll or an object file to a
 * temporary beside the output, renamed into place only on success.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codegen/emit_llvm_internal.h"

static void init_llvm_once(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    LLVMInitializeNativeTarget();
    LLVMInitializeNativeAsmPrinter();
    const char *argv[] = {"numsc", "-vector-library=LIBMVEC-X86"};
    LLVMParseCommandLineOptions(2, argv, NULL);
}

static LLVMTargetMachineRef target_machine(const emit_llvm_options *o, char *triple)
{
    LLVMTargetRef t;
    char *err = NULL;
    if (LLVMGetTargetFromTriple(triple, &t, &err)) {
        fprintf(stderr, "numsc: error: LLVM target %s: %s\n", triple, err);
        LLVMDisposeMessage(err);
        return NULL;
    }
    char *cpu = o->cpu ? NULL : LLVMGetHostCPUName();
    char *feat = o->cpu ? NULL : LLVMGetHostCPUFeatures();
    static const LLVMCodeGenOptLevel lv[] = {LLVMCodeGenLevelNone, LLVMCodeGenLevelLess,
                                             LLVMCodeGenLevelDefault, LLVMCodeGenLevelAggressive};
    int level = o->opt_level < 0 ? 0 : o->opt_level > 3 ? 3 : o->opt_level;
    LLVMTargetMachineRef tm = LLVMCreateTargetMachine(t, triple, o->cpu ? o->cpu : cpu,
                                                      feat ? feat : "", lv[level], LLVMRelocPIC,
                                                      LLVMCodeModelDefault);
    LLVMDisposeMessage(cpu);
    LLVMDisposeMessage(feat);
    return tm;
}

static int optimise(nl *e, LLVMTargetMachineRef tm, int level)
{
    char pipeline[32];
    snprintf(pipeline, sizeof pipeline, "default<O%d>", level < 0 ? 0 : level > 3 ? 3 : level);
    LLVMPassBuilderOptionsRef po = LLVMCreatePassBuilderOptions();
    LLVMErrorRef err = LLVMRunPasses(e->mod, pipeline, tm, po);
    LLVMDisposePassBuilderOptions(po);
    if (err) {
        char *msg = LLVMGetErrorMessage(err);
        fprintf(stderr, "numsc: error: LLVM passes: %s\n", msg);
        LLVMDisposeErrorMessage(msg);
        return 1;
    }
    return 0;
}

static char *temp_beside(const char *path)
{
    strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s.tmpXXXXXX", path);
    char *tmp = sb_take(&sb);
    sb_free(&sb);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "numsc: error: cannot create %s: %s\n", tmp, strerror(errno));
        free(tmp);
        return NULL;
    }
    close(fd);
    return tmp;
}

static int write_out(nl *e, LLVMTargetMachineRef tm, emit_llvm_kind kind, const char *path)
{
    if (kind == EMIT_LLVM_IR && (!path || strcmp(path, "-") == 0)) {
        char *s = LLVMPrintModuleToString(e->mod);
        fputs(s, stdout);
        LLVMDisposeMessage(s);
        return fflush(stdout) != 0;
    }
    char *tmp = temp_beside(path), *err = NULL;
    if (!tmp)
        return 1;
    LLVMBool bad = kind == EMIT_LLVM_IR ? LLVMPrintModuleToFile(e->mod, tmp, &err)
                                        : LLVMTargetMachineEmitToFile(tm, e->mod, tmp, LLVMObjectFile, &err);
    if (!bad && rename(tmp, path) != 0) {
        fprintf(stderr, "numsc: error: cannot write %s: %s\n", path, strerror(errno));
        bad = 1;
    } else if (bad) {
        fprintf(stderr, "numsc: error: LLVM cannot write %s: %s\n", path, err ? err : "?");
    }
    if (bad)
        unlink(tmp);
    LLVMDisposeMessage(err);
    free(tmp);
    return bad != 0;
}

int nl_optimise_and_write(nl *e, const emit_llvm_options *o, emit_llvm_kind kind, const char *path)
{
    init_llvm_once();
    char *triple = LLVMGetDefaultTargetTriple();
    LLVMTargetMachineRef tm = target_machine(o, triple);
    int bad = 1;
    if (tm) {
        LLVMSetTarget(e->mod, triple);
        LLVMTargetDataRef td = LLVMCreateTargetDataLayout(tm);
        char *dl = LLVMCopyStringRepOfTargetData(td);
        LLVMSetDataLayout(e->mod, dl);
        LLVMDisposeMessage(dl);
        LLVMDisposeTargetData(td);
        bad = optimise(e, tm, o->opt_level) || write_out(e, tm, kind, path);
        LLVMDisposeTargetMachine(tm);
    }
    LLVMDisposeMessage(triple);
    return bad;
}

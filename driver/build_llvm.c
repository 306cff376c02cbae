/* build_llvm.c: the LLVM backend's outputs: .ll, .o, or an executable.
 *
 * For exe the object goes to a mkstemp file in $TMPDIR and cc (only as the
 * linker driver) links it with the runtime, LAPACKE, OpenBLAS, libgomp
 * (-fopenmp), glibc's vector math (-lmvec) and libm into OUT.tmpXXXXXX,
 * renamed to OUT on success: a failed build leaves nothing behind.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codegen/emit_llvm.h"
#include "driver/driver.h"
#include "numsc_config.h"

static char *temp_object(void)
{
    const char *dir = getenv("TMPDIR");
    strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s/numsc-XXXXXX.o", dir && *dir ? dir : "/tmp");
    char *path = sb_take(&sb);
    sb_free(&sb);
    int fd = mkstemps(path, 2);
    if (fd < 0) {
        numsc_error("cannot create a temporary file: %s", strerror(errno));
        free(path);
        return NULL;
    }
    close(fd);
    return path;
}

static int link_exe(const numsc_options *o, const char *obj, const char *tmpout)
{
    const char *argv[24];
    int n = 0;
    argv[n++] = o->cc;
    argv[n++] = "-fopenmp";
    if (NUMSC_SANITIZE)
        argv[n++] = "-fsanitize=address,undefined";
    argv[n++] = obj;
    argv[n++] = "-o";
    argv[n++] = tmpout;
    n = numsc_link_libs(argv, n);
    argv[n++] = "-lmvec";
    argv[n++] = "-lm";
    argv[n] = NULL;
    strbuf log;
    sb_init(&log);
    int st = numsc_run_captured((char *const *)argv, &log);
    if (st != 0) {
        fputs(log.buf ? log.buf : "", stderr);
        numsc_error("C compiler failed (as the linker)");
    }
    sb_free(&log);
    return st;
}

static int build_exe(const ir_module *m, const emit_llvm_options *lo, const numsc_options *o)
{
    const char *out = o->output ? o->output : "a.out";
    char *obj = temp_object();
    if (!obj)
        return NUMSC_EXIT_ERROR;
    int status = NUMSC_EXIT_INTERNAL;
    if (emit_llvm_module(m, lo, EMIT_LLVM_OBJ, obj) == 0) {
        char *tmpout = numsc_temp_output(out);
        status = NUMSC_EXIT_ERROR;
        if (tmpout)
            status = numsc_install_exe(tmpout, out, link_exe(o, obj, tmpout) == 0
                                                        ? NUMSC_EXIT_OK : NUMSC_EXIT_INTERNAL);
    } else {
        numsc_error("internal error: the LLVM backend failed");
    }
    unlink(obj);
    free(obj);
    return status;
}

int numsc_build_llvm(const ir_module *m, const numsc_options *o)
{
    emit_llvm_options lo = {.opt_level = o->opt_level, .cpu = o->target_cpu, .debug = o->debug};
    if (o->emit == NUMSC_EMIT_EXE)
        return build_exe(m, &lo, o);
    if (o->emit == NUMSC_EMIT_OBJ && !o->output) {
        numsc_error("--emit=obj needs -o FILE");
        return NUMSC_EXIT_ERROR;
    }
    emit_llvm_kind k = o->emit == NUMSC_EMIT_OBJ ? EMIT_LLVM_OBJ : EMIT_LLVM_IR;
    if (emit_llvm_module(m, &lo, k, o->output) != 0) {
        numsc_error("internal error: the LLVM backend failed");
        return NUMSC_EXIT_INTERNAL;
    }
    return NUMSC_EXIT_OK;
}

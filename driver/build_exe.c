/* build_exe.c: generated C -> executable, through the system C compiler.
 *
 * The C goes to a mkstemp file in $TMPDIR; cc writes OUT.tmpXXXXXX beside
 * OUT, which is renamed to OUT only when cc succeeded, so a failed build
 * never leaves OUT behind.  cc's output is captured and shown only when
 * it fails.  Paths to the runtime and OpenBLAS come from numsc_config.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver/driver.h"
#include "numsc_config.h"

static char *temp_c_file(const char *text, size_t len)
{
    const char *dir = getenv("TMPDIR");
    strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s/numsc-XXXXXX.c", dir && *dir ? dir : "/tmp");
    char *path = sb_take(&sb);
    sb_free(&sb);
    int fd = mkstemps(path, 2);
    if (fd < 0) {
        numsc_error("cannot create a temporary file in %s: %s", dir && *dir ? dir : "/tmp",
                    strerror(errno));
        free(path);
        return NULL;
    }
    FILE *f = fdopen(fd, "w");
    bool ok = f && fwrite(text, 1, len, f) == len;
    if (f ? fclose(f) != 0 : (close(fd), true))
        ok = false;
    if (!ok) {
        numsc_error("cannot write %s", path);
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

char *numsc_temp_output(const char *out)
{
    strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s.tmpXXXXXX", out);
    char *path = sb_take(&sb);
    sb_free(&sb);
    int fd = mkstemp(path);
    if (fd < 0) {
        numsc_error("cannot create %s: %s", path, strerror(errno));
        free(path);
        return NULL;
    }
    close(fd);
    return path;
}

/* Run argv with stdout+stderr captured into *log; returns the exit status
 * (127 when it could not be started). */
int numsc_run_captured(char *const *argv, strbuf *log)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 127;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return 127;
    }
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        execvp(argv[0], argv);
        fprintf(stderr, "numsc: error: cannot run '%s': %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0)
            sb_putn(log, buf, (size_t)n);
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 127;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int numsc_link_libs(const char **argv, int n)
{
    argv[n++] = NUMSC_RT_LIBRARY;
    argv[n++] = NUMSC_LAPACKE_LIBRARY;
    argv[n++] = NUMSC_OPENBLAS_LIBRARY;
    return n;
}

static int compile(const numsc_options *o, const char *cfile, const char *tmpout)
{
    const char *argv[32];
    int n = 0;
    argv[n++] = o->cc;
    argv[n++] = "-O2";
    argv[n++] = "-march=native";
    argv[n++] = "-fopenmp";
    argv[n++] = "-fno-math-errno";
    argv[n++] = "-ffp-contract=off";   /* a*b + c rounds twice, as NumPy computes it */
    if (NUMSC_SANITIZE) {
        argv[n++] = "-fsanitize=address,undefined";
        argv[n++] = "-fno-sanitize-recover=undefined";
    }
    argv[n++] = "-I" NUMSC_RT_INCLUDE_DIR;
    argv[n++] = "-I" NUMSC_OPENBLAS_INCLUDE_DIR;
    argv[n++] = cfile;
    argv[n++] = "-o";
    argv[n++] = tmpout;
    n = numsc_link_libs(argv, n);
    argv[n++] = "-lm";
    argv[n] = NULL;
    strbuf log;
    sb_init(&log);
    int st = numsc_run_captured((char *const *)argv, &log);
    if (st != 0) {
        fputs(log.buf, stderr);
        numsc_error("C compiler failed");
    }
    sb_free(&log);
    return st;
}

int numsc_install_exe(char *tmp, const char *out, int status)
{
    if (status == NUMSC_EXIT_OK) {
        mode_t mask = umask(0);
        umask(mask);
        chmod(tmp, 0777 & ~mask);
        if (rename(tmp, out) != 0) {
            numsc_error("cannot write %s: %s", out, strerror(errno));
            status = NUMSC_EXIT_INTERNAL;
        }
    }
    if (status != NUMSC_EXIT_OK)
        unlink(tmp);
    free(tmp);
    return status;
}

int numsc_build_exe(const char *c_text, size_t len, const numsc_options *o)
{
    const char *out = o->output ? o->output : "a.out";
    char *cfile = temp_c_file(c_text, len);
    if (!cfile)
        return NUMSC_EXIT_ERROR;
    char *tmpout = numsc_temp_output(out);
    int status = NUMSC_EXIT_ERROR;
    if (tmpout)
        status = numsc_install_exe(tmpout, out, compile(o, cfile, tmpout) == 0
                                                    ? NUMSC_EXIT_OK : NUMSC_EXIT_INTERNAL);
    if (o->keep_c)
        fprintf(stderr, "numsc: kept the C file %s\n", cfile);
    else
        unlink(cfile);
    free(cfile);
    return status;
}

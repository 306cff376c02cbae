/* options.c: numsc's command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/driver.h"
#include "passes/pass_util.h"
#include "numsc_config.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: numsc [options] FILE.nps|FILE.nir\n"
            "  -o OUT               output file (exe: a.out; ir, c: stdout)\n"
            "  --emit=ir|c|exe      what to produce (default exe)\n"
            "  --emit=llvm|obj      LLVM IR text (.ll) or an object file (LLVM backend)\n"
            "  --backend=c|llvm     how exe is built (default llvm, or $NUMSC_BACKEND)\n"
            "  -g                   DWARF line tables for the .nps lines (LLVM backend)\n"
            "  --target-cpu=NAME    LLVM target CPU (default: the host's CPU and features)\n"
            "  -O0 .. -O3           optimisation level (default -O2)\n"
            "  --passes=a,b,c       run exactly these passes (replaces -O)\n"
            "  --print-after-all    dump the IR to stderr after each pass that changed it\n"
            "  --print-after=NAME   dump the IR to stderr after pass NAME\n"
            "  --cc=PATH            C compiler for exe (default cc)\n"
            "  --keep-c             keep the generated C file (exe)\n"
            "  --remarks[=json]     say what the optimiser did and why not, per source line\n"
            "  --l1-cache=BYTES     L1 data cache size for tiling (default: this machine's)\n"
            "  --help, --version\n"
            "exit status: 0 success, 1 error in the input or usage, 3 internal error\n"
            "passes:\n");
    int n;
    const pass *all = passes_all(&n);
    for (int i = 0; i < n; i++)
        fprintf(out, "  %-20s %s\n", all[i].name, all[i].summary);
}

static bool starts(const char *s, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(s, prefix, n) != 0)
        return false;
    *rest = s + n;
    return true;
}

static int set_emit(numsc_options *o, const char *v)
{
    if (strcmp(v, "exe") == 0)
        o->emit = NUMSC_EMIT_EXE;
    else if (strcmp(v, "c") == 0)
        o->emit = NUMSC_EMIT_C;
    else if (strcmp(v, "ir") == 0)
        o->emit = NUMSC_EMIT_IR;
    else if (strcmp(v, "llvm") == 0)
        o->emit = NUMSC_EMIT_LLVM;
    else if (strcmp(v, "obj") == 0)
        o->emit = NUMSC_EMIT_OBJ;
    else {
        numsc_error("unknown --emit kind '%s' (ir, c, llvm, obj or exe)", v);
        return 1;
    }
    return -1;
}

static int set_backend(numsc_options *o, const char *v)
{
    if (strcmp(v, "c") == 0) {
        o->backend = NUMSC_BACKEND_C;
    } else if (strcmp(v, "llvm") == 0) {
#ifdef NUMSC_HAVE_LLVM
        o->backend = NUMSC_BACKEND_LLVM;
#else
        numsc_error("this numsc was built without the LLVM backend");
        return 1;
#endif
    } else {
        numsc_error("unknown --backend '%s' (c or llvm)", v);
        return 1;
    }
    return -1;
}

/* One option at argv[*i]; returns -1 to go on, else an exit status. */
static int parse_one(int argc, char **argv, int *i, numsc_options *o)
{
    const char *a = argv[*i], *v;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(a, "--version") == 0) {
        printf("numsc %s\n", NUMSC_VERSION);
        return 0;
    }
    if (strcmp(a, "-o") == 0) {
        if (++*i >= argc) {
            numsc_error("-o needs a file name");
            return 1;
        }
        o->output = argv[*i];
    } else if (starts(a, "--emit=", &v)) {
        return set_emit(o, v);
    } else if (a[0] == '-' && a[1] == 'O' && a[2] >= '0' && a[2] <= '3' && !a[3]) {
        o->opt_level = a[2] - '0';
    } else if (strcmp(a, "--print-after-all") == 0) {
        o->print_after_all = true;
    } else if (starts(a, "--print-after=", &v)) {
        o->print_after = v;
    } else if (starts(a, "--passes=", &v)) {
        o->passes = v;
    } else if (starts(a, "--cc=", &v)) {
        o->cc = v;
    } else if (strcmp(a, "--keep-c") == 0) {
        o->keep_c = true;
    } else if (starts(a, "--backend=", &v)) {
        return set_backend(o, v);
    } else if (strcmp(a, "-g") == 0) {
        o->debug = true;
    } else if (starts(a, "--target-cpu=", &v) && *v) {
        o->target_cpu = v;
    } else if (strcmp(a, "--remarks") == 0 || strcmp(a, "--remarks=text") == 0) {
        pu_set_remarks(PU_REMARKS_TEXT);
    } else if (strcmp(a, "--remarks=json") == 0) {
        pu_set_remarks(PU_REMARKS_JSON);
    } else if (starts(a, "--l1-cache=", &v)) {
        pass_tile_set_l1(atol(v));
    } else if (a[0] == '-' && a[1]) {
        numsc_error("unknown option '%s' (try --help)", a);
        return 1;
    } else if (o->input) {
        numsc_error("more than one input file ('%s' and '%s')", o->input, a);
        return 1;
    } else {
        o->input = a;
    }
    return -1;
}

int numsc_parse_options(int argc, char **argv, numsc_options *o)
{
    memset(o, 0, sizeof *o);
    o->opt_level = 2;
    o->cc = "cc";
#ifdef NUMSC_HAVE_LLVM
    o->backend = NUMSC_BACKEND_LLVM;
#endif
    const char *env = getenv("NUMSC_BACKEND");
    if (env && *env && set_backend(o, env) >= 0)
        return 1;
    for (int i = 1; i < argc; i++) {
        int st = parse_one(argc, argv, &i, o);
        if (st >= 0)
            return st;
    }
    if (!o->input) {
        numsc_error("no input file (try --help)");
        return 1;
    }
    if (o->print_after && !passes_lookup(o->print_after)) {
        numsc_error("unknown pass '%s' in --print-after", o->print_after);
        return 1;
    }
    return -1;
}

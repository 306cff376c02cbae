/* pass_manager.c: the pass registry, the -O pipelines and the pass runner.
 *
 * Halide/MLIR style: the pipeline is one linear list; after each pass the
 * verifier runs, and the IR is dumped under a header
 *     // -----// IR Dump After NAME //----- //
 * when --print-after-all is on and the pass changed something, or when the
 * pass is the one named by --print-after (dumped even if unchanged).
 */
#include <string.h>

#include "passes/passes.h"

/* ORDER PASSES: every pass, by name. */
static const pass all_passes[] = {
    {"lower-elementwise", "rewrite elementwise ops on arrays into one-op maps",
     pass_lower_elementwise},
    {"dce", "remove dead ops that cannot raise", pass_dce},
    {"fuse-maps", "merge elementwise loops: no temporary arrays between them", pass_fuse_maps},
    {"parallelize", "run for loops with independent iterations in parallel", pass_parallelize},
    {"tile", "block maps that read transposed operands into cache tiles", pass_tile},
    {"simplify", "algebraic rewrites (x**2 -> x*x, x*1 -> x) and constant folding", pass_simplify},
    {"cse", "reuse the value of an identical earlier op (common subexpressions)", pass_cse},
    {"licm", "hoist loop-invariant ops, array expressions included, out of loops", pass_licm},
    {"matmul-rewrite", "X.T @ X -> syrk, matrix-chain reassociation, BLAS remarks",
     pass_matmul_rewrite},
};

enum { NPASSES = (int)(sizeof all_passes / sizeof all_passes[0]) };

/* The -O pipelines.  -O0 leaves elementwise ops to the emitter. */
static const pass *const pipeline_o0[] = {NULL};
static const pass *const pipeline_o1[] = {&all_passes[1], &all_passes[0], &all_passes[2], &all_passes[1],
                                          &all_passes[3], &all_passes[4], NULL};

const pass *passes_all(int *count)
{
    *count = NPASSES;
    return all_passes;
}

const pass *passes_lookup(const char *name)
{
    for (int i = 0; i < NPASSES; i++)
        if (strcmp(all_passes[i].name, name) == 0)
            return &all_passes[i];
    return NULL;
}

/* -O2 and -O3: algebraic rewrites first (on array-level ops), then the
 * -O1 loop pipeline, then simplify and cse again on the fused map bodies. */
static const pass *const pipeline_o2[] = {
    &all_passes[5], &all_passes[6], &all_passes[1], &all_passes[7], &all_passes[8],
    &all_passes[0], &all_passes[2], &all_passes[5], &all_passes[6], &all_passes[1],
    &all_passes[3], &all_passes[4], NULL};

const pass *const *passes_default_pipeline(int opt_level)
{
    return opt_level <= 0 ? pipeline_o0 : opt_level == 1 ? pipeline_o1 : pipeline_o2;
}

static void dump_after(const pass *p, const ir_module *m, FILE *out)
{
    fprintf(out, "// -----// IR Dump After %s //----- //\n", p->name);
    ir_print_module(out, m);
    fflush(out);
}

int passes_run(ir_module *m, const pass *const *pipeline, const pass_run_options *opts)
{
    FILE *dump = opts && opts->dump ? opts->dump : stderr;
    for (int i = 0; pipeline[i]; i++) {
        const pass *p = pipeline[i];
        bool changed = p->run(m);
        int problems = ir_verify(m);
        if (problems) {
            fprintf(stderr, "numsc: internal error: IR verifier failed after pass '%s'\n",
                    p->name);
            return problems;
        }
        bool named = opts && opts->print_after && strcmp(opts->print_after, p->name) == 0;
        if (named || (opts && opts->print_after_all && changed))
            dump_after(p, m, dump);
    }
    return 0;
}

/* passes.h: the pass manager and the passes that rewrite IR towards the loop level.
 *
 * A pass is one function over a module returning whether it changed
 * anything.  The default pipeline for each -O level is one plain list
 * (pass_manager.c); --passes=a,b names an explicit one.  The manager runs
 * the verifier after every pass and can dump the IR after each.
 */
#ifndef NUMSC_PASSES_H
#define NUMSC_PASSES_H

#include <stdbool.h>
#include <stdio.h>

#include "ir/ir.h"

typedef struct pass {
    const char *name;       /* as used by --passes and --print-after */
    const char *summary;    /* one line for --help */
    bool (*run)(ir_module *m);
} pass;

/* Every registered pass, in a stable order; *count receives their number. */
const pass *passes_all(int *count);
/* The pass called name, or NULL. */
const pass *passes_lookup(const char *name);
/* The default pipeline for opt level 0..3: a NULL-terminated list. */
const pass *const *passes_default_pipeline(int opt_level);

typedef struct pass_run_options {
    bool print_after_all;       /* dump after every pass that changed the IR */
    const char *print_after;    /* dump after the pass of this name (if it changed the IR) */
    FILE *dump;                 /* where dumps go; NULL = stderr */
} pass_run_options;

/* Run the NULL-terminated pipeline over m, verifying after each pass.
 * Returns 0, or the number of verifier problems after the first pass that
 * broke the IR (diagnostics already printed; the remaining passes are skipped). */
int passes_run(ir_module *m, const pass *const *pipeline, const pass_run_options *opts);

/* ---- the passes ---- */
/* lower-elementwise: elementwise ops on arrays -> one-op MAPs. */
bool pass_lower_elementwise(ir_module *m);
/* dce: remove dead ops that cannot raise. */
bool pass_dce(ir_module *m);
/* fuse-maps: merge a map into the map that reads its result. */
bool pass_fuse_maps(ir_module *m);
/* parallelize: mark for loops with independent iterations parallel. */
bool pass_parallelize(ir_module *m);
/* tile: cache tiles for maps that read a transposed operand. */
bool pass_tile(ir_module *m);
void pass_tile_set_l1(long bytes);      /* --l1-cache=BYTES; 0 = ask the machine */
/* simplify: algebraic rewrites (x**2 -> x*x, x*1 -> x, ...) and constant folding. */
bool pass_simplify(ir_module *m);
/* cse: reuse the value of an identical earlier op in the same block. */
bool pass_cse(ir_module *m);
/* licm: move loop-invariant ops (array expressions too) out of loops. */
bool pass_licm(ir_module *m);
/* matmul-rewrite: X.T @ X -> syrk, matrix-chain reassociation, BLAS remarks. */
bool pass_matmul_rewrite(ir_module *m);

#endif

/* sema_ext.h: library functions beyond the core NumPy namespace.
 *
 * Each area (shape ops, linear algebra, random generators, files, sys/time)
 * lives in its own file and exports a table of the qualified names it
 * handles: "np.concatenate", "np.linalg.solve", "np.random.default_rng",
 * "rng.normal" (a method of a generator), "np.save", "time.perf_counter".
 * Name lookup (sema_numpy.c) and method calls consult these tables, so an
 * area is added without touching the dispatch code.
 */
#ifndef NUMSC_SEMA_EXT_H
#define NUMSC_SEMA_EXT_H

#include "frontend/sema.h"

typedef val (*sema_ext_handler)(fctx *F, const char *name, call_args *c);

typedef struct sema_ext_fn {
    const char *name;           /* qualified; the table ends with a NULL name */
    sema_ext_handler fn;
} sema_ext_fn;

extern const sema_ext_fn sema_shape_fns[];      /* sema_shape.c */
extern const sema_ext_fn sema_linalg_fns[];     /* sema_linalg.c */
extern const sema_ext_fn sema_random_fns[];     /* sema_random.c */
extern const sema_ext_fn sema_file_fns[];       /* sema_files.c */
extern const sema_ext_fn sema_sys_fns[];        /* sema_sys.c */
extern const sema_ext_fn sema_fancy_fns[];      /* sema_fancy.c: np.nonzero ... */

const sema_ext_fn *sema_ext_lookup(const char *qualname);

/* Module attributes that are values, not functions (sys.argv). */
val sema_sys_attr(fctx *F, const char *qualname, src_loc loc, bool *found);
/* sys.argv: is t its type; argv[i] (e an AST_SUBSCRIPT); len(argv).  sema_sys.c */
bool sema_is_argv(const sema_type *t);
val sema_argv_index(fctx *F, ast_expr *e);
val sema_argv_len(fctx *F, src_loc loc);
/* int(s) / float(s) of a str value, parsed at run time.  sema_sys.c */
val sema_str_convert(fctx *F, const char *name, val s, src_loc loc);

/* obj[index] where an index item is an array (masks, integer index arrays);
 * store: the value assigned (NULL for a read). sema_fancy.c */
val sema_fancy_index(fctx *F, ast_expr *e, val obj, val *store);
/* Is the subscript e indexed by an array (reads of it are copies)? sema_fancy.c */
bool sema_fancy_target(fctx *F, ast_expr *e);
/* np.nonzero(a), a.nonzero(), np.flatnonzero(a), np.where(a). sema_fancy.c */
val sema_fancy_nonzero(fctx *F, const char *name, call_args *c);

/* print(f"...") writes the pieces directly: the fields are evaluated with
 * the other arguments (a TY_STR val holding them in items), then written.
 * sema_fstring.c */
val sema_fstring_fields(fctx *F, ast_expr *e);
void sema_write_fstring(fctx *F, ast_expr *e, val fields);
/* An f-string anywhere else (assigned, passed). sema_fstring.c */
val sema_fstring_value(fctx *F, ast_expr *e);

/* The qualified name used in tables and messages: "np.linalg" for numpy.linalg. */
const char *sema_qualname(fctx *F, const char *module, const char *name);

#endif

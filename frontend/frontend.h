/* frontend.h: the front end's one entry point.
 *
 * Parse, check and lower a .nps program to array-level IR.  On any error the
 * diagnostics have been printed (diag.h) and NULL is returned; the caller
 * must not write any output then.
 */
#ifndef NUMSC_FRONTEND_H
#define NUMSC_FRONTEND_H

#include "ir/ir.h"

/* path: as given on the command line (used in diagnostics and embedded in
 * the program for runtime errors); text: the file's contents. */
ir_module *nps_compile_to_ir(const char *path, const char *text);

#endif

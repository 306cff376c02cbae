/* strlit.h: string literals: escape decoding, concatenation, f-strings. */
#ifndef NUMSC_STRLIT_H
#define NUMSC_STRLIT_H

#include <stdbool.h>

#include "frontend/ast.h"
#include "grammar/lexstate.h"

/* Decode st->body (escapes, unless raw) into st->text/len.  false on a bad
 * escape (the caller reports it). */
bool nps_decode_string(ast_module *m, nps_strtok *st);

/* Adjacent literals "a" f"{b}" 'c' as one AST_STR, or an AST_FSTRING when
 * any of them is an f-string.  NULL after reporting an error. */
ast_expr *nps_build_string(ast_module *m, nps_strtok **toks, int n);

#endif

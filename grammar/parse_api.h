/* parse_api.h: entry points of the grammar module (scanner, filter, parser).
 *
 * ast_parse (frontend/ast.c) calls nps_parse_file; the f-string splitter
 * calls nps_parse_expr_at to parse the expression inside `{...}`; the
 * lexer tests use nps_tokenize.
 */
#ifndef NUMSC_PARSE_API_H
#define NUMSC_PARSE_API_H

#include <stdbool.h>
#include <stddef.h>

#include "frontend/ast.h"
#include "grammar/lexstate.h"

/* Parse a whole file into *out.  Returns false after reporting diagnostics. */
bool nps_parse_file(ast_module *m, const char *text, ast_block *out);

/* Parse text[0..len) as one expression (a tuple if it has top-level commas)
 * whose first character sits at line:col of the file.  NULL on error. */
ast_expr *nps_parse_expr_at(ast_module *m, const char *text, size_t len, int line, int col);

/* Token stream of a whole file, one word per token separated by spaces:
 * NAME(x) INT(3) FLOAT(0.5) STRING("a\n") NEWLINE INDENT DEDENT, keywords and
 * operators as written.  Returns a malloc'd string, or NULL after reporting
 * a lexical error (its text is what the error said). */
char *nps_tokenize(const char *path, const char *text);

/* Bison's name of a token kind: "\"for\"", "':'", "name". */
const char *nps_token_name(int tok);

/* The scanner, wrapped (lexer.l). */
int nps_scan_init(void **scanner, nps_lexstate *st, const char *text, size_t len);
void nps_scan_destroy(void *scanner);
nps_lexstate *nps_scan_state(void *scanner);

#endif

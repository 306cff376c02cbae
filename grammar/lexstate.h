/* lexstate.h: state shared by the flex scanner, the token filter and the parser.
 *
 * The scanner (lexer.l) produces raw tokens and marks the first token of
 * each logical line with its indentation; the filter (tokfilter.c) turns
 * indentation changes into INDENT/DEDENT, adds the NEWLINE and DEDENTs at
 * EOF, and emits the start token that selects the grammar's entry point.
 */
#ifndef NUMSC_LEXSTATE_H
#define NUMSC_LEXSTATE_H

#include <stdbool.h>

#include "frontend/ast.h"

/* A string literal token: plain, raw or f-string; decoded by strlit.c. */
typedef struct nps_strtok {
    bool is_fstring;
    bool is_raw;
    const char *body;       /* source text between the quotes (arena) */
    int body_len;
    int body_line, body_col;/* where body starts in the file */
    const char *text;       /* plain strings: decoded text (arena) */
    int len;
    src_loc loc;            /* the whole token */
} nps_strtok;

enum { NPS_MAX_INDENT = 100, NPS_MAX_PARENS = 200 };

typedef enum nps_mode { NPS_MODE_FILE, NPS_MODE_EXPR } nps_mode;

typedef struct nps_lexstate {
    ast_module *mod;            /* arena for token values */
    nps_mode mode;
    bool failed;                /* a lexical error was reported */

    /* Position of the next character (1-based). */
    int line, col;

    /* Open brackets: implicit line joining while nparens > 0. */
    char parens[NPS_MAX_PARENS];
    src_loc paren_locs[NPS_MAX_PARENS];
    int nparens;

    /* Indentation of the current logical line, as scanned. */
    bool new_line;              /* no token yet on this logical line */
    bool line_has_tokens;       /* a token was seen on this logical line */
    int indent, alt_indent;     /* tab stops of 8, and tabs as 1 column */
    bool tok_first;             /* the token just returned starts a logical line */
    src_loc prev_end;           /* one-column span just past the last real token */

    /* Filter state. */
    int indstack[NPS_MAX_INDENT], altstack[NPS_MAX_INDENT];
    int depth;                  /* entries in use above the implicit 0 */
    int pending_dedents;
    bool start_sent, at_eof, last_was_newline, emitted_any;
    bool have_held;
    int held_tok;
    src_loc held_loc;
    char held_val[32];          /* the held token's semantic value (YYSTYPE) */
} nps_lexstate;

#endif

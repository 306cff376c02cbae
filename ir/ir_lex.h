/* ir_lex.h: private to ir/: the tokenizer of the IR text form.
 *
 * Newlines are tokens (an op ends at the end of its line); `//` comments and
 * other blanks are skipped.  Errors are reported by the parser. */
#ifndef NUMSC_IR_LEX_H
#define NUMSC_IR_LEX_H

#include <stdint.h>

#include "support/diag.h"

typedef enum irl_kind {
    IRL_EOF,
    IRL_NL,
    IRL_LOCAL,      /* %name   (text, len: the name without sigil) */
    IRL_GLOBAL,     /* $name */
    IRL_SYM,        /* @name */
    IRL_WORD,       /* an identifier: opcode, keyword, dtype, attribute word */
    IRL_INT,        /* ival */
    IRL_FLOAT,      /* fval (also -inf; bare inf/nan are WORDs) */
    IRL_STR,        /* text/len: the raw body between the quotes */
    IRL_PUNCT,      /* one of ( ) [ ] { } , : = ? ; ch */
    IRL_ARROW,      /* -> */
    IRL_BAD,        /* an unexpected character or malformed token; msg */
} irl_kind;

typedef struct irl_token {
    irl_kind kind;
    const char *text;
    int len;
    char ch;
    int64_t ival;
    double fval;
    const char *msg;
    const char *raw;    /* the token as written, rawlen bytes */
    int rawlen;
    src_loc loc;
} irl_token;

typedef struct irl_lexer {
    const char *p;
    int line, col;
} irl_lexer;

void irl_init(irl_lexer *lx, const char *text);
irl_token irl_next(irl_lexer *lx);

#endif
